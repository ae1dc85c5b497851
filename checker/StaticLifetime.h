//===--- StaticLifetime.h - objects that live as long as the program ------===//
//
// Which classes of a translation unit have an object that lives as long as
// the program: the type of a variable with static storage duration (a
// global, a static data member, a function-local static such as the
// instance of a Meyers singleton), of a pointer with static storage that is
// given a `new` object (a leaky singleton), or of a local variable of
// `main`; and, transitively, the classes of those objects' by-value data
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

namespace clang::tidy::refcycle {

class StaticLifetimes {
public:
  /// Walks the declarations of \p TU outside system headers.
  void collect(const TranslationUnitDecl *TU, const SourceManager &SM);
  void clear() { Instances.clear(); }

  /// The variable that gives \p Record an object living as long as the
  /// program (itself, or an object it holds by value), or null.
  const VarDecl *instanceOf(const CXXRecordDecl *Record) const;

private:
  void add(const CXXRecordDecl *Record, const VarDecl *Var, unsigned Depth);

  llvm::DenseMap<const CXXRecordDecl *, const VarDecl *> Instances;
};

} // namespace clang::tidy::refcycle

#endif // REFCYCLE_CHECKER_STATICLIFETIME_H
