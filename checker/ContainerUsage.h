//===--- ContainerUsage.h - how an expression uses a container ------------===//
//
// Classifies one use of a container object (a reference to a variable or a
// data member of container type) by what it can do to the container's size:
// grow it, shrink it, look into it, only read it, or let it escape to code
// whose effect is unknown. Used by refcycle-unbounded-cache; kept free of any
// check state so that other checks can reuse it.
//
//===----------------------------------------------------------------------===//

#ifndef REFCYCLE_CHECKER_CONTAINERUSAGE_H
#define REFCYCLE_CHECKER_CONTAINERUSAGE_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/ASTTypeTraits.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"

namespace clang::tidy::refcycle {

/// The parent of each statement and declaration of the code a check walked
/// itself. ASTContext::getParents builds a map of the whole translation unit,
/// system headers included, on first use; on a TU that includes Boost.Asio
/// that costs seconds, while the user code is usually small.
class ParentIndex {
public:
  void add(const DynTypedNode &Child, const DynTypedNode &Parent) {
    if (const void *Key = Child.getMemoizationData())
      Parents.try_emplace(Key, Parent);
  }
  /// The parent, or a null node when it is unknown (top level, or outside
  /// the walked code).
  DynTypedNode parent(const DynTypedNode &Child) const {
    const void *Key = Child.getMemoizationData();
    const auto It = Key ? Parents.find(Key) : Parents.end();
    return It == Parents.end() ? DynTypedNode() : It->second;
  }

private:
  llvm::DenseMap<const void *, DynTypedNode> Parents;
};

enum class ContainerUseKind {
  Grow,   ///< may add elements: insert, emplace, push_back, map operator[]
  Shrink, ///< may remove elements: erase, clear, pop_*, swap, assignment, ...
  Lookup, ///< keyed lookup: find, count, contains, at, equal_range
  Read,   ///< cannot change the size: size(), iteration, copy, const access
  Escape, ///< address or non-const reference handed to unknown code
};

struct ContainerUse {
  ContainerUseKind Kind = ContainerUseKind::Escape;
  /// The call or operator that performs the use (the reference itself when
  /// there is none).
  const Expr *Site = nullptr;
  /// The member function or operator name ("emplace", "operator[]"), if any.
  llvm::StringRef Operation;
  /// Map operator[]: a lookup that inserts on a miss.
  bool InsertingLookup = false;
};

/// Classifies \p Ref, an expression that denotes the container object itself
/// (a DeclRefExpr or MemberExpr), by walking up to its parent expression.
/// \p IsMap tells whether operator[] inserts (associative containers).
ContainerUse classifyContainerUse(const Expr *Ref, bool IsMap,
                                  const ParentIndex &Parents);

} // namespace clang::tidy::refcycle

#endif // REFCYCLE_CHECKER_CONTAINERUSAGE_H
