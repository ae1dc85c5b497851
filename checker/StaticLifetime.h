//===--- StaticLifetime.h - objects that live as long as the program ------===//
//
// Which classes of a translation unit have an object that lives as long as
// the program: the type of a variable with static storage duration (a
// global, a static data member, a function-local static such as the
// instance of a Meyers singleton), of a pointer with static storage that is
// given a `new` object (a leaky singleton: in its initializer, or only ever
// assigned one and never deleted when no other file can name the pointer),
// of a static smart pointer made with one and never reset, or of a local
// variable of `main`; and, transitively, the classes of those objects' by-value data
// members and of the objects they own through a std::unique_ptr or a raw
// pointer filled with `new`, when only their constructors set that member
// (see ConstructionOnly.h). Shared by refcycle-dangling-capture (a callback bound to such an
// object cannot outlive it) and refcycle-unbounded-cache (a container in
// such an object lives as long as a static one).
//
//===----------------------------------------------------------------------===//

#ifndef REFCYCLE_CHECKER_STATICLIFETIME_H
#define REFCYCLE_CHECKER_STATICLIFETIME_H

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::refcycle {

/// The class of the object the data member \p F owns for as long as its
/// own object lives, or null: a by-value member (an array's element class),
/// or what a std::unique_ptr or a raw pointer filled only with `new` points
/// to when only the constructors of its class set that member (they are
/// made with it and replaced never; see ConstructionOnly.h).
const CXXRecordDecl *partOwnedForLife(const FieldDecl *F);

class StaticLifetimes {
public:
  /// Walks the declarations of \p TU outside system headers.
  void collect(const TranslationUnitDecl *TU, const SourceManager &SM);
  void clear() {
    Instances.clear();
    Provisional.clear();
    Released.clear();
  }

  /// The variable that gives \p Record an object living as long as the
  /// program (itself, or an object it holds by value), or null.
  const VarDecl *instanceOf(const CXXRecordDecl *Record) const;

  /// Every class with such an object, and the variable that gives it one.
  const llvm::DenseMap<const CXXRecordDecl *, const VarDecl *> &
  instances() const {
    return Instances;
  }

  /// Classes whose object lives as long as the program unless another file
  /// deletes or replaces it: a global pointer given a `new` object, or a
  /// static smart pointer made with one, that other files can name. The
  /// whole program decides (LifetimeFacts.h).
  const llvm::DenseMap<const CXXRecordDecl *, const VarDecl *> &
  provisional() const {
    return Provisional;
  }

  /// Global pointers (raw or smart) this translation unit deletes, resets
  /// or gives another value than the `new` object.
  const llvm::SmallPtrSetImpl<const VarDecl *> &released() const {
    return Released;
  }

private:
  using InstanceMap = llvm::DenseMap<const CXXRecordDecl *, const VarDecl *>;
  void add(const CXXRecordDecl *Record, const VarDecl *Var, unsigned Depth,
           InstanceMap &Into);

  InstanceMap Instances;
  InstanceMap Provisional;
  llvm::SmallPtrSet<const VarDecl *, 4> Released;
};

} // namespace clang::tidy::refcycle

#endif // REFCYCLE_CHECKER_STATICLIFETIME_H
