//===--- FunctionCallers.cpp - which code runs a function, in one TU ------===//

#include "FunctionCallers.h"
#include "MemberUses.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::refcycle {
namespace {

// One key for a function and its redeclarations, and for a member of a
// class template's instantiation and the member of the pattern.
const FunctionDecl *keyOf(const FunctionDecl *F) {
  if (const FunctionDecl *Pattern = F->getTemplateInstantiationPattern())
    F = Pattern;
  return F->getCanonicalDecl();
}

// Code in a lambda runs when whoever holds the lambda calls it.
bool inLambda(ASTContext &Context, const Stmt &Code) {
  DynTypedNode Node = DynTypedNode::create(Code);
  for (unsigned Depth = 0; Depth < 512; ++Depth) {
    DynTypedNodeList Parents = Context.getParents(Node);
    if (Parents.empty())
      return false;
    Node = Parents[0];
    if (Node.get<LambdaExpr>())
      return true;
    // The parents of a lambda's body may be its call operator.
    if (const auto *Function = Node.get<FunctionDecl>()) {
      const auto *Method = dyn_cast<CXXMethodDecl>(Function);
      return Method && Method->getParent()->isLambda();
    }
  }
  return false;
}

} // namespace

class FunctionCallers::Collector
    : public uses::UserCodeVisitor<FunctionCallers::Collector> {
public:
  Collector(const SourceManager &SM, FunctionCallers &Index)
      : UserCodeVisitor(SM), Index(Index) {}

  bool TraverseDecl(Decl *D) {
    const auto *Function = dyn_cast_or_null<FunctionDecl>(D);
    if (!Function)
      return UserCodeVisitor::TraverseDecl(D);
    const FunctionDecl *Outer = Current;
    Current = Function;
    const bool Result = UserCodeVisitor::TraverseDecl(D);
    Current = Outer;
    return Result;
  }

  bool TraverseLambdaExpr(LambdaExpr *E) {
    const FunctionDecl *Outer = Current;
    Current = nullptr;
    const bool Result = UserCodeVisitor::TraverseLambdaExpr(E);
    Current = Outer;
    return Result;
  }

  // Parents are visited before their children: the callee expression of a
  // call is known to be one when it is visited.
  bool VisitCallExpr(CallExpr *Call) {
    const auto *Callee = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl());
    if (!Callee || !Call->getCallee())
      return true;
    bool OnThis = false;
    if (const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(Call))
      if (const Expr *Object = MemberCall->getImplicitObjectArgument())
        OnThis = isa<CXXThisExpr>(Object->IgnoreParenImpCasts());
    add(Callee, /*Calls=*/true, OnThis);
    CalleeExpressions.insert(Call->getCallee()->IgnoreParenImpCasts());
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (const auto *F = dyn_cast<FunctionDecl>(E->getDecl()))
      addReference(F, E, E->isNonOdrUse());
    return true;
  }

  bool VisitMemberExpr(MemberExpr *E) {
    if (const auto *F = dyn_cast<FunctionDecl>(E->getMemberDecl()))
      addReference(F, E, E->isNonOdrUse());
    return true;
  }

private:
  void addReference(const FunctionDecl *F, const Expr *E,
                    NonOdrUseReason Reason) {
    // 'decltype(&C::f)' names the function without running it.
    if (Reason == NOUR_Unevaluated || CalleeExpressions.count(E))
      return;
    add(F, /*Calls=*/false, /*OnThis=*/false);
  }

  void add(const FunctionDecl *Callee, bool Calls, bool OnThis) {
    Reference R;
    R.From = Current;
    R.Calls = Calls;
    R.OnThis = OnThis;
    Index.ReferencesTo[keyOf(Callee)].push_back(R);
  }

  FunctionCallers &Index;
  const FunctionDecl *Current = nullptr;
  llvm::DenseSet<const Expr *> CalleeExpressions;
};

FunctionCallers::FunctionCallers(ASTContext &Context) : Context(Context) {
  Collector C(Context.getSourceManager(), *this);
  C.TraverseDecl(Context.getTranslationUnitDecl());
}

void FunctionCallers::forEachMemberCall(
    llvm::function_ref<void(const CXXMethodDecl *, const CXXMethodDecl *)>
        Visit) const {
  for (const auto &[Callee, References] : ReferencesTo) {
    const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
    if (!Method || Method->getParent()->isLambda())
      continue;
    for (const Reference &R : References) {
      if (R.OnThis)
        continue;
      const auto *Caller = dyn_cast_or_null<CXXMethodDecl>(R.From);
      Visit(Method, R.Calls && Caller && !Caller->getParent()->isLambda()
                        ? Caller
                        : nullptr);
    }
  }
}

bool FunctionCallers::runOnlyByMembers(
    const Stmt &Code, const FunctionDecl *Function,
    llvm::SmallVectorImpl<const CXXRecordDecl *> &Records,
    llvm::SmallVectorImpl<const FunctionDecl *> *Chain) const {
  Records.clear();
  if (Chain)
    Chain->clear();
  auto otherCode = [&Records, Chain] {
    Records.clear();
    if (Chain)
      Chain->clear();
    return false;
  };
  if (!Function || inLambda(Context, Code))
    return otherCode();
  // Beyond this many functions the chain is not followed: the release is
  // taken to run from elsewhere, as it was before callers were looked at.
  constexpr unsigned MaxFunctions = 64;
  const SourceManager &SM = Context.getSourceManager();
  llvm::SmallVector<const FunctionDecl *, 8> Pending{Function};
  llvm::SmallPtrSet<const FunctionDecl *, 16> Seen;
  auto addClassOf = [&Records](const FunctionDecl *F) {
    if (const auto *Method = dyn_cast<CXXMethodDecl>(F))
      if (!llvm::is_contained(Records, Method->getParent()))
        Records.push_back(Method->getParent());
  };
  addClassOf(Function);
  while (!Pending.empty()) {
    const FunctionDecl *F = Pending.pop_back_val();
    if (!Seen.insert(keyOf(F)).second)
      continue;
    const auto *Method = dyn_cast<CXXMethodDecl>(F);
    if (Seen.size() > MaxFunctions || !Method ||
        Method->getParent()->isLambda())
      return otherCode();
    if (Chain)
      Chain->push_back(keyOf(F));
    // A call of a function that F overrides may run F.
    llvm::SmallVector<const CXXMethodDecl *, 4> Targets{Method};
    for (unsigned I = 0; I < Targets.size(); ++I)
      for (const CXXMethodDecl *Overridden : Targets[I]->overridden_methods()) {
        if (uses::isInSystemHeader(Overridden, SM))
          return otherCode();
        if (!llvm::is_contained(Targets, Overridden))
          Targets.push_back(Overridden);
      }
    if (Chain)
      for (const CXXMethodDecl *Target : llvm::drop_begin(Targets))
        if (!llvm::is_contained(*Chain, keyOf(Target)))
          Chain->push_back(keyOf(Target));
    for (const CXXMethodDecl *Target : Targets) {
      auto It = ReferencesTo.find(keyOf(Target));
      if (It == ReferencesTo.end())
        continue;
      for (const Reference &R : It->second) {
        if (!R.Calls || !R.From)
          return otherCode();
        // 'this->detach()' runs on the object its caller runs on: the
        // caller's class (the callee's, a base or a derived class of it)
        // says nothing about who runs the code; its own callers do.
        if (!R.OnThis)
          addClassOf(R.From);
        Pending.push_back(R.From);
      }
    }
  }
  return true;
}

} // namespace clang::tidy::refcycle
