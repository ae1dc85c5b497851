//===--- StoreSummaries.cpp - which functions keep a parameter ------------===//
//
// StoreAnalysis: does a function of this translation unit store its N-th
// parameter (directly, into a container, through a constructor initializer,
// or by forwarding it to another such function or to a registration
// function), and where. Memoized per function and parameter.
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
/// A function whose body is not followed: none here, or in a system header.
bool isOpaque(const FunctionDecl *FD, const SourceManager &SM) {
  return FD && !StoreAnalysis::analyzable(FD, SM);
}

/// Index of \p Param among the parameters of \p Fn, or -1.
int parameterPosition(const FunctionDecl *Fn, const ParmVarDecl *Param) {
  for (unsigned I = 0; I < Fn->getNumParams(); ++I)
    if (Fn->getParamDecl(I) == Param)
      return static_cast<int>(I);
  return -1;
}

/// Records on \p R that argument \p Arg of a registration made in \p Def
/// is a context object the framework tracks: `this` of a tracked class
/// (ContextThis), or a parameter of \p Def pointing to one (ContextParam).
void noteContextArgument(const Expr *Arg, const FunctionDecl *Def,
                         const Config &Cfg, StoreAnalysis::Result &R) {
  const Expr *A = strip(Arg, Cfg)->IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(A)) {
    if (const auto *M = dyn_cast<CXXMethodDecl>(Def))
      if (isOrDerivesFrom(M->getParent(), Cfg.SelfDisconnectingReceiverBases))
        R.ContextThis = true;
    return;
  }
  const auto *Ref = dyn_cast<DeclRefExpr>(A);
  const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
  const int Position = Param ? parameterPosition(Def, Param) : -1;
  if (Position >= 0 && Position < 32 && Param->getType()->isPointerType() &&
      isOrDerivesFrom(pointeeRecord(Param->getType()),
                      Cfg.SelfDisconnectingReceiverBases))
    R.ContextParams |= 1u << Position;
}

/// The context \p Inner (a store inside the function \p Call calls) was
/// given, as seen from the caller \p Def: the argument it came from is
/// `this` or a parameter of \p Def, or the callee's own `this` is the
/// object \p Call is made on (`this`, implicitly or not).
void liftContext(const StoreAnalysis::Result &Inner, const CallExpr *Call,
                 const FunctionDecl *Def, const Config &Cfg,
                 StoreAnalysis::Result &Outer) {
  Outer.ContextParams = 0;
  Outer.ContextThis = false;
  for (const Expr *Arg : StoreAnalysis::contextArguments(Inner, Call))
    noteContextArgument(Arg, Def, Cfg, Outer);
}
} // namespace

llvm::SmallVector<const Expr *, 2>
StoreAnalysis::contextArguments(const Result &R, const CallExpr *Call) {
  llvm::SmallVector<const Expr *, 2> Out;
  for (unsigned I = 0; I < Call->getNumArgs() && I < 32; ++I)
    if (R.ContextParams & (1u << I))
      Out.push_back(Call->getArg(I));
  if (R.ContextThis)
    if (const Expr *Obj = implicitObject(Call))
      Out.push_back(Obj);
  return Out;
}

bool StoreAnalysis::analyzable(const FunctionDecl *FD,
                               const SourceManager &SM) {
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def) || !Def || !Def->getBody())
    return false;
  if (Def->isDependentContext() || Def->isInvalidDecl())
    return false;
  return !SM.isInSystemHeader(SM.getExpansionLoc(Def->getLocation()));
}

// Some return statement of Def returns the local variable V (copied or
// moved out).
static bool returnsVariable(const FunctionDecl *Def, const VarDecl *V) {
  std::function<bool(const Stmt *)> Visit = [&](const Stmt *S) {
    if (!S || isa<LambdaExpr>(S))
      return false;
    if (const auto *Return = dyn_cast<ReturnStmt>(S)) {
      const Expr *Value = Return->getRetValue();
      while (Value) {
        Value = Value->IgnoreImplicit();
        if (const auto *Construct = dyn_cast<CXXConstructExpr>(Value);
            Construct && Construct->getNumArgs() == 1) {
          Value = Construct->getArg(0);
          continue;
        }
        if (const auto *Call = dyn_cast<CallExpr>(Value);
            Call && Call->getNumArgs() == 1 && Call->getDirectCallee() &&
            Call->getDirectCallee()->isInStdNamespace() &&
            Call->getDirectCallee()->getIdentifier() &&
            Call->getDirectCallee()->getName() == "move") {
          Value = Call->getArg(0);
          continue;
        }
        break;
      }
      const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Value);
      return Ref && Ref->getDecl() == V;
    }
    return llvm::any_of(S->children(), Visit);
  };
  return Visit(Def->getBody());
}

std::optional<StoreAnalysis::Result>
StoreAnalysis::stores(const FunctionDecl *FD, unsigned Index, ASTContext &Ctx,
                      const Config &Cfg, unsigned Depth) {
  const FunctionDecl *Def = nullptr;
  if (Depth > 3 || !FD->hasBody(Def) || !Def || Index >= Def->getNumParams())
    return std::nullopt;
  const auto Key = std::make_pair(Def, Index);
  auto It = Cache.find(Key);
  if (It != Cache.end())
    return It->second;
  Cache[Key] = std::nullopt; // recursion guard

  const ParmVarDecl *Param = Def->getParamDecl(Index);
  const SourceManager &SM = Ctx.getSourceManager();
  BodyMap Map(Def);
  auto FromDest = [&](const Expr *Dest, const Stmt *Site,
                      bool Pointee = false) {
    const Destination D = destinationOf(Dest, Pointee);
    Result R;
    R.Site = Site;
    R.Field = D.Field;
    if (D.Global) {
      R.Global = D.Global;
      R.Field = nullptr;
      return std::optional<Result>(R);
    }
    if (D.Who == Owner::This)
      return std::optional<Result>(R);
    if (D.Who != Owner::Other)
      return std::optional<Result>(); // a local object
    if (D.Param)
      if (const int I = parameterPosition(Def, D.Param); I >= 0) {
        R.RootParam = I;
        return std::optional<Result>(R);
      }
    // An object the function makes and hands back ('auto s =
    // std::make_shared<Sub>(); s->cb = cb; return s;'): the callable lives
    // where the caller puts the result.
    // Only when the store lands in that object itself ('s->cb', 's->a.cb'),
    // not in one it points to ('s->bus->handlers').
    const bool PointerHop =
        D.FirstMember && D.FirstMember != D.Field &&
        (D.FirstMember->getType()->isPointerType() ||
         D.FirstMember->getType()->isReferenceType() ||
         isOwningPointer(D.FirstMember->getType()));
    // And the member stored into belongs to that object's class.
    const auto *Local = dyn_cast_or_null<VarDecl>(D.Root);
    const CXXRecordDecl *Made = Local ? strongPointee(Local->getType()) : nullptr;
    const bool OwnMember =
        Made && (!D.Field || D.Field->getParent()->getCanonicalDecl() ==
                                 Made->getCanonicalDecl());
    if (Local && Local->isLocalVarDecl() && !PointerHop && OwnMember &&
        returnsVariable(Def, Local)) {
      R.IntoResult = true;
      return std::optional<Result>(R);
    }
    // Another object the function reaches by itself (a raw pointer member,
    // a reference local, a temporary).
    R.Elsewhere = true;
    return std::optional<Result>(R);
  };
  // The callable (or a heap object carrying it) is handed to a function
  // whose body this analysis does not follow: kept when that function is a
  // registration, queues it, keeps callables of its type, or receives a
  // heap object nobody else holds.
  auto ToOpaque = [&](const CallExpr *Call, const FunctionDecl *Callee,
                      unsigned I, bool HeapCarrier) -> std::optional<Result> {
    const bool Named = Callee->getIdentifier() &&
                       matchesName(Callee->getName(), Cfg.RegistrationFunctions) &&
                       isRegisteredParameter(Callee, I, Cfg);
    if (!Named && !HeapCarrier &&
        !keepsCallablesOfParameter(Callee, I, Cfg, SM))
      return std::nullopt;
    Result R;
    R.Registration = Callee;
    R.Site = Call;
    if (Callee->getIdentifier() &&
        matchesName(Callee->getName(), Cfg.QueuedHandlerFunctions)) {
      R.Queued = true;
      return R;
    }
    Result Context;
    for (unsigned A = 0; A < Call->getNumArgs(); ++A)
      if (A != I)
        noteContextArgument(Call->getArg(A), Def, Cfg, Context);
    if (const Expr *Obj = implicitObject(Call)) {
      std::optional<Result> Outer = FromDest(Obj, Call, calledThroughPointer(Call));
      if (!Outer)
        return std::nullopt;
      Outer->Field = nullptr;
      Outer->Registration = Callee;
      Outer->ContextParams = Context.ContextParams;
      Outer->ContextThis = Context.ContextThis;
      return Outer;
    }
    R.Elsewhere = true; // a free or static function: its own storage
    R.ContextParams = Context.ContextParams;
    R.ContextThis = Context.ContextThis;
    return R;
  };

  // A store whose registration ends with tracked objects does not end the
  // search: a store without one decides, and with several, only the
  // objects that end all of them count.
  std::optional<Result> Found, Tracked;
  auto Merge = [&] {
    if (!Found || !Found->tracked())
      return;
    if (!Tracked) {
      Tracked = Found;
    } else {
      Tracked->ContextParams &= Found->ContextParams;
      Tracked->ContextThis = Tracked->ContextThis && Found->ContextThis;
    }
    Found.reset();
  };
  for (const DeclRefExpr *Use : Map.uses(Param)) {
    Merge();
    if (Found)
      break;
    const Stmt *Child = nullptr;
    const Stmt *P = parentSkippingWrappers(Map, Use, Cfg, &Child);
    // `new Slot(std::move(f))`: the heap object carries the callable on; it
    // is followed instead (Qt's connect and QTimer::singleShot hand such an
    // object to a function defined in the library).
    bool HeapCarrier = false;
    const CXXNewExpr *New = dyn_cast_or_null<CXXNewExpr>(P);
    if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(P))
      New = dyn_cast_or_null<CXXNewExpr>(Map.parent(Construct));
    if (New) {
      HeapCarrier = true;
      P = parentSkippingWrappers(Map, New, Cfg, &Child);
    }
    // A lambda that captures it by copy re-wraps it (`connect([f] { f(); })`):
    // the lambda is followed instead.
    for (unsigned Wraps = 0; Wraps < 2 && isa_and_nonnull<LambdaExpr>(P) &&
                             Child != cast<LambdaExpr>(P)->getBody();
         ++Wraps)
      P = parentSkippingWrappers(Map, P, Cfg, &Child);
    if (!P) {
      if (const CXXCtorInitializer *Init = Map.initializerOf(Child))
        if (FieldDecl *F = Init->getMember()) {
          Result R;
          R.Field = F;
          R.Site = Child;
          Found = R;
        }
      continue;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(P)) {
      if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
          Op->getArg(1) == Child) {
        Found = FromDest(Op->getArg(0), Op);
        continue;
      }
    }
    if (const auto *B = dyn_cast<BinaryOperator>(P)) {
      if (HeapCarrier && B->getOpcode() == BO_Assign && B->getRHS() == Child)
        Found = FromDest(B->getLHS(), B);
      continue;
    }
    if (const auto *Call = dyn_cast<CallExpr>(P)) {
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
        if (isContainerInsert(MC, Cfg) ||
            isContainerInsert(MC, Cfg, /*OwningPointers=*/true) ||
            (HeapCarrier && isa<CXXMethodDecl>(Call->getDirectCallee()) &&
             isOpaque(Call->getDirectCallee(), SM) &&
             recordOf(MC->getImplicitObjectArgument()->getType()) &&
             recordOf(MC->getImplicitObjectArgument()->getType())
                 ->isInStdNamespace())) {
          Found = FromDest(MC->getImplicitObjectArgument(), MC,
                           calledThroughPointer(MC));
          if (Found)
            Found->Field = destinationOf(MC->getImplicitObjectArgument()).Field;
          continue;
        }
      const FunctionDecl *Callee = Call->getDirectCallee();
      const std::optional<unsigned> I = parameterIndex(Call, Child);
      if (!Callee || !I || *I >= Callee->getNumParams() ||
          isNoEscapeParameter(Callee, *I))
        continue;
      const Expr *Obj = implicitObject(Call);
      if (isQueuedHandlerParameter(Callee, *I, Cfg)) {
        Result R;
        R.Registration = Callee;
        R.Site = Call;
        R.Queued = true;
        Found = R;
        continue;
      }
      if (analyzable(Callee, SM)) {
        std::optional<Result> Inner = stores(Callee, *I, Ctx, Cfg, Depth + 1);
        if (!Inner)
          continue;
        if (Inner->Global || Inner->Elsewhere || Inner->Queued) {
          Found = Inner;
          liftContext(*Inner, Call, Def, Cfg, *Found);
          continue;
        }
        const Expr *Root = Obj;
        bool Pointee = calledThroughPointer(Call);
        if (Inner->RootParam >= 0) {
          Root = static_cast<unsigned>(Inner->RootParam) < Call->getNumArgs()
                     ? Call->getArg(Inner->RootParam)
                     : nullptr;
          Pointee = false;
        }
        if (!Root)
          continue;
        if (std::optional<Result> Outer = FromDest(Root, Call, Pointee)) {
          Outer->Field = Inner->Field;
          Outer->Registration = Inner->Registration;
          Outer->Site = Inner->Site;
          liftContext(*Inner, Call, Def, Cfg, *Outer);
          Found = Outer;
        }
        continue;
      }
      Found = ToOpaque(Call, Callee, *I, HeapCarrier);
      continue;
    }
  }
  Merge();
  if (!Found)
    Found = Tracked;
  Cache[Key] = Found;
  return Found;
}

} // namespace clang::tidy::refcycle::escape
