//===--- SiteGuards.cpp - what the tests before a use say about a container ===//

#include "SiteGuards.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/FoldingSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <optional>

namespace clang::tidy::refcycle {
namespace {

/// What a test says about the property: true when the test holds exactly
/// when the property does, false when exactly when it does not.
using AtomTest = llvm::function_ref<std::optional<bool>(const Expr *)>;

/// What a condition implies about the property when it holds (WhenTrue)
/// and when it fails (WhenFalse).
struct Implication {
  bool WhenTrue = false;
  bool WhenFalse = false;
};

Implication implied(const Expr *Cond, AtomTest Atom) {
  Cond = Cond->IgnoreParens();
  if (const auto *Full = dyn_cast<FullExpr>(Cond)) // temporaries' cleanups
    return implied(Full->getSubExpr(), Atom);
  if (const auto *Cast = dyn_cast<ImplicitCastExpr>(Cond);
      Cast && Cast->getCastKind() != CK_IntegralToBoolean)
    return implied(Cast->getSubExpr(), Atom);
  if (const std::optional<bool> Direct = Atom(Cond))
    return {*Direct, !*Direct};
  if (const auto *Not = dyn_cast<UnaryOperator>(Cond);
      Not && Not->getOpcode() == UO_LNot) {
    const Implication Inner = implied(Not->getSubExpr(), Atom);
    return {Inner.WhenFalse, Inner.WhenTrue};
  }
  if (const auto *Op = dyn_cast<BinaryOperator>(Cond)) {
    const BinaryOperatorKind K = Op->getOpcode();
    if (K == BO_LAnd || K == BO_LOr) {
      const Implication L = implied(Op->getLHS(), Atom);
      const Implication R = implied(Op->getRHS(), Atom);
      if (K == BO_LAnd) // both hold; one of them fails
        return {L.WhenTrue || R.WhenTrue, L.WhenFalse && R.WhenFalse};
      return {L.WhenTrue && R.WhenTrue, L.WhenFalse || R.WhenFalse};
    }
  }
  return {};
}

/// \p S always leaves the statements after it: a return, throw, break or
/// continue, or a block that ends with one.
bool alwaysExits(const Stmt *S) {
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(S))
    return !Block->body_empty() && alwaysExits(Block->body_back());
  if (const auto *Cleanups = dyn_cast_or_null<ExprWithCleanups>(S))
    return isa<CXXThrowExpr>(Cleanups->getSubExpr());
  return isa_and_nonnull<ReturnStmt, CXXThrowExpr, BreakStmt, ContinueStmt>(S);
}

/// \p Site runs only while the property \p Atom tests holds.
bool guarded(const Expr *Site, const ParentIndex &Parents, AtomTest Atom) {
  DynTypedNode Child = DynTypedNode::create(*Site);
  for (;;) {
    const DynTypedNode Node = Parents.parent(Child);
    if (Node.getNodeKind().isNone() || Node.get<FunctionDecl>() ||
        Node.get<LambdaExpr>())
      return false;
    const Stmt *ChildStmt = Child.get<Stmt>();
    if (const auto *If = Node.get<IfStmt>();
        If && If->getCond() && !If->getConditionVariable()) {
      const Implication I = implied(If->getCond(), Atom);
      if ((ChildStmt == If->getThen() && I.WhenTrue) ||
          (ChildStmt == If->getElse() && I.WhenFalse))
        return true;
    }
    if (const auto *Block = Node.get<CompoundStmt>()) {
      for (const Stmt *Earlier : Block->body()) {
        if (Earlier == ChildStmt)
          break;
        const auto *If = dyn_cast<IfStmt>(Earlier);
        if (If && !If->getElse() && !If->getConditionVariable() &&
            If->getCond() && alwaysExits(If->getThen()) &&
            implied(If->getCond(), Atom).WhenFalse)
          return true;
      }
    }
    Child = Node;
  }
}

/// \p E names \p Container: a variable, or a data member of `*this`.
bool namesContainer(const Expr *E, const ValueDecl *Container) {
  E = E ? E->IgnoreParenImpCasts() : nullptr;
  const ValueDecl *D = nullptr;
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E))
    D = Ref->getDecl();
  else if (const auto *Member = dyn_cast_or_null<MemberExpr>(E);
           Member && isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
    D = Member->getMemberDecl();
  return D && D->getCanonicalDecl() == Container->getCanonicalDecl();
}

/// \p E without the conversions around a value: implicit casts,
/// temporaries, an iterator converted to a const_iterator.
const Expr *stripConversions(const Expr *E) {
  for (;;) {
    const Expr *Next = E->IgnoreParenImpCasts();
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(Next))
      Next = M->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(Next))
      Next = B->getSubExpr();
    else if (const auto *C = dyn_cast<CXXConstructExpr>(Next);
             C && C->getNumArgs() == 1 && !C->isListInitialization())
      Next = C->getArg(0);
    if (Next == E)
      return E;
    E = Next;
  }
}

/// `Container.Name(args)` with a name in \p Names; the call or null.
const CXXMemberCallExpr *callOn(const Expr *E, const ValueDecl *Container,
                                std::initializer_list<StringRef> Names,
                                unsigned NumArgs) {
  const auto *Call = dyn_cast<CXXMemberCallExpr>(stripConversions(E));
  if (!Call || Call->getNumArgs() != NumArgs ||
      !namesContainer(Call->getImplicitObjectArgument(), Container))
    return nullptr;
  const CXXMethodDecl *M = Call->getMethodDecl();
  if (!M || !M->getDeclName().isIdentifier())
    return nullptr;
  for (StringRef Name : Names)
    if (M->getName() == Name)
      return Call;
  return nullptr;
}

bool isZero(const Expr *E, const ASTContext &Ctx) {
  Expr::EvalResult Result;
  return !E->isValueDependent() && E->EvaluateAsInt(Result, Ctx) &&
         Result.Val.getInt() == 0;
}

/// `L Op R` (built-in or overloaded, also a rewritten `!=`) with its
/// operands; false for anything else.
bool comparison(const Expr *E, BinaryOperatorKind &Op, const Expr *&L,
                const Expr *&R) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Rewritten = dyn_cast<CXXRewrittenBinaryOperator>(E)) {
    const auto Form = Rewritten->getDecomposedForm();
    Op = Form.Opcode;
    L = Form.LHS;
    R = Form.RHS;
    return true;
  }
  if (const auto *B = dyn_cast<BinaryOperator>(E);
      B && B->isComparisonOp()) {
    Op = B->getOpcode();
    L = B->getLHS();
    R = B->getRHS();
    return true;
  }
  if (const auto *Call = dyn_cast<CXXOperatorCallExpr>(E);
      Call && Call->getNumArgs() == 2 &&
      (Call->getOperator() == OO_EqualEqual ||
       Call->getOperator() == OO_ExclaimEqual)) {
    Op = Call->getOperator() == OO_EqualEqual ? BO_EQ : BO_NE;
    L = Call->getArg(0);
    R = Call->getArg(1);
    return true;
  }
  return false;
}

/// A count compared with zero: true when it holds exactly when the count is
/// not zero, false when exactly when it is zero.
std::optional<bool> countTest(const Expr *Cond,
                              llvm::function_ref<bool(const Expr *)> IsCount,
                              const ASTContext &Ctx) {
  if (const auto *Cast = dyn_cast<ImplicitCastExpr>(Cond->IgnoreParens());
      Cast && Cast->getCastKind() == CK_IntegralToBoolean &&
      IsCount(Cast->getSubExpr()))
    return true;
  BinaryOperatorKind K;
  const Expr *L, *R;
  if (!comparison(Cond, K, L, R))
    return std::nullopt;
  if (IsCount(R) && isZero(L, Ctx)) {
    std::swap(L, R);
    K = BinaryOperator::reverseComparisonOp(K);
  }
  if (!IsCount(L) || !isZero(R, Ctx))
    return std::nullopt;
  if (K == BO_NE || K == BO_GT)
    return true;
  if (K == BO_EQ || K == BO_LE)
    return false;
  return std::nullopt;
}

bool sameKey(const Expr *A, const Expr *B, const ASTContext &Ctx) {
  llvm::FoldingSetNodeID IA, IB;
  stripConversions(A)->Profile(IA, Ctx, /*Canonical=*/true);
  stripConversions(B)->Profile(IB, Ctx, /*Canonical=*/true);
  return IA == IB;
}

} // namespace

bool isFilledOnlyWhenEmpty(const Expr *Site, const ValueDecl *Container,
                           const ParentIndex &Parents) {
  if (!Site || !Container)
    return false;
  const ASTContext &Ctx = Container->getASTContext();
  auto IsSize = [&](const Expr *E) {
    return callOn(E, Container, {"size", "count", "length"}, 0) != nullptr;
  };
  auto Empty = [&](const Expr *Cond) -> std::optional<bool> {
    if (callOn(Cond, Container, {"empty", "isEmpty"}, 0))
      return true;
    if (const std::optional<bool> NonZero = countTest(Cond, IsSize, Ctx))
      return !*NonZero;
    return std::nullopt;
  };
  return guarded(Site, Parents, Empty);
}

bool runsOnlyWithKey(const Expr *Site, const ValueDecl *Container,
                     const Expr *Key, const ParentIndex &Parents) {
  if (!Site || !Container || !Key)
    return false;
  const ASTContext &Ctx = Container->getASTContext();
  auto IsCountOfKey = [&](const Expr *E) {
    const CXXMemberCallExpr *Call =
        callOn(E, Container, {"count", "contains"}, 1);
    return Call && sameKey(Call->getArg(0), Key, Ctx);
  };
  auto Present = [&](const Expr *Cond) -> std::optional<bool> {
    if (IsCountOfKey(Cond))
      return true;
    if (const std::optional<bool> NonZero = countTest(Cond, IsCountOfKey, Ctx))
      return *NonZero;
    // c.find(k) != c.end()
    BinaryOperatorKind K;
    const Expr *L, *R;
    if (!comparison(Cond, K, L, R) || (K != BO_EQ && K != BO_NE))
      return std::nullopt;
    auto IsFind = [&](const Expr *E) {
      const CXXMemberCallExpr *Call = callOn(E, Container, {"find"}, 1);
      return Call && sameKey(Call->getArg(0), Key, Ctx);
    };
    auto IsEnd = [&](const Expr *E) {
      return callOn(E, Container, {"end", "cend"}, 0) != nullptr;
    };
    if ((IsFind(L) && IsEnd(R)) || (IsFind(R) && IsEnd(L)))
      return K == BO_NE;
    return std::nullopt;
  };
  return guarded(Site, Parents, Present);
}

} // namespace clang::tidy::refcycle
