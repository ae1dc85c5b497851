//===--- DanglingCaptureCheck.cpp - refcycle-dangling-capture -------------===//

#include "DanglingCaptureCheck.h"
#include "AbortedHandlers.h"
#include "BindRewrite.h"
#include "DestructorDisconnect.h"
#include "EscapeSupport.h"
#include "FactsFiles.h"
#include "FixLayout.h"
#include "LocalCaptures.h"
#include "OwnerStorage.h"
#include "RearmedHandlers.h"

#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <cctype>

using namespace clang::ast_matchers;

namespace clang::tidy::refcycle {

namespace {
constexpr llvm::StringLiteral DefaultCallbackTypes =
    "::std::function;::std::move_only_function;::boost::function;"
    "::boost::signals2::slot;::sigc::slot";
constexpr llvm::StringLiteral DefaultRegistrationFunctions =
    "connect*;subscribe;add_listener;addListener;add_observer;on;set_callback;"
    "register_callback;post;defer;dispatch;async_*;then;singleShot;"
    "invokeMethod;runInLoop;queueInLoop;RunInLoop;QueueInLoop;run_in_loop;"
    "queue_in_loop;runAfter;runEvery;RunAfter;RunEvery";
constexpr llvm::StringLiteral DefaultScopedConnectionTypes =
    "::boost::signals2::scoped_connection";
constexpr llvm::StringLiteral DefaultTeardownFunctions =
    "disconnect;unsubscribe;cancel;reset;clear;remove_listener;removeListener;"
    "remove_observer;removeObserver;unregister_callback;erase";
constexpr llvm::StringLiteral DefaultSelfDisconnectingReceiverBases =
    "::QObject;::sigc::trackable";
constexpr llvm::StringLiteral DefaultQueuedHandlerFunctions =
    "post;defer;dispatch;async_*;runInLoop;queueInLoop;RunInLoop;QueueInLoop;"
    "run_in_loop;queue_in_loop;runAfter;runEvery;RunAfter;RunEvery";
constexpr llvm::StringLiteral DefaultKeepAlivePointerTypes =
    "::std::shared_ptr;::boost::shared_ptr;::boost::intrusive_ptr;"
    "::QSharedPointer;::QExplicitlySharedDataPointer;::WTF::Ref;::WTF::RefPtr";
constexpr llvm::StringLiteral DefaultGuardedPointerTypes =
    "::QPointer;::QWeakPointer";
constexpr llvm::StringLiteral DefaultWaitFunctions =
    "join;wait;wait_for;wait_until;run;run_one;run_for;run_until;poll;"
    "poll_one;exec;processEvents;waitForFinished";
constexpr llvm::StringLiteral WeakMethodHeader = "<refcycle/weak_method.hpp>";

using escape::BoundCallable;
using escape::CallableKind;
using escape::Escape;
using escape::EscapeKind;

/// "ChatSession" -> "chat session", "Session" -> "session".
std::string spokenName(StringRef Name) {
  std::string Out;
  for (size_t I = 0; I < Name.size(); ++I) {
    const char C = Name[I];
    const bool Upper = std::isupper(static_cast<unsigned char>(C));
    if (Upper && I > 0) {
      const char Prev = Name[I - 1];
      const bool NextLower = I + 1 < Name.size() &&
                             std::islower(static_cast<unsigned char>(Name[I + 1]));
      if (std::islower(static_cast<unsigned char>(Prev)) ||
          (std::isupper(static_cast<unsigned char>(Prev)) && NextLower))
        Out += ' ';
    }
    Out += C == '_' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(C)));
  }
  return Out;
}

std::string memberName(const FieldDecl *F) {
  return (F->getParent()->getName() + "::" + F->getName()).str();
}
std::string methodName(const FunctionDecl *FD) {
  if (const auto *M = dyn_cast<CXXMethodDecl>(FD))
    return (M->getParent()->getName() + "::" + M->getName()).str();
  return FD->getQualifiedNameAsString();
}

/// The name of the member or global a callable is stored in, or empty.
std::string storageName(const escape::Escape &Sink) {
  if (Sink.Kind == escape::EscapeKind::Global && Sink.Global)
    return Sink.Global->getQualifiedNameAsString();
  if (Sink.Field)
    return memberName(Sink.Field);
  return "";
}

/// The function type of a callback type (std::function<R(Args...)>).
const FunctionProtoType *signatureOf(QualType T) {
  if (T.isNull())
    return nullptr;
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Spec || Spec->getTemplateArgs().size() < 1 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return nullptr;
  return Spec->getTemplateArgs()[0].getAsType()->getAs<FunctionProtoType>();
}

// The function that runs when the callable is called: a lambda's call
// operator, or the member function a bind or member pair names.
const FunctionDecl *handlerOf(const BoundCallable &C) {
  if (const auto *L = dyn_cast<LambdaExpr>(C.E))
    return L->getCallOperator();
  return C.BoundMethod;
}

bool isOverloaded(const CXXMethodDecl *M) {
  const CXXRecordDecl *R = M->getParent();
  unsigned N = 0;
  for (const NamedDecl *D : R->lookup(M->getDeclName())) {
    (void)D;
    ++N;
  }
  return N != 1 || M->getDescribedFunctionTemplate() ||
         M->getPrimaryTemplate();
}

bool usesName(const Stmt *S, StringRef Name) {
  if (!S)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    if (Ref->getDecl()->getIdentifier() && Ref->getDecl()->getName() == Name)
      return true;
  if (const auto *DS = dyn_cast<DeclStmt>(S))
    for (const Decl *D : DS->decls())
      if (const auto *ND = dyn_cast<NamedDecl>(D))
        if (ND->getIdentifier() && ND->getName() == Name)
          return true;
  for (const Stmt *Child : S->children())
    if (usesName(Child, Name))
      return true;
  return false;
}

bool lambdaUsesName(const LambdaExpr *L, StringRef Name) {
  for (const ParmVarDecl *P : L->getCallOperator()->parameters())
    if (P->getIdentifier() && P->getName() == Name)
      return true;
  for (const LambdaCapture &Cap : L->captures())
    if (Cap.capturesVariable())
      if (const ValueDecl *V = Cap.getCapturedVar())
        if (V->getIdentifier() && V->getName() == Name)
          return true;
  return usesName(L->getBody(), Name);
}

// The insertion after the '{' of \p Body that locks \p Weak into \p Strong
// and returns when the object is gone, a statement per line.
std::optional<FixItHint> lockOrReturn(const CompoundStmt *Body,
                                      StringRef Strong, StringRef Weak,
                                      const ASTContext &Ctx) {
  const layout::Line Lines[] = {
      {("auto " + Strong + " = " + Weak + ".lock();").str()},
      {("if (!" + Strong + ")").str()},
      {"return;", 1}};
  return layout::blockStartFix(Body, Lines, Ctx.getSourceManager(),
                               Ctx.getLangOpts());
}

// How a fix names a member of the object's enable_shared_from_this base
// inside Fn: plainly in a class, as `this->` in a class template (or an
// instantiation of one), whose base may depend on its parameters and is
// then not found by unqualified lookup. std::nullopt for the template's
// own pattern: the checks judge its instantiations, whose bases are known.
std::optional<StringRef> selfMemberPrefix(const FunctionDecl *Fn,
                                          const CXXRecordDecl *Enclosing) {
  if (Enclosing->isDependentContext() || Fn->isDependentContext())
    return std::nullopt;
  const bool Templated = Fn->isTemplateInstantiation() ||
                         isa<ClassTemplateSpecializationDecl>(Enclosing) ||
                         Enclosing->getTemplateInstantiationPattern();
  return Templated ? StringRef("this->") : StringRef();
}

// \p Fix when \p Carry, else no edit (FixItHint() adds nothing to a
// diagnostic): the later findings at a site already edited.
FixItHint editIf(bool Carry, FixItHint Fix) {
  return Carry ? std::move(Fix) : FixItHint();
}

bool isPlaceholder(const Expr *E, unsigned N) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  if (!Ref)
    return false;
  const auto *V = dyn_cast<VarDecl>(Ref->getDecl());
  return V && V->getIdentifier() && V->getName() == ("_" + Twine(N)).str() &&
         V->getDeclContext()->isNamespace();
}

/// `this->m(p1, p2)` or `m(p1, p2)` with the lambda's own parameters in order:
/// the method called, or null.
const CXXMethodDecl *forwardedMethod(const LambdaExpr *L) {
  const auto *Body = dyn_cast_or_null<CompoundStmt>(L->getBody());
  if (!Body || Body->size() != 1)
    return nullptr;
  const Stmt *Only = Body->body_front();
  if (const auto *Ret = dyn_cast<ReturnStmt>(Only))
    Only = Ret->getRetValue();
  const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(Only);
  if (!Call)
    return nullptr;
  const Expr *Obj = Call->getImplicitObjectArgument();
  if (!Obj || !isa<CXXThisExpr>(Obj->IgnoreParenImpCasts()))
    return nullptr;
  const CXXMethodDecl *M = Call->getMethodDecl();
  const CXXMethodDecl *Op = L->getCallOperator();
  if (!M || Call->getNumArgs() != Op->getNumParams() ||
      M->getNumParams() != Op->getNumParams())
    return nullptr;
  for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
    const auto *Ref =
        dyn_cast<DeclRefExpr>(Call->getArg(I)->IgnoreParenImpCasts());
    if (!Ref || Ref->getDecl() != Op->getParamDecl(I))
      return nullptr;
  }
  return M;
}

/// Collects the function definitions (template instantiations included) of
/// the translation unit, skipping every declaration in a system header.
class UserFunctions : public RecursiveASTVisitor<UserFunctions> {
public:
  explicit UserFunctions(const SourceManager &SM) : SM(SM) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return false; }

  bool TraverseDecl(Decl *D) {
    if (!D || (!isa<TranslationUnitDecl>(D) &&
               SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation()))))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }
  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (FD->isThisDeclarationADefinition() && FD->hasBody())
      Functions.push_back(FD);
    return true;
  }

  std::vector<const FunctionDecl *> Functions;

private:
  const SourceManager &SM;
};

} // namespace

DanglingCaptureCheck::DanglingCaptureCheck(StringRef Name,
                                           ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      CallbackTypes(utils::options::parseStringList(
          Options.get("CallbackTypes", DefaultCallbackTypes))),
      RegistrationFunctions(utils::options::parseStringList(
          Options.get("RegistrationFunctions", DefaultRegistrationFunctions))),
      ScopedConnectionTypes(utils::options::parseStringList(
          Options.get("ScopedConnectionTypes", DefaultScopedConnectionTypes))),
      TeardownFunctions(utils::options::parseStringList(
          Options.get("TeardownFunctions", DefaultTeardownFunctions))),
      SelfDisconnectingReceiverBases(utils::options::parseStringList(
          Options.get("SelfDisconnectingReceiverBases",
                      DefaultSelfDisconnectingReceiverBases))),
      QueuedHandlerFunctions(utils::options::parseStringList(
          Options.get("QueuedHandlerFunctions", DefaultQueuedHandlerFunctions))),
      KeepAlivePointerTypes(utils::options::parseStringList(
          Options.get("KeepAlivePointerTypes", DefaultKeepAlivePointerTypes))),
      GuardedPointerTypes(utils::options::parseStringList(
          Options.get("GuardedPointerTypes", DefaultGuardedPointerTypes))),
      WaitFunctions(utils::options::parseStringList(
          Options.get("WaitFunctions", DefaultWaitFunctions))),
      FactsDirectoryOption(Options.get("FactsDirectory", "").str()),
      FactsDirectory(factsDirectory(FactsDirectoryOption)),
      Inserter(Options.getLocalOrGlobal("IncludeStyle",
                                        utils::IncludeSorter::IS_LLVM),
               areDiagsSelfContained()) {}

void DanglingCaptureCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "CallbackTypes",
                utils::options::serializeStringList(CallbackTypes));
  Options.store(Opts, "RegistrationFunctions",
                utils::options::serializeStringList(RegistrationFunctions));
  Options.store(Opts, "ScopedConnectionTypes",
                utils::options::serializeStringList(ScopedConnectionTypes));
  Options.store(Opts, "TeardownFunctions",
                utils::options::serializeStringList(TeardownFunctions));
  Options.store(Opts, "SelfDisconnectingReceiverBases",
                utils::options::serializeStringList(
                    SelfDisconnectingReceiverBases));
  Options.store(Opts, "QueuedHandlerFunctions",
                utils::options::serializeStringList(QueuedHandlerFunctions));
  Options.store(Opts, "KeepAlivePointerTypes",
                utils::options::serializeStringList(KeepAlivePointerTypes));
  Options.store(Opts, "GuardedPointerTypes",
                utils::options::serializeStringList(GuardedPointerTypes));
  Options.store(Opts, "WaitFunctions",
                utils::options::serializeStringList(WaitFunctions));
  Options.store(Opts, "FactsDirectory", FactsDirectoryOption);
  Options.store(Opts, "IncludeStyle", Inserter.getStyle());
}

void DanglingCaptureCheck::registerPPCallbacks(const SourceManager &SM,
                                               Preprocessor *PP,
                                               Preprocessor *ModuleExpanderPP) {
  Inserter.registerPreprocessor(PP);
}

void DanglingCaptureCheck::registerMatchers(MatchFinder *Finder) {
  // One match per translation unit: the function definitions outside system
  // headers are collected by UserFunctions, which never enters a system
  // header, so the cost does not grow with the headers a file includes.
  Finder->addMatcher(translationUnitDecl().bind("tu"), this);
}

void DanglingCaptureCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *TU = Result.Nodes.getNodeAs<TranslationUnitDecl>("tu");
  if (!TU)
    return;
  UserFunctions Collector(*Result.SourceManager);
  Collector.TraverseDecl(const_cast<TranslationUnitDecl *>(TU));
  TUFunctions = std::move(Collector.Functions);
  StaticInstances.collect(TU, *Result.SourceManager);
  for (const FunctionDecl *Fn : TUFunctions)
    checkFunction(Fn, *Result.Context);
  if (!FactsDirectory.empty())
    writeLifetimes(*Result.SourceManager);
}

void DanglingCaptureCheck::noteBound(SourceLocation Loc,
                                     const CXXRecordDecl *Object) {
  if (FactsDirectory.empty() || !Object || Loc.isInvalid())
    return;
  const SourceManager &SM = Object->getASTContext().getSourceManager();
  const PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(Loc));
  if (P.isInvalid())
    return;
  const CXXRecordDecl *Definition = Object->getDefinition();
  BoundFindings.push_back({recordKey(Definition ? Definition : Object, SM),
                           absoluteFactsPath(SM, P.getFilename()), P.getLine(),
                           P.getColumn()});
}

void DanglingCaptureCheck::notePart(SourceLocation Loc,
                                    const CXXRecordDecl *Owner,
                                    const CXXRecordDecl *Part) {
  if (FactsDirectory.empty() || !Owner || !Part || Loc.isInvalid())
    return;
  const SourceManager &SM = Part->getASTContext().getSourceManager();
  const PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(Loc));
  if (P.isInvalid())
    return;
  PartFindings.push_back({recordKey(Owner, SM),
                          recordKey(Part->getDefinition() ? Part->getDefinition()
                                                          : Part,
                                    SM),
                          absoluteFactsPath(SM, P.getFilename()), P.getLine(),
                          P.getColumn()});
}

void DanglingCaptureCheck::writeLifetimes(const SourceManager &SM) {
  LifetimeFacts Facts;
  for (const auto &[Record, Var] : StaticInstances.instances())
    Facts.Lifetimes.push_back({recordKey(Record, SM), recordDisplayName(Record),
                               Var ? Var->getQualifiedNameAsString() : "",
                               ""});
  for (const auto &[Record, Var] : StaticInstances.provisional())
    Facts.Lifetimes.push_back({recordKey(Record, SM), recordDisplayName(Record),
                               Var->getQualifiedNameAsString(), declKey(Var)});
  for (const VarDecl *V : StaticInstances.released())
    Facts.Released.push_back(declKey(V));
  Facts.Bound = std::move(BoundFindings);
  Facts.Parts = std::move(PartFindings);
  // The parts this file's constructors make and keep for life, and the
  // pointer members it replaces elsewhere.
  llvm::SmallPtrSet<const CXXRecordDecl *, 16> Owners;
  llvm::SmallPtrSet<const FieldDecl *, 16> Replaced;
  for (const FunctionDecl *Fn : TUFunctions) {
    const auto *Ctor = dyn_cast<CXXConstructorDecl>(Fn);
    if (!Ctor) {
      // A destructor's reset is the teardown that goes with the owner.
      if (const Stmt *Body = Fn->getBody(); Body && !isa<CXXDestructorDecl>(Fn))
        membersReplacedIn(Body, Replaced);
      continue;
    }
    const CXXRecordDecl *Owner = Ctor->getParent();
    if (Owner->isDependentContext() || !Owners.insert(Owner).second)
      continue;
    llvm::SmallVector<std::pair<const FieldDecl *, const CXXRecordDecl *>, 4>
        Parts;
    ownedParts(Owner, Parts);
    for (const auto &[Member, Part] : Parts)
      Facts.Owned.push_back({recordKey(Owner, SM), recordKey(Part, SM),
                             declKey(Member), recordDisplayName(Owner)});
  }
  for (const FieldDecl *F : Replaced)
    Facts.Reset.push_back(declKey(F));
  llvm::sort(Facts.Reset);
  llvm::sort(Facts.Owned, [](const OwnedPart &A, const OwnedPart &B) {
    return std::tie(A.OwnerKey, A.FieldKey) < std::tie(B.OwnerKey, B.FieldKey);
  });
  // A stable order: the facts of one TU are the same on every run.
  llvm::sort(Facts.Lifetimes,
             [](const ProgramLifetime &A, const ProgramLifetime &B) {
               return std::tie(A.ClassKey, A.UnlessReleased) <
                      std::tie(B.ClassKey, B.UnlessReleased);
             });
  llvm::sort(Facts.Released);
  std::string MainFile;
  if (auto Entry = SM.getFileEntryRefForID(SM.getMainFileID()))
    MainFile = absoluteFactsPath(SM, Entry->getName());
  std::string Error;
  if (!writeLifetimeFacts(FactsDirectory, MainFile, Facts, Error))
    configurationDiag("cannot write lifetime facts to '%0': %1")
        << FactsDirectory << Error;
}

void DanglingCaptureCheck::checkFunction(const FunctionDecl *Fn,
                                         ASTContext &Ctx) {
  if (!Fn || Fn->isInvalidDecl() || Fn->isDependentContext() ||
      !Fn->hasBody() || Fn->isImplicit())
    return;
  // Lambda bodies are analysed with the function that contains them.
  for (const DeclContext *DC = Fn; DC; DC = DC->getParent())
    if (const auto *R = dyn_cast<CXXRecordDecl>(DC))
      if (R->isLambda())
        return;
  const escape::Config Cfg = config();
  const SourceManager &SM = Ctx.getSourceManager();
  for (const escape::Finding &F : escape::analyzeFunction(Fn, Ctx, Cfg, Stores)) {
    // A callable a macro writes whole is not the user's to change.
    if (SM.isMacroBodyExpansion(F.Callable.E->getBeginLoc()) &&
        SM.isMacroBodyExpansion(F.Callable.E->getEndLoc()))
      continue;
    // A local captured by reference dies with the call, whatever happens to
    // the object: judged first, one warning per callable.
    if (F.Callable.LocalByRef && reportLocalByRef(F, Fn, Ctx))
      continue;
    if (F.TrackedWithObject || !F.Callable.Object)
      continue;
    if (const VarDecl *Held = escape::storedThroughHeldOwner(F.Callable, F.Sink))
      reportHeldOwnerCycle(F.Callable, F.Sink, Held, Ctx);
    else if (F.Callable.danglingCandidate())
      reportDangling(F.Callable, F.Sink, Fn, Ctx);
    else if (F.Callable.holdsOwner())
      reportCycle(F.Callable, F.Sink, Fn, Ctx);
  }
  for (const CContextRegistration &R : findCContextRegistrations(Fn, Ctx))
    reportCContext(R);
}

void DanglingCaptureCheck::reportCContext(const CContextRegistration &R) {
  // Torn down by the class, or an object that outlives the library's loop.
  if (R.Teardown || StaticInstances.instanceOf(R.Object))
    return;
  noteBound(R.Context->getBeginLoc(), R.Object);
  const std::string Object = R.Object->getQualifiedNameAsString();
  const std::string Via =
      R.Callee ? "'" + R.Callee->getNameAsString() + "'" : "a 'data' field";
  diag(R.Context->getBeginLoc(),
       "'this' is handed to %0 as the context of a C callback; nothing in "
       "'%1' frees, stops or closes '%2', so the library can call back "
       "after this '%1' is destroyed")
      << Via << Object << R.Handle->getQualifiedNameAsString();
  diag(R.Handle->getLocation(),
       "'%0' holds the registration; free, stop or close it in the "
       "destructor of '%1'",
       DiagnosticIDs::Note)
      << R.Handle->getQualifiedNameAsString() << Object;
}

void DanglingCaptureCheck::reportDangling(const BoundCallable &C,
                                          const Escape &Sink,
                                          const FunctionDecl *Fn,
                                          ASTContext &Ctx) {
  const auto *Method = dyn_cast<CXXMethodDecl>(Fn);
  const CXXRecordDecl *Enclosing = Method ? Method->getParent() : nullptr;
  // An object that lives as long as the program (a global, a singleton's
  // static instance, a by-value part of one) outlives what it registers
  // with.
  if (C.CapturesThis && StaticInstances.instanceOf(C.Object))
    return;
  const CXXRecordDecl *PartOwner = nullptr;
  if (Sink.Queued) {
    // A handler queued on an executor runs later whatever happens to the
    // strand, socket or timer it was queued through: destroying or
    // cancelling them does not stop it (it runs with operation_aborted).
    // It dies unrun only with the executor itself.
    if (escape::ownsExecutionContext(C.Object))
      return;
    // Started on a socket, acceptor or timer that dies with the object: the
    // object's death aborts the operation, and a handler that returns on
    // operation_aborted without touching the object is harmless.
    if (escape::diesWithObject(Sink.QueuedOn) &&
        escape::leavesObjectWhenAborted(handlerOf(C)))
      return;
    // Queued on an object the object owns that keeps its own queue (no
    // executor behind it: a worker, a disk I/O thread, a QObject context):
    // the queue goes with the owner.
    if (escape::diesWithObject(Sink.QueuedOn) &&
        !escape::queuesOnExecutor(Sink.QueuedOn))
      return;
  } else {
    if (Sink.Own)
      return; // dies with the object
    if (Sink.SharedMember) {
      // Storage inside the object's own helper (`helper_->cb = ...` with a
      // shared_ptr member that only ever holds objects it made and never
      // hands out) dies with the object too.
      auto It = OwnHelpers.find(Sink.SharedMember);
      if (It == OwnHelpers.end())
        It = OwnHelpers
                 .try_emplace(Sink.SharedMember,
                              escape::isOwnHelperMember(Sink.SharedMember,
                                                        TUFunctions))
                 .first;
      if (It->second)
        return;
    }
    if (C.RawPointer && !C.CapturesThis && Sink.RootDecl == C.RawPointer)
      return; // stored in the pointee itself
    // Stored in the object that owns this one for life, through the link to
    // it that this one was made with: the two are destroyed together.
    if (C.CapturesThis && Sink.Holder) {
      const ValueDecl *Link = linkToHolder(Sink.Holder, Sink.HolderPointee);
      if (linkedOwnerOwnsForLife(Enclosing, Link))
        return;
      // The owner's constructors may be in another file: the whole program
      // decides (an `owns` record).
      PartOwner = linkedOwner(Enclosing, Link);
    }
    if (escape::destructorTearsDown(Enclosing, Sink, config()))
      return;
    if (escape::restoredLater(Fn, Sink, Ctx.getSourceManager()))
      return;
  }

  if (C.CapturesThis)
    noteBound(C.E->getBeginLoc(), C.Object);
  if (PartOwner)
    notePart(C.E->getBeginLoc(), PartOwner, Enclosing);

  // A handler queued to run once whose class keeps itself alive in its
  // other handlers: this one forgot to (a note points at one that does).
  const Expr *KeepAliveSite = nullptr;
  if (Sink.Queued) {
    auto It = KeepAliveSites.find(C.Object);
    if (It == KeepAliveSites.end())
      It = KeepAliveSites
               .try_emplace(C.Object, escape::keepAliveHandlerSite(
                                          C.Object, TUFunctions,
                                          QueuedHandlerFunctions))
               .first;
    KeepAliveSite = It->second;
  }

  const bool ViaThis = C.CapturesThis;
  std::string Subject;
  if (C.Kind == CallableKind::MemberPair)
    Subject = ("pointer to member '" + methodName(C.BoundMethod) +
               "' bound to " +
               (ViaThis ? Twine("'this'")
                        : "raw pointer '" + C.RawPointer->getName() + "'"))
                  .str();
  else if (C.Kind == CallableKind::Lambda)
    Subject = ViaThis ? "lambda captures 'this'"
                      : ("lambda captures raw pointer '" +
                         C.RawPointer->getName() + "'")
                            .str();
  else
    Subject = (C.BindName + " binds '" + methodName(C.BoundMethod) + "' to " +
               (ViaThis ? Twine("'this'")
                        : "raw pointer '" + C.RawPointer->getName() + "'"))
                  .str();
  const std::string ObjectName = C.Object->getName().str();
  const std::string ObjectPhrase =
      ViaThis ? "this '" + ObjectName + "'"
              : "the '" + ObjectName + "' that '" +
                    C.RawPointer->getName().str() + "' points to";

  const SourceLocation Loc = C.E->getBeginLoc();
  const std::string StorageName = storageName(Sink);

  if (C.Kind == CallableKind::Thread) {
    // Only a detached thread is followed: a joinable one is joined (or
    // std::terminate()s) before the object it runs on can go.
    diag(Loc, "%0 runs '%1' on this '%2' and is detached, so it may still "
              "run after the object is destroyed")
        << C.BindName << methodName(C.BoundMethod) << ObjectName;
    diag(Sink.Site->getExprLoc(), "the thread is detached here",
         DiagnosticIDs::Note);
    // No fix-it: the remedy (a member thread joined in the destructor, or a
    // shared_ptr argument) changes the class's design.
    diag(Loc,
         "keep the thread in a member of '%0' and join it in the destructor, "
         "or pass shared_from_this() instead of 'this'",
         DiagnosticIDs::Note)
        << ObjectName;
    return;
  }

  if (C.Kind == CallableKind::MemberPair) {
    // The pair is only followed into registration functions.
    if (!Sink.Callee)
      return;
    diag(Loc, "%0 is passed to '%1', which may keep it after %2 is "
              "destroyed")
        << Subject << methodName(Sink.Callee) << ObjectPhrase;
    diag(Sink.Callee->getLocation(),
         "'%0' is a registration function (option RegistrationFunctions) "
         "and may keep the object pointer",
         DiagnosticIDs::Note)
        << methodName(Sink.Callee);
    // No fix-it: a pair API takes an object pointer, not a callable, so
    // there is no weak reference to put in its place.
    diag(Loc,
         "end the registration in the destructor of '%0' (option "
         "TeardownFunctions) or keep it in a scoped connection (option "
         "ScopedConnectionTypes)",
         DiagnosticIDs::Note)
        << ObjectName;
    return;
  }

  if (Sink.Kind == EscapeKind::DetachedThread)
    diag(Loc, "%0 and runs on a detached std::thread, which may outlive %1; "
              "bind through a weak reference")
        << Subject << ObjectPhrase;
  else if (Sink.Queued && Sink.Callee)
    diag(Loc, "%0 and is queued by '%1', which runs it later even if %2 is "
              "destroyed first; keep the object alive in the handler")
        << Subject << methodName(Sink.Callee) << ObjectPhrase;
  else if (!StorageName.empty())
    diag(Loc, "%0 and is stored in '%1', which may outlive %2; bind through "
              "a weak reference")
        << Subject << StorageName << ObjectPhrase;
  else if (Sink.Callee)
    diag(Loc, "%0 and is passed to '%1', which may keep it after %2 is "
              "destroyed; bind through a weak reference")
        << Subject << methodName(Sink.Callee) << ObjectPhrase;
  else
    return;

  noteWhereStored(Sink, StorageName);

  // Why a queued handler is reported.
  if (Sink.Queued) {
    diag(Sink.Site->getBeginLoc(),
         "the executor runs the handler later, even once this '%0' is "
         "destroyed or the operation is cancelled",
         DiagnosticIDs::Note)
        << ObjectName;
    if (KeepAliveSite)
      diag(KeepAliveSite->getBeginLoc(),
           "other handlers keep the '%0' alive with a shared_ptr to it, as "
           "here",
           DiagnosticIDs::Note)
          << ObjectName;
  }

  if (Sink.Queued && keepAliveFix(C, Fn, Ctx))
    return;
  adviseWeakBinding(C, Sink, Fn, Ctx);
}

void DanglingCaptureCheck::noteWhereStored(const Escape &Sink,
                                           StringRef StorageName) {
  if (Sink.Carrier)
    if (const FunctionDecl *Keeper = Sink.Carrier->getDirectCallee())
      diag(Sink.Carrier->getExprLoc(),
           "'%0' keeps the callback in the %1 it returns",
           DiagnosticIDs::Note)
          << methodName(Keeper) << Sink.Carrier->getType();
  if (Sink.Kind == EscapeKind::DetachedThread) {
    diag(Sink.Site->getExprLoc(), "the thread is detached here",
         DiagnosticIDs::Note);
  } else if (Sink.Kind == EscapeKind::Global && Sink.Global) {
    diag(Sink.Global->getLocation(), "callback storage '%0' declared here",
         DiagnosticIDs::Note)
        << StorageName;
  } else {
    if (Sink.CalleeStoreSite && Sink.Callee)
      diag(Sink.CalleeStoreSite->getBeginLoc(),
           "'%0' stores the callback here", DiagnosticIDs::Note)
          << methodName(cast<FunctionDecl>(Sink.Callee));
    if (Sink.Field)
      diag(Sink.Field->getLocation(), "callback storage '%0' declared here",
           DiagnosticIDs::Note)
          << StorageName;
    else if (Sink.Callee)
      diag(Sink.Callee->getLocation(),
           "'%0' is a registration function (option RegistrationFunctions) "
           "and may keep the callback",
           DiagnosticIDs::Note)
          << methodName(Sink.Callee);
  }
}

bool DanglingCaptureCheck::reportLocalByRef(const escape::Finding &F,
                                            const FunctionDecl *Fn,
                                            ASTContext &Ctx) {
  const BoundCallable &C = F.Callable;
  const Escape &Sink = F.Sink;
  const VarDecl *Var = C.LocalByRef;
  const auto *L = dyn_cast<LambdaExpr>(C.E);
  if (!L || !Var || !C.LocalCapture || !Sink.Site)
    return false;
  const auto *Owner =
      dyn_cast_or_null<FunctionDecl>(Var->getParentFunctionOrMethod());
  // The locals of `main` live until the program ends.
  if (!Owner || Owner->isMain())
    return false;
  const SourceManager &SM = Ctx.getSourceManager();
  // Taken back, waited for, or dropped with a local the framework tracks:
  // the callable is gone or has run before the variable is.
  if (escape::restoredLater(Fn, Sink, SM) ||
      escape::waitAfter(Fn, Sink.Site, WaitFunctions, SM) ||
      ((Sink.Kind == EscapeKind::Registration ||
        Sink.Kind == EscapeKind::StoringCallee) &&
       escape::endsWithLocalTrackedObject(Sink.Site, Fn, Var,
                                          SelfDisconnectingReceiverBases)))
    return false;

  const std::string Subject =
      (Twine("lambda captures ") +
       (isa<ParmVarDecl>(Var) ? "parameter '" : "local variable '") +
       Var->getName() + "' by reference")
          .str();
  const std::string StorageName = storageName(Sink);
  const SourceLocation Loc = C.E->getBeginLoc();
  if (Sink.Kind == EscapeKind::DetachedThread)
    diag(Loc, "%0 and runs on a detached std::thread, which may outlive it")
        << Subject;
  else if (Sink.Queued && Sink.Callee)
    diag(Loc, "%0 and is queued by '%1', which may run it after it is "
              "destroyed")
        << Subject << methodName(Sink.Callee);
  else if (!StorageName.empty())
    diag(Loc, "%0 and is stored in '%1', which outlives it")
        << Subject << StorageName;
  else if (Sink.Callee)
    diag(Loc, "%0 and is passed to '%1', which may keep it after it is "
              "destroyed")
        << Subject << methodName(Sink.Callee);
  else
    return false;
  diag(Var->getLocation(),
       "'%0' lives in the frame of '%1' and is destroyed by the time it "
       "returns",
       DiagnosticIDs::Note)
      << Var->getName() << methodName(Owner);
  noteWhereStored(Sink, StorageName);
  if (std::optional<FixItHint> Fix = escape::copyCaptureFix(
          L, *C.LocalCapture, Var, SM, Ctx.getLangOpts()))
    diag(Loc, "capture '%0' by copy, so that the lambda keeps its own",
         DiagnosticIDs::Note)
        << Var->getName() << *Fix;
  else
    diag(Loc,
         "capture '%0' by copy (or move it into the lambda), or keep it "
         "where it outlives the callback",
         DiagnosticIDs::Note)
        << Var->getName();
  return true;
}

bool DanglingCaptureCheck::keepAliveFix(const BoundCallable &C,
                                        const FunctionDecl *Fn,
                                        ASTContext &Ctx) {
  // A handler that runs once keeps its object alive until it has run: the
  // Asio idiom, and what a queued handler that forgot it needs.
  const auto *Method = dyn_cast<CXXMethodDecl>(Fn);
  const CXXRecordDecl *Enclosing = Method ? Method->getParent() : nullptr;
  const SourceLocation Loc = C.E->getBeginLoc();
  if (!C.CapturesThis || !Method || isa<CXXConstructorDecl>(Fn) ||
      isa<CXXDestructorDecl>(Fn) || !escape::hasUsableSharedFromThis(Enclosing) ||
      Loc.isMacroID())
    return false;
  const std::optional<StringRef> Prefix = selfMemberPrefix(Fn, Enclosing);
  if (!Prefix)
    return false;
  const std::string Self = (*Prefix + "shared_from_this()").str();
  // Another instantiation of the same template made this edit already: the
  // same advice, without a second copy of the edit.
  const bool FirstAtSite = firstEditAt(Loc);
  const std::string ObjectName = C.Object->getName().str();
  if (C.Kind == CallableKind::Bind) {
    // A callback object made from the pair (a signals2 slot) has no
    // binder call to rewrite.
    const auto *Call = dyn_cast<CallExpr>(C.E);
    if (!Call)
      return false;
    const Expr *Obj = Call->getArg(1)->IgnoreParenImpCasts();
    if (!isa<CXXThisExpr>(Obj) || Obj->getBeginLoc().isMacroID() ||
        Obj->getBeginLoc() != Obj->getEndLoc())
      return false;
    diag(Loc,
         "keep this '%0' alive until the handler has run: bind '%1' instead "
         "of 'this'",
         DiagnosticIDs::Note)
        << ObjectName << Self
        << editIf(FirstAtSite,
                  FixItHint::CreateReplacement(Obj->getSourceRange(), Self));
    return true;
  }
  const auto *L = dyn_cast<LambdaExpr>(C.E);
  if (!L || !Ctx.getLangOpts().CPlusPlus14)
    return false;
  const SourceRange Intro = L->getIntroducerRange();
  if (!Intro.isValid() || Intro.getEnd().isMacroID())
    return false;
  std::string Name = "self";
  for (unsigned N = 2; lambdaUsesName(L, Name); ++N)
    Name = "self" + std::to_string(N);
  const bool Empty = L->explicit_capture_begin() == L->explicit_capture_end() &&
                     L->getCaptureDefault() == LCD_None;
  diag(Loc,
       "keep this '%0' alive until the handler has run: capture '%1'",
       DiagnosticIDs::Note)
      << ObjectName << Self
      << editIf(FirstAtSite, FixItHint::CreateInsertion(
             Intro.getEnd(), (Empty ? "" : ", ") + Name + " = " + Self));
  return true;
}

void DanglingCaptureCheck::adviseWeakBinding(const BoundCallable &C,
                                             const Escape &Sink,
                                             const FunctionDecl *Fn,
                                             ASTContext &Ctx) {
  const auto *Method = dyn_cast<CXXMethodDecl>(Fn);
  const CXXRecordDecl *Enclosing = Method ? Method->getParent() : nullptr;
  const bool ViaThis = C.CapturesThis;
  const std::string ObjectName = C.Object->getName().str();
  const SourceLocation Loc = C.E->getBeginLoc();
  // The fix: bind through a weak reference.
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  const bool InStructor =
      isa<CXXConstructorDecl>(Fn) || isa<CXXDestructorDecl>(Fn);
  const std::optional<StringRef> Prefix =
      Enclosing ? selfMemberPrefix(Fn, Enclosing) : std::nullopt;
  const bool CanWeak = ViaThis && Method && !InStructor && LO.CPlusPlus17 &&
                       escape::isSharedFromThisOf(Enclosing) && Prefix &&
                       !Loc.isMacroID();
  // A constructor may pass `this` as a context object (unlike
  // weak_from_this(), which is empty there).
  if (!CanWeak && ViaThis && !isa<CXXDestructorDecl>(Fn) &&
      adviseQtContext(C, Sink, Enclosing))
    return;
  if (!CanWeak && ViaThis && !InStructor &&
      adviseDisconnectInDestructor(C, Sink, Enclosing, Ctx))
    return;
  if (!CanWeak) {
    if (!ViaThis)
      diag(Loc,
           "capture a std::weak_ptr to the '%0' (for example "
           "'%1->weak_from_this()') and lock it in the callback",
           DiagnosticIDs::Note)
          << ObjectName << C.RawPointer->getName();
    else if (InStructor && Enclosing && escape::isSharedFromThisOf(Enclosing))
      diag(Loc,
           "weak_from_this() is empty during construction and destruction; "
           "register the callback after construction through "
           "'refcycle::weak_method', or disconnect it in the destructor of "
           "'%0'",
           DiagnosticIDs::Note)
          << ObjectName;
    else
      diag(Loc,
           "'%0' is not managed by std::shared_ptr; disconnect the callback "
           "in the destructor of '%0', or derive '%0' from "
           "std::enable_shared_from_this and bind through "
           "'refcycle::weak_method'",
           DiagnosticIDs::Note)
          << ObjectName;
    return;
  }

  const std::string WeakSelf = (*Prefix + "weak_from_this()").str();
  // A class template's instantiations share this site: one edit.
  const bool FirstAtSite = firstEditAt(Loc);
  const bool ConstContext = Method->isConst();
  const FunctionProtoType *Sig = signatureOf(Sink.CallbackType);
  const CXXMethodDecl *Target = nullptr;
  if (const auto *Call = dyn_cast<CallExpr>(C.E);
      Call && C.Kind == CallableKind::Bind) {
    const unsigned Bound = Call->getNumArgs() - 2;
    bool Placeholders = true;
    for (unsigned I = 0; I < Bound; ++I)
      if (!isPlaceholder(Call->getArg(I + 2), I + 1))
        Placeholders = false;
    if ((Placeholders && C.BindName != "std::bind_front") || Bound == 0)
      if (C.BoundMethod->getNumParams() == Bound)
        Target = C.BoundMethod;
  } else if (const auto *L = dyn_cast<LambdaExpr>(C.E)) {
    if (L->capture_size() == 1)
      Target = forwardedMethod(L);
  }
  // '&Base::m' in a class template: a base that depends on the template's
  // parameters is not looked into, and 'Base' names the template there.
  if (Target && !Prefix->empty() &&
      Target->getParent()->getCanonicalDecl() != Enclosing->getCanonicalDecl())
    Target = nullptr;
  if (Target && (!Target->getReturnType()->isVoidType() ||
                 isOverloaded(Target) || (ConstContext && !Target->isConst()) ||
                 !Sig || !Sig->getReturnType()->isVoidType() ||
                 Sig->getNumParams() != Target->getNumParams() ||
                 Target->isStatic()))
    Target = nullptr;

  if (Target) {
    std::string MemFn;
    if (C.Kind == CallableKind::Bind) {
      const Expr *Arg0 = cast<CallExpr>(C.E)->getArg(0);
      MemFn = Lexer::getSourceText(
                  CharSourceRange::getTokenRange(Arg0->getSourceRange()), SM,
                  LO)
                  .str();
    } else {
      MemFn = ("&" + Target->getParent()->getName() + "::" + Target->getName())
                  .str();
    }
    if (MemFn.empty())
      return;
    auto D = diag(Loc,
                  "use 'refcycle::weak_method' so that the call does nothing "
                  "once this '%0' is destroyed",
                  DiagnosticIDs::Note)
             << ObjectName
             << editIf(FirstAtSite, FixItHint::CreateReplacement(
                    CharSourceRange::getTokenRange(C.E->getSourceRange()),
                    "refcycle::weak_method(" + MemFn + ", " + WeakSelf + ")"));
    if (FirstAtSite)
      D << Inserter.createIncludeInsertion(SM.getFileID(Loc),
                                           WeakMethodHeader);
    return;
  }

  if (C.Kind == CallableKind::Lambda) {
    const auto *L = cast<LambdaExpr>(C.E);
    bool ByRef = false;
    for (const LambdaCapture &Cap : L->captures())
      if (Cap.capturesVariable() && Cap.getCaptureKind() == LCK_ByRef)
        ByRef = true;
    const auto *Body = dyn_cast_or_null<CompoundStmt>(L->getBody());
    const SourceRange Intro = L->getIntroducerRange();
    if (!ByRef && Body && L->getCallOperator()->getReturnType()->isVoidType() &&
        !lambdaUsesName(L, "weak_this") && !lambdaUsesName(L, "self") &&
        Intro.isValid() && !Intro.getEnd().isMacroID() &&
        !Body->getLBracLoc().isMacroID()) {
      const bool Empty = L->explicit_capture_begin() == L->explicit_capture_end() &&
                         L->getCaptureDefault() == LCD_None;
      if (std::optional<FixItHint> Lock =
              lockOrReturn(Body, "self", "weak_this", Ctx)) {
        diag(Loc,
             "capture 'weak_from_this()' and return early once this '%0' is "
             "destroyed",
             DiagnosticIDs::Note)
            << ObjectName
            << editIf(FirstAtSite, FixItHint::CreateInsertion(
                   Intro.getEnd(), (Empty ? "weak_this = " : ", weak_this = ") +
                                       WeakSelf))
            << editIf(FirstAtSite, *Lock);
        return;
      }
    }
  }
  diag(Loc,
       "capture 'weak_from_this()' instead of 'this' and lock it in the "
       "callback",
       DiagnosticIDs::Note);
}

void DanglingCaptureCheck::noteStorage(const Escape &Sink) {
  // Where a storing callee keeps the callable, and the member it lands in.
  if (Sink.CalleeStoreSite && Sink.Callee)
    diag(Sink.CalleeStoreSite->getBeginLoc(), "'%0' stores the callback here",
         DiagnosticIDs::Note)
        << methodName(Sink.Callee);
  if (Sink.Field)
    diag(Sink.Field->getLocation(), "callback storage '%0' declared here",
         DiagnosticIDs::Note)
        << memberName(Sink.Field);
}

void DanglingCaptureCheck::reportCycle(const BoundCallable &C,
                                       const Escape &Sink,
                                       const FunctionDecl *Fn,
                                       ASTContext &Ctx) {
  // The storage is strongly held by this object: inside it (a by-value or
  // uniquely owned part), or in an object one of its std::shared_ptr
  // members points to. Either way the object keeps the storage, and the
  // storage keeps the object: sharing the helper with others only adds
  // owners.
  if (Sink.Queued) {
    reportRearmedHandler(C, Sink, Fn, Ctx);
    return;
  }
  const FieldDecl *Via = Sink.Own ? Sink.OwnMember : Sink.SharedMember;
  if (!Via)
    return;
  if (Sink.Kind != EscapeKind::Member && Sink.Kind != EscapeKind::Container &&
      Sink.Kind != EscapeKind::StoringCallee &&
      !(Sink.SharedMember && Sink.Kind == EscapeKind::Registration))
    return;
  const auto *Method = dyn_cast<CXXMethodDecl>(Fn);
  if (!Method)
    return;
  const CXXRecordDecl *Owner = Method->getParent();
  const std::string OwnerName = Owner->getName().str();
  const SourceLocation Loc = C.E->getBeginLoc();
  diag(Loc, "callback stored in '%0' holds a strong reference to its owner "
            "'%1'; the %2 is never freed")
      << (OwnerName + "::" + Via->getName()).str() << OwnerName
      << spokenName(OwnerName);
  if (C.SelfVar)
    diag(C.SelfCapture && C.SelfCapture->getLocation().isValid()
             ? C.SelfCapture->getLocation()
             : C.SelfVar->getLocation(),
         "'%0' is a shared_ptr to this '%1'", DiagnosticIDs::Note)
        << C.SelfVar->getName() << OwnerName;
  noteStorage(Sink);

  offerWeakSelf(C, Fn, Owner, Ctx);
}

// '[self = shared_from_this()] { ... }' -> '[weak_self = weak_from_this()]
// { auto self = weak_self.lock(); if (!self) return; ... }', on a note;
// otherwise the advice alone. True when the fix was offered.
bool DanglingCaptureCheck::offerWeakSelf(const BoundCallable &C,
                                         const FunctionDecl *Fn,
                                         const CXXRecordDecl *Owner,
                                         ASTContext &Ctx) {
  const SourceLocation Loc = C.E->getBeginLoc();
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  const auto *L = dyn_cast<LambdaExpr>(C.E);
  const std::optional<StringRef> Prefix = selfMemberPrefix(Fn, Owner);
  if (L && C.SelfVar && C.SelfVar->isInitCapture() && LO.CPlusPlus17 &&
      Prefix && !Loc.isMacroID() && escape::derivesFromSharedFromThis(Owner)) {
    const auto *Body = dyn_cast_or_null<CompoundStmt>(L->getBody());
    const std::string Name = C.SelfVar->getName().str();
    const std::string WeakName = "weak_" + Name;
    const Expr *Init = C.SelfVar->getInit();
    if (Body && Init && L->getCallOperator()->getReturnType()->isVoidType() &&
        !lambdaUsesName(L, WeakName) && !Body->getLBracLoc().isMacroID() &&
        !C.SelfVar->getLocation().isMacroID() && !Init->getEndLoc().isMacroID()) {
      const CharSourceRange Range = CharSourceRange::getTokenRange(
          C.SelfVar->getLocation(), Init->getEndLoc());
      std::optional<FixItHint> Lock = lockOrReturn(Body, Name, WeakName, Ctx);
      if (!Lexer::getSourceText(Range, SM, LO).empty() && Lock) {
        // A class template's instantiations share this site: one edit.
        const bool FirstAtSite = firstEditAt(Loc);
        auto D = diag(Loc,
                      "capture 'weak_from_this()' instead and lock it in the "
                      "callback",
                      DiagnosticIDs::Note);
        if (FirstAtSite)
          D << FixItHint::CreateReplacement(
                   Range,
                   (WeakName + " = " + *Prefix + "weak_from_this()").str())
            << *Lock;
        return true;
      }
    }
  }
  diag(Loc,
       "capture 'weak_from_this()' instead of a shared_ptr and lock it in the "
       "callback, or use 'refcycle::weak_method'",
       DiagnosticIDs::Note);
  return false;
}

void DanglingCaptureCheck::reportRearmedHandler(const BoundCallable &C,
                                                const Escape &Sink,
                                                const FunctionDecl *Fn,
                                                ASTContext &Ctx) {
  // Queued on an I/O object of its own, holding the object, and starting
  // the operation again when it runs: only stopping the I/O object ends the
  // chain. Stopped only in the destructor, it is never stopped.
  const auto *Method = dyn_cast<CXXMethodDecl>(Fn);
  const FunctionDecl *Handler = handlerOf(C);
  const FunctionDecl *HandlerDef = nullptr;
  // The I/O object: a member of this object, held by value or through a
  // smart pointer member ('timer_->async_wait(...)').
  const FieldDecl *On = Sink.QueuedOn;
  if (const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(Sink.Site);
      !On && Call)
    On = escape::memberOfThis(Call->getImplicitObjectArgument());
  if (!Method || !On || !Handler || !Handler->hasBody(HandlerDef) ||
      !HandlerDef)
    return;
  const CXXRecordDecl *Owner = Method->getParent();
  if (!escape::reachesFunction(HandlerDef->getBody(), Fn, Owner))
    return;
  const escape::StopSites Stops = escape::stopsOf(On, Owner);
  if (Stops.InDestructor.empty() || Stops.Elsewhere ||
      escape::mayBeStoppedElsewhere(HandlerDef->getBody(), Owner))
    return;
  const std::string OwnerName = Owner->getName().str();
  const std::string Member = OwnerName + "::" + On->getName().str();
  const SourceLocation Loc = C.E->getBeginLoc();
  diag(Loc, "handler queued on '%0' holds a strong reference to its owner "
            "'%1' and starts the operation again when it runs; the %2 lives "
            "as long as the event loop")
      << Member << OwnerName << spokenName(OwnerName);
  if (C.SelfVar)
    diag(C.SelfCapture && C.SelfCapture->getLocation().isValid()
             ? C.SelfCapture->getLocation()
             : C.SelfVar->getLocation(),
         "'%0' is a shared_ptr to this '%1'", DiagnosticIDs::Note)
        << C.SelfVar->getName() << OwnerName;
  diag(Stops.InDestructor.front()->getBeginLoc(),
       "only the destructor of '%0' stops '%1', and it cannot run while a "
       "pending handler holds the %2",
       DiagnosticIDs::Note)
      << OwnerName << On->getName() << spokenName(OwnerName);
  offerWeakSelf(C, Fn, Owner, Ctx);
}

void DanglingCaptureCheck::reportHeldOwnerCycle(const BoundCallable &C,
                                                const Escape &Sink,
                                                const VarDecl *Held,
                                                ASTContext &Ctx) {
  const CXXRecordDecl *Pointee = escape::strongPointee(Held->getType());
  if (!Pointee)
    return;
  const std::string Name = Pointee->getName().str();
  const SourceLocation Loc = C.E->getBeginLoc();
  if (Sink.Field)
    diag(Loc, "callback stored in '%0' holds '%1', a strong reference to the "
              "'%2' that stores it; the '%2' keeps itself alive and is never "
              "freed")
        << memberName(Sink.Field) << Held->getName() << Name;
  else if (Sink.Callee)
    diag(Loc, "callback passed to '%0' holds '%1', a strong reference to the "
              "'%2' that keeps it; the '%2' keeps itself alive and is never "
              "freed")
        << methodName(Sink.Callee) << Held->getName() << Name;
  else
    return;
  const auto *L = dyn_cast<LambdaExpr>(C.E);
  const LambdaCapture *Capture = nullptr;
  if (L)
    for (const LambdaCapture &Cap : L->captures())
      if (Cap.capturesVariable() && Cap.getCapturedVar() == Held)
        Capture = &Cap;
  diag(Capture && Capture->getLocation().isValid() ? Capture->getLocation()
                                                   : Held->getLocation(),
       "'%0' is a strong reference to that '%1'", DiagnosticIDs::Note)
      << Held->getName() << Name;
  noteStorage(Sink);

  // The fix: hold the object weakly and lock it in the callback.
  const LangOptions &LO = Ctx.getLangOpts();
  const std::string Var = Held->getName().str();
  const std::string WeakName = "weak_" + Var;
  const auto *Body = L ? dyn_cast_or_null<CompoundStmt>(L->getBody()) : nullptr;
  if (Capture && Body && !Held->isInitCapture() && Capture->isExplicit() &&
      Capture->getCaptureKind() == LCK_ByCopy &&
      L->getCallOperator()->getReturnType()->isVoidType() &&
      !lambdaUsesName(L, WeakName) && Capture->getLocation().isValid() &&
      !Capture->getLocation().isMacroID() && !Body->getLBracLoc().isMacroID() &&
      !L->getCallOperator()->isTemplateInstantiation()) {
    const std::string Weak = escape::weakPointerSpelling(Held->getType());
    const std::optional<FixItHint> Lock =
        lockOrReturn(Body, Var, WeakName, Ctx);
    // C++14: an init-capture holds the weak reference. Before, a local
    // declared on its own line above the statement that makes the lambda
    // does, and the lambda captures that local.
    std::optional<FixItHint> Declare;
    if (!Weak.empty() && !LO.CPlusPlus14)
      Declare = weakLocalBefore(L, Weak, WeakName, Var);
    if (!Weak.empty() && Lock && (LO.CPlusPlus14 || Declare)) {
      auto D = diag(Loc,
                    "capture a weak reference to '%0' instead and lock it in "
                    "the callback",
                    DiagnosticIDs::Note)
               << Var
               << FixItHint::CreateReplacement(
                      CharSourceRange::getTokenRange(Capture->getLocation()),
                      LO.CPlusPlus14 ? WeakName + " = " + Weak + "(" + Var + ")"
                                     : WeakName)
               << *Lock;
      if (Declare)
        D << *Declare;
      return;
    }
  }
  // std::bind copies the pointer into the binder: the same call as a lambda
  // that holds it weakly. Not in a template's instantiation, whose types
  // the other instantiations do not share.
  const auto *Bind = dyn_cast<CallExpr>(C.E);
  const auto *Within =
      dyn_cast_or_null<FunctionDecl>(Held->getParentFunctionOrMethod());
  const auto *WithinClass =
      Within ? dyn_cast<CXXRecordDecl>(Within->getDeclContext()) : nullptr;
  if (C.Kind == CallableKind::Bind && C.BindName == "std::bind" && Bind &&
      Within && !Within->isTemplateInstantiation() &&
      !Within->isDependentContext() &&
      !(WithinClass && WithinClass->getTemplateInstantiationPattern())) {
    if (std::optional<std::string> Lambda = weakLambdaForBind(
            Bind, Held, escape::weakPointerSpelling(Held->getType()), Ctx)) {
      diag(Loc,
           "hold a weak reference to '%0' instead: call through a lambda "
           "that locks it, and does nothing once the '%1' is gone",
           DiagnosticIDs::Note)
          << Var << Name
          << FixItHint::CreateReplacement(
                 CharSourceRange::getTokenRange(Bind->getSourceRange()),
                 *Lambda);
      return;
    }
  }
  diag(Loc,
       "capture a weak reference to '%0' instead and lock it in the callback",
       DiagnosticIDs::Note)
      << Var;
}

bool DanglingCaptureCheck::adviseQtContext(const BoundCallable &C,
                                           const Escape &Sink,
                                           const CXXRecordDecl *Enclosing) {
  // QObject::connect(sender, signal, functor) and QTimer::singleShot(msec,
  // [timerType,] functor) have overloads that take a context object before
  // the functor; Qt ends the connection (drops the timer) when the context
  // is destroyed. For a QObject, `this` is that context.
  const auto *Call = dyn_cast_or_null<CallExpr>(Sink.Site);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || !Enclosing ||
      !escape::detail::isOrDerivesFrom(Enclosing,
                                       llvm::ArrayRef<StringRef>("::QObject")))
    return false;
  const std::string Name = Callee->getQualifiedNameAsString();
  if (Name != "QObject::connect" && Name != "QTimer::singleShot")
    return false;
  // The argument that carries the callable.
  unsigned Index = Call->getNumArgs();
  for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
    const Expr *Arg = Call->getArg(I);
    if (Arg->getSourceRange().fullyContains(C.E->getSourceRange()) ||
        Arg->getBeginLoc() == C.E->getBeginLoc())
      Index = I;
  }
  if (Index == 0 || Index >= Call->getNumArgs() ||
      Index >= Callee->getNumParams())
    return false;
  // A context is there already when the parameter before the functor is
  // a pointer to a QObject.
  const QualType Before = Callee->getParamDecl(Index - 1)->getType();
  if (Before->isPointerType() && Before->getPointeeCXXRecordDecl() &&
      escape::detail::isOrDerivesFrom(Before->getPointeeCXXRecordDecl(),
                                      llvm::ArrayRef<StringRef>("::QObject")))
    return false;
  const SourceLocation At = Call->getArg(Index)->getBeginLoc();
  if (At.isMacroID() || Call->getRParenLoc().isMacroID())
    return false;
  diag(C.E->getBeginLoc(),
       "pass 'this' as the context object: Qt then ends the %select{"
       "connection|pending call}0 when this '%1' is destroyed",
       DiagnosticIDs::Note)
      << (Name == "QTimer::singleShot") << Enclosing->getName()
      << FixItHint::CreateInsertion(At, "this, ");
  return true;
}

bool DanglingCaptureCheck::adviseDisconnectInDestructor(
    const BoundCallable &C, const Escape &Sink, const CXXRecordDecl *Enclosing,
    ASTContext &Ctx) {
  // The registration's result, a connection, is kept in a member of this
  // object: disconnecting it when the object dies drops the callback.
  const FieldDecl *Kept = Sink.ResultMember;
  if (!Enclosing || !Kept || Sink.ScopedResult || !hasDisconnect(Kept->getType()))
    return false;
  const auto *Holder = dyn_cast<CXXRecordDecl>(Kept->getParent());
  if (!Holder || (Holder != Enclosing && !Enclosing->isDerivedFrom(Holder)))
    return false;
  std::optional<std::vector<FixItHint>> Fix =
      disconnectInDestructor(Enclosing, Kept, Ctx);
  if (!Fix)
    return false;
  const bool Others = connectionMembers(Enclosing, Kept->getType()).size() > 1;
  auto Diag = diag(C.E->getBeginLoc(),
                   "disconnect '%0'%select{| and the other connections of "
                   "'%1'}2 in the destructor of '%1': the callback then "
                   "cannot run once this '%1' is destroyed",
                   DiagnosticIDs::Note)
              << Kept->getName() << Enclosing->getName() << Others;
  // The edit disconnects every connection member: offered once per class.
  if (areDiagsSelfContained() ||
      DisconnectFixes.insert(Enclosing->getCanonicalDecl()).second)
    for (const FixItHint &Hint : *Fix)
      Diag << Hint;
  return true;
}

std::optional<FixItHint>
DanglingCaptureCheck::weakLocalBefore(const LambdaExpr *L, StringRef Weak,
                                      StringRef WeakName, StringRef Var) const {
  // The statement of a block that holds the lambda.
  ASTContext &Ctx = L->getCallOperator()->getASTContext();
  DynTypedNode Node = DynTypedNode::create(*L);
  const Stmt *Statement = nullptr;
  for (unsigned Depth = 0; Depth < 32 && !Statement; ++Depth) {
    const DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.size() != 1)
      return std::nullopt;
    if (Parents[0].get<CompoundStmt>()) {
      Statement = Node.get<Stmt>();
      break;
    }
    if (!Parents[0].get<Stmt>())
      return std::nullopt; // a member initializer, a declaration
    Node = Parents[0];
  }
  const SourceManager &SM = Ctx.getSourceManager();
  if (!Statement || !Statement->getBeginLoc().isFileID())
    return std::nullopt;
  // The statement's own indentation, kept for both lines.
  const SourceLocation Begin = Statement->getBeginLoc();
  const std::optional<StringRef> Indent = layout::indentationIfFirst(Begin, SM);
  if (!Indent)
    return std::nullopt; // the statement does not start its line
  return FixItHint::CreateInsertion(
      Begin, (Weak + " " + WeakName + " = " + Var + ";" +
              layout::lineBreak(Begin, SM) + *Indent)
                 .str());
}

} // namespace clang::tidy::refcycle
