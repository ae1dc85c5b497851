//===--- EntryLifetimes.h - entries one function adds and then loses ------===//
//
// Two shapes in which a single function leaves an entry behind in a keyed
// container that it otherwise keeps in step with its work. Both are bugs of
// tables that do shrink, so refcycle-unbounded-cache's grow-only rule cannot
// see them:
//
//  - an exit that keeps the entry: the function adds key K and removes K
//    again before some of its returns, but another return with the same
//    result skips the removal (the early return that forgets the clean-up);
//  - a re-insert after removal: the function erases K and later reads c[K],
//    which inserts a default entry for K again, so the entry it just removed
//    comes back and stays.
//
// Both are judged on the statement structure of one function body. A step
// certainly runs before a statement when the two are statements of one block
// in that order and the step runs whenever its own statement does (it is not
// inside a branch or loop body of that statement).
//
//===----------------------------------------------------------------------===//

#ifndef REFCYCLE_CHECKER_ENTRYLIFETIMES_H
#define REFCYCLE_CHECKER_ENTRYLIFETIMES_H

#include "ContainerUsage.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/ArrayRef.h"
#include <utility>
#include <vector>

namespace clang::tidy::refcycle {

using ContainerUseList =
    llvm::ArrayRef<std::pair<const Expr *, ContainerUse>>;

/// A return that keeps the entry for Key, while another return of the same
/// function with the same result removes it first.
struct KeptEntry {
  const Expr *Insert = nullptr;      ///< where Key is added
  const ReturnStmt *Keeps = nullptr; ///< the return that leaves it in
  const ReturnStmt *Removes = nullptr;
  const Expr *Erase = nullptr; ///< the removal before Removes
  const ValueDecl *Key = nullptr;
};

/// `c[Key]` read after `c.erase(Key)` in the same function: it inserts a
/// default entry for the key that was just removed.
struct Reinsertion {
  const Expr *Erase = nullptr;
  const Expr *Subscript = nullptr;
  const ValueDecl *Key = nullptr;
};

/// The kept entries among \p Uses, the classified references to the keyed
/// container \p Container (a variable or data member).
std::vector<KeptEntry> findKeptEntries(const ValueDecl *Container,
                                       ContainerUseList Uses,
                                       const ParentIndex &Parents);

/// Does the subscript \p Subscript only read the element (an rvalue use, a
/// by-value or const reference argument, a const member call)?
bool onlyReadsElement(const Expr *Subscript, const ParentIndex &Parents);

/// The re-insertions among \p Uses (only maps: operator[] inserts).
std::vector<Reinsertion> findReinsertions(const ValueDecl *Container,
                                          ContainerUseList Uses,
                                          const ParentIndex &Parents);

} // namespace clang::tidy::refcycle

#endif // REFCYCLE_CHECKER_ENTRYLIFETIMES_H
