//===--- DanglingCaptureCheck.h - refcycle-dangling-capture ---------------===//

#ifndef REFCYCLE_CHECKER_DANGLINGCAPTURECHECK_H
#define REFCYCLE_CHECKER_DANGLINGCAPTURECHECK_H

#include "CContextCallbacks.h"
#include "CallableEscape.h"
#include "StaticLifetime.h"
#include "LifetimeFacts.h"

#include "clang-tidy/ClangTidyCheck.h"
#include <optional>
#include "clang-tidy/utils/IncludeInserter.h"
#include "llvm/ADT/DenseSet.h"

#include <string>
#include <vector>

namespace clang::tidy::refcycle {

/// Finds callbacks bound to a raw `this` (lambdas, std::bind) that are stored
/// where they can outlive the object (dangling), and callbacks holding a
/// shared_ptr to their owner that the owner stores itself (owning cycle).
///
/// For the user-facing documentation see:
/// docs/checks/refcycle-dangling-capture.md
class DanglingCaptureCheck : public ClangTidyCheck {
public:
  DanglingCaptureCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus11;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  escape::Config config() const {
    return {CallbackTypes,         RegistrationFunctions,
            ScopedConnectionTypes, TeardownFunctions,
            SelfDisconnectingReceiverBases, QueuedHandlerFunctions,
            KeepAlivePointerTypes, GuardedPointerTypes};
  }
  void onEndOfTranslationUnit() override {
    BoundFindings.clear();
    PartFindings.clear();
    Stores.clear();
    TUFunctions.clear();
    OwnHelpers.clear();
    KeepAliveSites.clear();
    DisconnectFixes.clear();
    SelfFixSites.clear();
    StaticInstances.clear();
  }

private:
  void checkFunction(const FunctionDecl *Fn, ASTContext &Ctx);
  void reportDangling(const escape::BoundCallable &Callable,
                      const escape::Escape &Sink, const FunctionDecl *Fn,
                      ASTContext &Ctx);
  /// Offers the keep-alive capture for a queued handler; false when it
  /// cannot be written.
  bool keepAliveFix(const escape::BoundCallable &Callable,
                    const FunctionDecl *Fn, ASTContext &Ctx);
  /// Says how to bind through a weak reference, with the fix-it where it
  /// compiles.
  void adviseWeakBinding(const escape::BoundCallable &Callable,
                         const escape::Escape &Sink, const FunctionDecl *Fn,
                         ASTContext &Ctx);
  /// A callable that holds a strong pointer, stored in the object that
  /// pointer points to.
  void reportHeldOwnerCycle(const escape::BoundCallable &Callable,
                            const escape::Escape &Sink, const VarDecl *Held,
                            ASTContext &Ctx);
  /// A `this`-bound functor given to Qt's connect or singleShot without a
  /// context object, in a QObject: a note with the fix that passes `this`
  /// as the context. False when that does not apply.
  bool offerWeakSelf(const escape::BoundCallable &Callable,
                     const FunctionDecl *Fn, const CXXRecordDecl *Owner,
                     ASTContext &Ctx);
  /// A queued handler that holds its object and re-arms the operation on
  /// an I/O object that only the destructor stops.
  void reportRearmedHandler(const escape::BoundCallable &Callable,
                            const escape::Escape &Sink,
                            const FunctionDecl *Fn, ASTContext &Ctx);
  /// The callback's connection is kept in a member of the object: the
  /// note (with its fix) says to disconnect it in the destructor.
  bool adviseDisconnectInDestructor(const escape::BoundCallable &Callable,
                                    const escape::Escape &Sink,
                                    const CXXRecordDecl *Enclosing,
                                    ASTContext &Ctx);
  bool adviseQtContext(const escape::BoundCallable &Callable,
                       const escape::Escape &Sink,
                       const CXXRecordDecl *Enclosing);
  /// Before C++14 (no init-captures): the declaration of a weak pointer
  /// named \p WeakName of type \p Weak, copied from \p Var, inserted on a
  /// line of its own above the statement that makes \p L; none when that
  /// statement is not a statement of a block starting its own line.
  std::optional<FixItHint> weakLocalBefore(const LambdaExpr *L, StringRef Weak,
                                           StringRef WeakName,
                                           StringRef Var) const;
  /// A lambda that captures a variable of \p Fn by reference, stored where
  /// it outlives the call. False when the function waits for it, takes it
  /// back, or the registration ends with a local the framework tracks.
  bool reportLocalByRef(const escape::Finding &F, const FunctionDecl *Fn,
                        ASTContext &Ctx);
  void reportCycle(const escape::BoundCallable &Callable,
                   const escape::Escape &Sink, const FunctionDecl *Fn,
                   ASTContext &Ctx);
  /// `this` handed to a C library as a callback's context that no member
  /// function of its class ever ends (see CContextCallbacks.h).
  void reportCContext(const CContextRegistration &R);
  /// Notes where the callable is stored: the member or global, the storing
  /// callee's store, the registration function, the detached thread.
  void noteWhereStored(const escape::Escape &Sink, StringRef StorageName);
  /// Notes where a storing callee keeps the callable and its storage member.
  void noteStorage(const escape::Escape &Sink);
  /// Remembers, for the lifetimes facts, that the finding at \p Loc would
  /// not be reported if an object of \p Object lived as long as the
  /// program (a `lifetime` record in some file).
  void noteBound(SourceLocation Loc, const CXXRecordDecl *Object);
  /// Remembers, for the lifetimes facts, that the finding at \p Loc on a
  /// \p Part would not be reported if \p Owner owned it for life (an
  /// `owns` record in some file).
  void notePart(SourceLocation Loc, const CXXRecordDecl *Owner,
                const CXXRecordDecl *Part);
  /// Writes the lifetimes facts of the translation unit (LifetimeFacts.h).
  void writeLifetimes(const SourceManager &SM);

  const std::vector<StringRef> CallbackTypes;
  const std::vector<StringRef> RegistrationFunctions;
  const std::vector<StringRef> ScopedConnectionTypes;
  const std::vector<StringRef> TeardownFunctions;
  const std::vector<StringRef> SelfDisconnectingReceiverBases;
  const std::vector<StringRef> QueuedHandlerFunctions;
  const std::vector<StringRef> KeepAlivePointerTypes;
  const std::vector<StringRef> GuardedPointerTypes;
  const std::vector<StringRef> WaitFunctions;
  const std::string FactsDirectoryOption;
  const std::string FactsDirectory; // the option, or $REFCYCLE_FACTS_DIRECTORY
  utils::IncludeInserter Inserter;
  escape::StoreAnalysis Stores;
  std::vector<BoundFinding> BoundFindings;
  std::vector<PartFinding> PartFindings;
  // The function definitions of the translation unit (outside system
  // headers), and the shared_ptr members judged so far.
  std::vector<const FunctionDecl *> TUFunctions;
  llvm::DenseMap<const FieldDecl *, bool> OwnHelpers;
  // Per class: where it passes a handler that keeps it alive, or null.
  llvm::DenseMap<const CXXRecordDecl *, const Expr *> KeepAliveSites;
  // Classes whose destructor already got the disconnecting edit on an
  // earlier finding of this file: a second, identical insertion would be
  // applied too (two destructors). Not consulted for self-contained
  // diagnostics (clangd), whose fixes are applied one at a time.
  llvm::SmallPtrSet<const CXXRecordDecl *, 4> DisconnectFixes;
  // Where a fix through shared_from_this()/weak_from_this() was offered: a
  // class template's instantiations share the source, and the edit is made
  // once.
  llvm::DenseSet<unsigned> SelfFixSites;
  // Whether a finding at Loc carries its edit: the first at that site, or
  // every one where each diagnostic's fix is applied on its own (clangd's
  // quick fixes: "self-contained" diagnostics), where a finding without
  // the edit would offer no quick fix at all.
  bool firstEditAt(SourceLocation Loc) {
    return SelfFixSites.insert(Loc.getRawEncoding()).second ||
           areDiagsSelfContained();
  }
  // The classes with an object that lives as long as the program.
  StaticLifetimes StaticInstances;
};

} // namespace clang::tidy::refcycle

#endif // REFCYCLE_CHECKER_DANGLINGCAPTURECHECK_H
