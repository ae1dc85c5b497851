//===--- MemberReleases.h - members the code empties on purpose -----------===//
//
// Where the code gives up what a member holds outside the special members
// of its class: `m = nullptr`, `m = {}`, `m = T()`, `m.reset()`,
// `m.clear()`. A strong reference kept in such a member is let go by design
// (a callback cleared once the connection is established, a request list
// drained when the work is done); constructors, destructors and assignment
// operators run when the object begins, ends or is overwritten, not to end
// a cycle it is in, so they do not count. refcycle-dangling-capture uses it
// for callbacks that hold their own object; the whole program sees the
// releases of every file (LifetimeFacts.h).
//
//===----------------------------------------------------------------------===//

#ifndef REFCYCLE_CHECKER_MEMBERRELEASES_H
#define REFCYCLE_CHECKER_MEMBERRELEASES_H

#include "clang/AST/Decl.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::refcycle {

/// A value that holds nothing: `nullptr`, `{}`, `T()`, `T{}`,
/// `std::shared_ptr<T>()`, `std::function<F>(nullptr)`.
bool isEmptyValue(const Expr *E, ASTContext &Ctx);

/// The data members of class type (callbacks, smart pointers, containers)
/// that the bodies of \p Functions release outside their classes' special
/// members, lambdas in those bodies included.
llvm::SmallPtrSet<const FieldDecl *, 16>
releasedMembers(llvm::ArrayRef<const FunctionDecl *> Functions);

} // namespace clang::tidy::refcycle

#endif // REFCYCLE_CHECKER_MEMBERRELEASES_H
