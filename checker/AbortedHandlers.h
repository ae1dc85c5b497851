//===--- AbortedHandlers.h - completion handlers on an aborted operation --===//
//
// An asynchronous operation started on an I/O object (socket, acceptor,
// timer) that is a member of the object is aborted when the object dies: the
// member's destructor closes it, and its handler runs later with
// operation_aborted. Such a handler is harmless if, told that the operation
// was aborted, it returns without touching the object. This file decides
// that from the handler's body (used by refcycle-dangling-capture).
//
//===----------------------------------------------------------------------===//

#ifndef REFCYCLE_CHECKER_ABORTEDHANDLERS_H
#define REFCYCLE_CHECKER_ABORTEDHANDLERS_H

#include "clang/AST/Decl.h"

namespace clang::tidy::refcycle::escape {

/// Does \p Handler, called with an error code that says its operation was
/// aborted, return without touching `this`? Its first parameter of type
/// `error_code` (std, boost::system, asio) is taken to hold
/// operation_aborted; conditions on it are evaluated under that assumption
/// (`if (ec) return;`, `if (ec == error::operation_aborted) return;`,
/// `if (!ec) { ... }`, `if (ec != error::operation_aborted) { ... }`, and
/// `&&`, `||` of them). Any other condition must be safe both ways.
bool leavesObjectWhenAborted(const FunctionDecl *Handler);

/// Does the member \p F die with its object: held by value, by
/// std::unique_ptr, or by a raw pointer that the class fills only with new?
bool diesWithObject(const FieldDecl *F);

/// Does the member \p F hold an object that hands its handlers to an
/// executor (a type of Asio's, such as a strand, or one with
/// `get_executor()` or `get_io_service()`: a socket, timer, acceptor)? An
/// object without one keeps what is queued on it
/// itself (its own queue, thread or event loop), and takes it along when it
/// is destroyed.
bool queuesOnExecutor(const FieldDecl *F);

} // namespace clang::tidy::refcycle::escape

#endif // REFCYCLE_CHECKER_ABORTEDHANDLERS_H
