//===--- RearmedHandlers.h - handlers that keep their object and re-arm ---===//
//
// A completion handler that holds a strong reference to its object
// (`[self = shared_from_this()]`, `std::bind(&C::f, shared_from_this(), _1)`)
// and is queued on an I/O object the object owns (a timer member) keeps the
// object alive until it runs. When it runs it starts the operation again
// (`timer_.async_wait(...)` from the function it calls), so the object
// lives for as long as the event loop does, unless someone stops the I/O
// object. If only the object's destructor stops it, nothing ever does: the
// destructor cannot run while a pending handler holds the object. This
// file finds the re-arming and the stopping calls (used by
// refcycle-dangling-capture).
//
//===----------------------------------------------------------------------===//

#ifndef REFCYCLE_CHECKER_REARMEDHANDLERS_H
#define REFCYCLE_CHECKER_REARMEDHANDLERS_H

#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::refcycle::escape {

/// The member of `this` that \p Object (the object of a member call) names,
/// directly or through a smart pointer's `->` ('timer_.f()',
/// 'timer_->f()'), and whether it went through `->`; null if none.
const FieldDecl *memberOfThis(const Expr *Object, bool *ThroughArrow = nullptr);

/// Does \p Handler (a handler's body) call \p Start, directly or through
/// member functions of \p Owner whose bodies are here (three calls deep)?
bool reachesFunction(const Stmt *Handler, const FunctionDecl *Start,
                     const CXXRecordDecl *Owner);

/// The calls that stop the I/O object in member \p On of \p Owner
/// (`cancel()`, `close()`, `shutdown()`, or, for a smart pointer member,
/// `reset()` and assigning it), among the bodies of \p Owner's member
/// functions in this translation unit.
struct StopSites {
  llvm::SmallVector<const Expr *, 2> InDestructor;
  bool Elsewhere = false;
};
StopSites stopsOf(const FieldDecl *On, const CXXRecordDecl *Owner);

/// Could code other than the destructor end the chain without a call this
/// file shows: a member function of \p Owner (not a constructor or the
/// destructor) whose body is in another file may stop the I/O object, and
/// one that assigns a member \p Handler reads (a `running_` flag the
/// handler tests before re-arming) may make the handler stop.
bool mayBeStoppedElsewhere(const Stmt *Handler, const CXXRecordDecl *Owner);

} // namespace clang::tidy::refcycle::escape

#endif // REFCYCLE_CHECKER_REARMEDHANDLERS_H
