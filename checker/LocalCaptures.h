//===--- LocalCaptures.h - locals captured by reference that escape -------===//
//
// A lambda that captures a local variable (or a by-value parameter) by
// reference refers to storage that ends when its function returns. Stored
// somewhere that outlives the call (a member, a global, a registration, a
// queue, a detached thread), it reads and writes a dead stack frame the
// next time it runs. The escape itself is found by CallableEscape; this
// file holds what decides such a finding: whether the function waits for
// what it handed on before returning, whether the registration dies with a
// local the framework tracks, and whether capturing by copy compiles.
// Used by refcycle-dangling-capture.
//
//===----------------------------------------------------------------------===//

#ifndef REFCYCLE_CHECKER_LOCALCAPTURES_H
#define REFCYCLE_CHECKER_LOCALCAPTURES_H

#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <optional>

namespace clang::tidy::refcycle::escape {

/// The call, after \p Site in the body of \p Fn (in source order, outside
/// lambdas), of a function named in \p WaitFunctions (`join`, `run`,
/// `exec`): the function waits there for what it started, so a callable
/// handed on at \p Site has run, or is never run, before the function
/// returns. Null when there is none.
const CallExpr *waitAfter(const FunctionDecl *Fn, const Expr *Site,
                          llvm::ArrayRef<StringRef> WaitFunctions,
                          const SourceManager &SM);

/// \p Site, a registration call, is also given a variable of \p Fn with
/// automatic storage (or its address) whose class the framework tracks
/// (\p TrackedBases, e.g. a local QObject as sender or context): the
/// registration ends when that variable goes out of scope, which happens no
/// later than the end of the call. \p Captured is the variable the callable
/// captures by reference: the tracked one must not outlive it.
bool endsWithLocalTrackedObject(const Expr *Site, const FunctionDecl *Fn,
                                const VarDecl *Captured,
                                llvm::ArrayRef<StringRef> TrackedBases);

/// The fix-it that makes \p L capture \p Cap (of the variable \p Var) by
/// copy: `&x` becomes `x`, an implicit capture of a `[&]` lambda becomes an
/// explicit `, x` after the default. None when the copy might not compile:
/// the type is not known to be copy-constructible, the lambda (not
/// `mutable`) uses the variable other than for reading, or the capture is
/// written by a macro.
std::optional<FixItHint> copyCaptureFix(const LambdaExpr *L,
                                        const LambdaCapture &Cap,
                                        const VarDecl *Var,
                                        const SourceManager &SM,
                                        const LangOptions &LangOpts);

} // namespace clang::tidy::refcycle::escape

#endif // REFCYCLE_CHECKER_LOCALCAPTURES_H
