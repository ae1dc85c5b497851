//===--- CContextCallbacks.h - `this` as a C callback's context -----------===//
//
// C libraries take a callback as a function pointer and the object it is
// for as a `void *` context, and keep both: libevent's
// `event_new(base, fd, EV_READ, &Conn::onRead, this)` and
// `bufferevent_setcb(bev_, r, w, e, this)`, libuv's `timer_.data = this;`
// before `uv_timer_start(&timer_, cb, ...)`, `pthread_create(&t_, 0, run,
// this)`. The library calls back with that pointer until the registration
// is freed, stopped or closed; an object destroyed first leaves it
// dangling.
//
// What counts is what the code does, not the library's name: a call of a
// function declared in a system header that has a function-pointer
// parameter and receives `this` for a `void *` parameter, or `this` stored
// into a `void *` field of a C struct member. The registration's handle is
// the member the call's result is stored into, or the member its first
// argument names (`bev_`, `&timer_`). A member function of the class that
// hands that handle to a C function which frees, deletes, closes, stops,
// cancels, disables, disconnects, removes, joins or destroys it is the
// teardown (the library's bodies cannot be seen: the name is the only
// evidence there is).
//
//===----------------------------------------------------------------------===//

#ifndef REFCYCLE_CHECKER_CCONTEXTCALLBACKS_H
#define REFCYCLE_CHECKER_CCONTEXTCALLBACKS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include <vector>

namespace clang::tidy::refcycle {

/// `this` handed to a C library as the context of a callback it keeps.
struct CContextRegistration {
  /// The registration call (`event_new(...)`), or the `h.data = this`
  /// assignment.
  const Expr *Site = nullptr;
  /// The function called, null for a `data` assignment.
  const FunctionDecl *Callee = nullptr;
  /// The `this` expression.
  const Expr *Context = nullptr;
  /// The member that holds the registration.
  const FieldDecl *Handle = nullptr;
  /// The class of `this`.
  const CXXRecordDecl *Object = nullptr;
  /// The teardown of Handle found in a member function of Object, if any.
  const CallExpr *Teardown = nullptr;
};

/// The registrations of `this` as a C callback context in \p Fn (a member
/// function) that a member of the object holds, each with its handle and
/// teardown (if any).
std::vector<CContextRegistration> findCContextRegistrations(
    const FunctionDecl *Fn, ASTContext &Ctx);

} // namespace clang::tidy::refcycle

#endif // REFCYCLE_CHECKER_CCONTEXTCALLBACKS_H
