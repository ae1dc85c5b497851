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

bool StoreAnalysis::analyzable(const FunctionDecl *FD,
                               const SourceManager &SM) {
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def) || !Def || !Def->getBody())
    return false;
  if (Def->isDependentContext() || Def->isInvalidDecl())
    return false;
  return !SM.isInSystemHeader(SM.getExpansionLoc(Def->getLocation()));
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
  BodyMap Map(Def);
  std::optional<Result> Found;
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
    if (D.Param && D.Who == Owner::Other)
      for (unsigned I = 0; I < Def->getNumParams(); ++I)
        if (Def->getParamDecl(I) == D.Param) {
          R.RootParam = static_cast<int>(I);
          return std::optional<Result>(R);
        }
    return std::optional<Result>();
  };

  for (const DeclRefExpr *Use : Map.uses(Param)) {
    if (Found)
      break;
    const Stmt *Child = nullptr;
    const Stmt *P = parentSkippingWrappers(Map, Use, Cfg, &Child);
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
    if (const auto *Call = dyn_cast<CallExpr>(P)) {
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
        if (isContainerInsert(MC, Cfg)) {
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
      const SourceManager &SM = Ctx.getSourceManager();
      if (analyzable(Callee, SM)) {
        std::optional<Result> Inner = stores(Callee, *I, Ctx, Cfg, Depth + 1);
        if (!Inner)
          continue;
        if (Inner->Global) {
          Found = Inner;
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
          Found = Outer;
        }
        continue;
      }
      if (Callee->getIdentifier() &&
          llvm::is_contained(Cfg.RegistrationFunctions, Callee->getName()) &&
          isStoringParameter(Callee, *I, Cfg) && Obj) {
        if (std::optional<Result> Outer =
                FromDest(Obj, Call, calledThroughPointer(Call))) {
          Outer->Field = nullptr;
          Outer->Registration = Callee;
          Found = Outer;
        }
      }
      continue;
    }
  }
  Cache[Key] = Found;
  return Found;
}

} // namespace clang::tidy::refcycle::escape
