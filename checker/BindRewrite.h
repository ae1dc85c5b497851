//===--- BindRewrite.h - std::bind as a lambda that holds weakly -*- C++ -*-===//
//
// The fix for a std::bind that copies a strong pointer into the callable it
// makes: the same call, written as a lambda that holds a weak reference
// instead and calls only while the object is alive.
//
//===----------------------------------------------------------------------===//

#ifndef REFCYCLE_CHECKER_BINDREWRITE_H
#define REFCYCLE_CHECKER_BINDREWRITE_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace clang::tidy::refcycle {

/// `std::bind(f, a, p)` -> `[a, weak_p = W(p)](auto &&...) { if (auto p =
/// weak_p.lock()) f(a, p); }`, where \p Held is p and \p WeakType spells W.
///
/// Only for a call written out in full that the lambda can repeat as is:
/// every argument bound (no placeholder), each a local variable, `this` or
/// a literal; the function a plain function, a static member function, or
/// a member function called on a bound pointer; returning void, like the
/// lambda. The lambda takes and ignores any arguments, as the binder did
/// (C++14: a generic lambda). std::nullopt otherwise.
std::optional<std::string> weakLambdaForBind(const CallExpr *Bind,
                                             const VarDecl *Held,
                                             llvm::StringRef WeakType,
                                             ASTContext &Ctx);

} // namespace clang::tidy::refcycle

#endif // REFCYCLE_CHECKER_BINDREWRITE_H
