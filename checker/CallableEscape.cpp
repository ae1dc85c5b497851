//===--- CallableEscape.cpp - where bound callables end up ----------------===//
//
// Follows each bound callable of a function body to where it is stored (a
// member, a container, a global, a registration, a storing function, a
// detached thread), and the judgements about that storage that need the
// whole translation unit: torn down in the destructor, restored later in the
// same function, handlers that keep their object alive.
//
//===----------------------------------------------------------------------===//

#include "EscapeSupport.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclFriend.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <functional>

namespace clang::tidy::refcycle::escape {

using namespace detail;

namespace {

class FunctionAnalysis {
public:
  FunctionAnalysis(const FunctionDecl *Fn, ASTContext &Ctx, const Config &Cfg,
                   StoreAnalysis &Stores)
      : Fn(Fn), Ctx(Ctx), Cfg(Cfg), Stores(Stores), Map(Fn) {}

  /// Where the owning pointer value \p E is stored (see whereStored()).
  std::optional<Escape> followValue(const Expr *E) {
    return follow(E, 0, /*Carrier=*/true);
  }

  std::vector<Finding> run() {
    std::vector<Finding> Out;
    const auto *Method = dyn_cast<CXXMethodDecl>(Fn);
    const CXXRecordDecl *ThisClass =
        Method && Method->isInstance() ? Method->getParent() : nullptr;
    for (const Expr *E : Map.callables()) {
      std::optional<BoundCallable> C;
      if (const auto *L = dyn_cast<LambdaExpr>(E)) {
        if (wholeInMacro(L))
          continue;
        C = classifyLambda(L, ThisClass, Cfg);
      } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
        const std::string Name =
            qualified(Construct->getConstructor()->getParent());
        if (Name == "::std::thread" || Name == "::std::jthread") {
          // std::thread(&C::run, this): the thread is the callable's storage.
          C = classifyThread(Construct, Cfg);
          if (C && C->danglingCandidate())
            if (std::optional<Escape> Sink = threadFate(Construct))
              Out.push_back({*C, *Sink});
          continue;
        }
        C = classifyBindingConstruct(Construct, Cfg);
      } else {
        C = classifyBind(cast<CallExpr>(E), Cfg);
      }
      if (!C)
        continue;
      if (std::optional<Escape> Sink = follow(E, 0)) {
        const bool Tracked = C->Object && trackedByFramework(*C, *Sink);
        if (!Tracked || C->LocalByRef)
          Out.push_back({*C, *Sink, Tracked});
      }
    }
    for (const CallExpr *Call : Map.pairCalls()) {
      if (Call->getExprLoc().isMacroID())
        continue;
      unsigned ObjectArg = 0;
      std::optional<BoundCallable> C =
          classifyPair(Call, ThisClass, Cfg, &ObjectArg);
      if (!C)
        continue;
      if (std::optional<Escape> Sink = fromPair(Call, ObjectArg))
        if (!trackedByFramework(*C, *Sink))
          Out.push_back({*C, *Sink});
    }
    return Out;
  }

private:
  /// A lambda written entirely by a macro (its introducer and its closing
  /// brace in the same macro's body): code the user cannot change there. A
  /// macro that only spells the capture list (`[=, this]` behind a name)
  /// leaves the rest the user's.
  bool wholeInMacro(const LambdaExpr *L) const {
    const SourceManager &SM = Ctx.getSourceManager();
    return SM.isMacroBodyExpansion(L->getBeginLoc()) &&
           SM.isMacroBodyExpansion(L->getEndLoc());
  }

  /// True if the registration call that keeps \p C is also given the object
  /// \p C is bound to, and that object's class is one the framework tracks
  /// (option SelfDisconnectingReceiverBases: Qt's connect with a receiver or
  /// context QObject ends the connection when that object is destroyed).
  bool trackedByFramework(const BoundCallable &C, const Escape &Sink) const {
    if (Sink.Kind != EscapeKind::Registration &&
        Sink.Kind != EscapeKind::StoringCallee)
      return false;
    // A binder of the framework that tracks the object: sigc::mem_fun of a
    // sigc::trackable disconnects the slot when the object is destroyed.
    if (const auto *BindCall = dyn_cast<CallExpr>(C.E);
        BindCall && C.Kind == CallableKind::Bind)
      if (const FunctionDecl *Binder = BindCall->getDirectCallee())
        for (StringRef Base : Cfg.SelfDisconnectingReceiverBases) {
          const StringRef Namespace =
              Base.drop_while([](char Ch) { return Ch == ':'; })
                  .split("::")
                  .first;
          const std::string BinderName = Binder->getQualifiedNameAsString();
          if (!Namespace.empty() && Base.contains("::") &&
              StringRef(BinderName).starts_with((Namespace + "::").str()) &&
              isOrDerivesFrom(C.Object, llvm::ArrayRef<StringRef>(Base)))
            return true;
        }
    const auto *Call = dyn_cast_or_null<CallExpr>(Sink.Site);
    if (!Call)
      return false;
    const bool Tracked =
        isOrDerivesFrom(C.Object, Cfg.SelfDisconnectingReceiverBases);
    auto EndsWithObject = [&](const Expr *Arg) {
      const Expr *A = strip(Arg, Cfg)->IgnoreParenImpCasts();
      if (Tracked && C.CapturesThis && isa<CXXThisExpr>(A))
        return true;
      // A tracked context object that the bound object owns (a member, one
      // it made with `new`, a child it made with itself as the parent) dies
      // no later than it.
      if (C.CapturesThis && !isa<CXXThisExpr>(A) &&
          A->getType()->isPointerType() &&
          isOrDerivesFrom(pointeeRecord(A->getType()),
                          Cfg.SelfDisconnectingReceiverBases) &&
          (pointsIntoThis(A, 0) || isChildOfThis(A)))
        return true;
      if (Tracked && C.RawPointer && !C.CapturesThis)
        if (const auto *Ref = dyn_cast<DeclRefExpr>(A))
          if (Ref->getDecl() == C.RawPointer)
            return true;
      return false;
    };
    // A storing function of this translation unit hands the callable to a
    // registration together with a context object: the argument of this
    // call it came from (Escape::Context) decides, not the call's others.
    if (Sink.Kind == EscapeKind::StoringCallee)
      return llvm::any_of(Sink.Contexts, EndsWithObject);
    return llvm::any_of(Call->arguments(), EndsWithObject);
  }

  /// `new T(..., this)`: an object made with `this` as its parent (Qt's
  /// ownership), destroyed by the parent's destructor at the latest.
  static bool isNewChildOfThis(const Expr *E) {
    const auto *New = dyn_cast<CXXNewExpr>(E->IgnoreParenImpCasts());
    const CXXConstructExpr *Construct = New ? New->getConstructExpr() : nullptr;
    return Construct && llvm::any_of(Construct->arguments(), [](const Expr *A) {
             return isa<CXXThisExpr>(A->IgnoreParenImpCasts());
           });
  }

  /// \p E is a child of `this` (isNewChildOfThis), a local pointer that only
  /// ever holds one (its initializer and every assignment in its function),
  /// or a pointer member of this class that only ever holds one.
  static bool isChildOfThis(const Expr *E) {
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
      return Field &&
             isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()) &&
             fieldOnlyHolds(Field, isNewChildOfThis);
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      return Var && Var->isLocalVarDecl() && localOnlyHolds(Var);
    }
    return isNewChildOfThis(E);
  }

  /// Every value \p Var holds in its function (initializer, assignments) is
  /// a child of `this`, and it holds one.
  static bool localOnlyHolds(const VarDecl *Var) {
    const auto *Fn = dyn_cast<FunctionDecl>(Var->getDeclContext());
    if (!Fn || !Fn->getBody())
      return false;
    bool Child = false, Other = false;
    auto Judge = [&](const Expr *Value) {
      if (isNewChildOfThis(Value))
        Child = true;
      else
        Other = true;
    };
    if (const Expr *Init = Var->getInit())
      Judge(Init);
    std::function<void(const Stmt *)> Visit = [&](const Stmt *S) {
      if (!S || Other)
        return;
      if (const auto *B = dyn_cast<BinaryOperator>(S))
        if (B->isAssignmentOp())
          if (const auto *L =
                  dyn_cast<DeclRefExpr>(B->getLHS()->IgnoreParenImpCasts()))
            if (L->getDecl() == Var)
              Judge(B->getRHS());
      for (const Stmt *Child : S->children())
        Visit(Child);
    };
    Visit(Fn->getBody());
    return Child && !Other;
  }

  /// Where the object pointer of a pointer-to-member pair, argument
  /// \p ObjectArg of \p Call, is kept: like a callable passed to the same
  /// registration function.
  std::optional<Escape> fromPair(const CallExpr *Call, unsigned ObjectArg) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    const std::optional<unsigned> Index =
        parameterIndex(Call, Call->getArg(ObjectArg));
    if (!Callee || !Index || *Index >= Callee->getNumParams() ||
        isNoEscapeParameter(Callee, *Index))
      return std::nullopt;
    // A body of this translation unit that only calls through the pointer.
    if (StoreAnalysis::analyzable(Callee, Ctx.getSourceManager()) &&
        !keepsPointerParameter(Callee, *Index))
      return std::nullopt;
    return registrationSink(Call, Callee, QualType());
  }

  /// Follows the callable value \p S (or a variable holding it) upwards.
  /// With \p Carrier, \p S is instead what a function that keeps the
  /// callable returned (see fromCall), an owning pointer that is followed
  /// the same way into members, globals and storing functions.
  std::optional<Escape> follow(const Stmt *S, unsigned Depth,
                               bool Carrier = false) {
    if (Depth > 2)
      return std::nullopt;
    const Stmt *Child = nullptr;
    const Stmt *P = parentSkippingWrappers(Map, S, Cfg, &Child);
    if (!P)
      return std::nullopt;

    // Assignment: dest = callable; also `list += callable` into a class that
    // keeps callables (an event's list of handlers).
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(P)) {
      const OverloadedOperatorKind K = Op->getOperator();
      if ((K == OO_Equal || (!Carrier && K == OO_PlusEqual)) &&
          Op->getNumArgs() == 2 && Op->getArg(1) == Child) {
        const Expr *Dest = Op->getArg(0);
        const QualType DestType = Dest->getType();
        if (Carrier ? !isOwningPointer(DestType)
                    : !isCallbackType(DestType, Cfg) &&
                          !keepsCallables(recordOf(DestType), Cfg))
          return std::nullopt;
        return fromDestination(Dest, Op, EscapeKind::Member,
                               Carrier ? QualType() : DestType);
      }
    }

    // Local variable holding the callable: follow its uses once.
    if (const auto *DS = dyn_cast<DeclStmt>(P)) {
      for (const Decl *D : DS->decls()) {
        const auto *V = dyn_cast<VarDecl>(D);
        if (!V || V->getInit() != Child)
          continue;
        if (V->hasGlobalStorage()) {
          if (Carrier ? !isOwningPointer(V->getType())
                      : !isCallbackType(V->getType(), Cfg))
            return std::nullopt;
          Escape Sink;
          Sink.Kind = EscapeKind::Global;
          Sink.Site = cast<Expr>(Child);
          Sink.Global = V;
          Sink.RootDecl = V;
          if (!Carrier)
            Sink.CallbackType = V->getType();
          return Sink;
        }
        if (templateName(V->getType()) == "::std::thread")
          return std::nullopt;
        for (const DeclRefExpr *Use : Map.uses(V))
          if (std::optional<Escape> Sink = follow(Use, Depth + 1, Carrier))
            return Sink;
        return std::nullopt;
      }
      return std::nullopt;
    }

    // std::thread(callable) that is detached.
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(P))
      if (!Carrier && templateName(Construct->getType()).empty() &&
          recordOf(Construct->getType()) &&
          qualified(recordOf(Construct->getType())) == "::std::thread")
        return threadFate(Construct);

    if (const auto *Member = dyn_cast<MemberExpr>(P); Member && !Carrier)
      return fromSlotTracking(Member, Depth);

    if (const auto *Call = dyn_cast<CallExpr>(P))
      return fromCall(Call, Child, Depth, Carrier);
    return std::nullopt;
  }

  /// A boost::signals2 slot holding the callable, told to track objects:
  /// `slot.track(p)` and `slot.track_foreign(p)` return the slot itself, and
  /// a connection made from it ends once a tracked object expires. A slot
  /// that tracks the bound object itself (shared_from_this()) is not called
  /// after that object is gone; any other tracking leaves the slot to be
  /// followed on.
  std::optional<Escape> fromSlotTracking(const MemberExpr *Member,
                                         unsigned Depth) {
    const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(Map.parent(Member));
    const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl());
    if (!Call || Call->getCallee()->IgnoreParens() != Member || !Method ||
        !Method->getIdentifier() ||
        (Method->getName() != "track" && Method->getName() != "track_foreign") ||
        !isOrDerivesFrom(Method->getParent(),
                         llvm::ArrayRef<StringRef>("::boost::signals2::slot_base")))
      return std::nullopt;
    for (const Expr *Arg : Call->arguments())
      if (isSelfReference(withoutConversions(Arg)) ||
          isWeakFromThis(withoutConversions(Arg)))
        return std::nullopt;
    return follow(Call, Depth);
  }

  /// `weak_from_this()` called on `this`.
  static bool isWeakFromThis(const Expr *E) {
    const auto *Call = dyn_cast<CXXMemberCallExpr>(E);
    const CXXMethodDecl *M = Call ? Call->getMethodDecl() : nullptr;
    return M && M->getIdentifier() && M->getName() == "weak_from_this" &&
           isa<CXXThisExpr>(Call->getImplicitObjectArgument()->IgnoreParenImpCasts());
  }

  /// \p E without implicit conversions and the temporaries of a converting
  /// construction (a std::weak_ptr<void> made from a shared_ptr).
  static const Expr *withoutConversions(const Expr *E) {
    for (;;) {
      const Expr *Next = E->IgnoreImplicit();
      if (const auto *Construct = dyn_cast<CXXConstructExpr>(Next);
          Construct && Construct->getNumArgs() == 1)
        Next = Construct->getArg(0)->IgnoreImplicit();
      if (Next == E)
        return E;
      E = Next;
    }
  }

  std::optional<Escape> threadFate(const CXXConstructExpr *Construct) {
    auto IsDetach = [](const Stmt *S) {
      const auto *ME = dyn_cast_or_null<MemberExpr>(S);
      if (!ME)
        return false;
      const auto *M = dyn_cast<CXXMethodDecl>(ME->getMemberDecl());
      return M && M->getIdentifier() && M->getName() == "detach";
    };
    Escape Sink;
    Sink.Kind = EscapeKind::DetachedThread;
    const Stmt *Child = nullptr;
    const Stmt *P = parentSkippingWrappers(Map, Construct, Cfg, &Child);
    if (IsDetach(P)) {
      Sink.Site = cast<Expr>(P);
      return Sink;
    }
    if (const auto *DS = dyn_cast_or_null<DeclStmt>(P))
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D))
          if (V->getInit() == Child)
            for (const DeclRefExpr *Use : Map.uses(V)) {
              const Stmt *Up = Map.parent(Use);
              while (Up && isa<ImplicitCastExpr, ParenExpr>(Up))
                Up = Map.parent(Up);
              if (IsDetach(Up)) {
                Sink.Site = cast<Expr>(Up);
                return Sink;
              }
            }
    return std::nullopt;
  }

  std::optional<Escape> fromDestination(const Expr *Dest, const Expr *Site,
                                        EscapeKind Kind, QualType CbType,
                                        bool Pointee = false) {
    const Destination D = destinationOf(Dest, Pointee);
    Escape Sink;
    Sink.Kind = D.Global ? EscapeKind::Global : Kind;
    Sink.Site = Site;
    Sink.Field = D.Field;
    Sink.Global = D.Global;
    Sink.RootDecl = D.Root;
    Sink.CallbackType = CbType;
    Sink.SharedMember = D.SharedMember;
    Sink.Holder = Dest;
    Sink.HolderPointee = Pointee;
    if (D.Who == Owner::This) {
      Sink.Own = true;
      Sink.OwnMember = D.FirstMember;
      return Sink;
    }
    if (D.Who == Owner::Other)
      return Sink;
    return std::nullopt; // a local object or something we cannot name
  }

  std::optional<Escape> fromCall(const CallExpr *Call, const Stmt *Arg,
                                 unsigned Depth, bool Carrier = false) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return std::nullopt;
    // A wrapper that returns an object holding the callable
    // (`asio::bind_executor(strand_, [this] {...})`, `strand_.wrap(...)`):
    // the callable goes where that object goes.
    if (!Carrier && !isa<CXXOperatorCallExpr>(Call))
      if (const auto *ArgExpr = dyn_cast<Expr>(Arg))
        if (returnsHolderOf(Call, strip(ArgExpr, Cfg)->getType()))
          return follow(Call, Depth + 1);
    // Insertion into a container of callbacks (of owning pointers, for what
    // carries the callable or another owner).
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
      if (isContainerInsert(MC, Cfg, Carrier)) {
        QualType Cb;
        return fromDestination(MC->getImplicitObjectArgument(), MC,
                               EscapeKind::Container, Cb,
                               calledThroughPointer(MC));
      }
    const std::optional<unsigned> Index = parameterIndex(Call, Arg);
    if (!Index || *Index >= Callee->getNumParams())
      return std::nullopt;
    // The callee promises not to keep it, whatever its name or body.
    if (isNoEscapeParameter(Callee, *Index))
      return std::nullopt;
    // It runs the callable before it returns (a blocking invokeMethod).
    if (runsBeforeReturning(Call))
      return std::nullopt;
    const SourceManager &SM = Ctx.getSourceManager();
    const Expr *Object = implicitObject(Call);

    // A function that queues a handler on an executor (Asio's post,
    // dispatch, async_*; also a copy of Asio bundled in the project, whose
    // body is visible but too deep to follow) is taken by its name.
    if (!Carrier && isQueuedHandlerParameter(Callee, *Index, Cfg))
      return registrationSink(Call, Callee,
                              Callee->getParamDecl(*Index)->getType());

    if (StoreAnalysis::analyzable(Callee, SM)) {
      std::optional<StoreAnalysis::Result> R =
          Stores.stores(Callee, *Index, Ctx, Cfg);
      if (!R)
        return std::nullopt; // only called or forwarded: transient
      Escape Sink;
      if (R->IntoResult) {
        if (isOwningPointer(Callee->getReturnType()))
          if (std::optional<Escape> Carried = follow(Call, Depth + 1, true)) {
            Carried->Carrier = Call;
            return Carried;
          }
        return std::nullopt; // dropped with the result, or not followed
      }
      if (R->Elsewhere || R->Queued) {
        // Kept by another object the callee reaches by itself, or queued
        // on an executor: not the caller's object, whatever the call is
        // made on. The message names the function the code calls.
        Sink.Kind = EscapeKind::StoringCallee;
        Sink.Site = Call;
        Sink.Field = R->Field;
        Sink.CallbackType = Callee->getParamDecl(*Index)->getType();
        if (Object)
          Sink.RootDecl = destinationOf(Object, calledThroughPointer(Call)).Root;
        Sink.Callee = Callee;
        Sink.CalleeStoreSite = R->Site;
        Sink.Contexts = StoreAnalysis::contextArguments(*R, Call);
        if (R->Queued)
          markQueued(Sink);
        noteResult(Sink, Call);
        return Sink;
      } else if (R->Global) {
        Sink.Kind = EscapeKind::Global;
        Sink.Global = R->Global;
        Sink.RootDecl = R->Global;
        Sink.Site = Call;
      } else {
        const Expr *Root = Object;
        bool Pointee = calledThroughPointer(Call);
        if (R->RootParam >= 0) {
          Pointee = false;
          Root = nullptr;
          if (const std::optional<unsigned> Off =
                  static_cast<unsigned>(R->RootParam) < Call->getNumArgs()
                      ? std::optional<unsigned>(R->RootParam)
                      : std::nullopt)
            Root = Call->getArg(*Off);
        }
        if (!Root)
          return std::nullopt;
        std::optional<Escape> S = fromDestination(
            Root, Call, EscapeKind::StoringCallee,
            Callee->getParamDecl(*Index)->getType(), Pointee);
        if (!S)
          return std::nullopt;
        Sink = *S;
        Sink.Kind = EscapeKind::StoringCallee;
        Sink.Field = R->Field;
      }
      Sink.Callee = R->Registration ? R->Registration : Callee;
      Sink.CalleeStoreSite = R->Site;
      Sink.Contexts = StoreAnalysis::contextArguments(*R, Call);
      if (R->Registration)
        noteResult(Sink, Call);
      if (R->Queued)
        markQueued(Sink);
      return Sink;
    }

    if (Carrier)
      return std::nullopt;
    // A body in sight decides before a name does: one that hands the
    // callable back inside the owning pointer it returns is a carrier
    // (below), whatever it is called.
    if (Callee->hasBody())
      if (std::optional<Escape> Sink = carriedBy(Call, Callee, *Index, Depth))
        return Sink;
    if (Callee->getIdentifier() &&
        matchesName(Callee->getName(), Cfg.RegistrationFunctions) &&
        isRegisteredParameter(Callee, *Index, Cfg))
      return registrationSink(Call, Callee,
                              Callee->getParamDecl(*Index)->getType());
    // A member function whose body nobody here can see, of a class that
    // keeps callables of the parameter's type in its members (an event
    // loop's queue of std::function<void()>), keeps this one too.
    if (keepsCallablesOfParameter(Callee, *Index, Cfg, Ctx.getSourceManager()))
      return registrationSink(Call, Callee,
                              Callee->getParamDecl(*Index)->getType());
    return carriedBy(Call, Callee, *Index, Depth);
  }

  // A function that takes the callable to keep it (a callback type by
  // value or rvalue reference; a template parameter may be anything, as
  // std::make_unique's are) and returns an owning pointer hands back what
  // keeps it: an event loop's addTimeEvent(..., cb) returning the
  // std::unique_ptr<EventSourceTime> that calls cb. The callable lives
  // where that pointer goes: nowhere, if it is dropped; with the object,
  // in its own member; possibly longer, anywhere else.
  std::optional<Escape> carriedBy(const CallExpr *Call,
                                  const FunctionDecl *Callee, unsigned Index,
                                  unsigned Depth) {
    if (!isStoringParameter(Callee, Index, Cfg))
      return std::nullopt;
    const QualType ParamType = Callee->getParamDecl(Index)->getType();
    if (!ParamType->isLValueReferenceType() &&
        isCallbackType(ParamType.getNonReferenceType(), Cfg) &&
        isOwningPointer(Callee->getReturnType()))
      if (std::optional<Escape> Sink = follow(Call, Depth + 1, true)) {
        Sink->Carrier = Call;
        return Sink;
      }
    return std::nullopt;
  }

  /// The storage of a registration function of another object (or a free
  /// one) whose body is not available.
  std::optional<Escape> registrationSink(const CallExpr *Call,
                                         const FunctionDecl *Callee,
                                         QualType CbType) {
    const Expr *Object = implicitObject(Call);
    const bool Queued =
        Callee->getIdentifier() &&
        matchesName(Callee->getName(), Cfg.QueuedHandlerFunctions);
    Escape Sink;
    if (Queued) {
      // The executor keeps the handler, not the strand, socket or timer the
      // call is made on (which may well be a member of the object).
      Sink.Kind = EscapeKind::Registration;
      Sink.Site = Call;
      Sink.CallbackType = CbType;
      const Expr *Root = Object ? Object
                                : (Call->getNumArgs() > 0 ? Call->getArg(0)
                                                          : nullptr);
      if (Root) {
        const Destination D =
            destinationOf(Root, Object && calledThroughPointer(Call));
        Sink.RootDecl = D.Root;
        if (D.Who == Owner::This)
          Sink.QueuedOn = D.FirstMember;
      }
      Sink.Queued = true;
    } else if (Object) {
      std::optional<Escape> S =
          fromDestination(Object, Call, EscapeKind::Registration, CbType,
                          calledThroughPointer(Call));
      if (!S)
        return std::nullopt;
      Sink = *S;
      Sink.Kind = EscapeKind::Registration;
      Sink.Field = nullptr;
    } else {
      Sink.Kind = EscapeKind::Registration;
      Sink.Site = Call;
      Sink.CallbackType = CbType;
      if (Call->getNumArgs() > 0) {
        const Destination D = destinationOf(Call->getArg(0));
        Sink.RootDecl = D.Root;
      }
    }
    Sink.Callee = Callee;
    noteResult(Sink, Call);
    return Sink;
  }

  /// The callable was forwarded to a function that queues it on an
  /// executor: the executor keeps it, not the caller's object.
  static void markQueued(Escape &Sink) {
    Sink.Queued = true;
    Sink.QueuedOn = nullptr;
    Sink.Own = false;
    Sink.OwnMember = nullptr;
    Sink.SharedMember = nullptr;
  }

  /// Records the member that receives the registration's result (a
  /// connection), and whether it is a scoped connection.
  void noteResult(Escape &Sink, const CallExpr *Call) {
    const Stmt *Child = nullptr;
    const Stmt *P = parentSkippingWrappers(Map, Call, Cfg, &Child);
    // The result may be converted first (connection -> scoped_connection).
    while (P && isa<CXXConstructExpr, MaterializeTemporaryExpr, ImplicitCastExpr,
                    CXXBindTemporaryExpr, ExprWithCleanups>(P)) {
      Child = P;
      P = Map.parent(P);
    }
    QualType Target;
    if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(P)) {
      if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
          Op->getArg(1) == Child) {
        const Destination D = destinationOf(Op->getArg(0));
        if (D.Who == Owner::This)
          Sink.ResultMember = D.Field;
        Target = Op->getArg(0)->getType();
      }
    } else if (const auto *B = dyn_cast_or_null<BinaryOperator>(P)) {
      if (B->getOpcode() == BO_Assign && B->getRHS() == Child) {
        const Destination D = destinationOf(B->getLHS());
        if (D.Who == Owner::This)
          Sink.ResultMember = D.Field;
        Target = B->getLHS()->getType();
      }
    } else if (const auto *DS = dyn_cast_or_null<DeclStmt>(P)) {
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D))
          if (V->getInit() == Child)
            Target = V->getType();
    } else if (!P) {
      if (const CXXCtorInitializer *Init = Map.initializerOf(Child))
        if (FieldDecl *F = Init->getMember()) {
          Sink.ResultMember = F;
          Target = F->getType();
        }
    }
    if (!Target.isNull() && isNamedType(Target, Cfg.ScopedConnectionTypes))
      Sink.ScopedResult = true;
  }

  const FunctionDecl *Fn;
  ASTContext &Ctx;
  const Config &Cfg;
  StoreAnalysis &Stores;
  BodyMap Map;
};

} // namespace

bool isSelfReference(const Expr *E) { return isSharedFromThisCall(E); }

std::optional<Escape> whereStored(const Expr *Value, const FunctionDecl *Fn,
                                  ASTContext &Ctx, const Config &Cfg,
                                  StoreAnalysis &Stores) {
  if (!Value || !Fn || !Fn->hasBody() || Fn->isDependentContext() ||
      Fn->isInvalidDecl())
    return std::nullopt;
  return FunctionAnalysis(Fn, Ctx, Cfg, Stores).followValue(Value);
}

std::vector<Finding> analyzeFunction(const FunctionDecl *Fn, ASTContext &Ctx,
                                     const Config &Cfg, StoreAnalysis &Stores) {
  if (!Fn || !Fn->hasBody() || Fn->isDependentContext() || Fn->isInvalidDecl())
    return {};
  return FunctionAnalysis(Fn, Ctx, Cfg, Stores).run();
}

const Expr *
keepAliveHandlerSite(const CXXRecordDecl *Record,
                     llvm::ArrayRef<const FunctionDecl *> Functions,
                     llvm::ArrayRef<StringRef> QueuedHandlerFunctions) {
  if (!Record)
    return nullptr;
  const CXXRecordDecl *Canonical = Record->getCanonicalDecl();
  auto PointsToRecord = [&](QualType T) {
    T = T.getNonReferenceType();
    if (!isSharedPtr(T) && !isWeakPtr(T))
      return false;
    const auto *Spec =
        dyn_cast_or_null<ClassTemplateSpecializationDecl>(recordOf(T));
    if (!Spec || Spec->getTemplateArgs().size() < 1 ||
        Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
      return false;
    const CXXRecordDecl *Pointee =
        Spec->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl();
    return Pointee && Pointee->getCanonicalDecl() == Canonical;
  };
  std::function<bool(const Stmt *)> KeepsAlive = [&](const Stmt *S) {
    if (!S)
      return false;
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S))
      if (const CXXMethodDecl *M = Call->getMethodDecl())
        if (M->getIdentifier() && (M->getName() == "shared_from_this" ||
                                   M->getName() == "weak_from_this"))
          return true;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
        if (PointsToRecord(Var->getType()))
          return true;
    for (const Stmt *Child : S->children())
      if (KeepsAlive(Child))
        return true;
    return false;
  };
  const Expr *Site = nullptr;
  unsigned KeepingAlive = 0, BoundToThis = 0;
  std::function<void(const Stmt *)> Visit = [&](const Stmt *S) {
    if (!S)
      return;
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (Callee && Callee->getIdentifier() &&
          matchesName(Callee->getName(), QueuedHandlerFunctions)) {
        if (llvm::any_of(Call->arguments(), KeepsAlive)) {
          ++KeepingAlive;
          if (!Site)
            Site = Call;
        } else if (llvm::any_of(Call->arguments(),
                                [](const Expr *A) { return usesThis(A); })) {
          ++BoundToThis;
        }
      }
    }
    for (const Stmt *Child : S->children())
      Visit(Child);
  };
  for (const FunctionDecl *FD : Functions) {
    const auto *M = dyn_cast<CXXMethodDecl>(FD);
    if (M && M->getParent()->getCanonicalDecl() == Canonical)
      Visit(FD->getBody());
  }
  // The class's convention: most of its handlers keep it alive.
  return KeepingAlive >= BoundToThis ? Site : nullptr;
}

bool isValueType(const CXXRecordDecl *Record) {
  if (!Record || !Record->hasDefinition())
    return false;
  Record = Record->getDefinition();
  if (Record->isPolymorphic())
    return false;
  bool Declared = false;
  for (const CXXConstructorDecl *C : Record->ctors()) {
    if (!C->isCopyConstructor())
      continue;
    Declared = true;
    if (!C->isDeleted() && C->getAccess() == AS_public)
      return true;
  }
  return !Declared && Record->needsImplicitCopyConstructor() &&
         !Record->defaultedCopyConstructorIsDeleted();
}

namespace {
/// The statement \p Later is a store of \p Sink: a call of the same storing
/// function, or an assignment to the same member (not one that runs only
/// under a condition or in a lambda).
bool storesAgain(const Stmt *Later, const Escape &Sink) {
  if (const auto *Cleanups = dyn_cast_or_null<ExprWithCleanups>(Later))
    Later = Cleanups->getSubExpr();
  if (const auto *E = dyn_cast_or_null<Expr>(Later))
    Later = E->IgnoreParenImpCasts();
  if (!Later)
    return false;
  if (const auto *Call = dyn_cast<CallExpr>(Later)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Callee && Sink.Callee &&
        Callee->getCanonicalDecl() == Sink.Callee->getCanonicalDecl())
      return true;
  }
  if (Sink.Field) {
    const Expr *Target = nullptr;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Later)) {
      if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2)
        Target = Op->getArg(0);
    } else if (const auto *B = dyn_cast<BinaryOperator>(Later)) {
      if (B->getOpcode() == BO_Assign)
        Target = B->getLHS();
    }
    if (const auto *ME =
            Target ? dyn_cast<MemberExpr>(Target->IgnoreParenImpCasts())
                   : nullptr)
      if (ME->getMemberDecl() == Sink.Field)
        return true;
  }
  return false;
}

bool containsReturn(const Stmt *S) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  if (isa<ReturnStmt, CoreturnStmt>(S))
    return true;
  for (const Stmt *Child : S->children())
    if (containsReturn(Child))
      return true;
  return false;
}

/// In the block that directly holds the statement containing \p Site: the
/// statements after it restore the store with no return in between.
bool restoredIn(const Stmt *S, const Expr *Site, const Escape &Sink,
                const SourceManager &SM) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  const SourceRange SiteRange = Site->getSourceRange();
  auto Contains = [&](const Stmt *Outer) {
    const SourceRange R = Outer->getSourceRange();
    return R.isValid() &&
           !SM.isBeforeInTranslationUnit(SiteRange.getBegin(), R.getBegin()) &&
           !SM.isBeforeInTranslationUnit(R.getEnd(), SiteRange.getEnd());
  };
  if (const auto *Block = dyn_cast<CompoundStmt>(S)) {
    const auto Body = Block->body();
    for (auto It = Body.begin(); It != Body.end(); ++It) {
      if (!Contains(*It))
        continue;
      if (restoredIn(*It, Site, Sink, SM))
        return true;
      for (auto Next = std::next(It); Next != Body.end(); ++Next) {
        if (storesAgain(*Next, Sink))
          return true;
        if (containsReturn(*Next))
          return false;
      }
      return false;
    }
    return false;
  }
  for (const Stmt *Child : S->children())
    if (Child && Contains(Child))
      return restoredIn(Child, Site, Sink, SM);
  return false;
}
} // namespace

bool restoredLater(const FunctionDecl *Fn, const Escape &Sink,
                   const SourceManager &SM) {
  if (!Fn || !Fn->getBody() || !Sink.Site ||
      (Sink.Kind != EscapeKind::Member &&
       Sink.Kind != EscapeKind::StoringCallee))
    return false;
  if (Sink.Site->getBeginLoc().isMacroID())
    return false;
  return restoredIn(Fn->getBody(), Sink.Site, Sink, SM);
}

namespace {
/// The class an object expression designates or points to, through smart
/// pointers (by their first template argument).
const CXXRecordDecl *pointeeOrRecord(QualType T) {
  T = T.getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  const CXXRecordDecl *R = recordOf(T);
  if (isSharedPtr(T) || isUniquePtr(T))
    if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(R))
      if (Spec->getTemplateArgs().size() > 0 &&
          Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
        R = Spec->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl();
  return R ? R->getCanonicalDecl() : nullptr;
}
} // namespace

std::string weakPointerSpelling(QualType T) {
  const std::string Name = templateName(T.getNonReferenceType());
  const char *Weak = Name == "::std::shared_ptr"     ? "std::weak_ptr"
                     : Name == "::boost::shared_ptr" ? "boost::weak_ptr"
                                                     : nullptr;
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      recordOf(T.getNonReferenceType()));
  if (!Weak || !Spec || Spec->getTemplateArgs().size() < 1 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return {};
  PrintingPolicy Policy(Spec->getASTContext().getLangOpts());
  Policy.SuppressScope = false;
  Policy.FullyQualifiedName = true;
  // No '(anonymous namespace)::' or inline namespace a program cannot
  // write: the fix is in the file that sees those names.
  Policy.SuppressUnwrittenScope = true;
  return std::string(Weak) + "<" +
         Spec->getTemplateArgs()[0].getAsType().getAsString(Policy) + ">";
}

const VarDecl *storedThroughHeldOwner(const BoundCallable &C,
                                      const Escape &Sink) {
  if (Sink.Queued || Sink.Kind == EscapeKind::DetachedThread ||
      Sink.Kind == EscapeKind::Global)
    return nullptr;
  for (const VarDecl *V : C.HeldOwners)
    if (Sink.RootDecl == V)
      return V;
  return nullptr;
}

bool ownsExecutionContext(const CXXRecordDecl *Record) {
  static const StringRef Contexts[] = {
      "::asio::execution_context", "::boost::asio::execution_context",
      "::asio::io_service", "::boost::asio::io_service"};
  if (!Record || !Record->hasDefinition())
    return false;
  auto Owns = [](const CXXRecordDecl *R) {
    return llvm::any_of(R->fields(), [](const FieldDecl *F) {
      QualType T = F->getType();
      if (isUniquePtr(T)) {
        const auto *Spec =
            dyn_cast_or_null<ClassTemplateSpecializationDecl>(recordOf(T));
        if (!Spec || Spec->getTemplateArgs().size() < 1 ||
            Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
          return false;
        T = Spec->getTemplateArgs()[0].getAsType();
      } else if (T->isPointerType() && isNewOwnedField(F)) {
        T = T->getPointeeType();
      } else if (T->isReferenceType() || T->isPointerType()) {
        return false;
      }
      return isOrDerivesFrom(recordOf(T), Contexts);
    });
  };
  const CXXRecordDecl *R = Record->getDefinition();
  if (Owns(R))
    return true;
  bool Found = false;
  if (!R->bases().empty())
    R->forallBases([&](const CXXRecordDecl *Base) {
      if (Owns(Base))
        Found = true;
      return true;
    });
  return Found;
}

namespace {

// `ResetReceiver` for `SetReceiver`, `removeListener` for `addListener`,
// `unregisterHandler` for `registerHandler`: the function that undoes what
// the storing function did, named after it. Only a fallback for a callee
// whose body is not in sight; the stem must match exactly.
bool isCounterpart(StringRef Teardown, StringRef Store) {
  static const StringRef StorePrefixes[] = {"set", "add", "register",
                                            "subscribe", "connect", "install",
                                            "attach", "insert", "push"};
  static const StringRef UndoPrefixes[] = {
      "reset",     "remove",     "unregister", "deregister", "unsubscribe",
      "disconnect", "uninstall", "detach",     "clear",      "erase",
      "delete",     "del",       "unset"};
  const std::string T = Teardown.lower();
  const std::string S = Store.lower();
  for (StringRef StorePrefix : StorePrefixes) {
    if (!StringRef(S).starts_with(StorePrefix))
      continue;
    const StringRef Stem = StringRef(S).drop_front(StorePrefix.size());
    for (StringRef Undo : UndoPrefixes)
      if (StringRef(T).starts_with(Undo) &&
          StringRef(T).drop_front(Undo.size()) == Stem)
        return true;
  }
  return false;
}

} // namespace

bool destructorTearsDown(const CXXRecordDecl *Record, const Escape &Sink,
                         const Config &Cfg) {
  if (Sink.ScopedResult)
    return true;
  if (!Record || !Record->hasDefinition())
    return false;
  const CXXDestructorDecl *Dtor = Record->getDefinition()->getDestructor();
  if (!Dtor)
    return false;
  const FunctionDecl *Def = nullptr;
  if (!Dtor->hasBody(Def) || !Def || !Def->getBody())
    return false;
  llvm::SmallVector<const ValueDecl *, 3> Keys;
  for (const ValueDecl *K : {static_cast<const ValueDecl *>(Sink.ResultMember),
                             Sink.RootDecl,
                             static_cast<const ValueDecl *>(Sink.Field)})
    if (K)
      Keys.push_back(K);
  if (Keys.empty())
    return false;
  // The class of the object the callable was registered with.
  const CXXRecordDecl *Registered = nullptr;
  if (const auto *Stored = dyn_cast_or_null<CallExpr>(Sink.Site))
    if (const Expr *First = implicitObject(Stored))
      Registered = pointeeOrRecord(First->getType());
  bool Found = false;
  // The destructor and the member functions of the class it calls (`Stop()`),
  // followed a few calls deep.
  llvm::SmallPtrSet<const FunctionDecl *, 8> Followed;
  std::function<void(const Stmt *, unsigned)> Visit = [&](const Stmt *S,
                                                          unsigned Depth) {
    if (!S || Found)
      return;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S)) {
      if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 && Sink.Field)
        if (mentionsDecl(Op->getArg(0), Sink.Field))
          Found = true;
    } else if (const auto *Call = dyn_cast<CallExpr>(S)) {
      // A teardown function (`conn_.disconnect()`,
      // `QObject::disconnect(conn_)`), the storing function's counterpart
      // (`ResetReceiver` for `SetReceiver`), or the storing function called
      // again on the same storage, which replaces it
      // (`conn_->setCloseCallback(nullptr)`).
      const FunctionDecl *Callee = Call->getDirectCallee();
      const bool Named = Callee && Callee->getIdentifier();
      const bool Counterpart = Named && Sink.Callee &&
                               Sink.Callee->getIdentifier() &&
                               isCounterpart(Callee->getName(),
                                             Sink.Callee->getName());
      const bool Teardown =
          Counterpart ||
          (Named && matchesName(Callee->getName(), Cfg.TeardownFunctions));
      const bool StoresAgain =
          Callee && Sink.Callee &&
          Callee->getCanonicalDecl() == Sink.Callee->getCanonicalDecl();
      if (Teardown || StoresAgain)
        for (const ValueDecl *K : Keys)
          if (mentionsDecl(Call, K))
            Found = true;
      // The storing function, or its counterpart, called on an object of
      // the same class (the destructor reaches it through another name
      // than the function that registered on it did).
      if ((StoresAgain || Counterpart) && !Found && Registered)
        if (const Expr *Again = implicitObject(Call))
          Found = Registered == pointeeOrRecord(Again->getType());
      // A member function of the class called on this object.
      const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callee);
      const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(Call);
      const FunctionDecl *Body = nullptr;
      if (!Found && Method && MemberCall && Depth < 3 &&
          Method->getParent()->getCanonicalDecl() ==
              Record->getCanonicalDecl() &&
          isa<CXXThisExpr>(
              MemberCall->getImplicitObjectArgument()->IgnoreParenImpCasts()) &&
          Method->hasBody(Body) && Body && Followed.insert(Body).second)
        Visit(Body->getBody(), Depth + 1);
    }
    for (const Stmt *Child : S->children())
      Visit(Child, Depth);
  };
  Visit(Def->getBody(), 0);
  return Found;
}

} // namespace clang::tidy::refcycle::escape
