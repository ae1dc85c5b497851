//===--- EntryLifetimes.cpp - entries one function adds and then loses ----===//

#include "EntryLifetimes.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::refcycle {

namespace {

// Far more than any real nesting; stops a walk over a broken parent index.
constexpr unsigned MaxDepth = 512;

const ValueDecl *referencedDecl(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return cast<ValueDecl>(Ref->getDecl()->getCanonicalDecl());
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return cast<ValueDecl>(Member->getMemberDecl()->getCanonicalDecl());
  return nullptr;
}

// A local variable or parameter named by E, looking through copies and
// conversions of the argument.
const VarDecl *localVariable(const Expr *E) {
  E = E->IgnoreImplicit()->IgnoreParenImpCasts();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    if (Construct->getNumArgs() == 1)
      E = Construct->getArg(0)->IgnoreImplicit()->IgnoreParenImpCasts();
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return Var && Var->hasLocalStorage() ? Var : nullptr;
}

const CXXMemberCallExpr *memberCallOn(const Expr *E, const ValueDecl *Container,
                                      StringRef Name) {
  if (!E)
    return nullptr;
  // Through the copy of the result (an elidable copy before C++17).
  E = E->IgnoreImplicit();
  if (const auto *Copy = dyn_cast<CXXConstructExpr>(E))
    if (Copy->getNumArgs() == 1)
      E = Copy->getArg(0)->IgnoreImplicit();
  const auto *Call = dyn_cast<CXXMemberCallExpr>(E);
  const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
  if (!Method || !Method->getIdentifier() || Method->getName() != Name ||
      Call->getNumArgs() == 0)
    return nullptr;
  const Expr *Object = Call->getImplicitObjectArgument();
  return Object && referencedDecl(Object) == Container ? Call : nullptr;
}

// The key a use names: the first argument of insert/emplace/try_emplace/
// erase, the index of operator[], or for `erase(it)` the key of the
// `auto it = c.find(key);` that produced the iterator.
const VarDecl *keyOf(const ContainerUse &Use, const ValueDecl *Container) {
  const Expr *Site = Use.Site;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Site)) {
    if (Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2)
      return localVariable(Op->getArg(1));
    return nullptr;
  }
  const auto *Call = dyn_cast<CXXMemberCallExpr>(Site);
  if (!Call || Call->getNumArgs() == 0)
    return nullptr;
  const VarDecl *Arg = localVariable(Call->getArg(0));
  if (!Arg || Use.Operation != "erase")
    return Arg;
  // An iterator from find() on the same container stands for its key.
  if (const auto *Find = memberCallOn(Arg->getInit(), Container, "find"))
    return localVariable(Find->getArg(0));
  return Arg;
}

bool isInsertion(const ContainerUse &Use) {
  return Use.Kind == ContainerUseKind::Grow &&
         (Use.Operation == "insert" || Use.Operation == "emplace" ||
          Use.Operation == "try_emplace" || Use.Operation == "operator[]");
}

bool isErase(const ContainerUse &Use) {
  return Use.Kind == ContainerUseKind::Shrink && Use.Operation == "erase";
}

// The body of the function or lambda that runs S.
const Stmt *enclosingBody(const Stmt *S, const ParentIndex &Parents) {
  DynTypedNode Node = DynTypedNode::create(*S);
  for (unsigned Depth = 0; Depth < MaxDepth; ++Depth) {
    Node = Parents.parent(Node);
    if (Node.getNodeKind().isNone())
      return nullptr;
    if (const auto *Lambda = Node.get<LambdaExpr>())
      return Lambda->getBody();
    if (const auto *F = Node.get<FunctionDecl>())
      return F->getBody();
  }
  return nullptr;
}

// Does Child, a child of P, run every time P runs?
bool runsWithParent(const DynTypedNode &P, const DynTypedNode &Child) {
  const Stmt *C = Child.get<Stmt>();
  if (const auto *If = P.get<IfStmt>())
    return C && (C == If->getCond() || C == If->getInit() ||
                 C == If->getConditionVariableDeclStmt());
  if (const auto *Switch = P.get<SwitchStmt>())
    return C && (C == Switch->getCond() || C == Switch->getInit() ||
                 C == Switch->getConditionVariableDeclStmt());
  if (const auto *While = P.get<WhileStmt>())
    return C && C == While->getCond();
  if (const auto *For = P.get<ForStmt>())
    return C && C == For->getInit();
  if (const auto *Range = P.get<CXXForRangeStmt>())
    return C && C != Range->getBody();
  if (P.get<DoStmt>() || P.get<CXXTryStmt>())
    return true;
  if (const auto *Cond = P.get<AbstractConditionalOperator>())
    return C && C == Cond->getCond();
  if (const auto *Binary = P.get<BinaryOperator>())
    return !Binary->isLogicalOp() || C == Binary->getLHS();
  if (P.get<LambdaExpr>() || P.get<CXXCatchStmt>() || P.get<CaseStmt>() ||
      P.get<DefaultStmt>())
    return false;
  return true;
}

// The blocks that hold S, each with the index of the statement of that block
// that S is part of, from the innermost out to Body.
llvm::SmallDenseMap<const CompoundStmt *, unsigned, 8>
blockPositions(const Stmt *S, const Stmt *Body, const ParentIndex &Parents) {
  llvm::SmallDenseMap<const CompoundStmt *, unsigned, 8> Positions;
  DynTypedNode Node = DynTypedNode::create(*S);
  for (unsigned Depth = 0; Depth < MaxDepth; ++Depth) {
    const DynTypedNode Parent = Parents.parent(Node);
    if (Parent.getNodeKind().isNone())
      break;
    if (const auto *Block = Parent.get<CompoundStmt>()) {
      unsigned Index = 0;
      for (const Stmt *Child : Block->body()) {
        if (Child == Node.get<Stmt>())
          Positions.try_emplace(Block, Index);
        ++Index;
      }
      if (Block == Body)
        break;
    }
    if (Parent.get<LambdaExpr>() || Parent.get<FunctionDecl>())
      break;
    Node = Parent;
  }
  return Positions;
}

// Does Step certainly run before Later? Both lie in Body; Step must run each
// time the statement of the common block that holds it runs, and that
// statement must come before the one holding Later.
bool runsBefore(const Stmt *Step, const Stmt *Later, const Stmt *Body,
                const ParentIndex &Parents) {
  const auto LaterPositions = blockPositions(Later, Body, Parents);
  DynTypedNode Node = DynTypedNode::create(*Step);
  for (unsigned Depth = 0; Depth < MaxDepth; ++Depth) {
    const DynTypedNode Parent = Parents.parent(Node);
    if (Parent.getNodeKind().isNone())
      return false;
    if (const auto *Block = Parent.get<CompoundStmt>()) {
      if (const auto It = LaterPositions.find(Block);
          It != LaterPositions.end()) {
        unsigned Index = 0;
        for (const Stmt *Child : Block->body()) {
          if (Child == Node.get<Stmt>())
            return Index < It->second;
          ++Index;
        }
        return false;
      }
      if (Block == Body)
        return false;
    } else if (!runsWithParent(Parent, Node)) {
      return false;
    }
    Node = Parent;
  }
  return false;
}

// The returns of Body itself, not of lambdas or local classes inside it.
class ReturnCollector : public RecursiveASTVisitor<ReturnCollector> {
public:
  bool VisitReturnStmt(ReturnStmt *R) {
    Returns.push_back(R);
    return true;
  }
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseDecl(Decl *D) {
    return !D || isa<VarDecl>(D) ? RecursiveASTVisitor::TraverseDecl(D) : true;
  }
  llvm::SmallVector<const ReturnStmt *, 8> Returns;
};

// Two returns that hand back the same constant (or nothing).
bool sameResult(const ReturnStmt *A, const ReturnStmt *B, ASTContext &Ctx) {
  const Expr *L = A->getRetValue();
  const Expr *R = B->getRetValue();
  if (!L || !R)
    return !L && !R;
  if (L->isValueDependent() || R->isValueDependent())
    return false;
  if (L->isNullPointerConstant(Ctx, Expr::NPC_NeverValueDependent) &&
      R->isNullPointerConstant(Ctx, Expr::NPC_NeverValueDependent))
    return true;
  Expr::EvalResult LV, RV;
  return L->EvaluateAsInt(LV, Ctx) && R->EvaluateAsInt(RV, Ctx) &&
         llvm::APSInt::isSameValue(LV.Val.getInt(), RV.Val.getInt());
}

struct KeyedSite {
  const Expr *Site;
  const VarDecl *Key;
  const ContainerUse *Use;
};

// The keyed uses of the container, grouped by the body that runs them.
llvm::SmallDenseMap<const Stmt *, llvm::SmallVector<KeyedSite, 4>, 4>
keyedSitesByBody(const ValueDecl *Container, ContainerUseList Uses,
                 const ParentIndex &Parents) {
  llvm::SmallDenseMap<const Stmt *, llvm::SmallVector<KeyedSite, 4>, 4> Sites;
  for (const auto &[Ref, Use] : Uses) {
    if (!Use.Site || (!isInsertion(Use) && !isErase(Use)))
      continue;
    const VarDecl *Key = keyOf(Use, Container);
    const Stmt *Body = Key ? enclosingBody(Use.Site, Parents) : nullptr;
    if (Body)
      Sites[Body].push_back({Use.Site, Key, &Use});
  }
  return Sites;
}

bool before(SourceLocation A, SourceLocation B, const SourceManager &SM) {
  return SM.isBeforeInTranslationUnit(A, B);
}

} // namespace

std::vector<KeptEntry> findKeptEntries(const ValueDecl *Container,
                                       ContainerUseList Uses,
                                       const ParentIndex &Parents) {
  std::vector<KeptEntry> Found;
  const SourceManager &SM = Container->getASTContext().getSourceManager();
  for (const auto &[Body, Sites] :
       keyedSitesByBody(Container, Uses, Parents)) {
    ReturnCollector Collector;
    Collector.TraverseStmt(const_cast<Stmt *>(Body));
    for (const KeyedSite &Insert : Sites) {
      if (!isInsertion(*Insert.Use))
        continue;
      // Each return after the insertion: removes the entry, keeps it, or
      // cannot be told (a removal in between that may not run).
      llvm::SmallVector<std::pair<const ReturnStmt *, const Expr *>, 4> Removing;
      llvm::SmallVector<const ReturnStmt *, 4> Keeping;
      for (const ReturnStmt *Return : Collector.Returns) {
        if (!before(Insert.Site->getEndLoc(), Return->getBeginLoc(), SM) ||
            !runsBefore(Insert.Site, Return, Body, Parents))
          continue;
        const Expr *Removal = nullptr;
        bool RemovalBetween = false;
        for (const KeyedSite &Erase : Sites) {
          if (!isErase(*Erase.Use) || Erase.Key != Insert.Key ||
              !before(Insert.Site->getEndLoc(), Erase.Site->getBeginLoc(),
                      SM) ||
              !before(Erase.Site->getEndLoc(), Return->getBeginLoc(), SM))
            continue;
          RemovalBetween = true;
          if (runsBefore(Erase.Site, Return, Body, Parents))
            Removal = Erase.Site;
        }
        if (Removal)
          Removing.emplace_back(Return, Removal);
        else if (!RemovalBetween)
          Keeping.push_back(Return);
      }
      for (const ReturnStmt *Keeps : Keeping)
        for (const auto &[Removes, Erase] : Removing)
          if (sameResult(Keeps, Removes, Container->getASTContext())) {
            Found.push_back({Insert.Site, Keeps, Removes, Erase, Insert.Key});
            break;
          }
    }
  }
  return Found;
}

// Does the subscript only read the element (so that a default value in its
// place reads the same)?
bool onlyReadsElement(const Expr *Subscript, const ParentIndex &Parents) {
  DynTypedNode Node = DynTypedNode::create(*Subscript);
  DynTypedNode Parent = Parents.parent(Node);
  while (Parent.get<ParenExpr>() || Parent.get<MaterializeTemporaryExpr>() ||
         (Parent.get<ImplicitCastExpr>() &&
          Parent.get<ImplicitCastExpr>()->getCastKind() == CK_NoOp)) {
    Node = Parent;
    Parent = Parents.parent(Node);
  }
  if (const auto *Cast = Parent.get<ImplicitCastExpr>())
    return Cast->getCastKind() == CK_LValueToRValue;
  const Expr *Arg = Node.get<Expr>();
  auto ReadsParam = [&](const FunctionDecl *Callee, unsigned Index) {
    if (!Callee || Index >= Callee->getNumParams())
      return false;
    const QualType T = Callee->getParamDecl(Index)->getType();
    return !T->isReferenceType() ||
           (T->isLValueReferenceType() && T->getPointeeType().isConstQualified());
  };
  if (const auto *Construct = Parent.get<CXXConstructExpr>()) {
    for (unsigned I = 0; I < Construct->getNumArgs(); ++I)
      if (Construct->getArg(I) == Arg)
        return ReadsParam(Construct->getConstructor(), I);
    return false;
  }
  if (const auto *Call = Parent.get<CallExpr>()) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    unsigned Shift = 0;
    if (isa<CXXOperatorCallExpr>(Call) && isa_and_nonnull<CXXMethodDecl>(Callee)) {
      if (Call->getArg(0) == Arg)
        return cast<CXXMethodDecl>(Callee)->isConst();
      Shift = 1;
    }
    for (unsigned I = Shift; I < Call->getNumArgs(); ++I)
      if (Call->getArg(I) == Arg)
        return ReadsParam(Callee, I - Shift);
  }
  return false;
}

std::vector<Reinsertion> findReinsertions(const ValueDecl *Container,
                                          ContainerUseList Uses,
                                          const ParentIndex &Parents) {
  std::vector<Reinsertion> Found;
  const SourceManager &SM = Container->getASTContext().getSourceManager();
  for (const auto &[Body, Sites] :
       keyedSitesByBody(Container, Uses, Parents)) {
    for (const KeyedSite &Erase : Sites) {
      if (!isErase(*Erase.Use))
        continue;
      for (const KeyedSite &Subscript : Sites) {
        if (Subscript.Use->Operation != "operator[]" ||
            Subscript.Key != Erase.Key ||
            !runsBefore(Erase.Site, Subscript.Site, Body, Parents) ||
            !onlyReadsElement(Subscript.Site, Parents))
          continue;
        // Another insertion of the key in between puts the entry back on
        // purpose.
        const bool Refilled = llvm::any_of(Sites, [&](const KeyedSite &Other) {
          return Other.Site != Subscript.Site && isInsertion(*Other.Use) &&
                 Other.Key == Erase.Key &&
                 before(Erase.Site->getEndLoc(), Other.Site->getBeginLoc(),
                        SM) &&
                 before(Other.Site->getEndLoc(), Subscript.Site->getBeginLoc(),
                        SM);
        });
        if (!Refilled) {
          Found.push_back({Erase.Site, Subscript.Site, Erase.Key});
          break;
        }
      }
    }
  }
  return Found;
}

} // namespace clang::tidy::refcycle
