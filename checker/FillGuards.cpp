//===--- FillGuards.cpp - fills that run only while a container is empty --===//

#include "FillGuards.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"
#include <optional>

namespace clang::tidy::refcycle {
namespace {

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

/// `Container.Name()` for one of the size queries.
bool isSizeQuery(const Expr *E, const ValueDecl *Container) {
  const auto *Call = dyn_cast<CXXMemberCallExpr>(E->IgnoreParenImpCasts());
  if (!Call || Call->getNumArgs() != 0 ||
      !namesContainer(Call->getImplicitObjectArgument(), Container))
    return false;
  const CXXMethodDecl *M = Call->getMethodDecl();
  if (!M || !M->getDeclName().isIdentifier())
    return false;
  const StringRef Name = M->getName();
  return Name == "size" || Name == "count" || Name == "length";
}

bool isZero(const Expr *E, const ASTContext &Ctx) {
  Expr::EvalResult Result;
  return !E->isValueDependent() && E->EvaluateAsInt(Result, Ctx) &&
         Result.Val.getInt() == 0;
}

/// Whether \p Cond is true exactly when \p Container is empty (true), exactly
/// when it is not (false), or neither.
std::optional<bool> testsEmpty(const Expr *Cond, const ValueDecl *Container,
                               const ASTContext &Ctx) {
  if (!Cond)
    return std::nullopt;
  Cond = Cond->IgnoreParens();
  if (const auto *Cast = dyn_cast<ImplicitCastExpr>(Cond)) {
    // `if (c.size())`: a size used as a truth value.
    if (Cast->getCastKind() == CK_IntegralToBoolean &&
        isSizeQuery(Cast->getSubExpr(), Container))
      return false;
    return testsEmpty(Cast->getSubExpr(), Container, Ctx);
  }
  if (const auto *Not = dyn_cast<UnaryOperator>(Cond)) {
    if (Not->getOpcode() != UO_LNot)
      return std::nullopt;
    if (isSizeQuery(Not->getSubExpr(), Container))
      return true;
    if (const std::optional<bool> Inner =
            testsEmpty(Not->getSubExpr(), Container, Ctx))
      return !*Inner;
    return std::nullopt;
  }
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(Cond)) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    if (Call->getNumArgs() == 0 && M && M->getDeclName().isIdentifier() &&
        (M->getName() == "empty" || M->getName() == "isEmpty") &&
        namesContainer(Call->getImplicitObjectArgument(), Container))
      return true;
    return std::nullopt;
  }
  if (const auto *Op = dyn_cast<BinaryOperator>(Cond)) {
    const Expr *L = Op->getLHS(), *R = Op->getRHS();
    BinaryOperatorKind K = Op->getOpcode();
    if (isSizeQuery(R, Container) && isZero(L, Ctx)) {
      std::swap(L, R);
      K = BinaryOperator::reverseComparisonOp(K);
    }
    if (!isSizeQuery(L, Container) || !isZero(R, Ctx))
      return std::nullopt;
    if (K == BO_EQ || K == BO_LE)
      return true;
    if (K == BO_NE || K == BO_GT)
      return false;
  }
  return std::nullopt;
}

/// Entering the branch taken when \p Cond holds implies the container is
/// empty: the test itself, or one conjunct of `&&`.
bool impliesEmpty(const Expr *Cond, const ValueDecl *Container,
                  const ASTContext &Ctx) {
  if (const auto *Op = dyn_cast<BinaryOperator>(Cond->IgnoreParenImpCasts());
      Op && Op->getOpcode() == BO_LAnd)
    return impliesEmpty(Op->getLHS(), Container, Ctx) ||
           impliesEmpty(Op->getRHS(), Container, Ctx);
  return testsEmpty(Cond, Container, Ctx) == std::optional<bool>(true);
}

/// \p Cond holds whenever the container is not empty: the test itself, or
/// one disjunct of `||`.
bool holdsWhenNotEmpty(const Expr *Cond, const ValueDecl *Container,
                       const ASTContext &Ctx) {
  if (const auto *Op = dyn_cast<BinaryOperator>(Cond->IgnoreParenImpCasts());
      Op && Op->getOpcode() == BO_LOr)
    return holdsWhenNotEmpty(Op->getLHS(), Container, Ctx) ||
           holdsWhenNotEmpty(Op->getRHS(), Container, Ctx);
  return testsEmpty(Cond, Container, Ctx) == std::optional<bool>(false);
}

/// \p S always leaves the function: a return or throw, or a block that ends
/// with one.
bool alwaysExits(const Stmt *S) {
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(S))
    return !Block->body_empty() && alwaysExits(Block->body_back());
  return isa_and_nonnull<ReturnStmt>(S) || isa_and_nonnull<CXXThrowExpr>(S) ||
         (isa_and_nonnull<ExprWithCleanups>(S) &&
          isa<CXXThrowExpr>(cast<ExprWithCleanups>(S)->getSubExpr()));
}

} // namespace

bool isFilledOnlyWhenEmpty(const Expr *Site, const ValueDecl *Container,
                           const ParentIndex &Parents) {
  if (!Site || !Container)
    return false;
  const ASTContext &Ctx = Container->getASTContext();
  DynTypedNode Child = DynTypedNode::create(*Site);
  for (;;) {
    const DynTypedNode Node = Parents.parent(Child);
    if (Node.getNodeKind().isNone() || Node.get<FunctionDecl>() ||
        Node.get<LambdaExpr>())
      return false;
    if (const auto *If = Node.get<IfStmt>()) {
      if (If->getThen() == Child.get<Stmt>() && !If->getConditionVariable() &&
          If->getCond() && impliesEmpty(If->getCond(), Container, Ctx))
        return true;
    }
    if (const auto *Block = Node.get<CompoundStmt>()) {
      // An earlier statement of the same block that leaves whenever the
      // container is not empty.
      for (const Stmt *Earlier : Block->body()) {
        if (Earlier == Child.get<Stmt>())
          break;
        const auto *If = dyn_cast<IfStmt>(Earlier);
        if (If && !If->getElse() && !If->getConditionVariable() &&
            If->getCond() && alwaysExits(If->getThen()) &&
            holdsWhenNotEmpty(If->getCond(), Container, Ctx))
          return true;
      }
    }
    Child = Node;
  }
}

} // namespace clang::tidy::refcycle
