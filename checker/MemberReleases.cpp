//===--- MemberReleases.cpp ------------------------------------------------===//

#include "MemberReleases.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::refcycle {

namespace {

/// The member \p E names, when it is a data member of class type.
const FieldDecl *memberOfClassType(const Expr *E) {
  const auto *ME = E ? dyn_cast<MemberExpr>(E->IgnoreParenImpCasts()) : nullptr;
  const auto *Field = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
  return Field && Field->getType()->isRecordType() ? Field : nullptr;
}

} // namespace

bool isEmptyValue(const Expr *E, ASTContext &Ctx) {
  E = E->IgnoreImplicit()->IgnoreParenImpCasts();
  if (const auto *Temp = dyn_cast<CXXBindTemporaryExpr>(E))
    E = Temp->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
    E = M->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *List = dyn_cast<InitListExpr>(E))
    return List->getNumInits() == 0;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    if (Construct->getNumArgs() == 0)
      return true;
    // std::function(nullptr), the converting constructor of a nullptr_t.
    return Construct->getNumArgs() == 1 &&
           isEmptyValue(Construct->getArg(0), Ctx);
  }
  if (isa<CXXScalarValueInitExpr>(E))
    return true;
  return !E->isValueDependent() &&
         E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull);
}

namespace {

class ReleaseFinder : public RecursiveASTVisitor<ReleaseFinder> {
public:
  explicit ReleaseFinder(ASTContext &Ctx) : Ctx(Ctx) {}

  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2)
      if (const FieldDecl *F = memberOfClassType(Op->getArg(0)))
        if (isEmptyValue(Op->getArg(1), Ctx))
          Released.insert(F);
    return true;
  }

  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    if (M && M->getIdentifier() && Call->getNumArgs() == 0 &&
        (M->getName() == "reset" || M->getName() == "clear"))
      if (const FieldDecl *F =
              memberOfClassType(Call->getImplicitObjectArgument()))
        Released.insert(F);
    return true;
  }

  llvm::SmallPtrSet<const FieldDecl *, 16> Released;

private:
  ASTContext &Ctx;
};

bool isSpecialMember(const FunctionDecl *Fn) {
  const auto *M = dyn_cast<CXXMethodDecl>(Fn);
  return M && (isa<CXXConstructorDecl, CXXDestructorDecl>(M) ||
               M->isCopyAssignmentOperator() || M->isMoveAssignmentOperator());
}

} // namespace

llvm::SmallPtrSet<const FieldDecl *, 16>
releasedMembers(llvm::ArrayRef<const FunctionDecl *> Functions) {
  llvm::SmallPtrSet<const FieldDecl *, 16> Out;
  for (const FunctionDecl *Fn : Functions) {
    if (!Fn || !Fn->getBody() || isSpecialMember(Fn))
      continue;
    // A lambda's call operator is a function of its own, but runs as part
    // of (or later than) the function that wrote it: its body is walked
    // there, and it is judged by that function.
    if (const auto *M = dyn_cast<CXXMethodDecl>(Fn))
      if (M->getParent()->isLambda())
        continue;
    ReleaseFinder Finder(Fn->getASTContext());
    Finder.TraverseStmt(Fn->getBody());
    Out.insert(Finder.Released.begin(), Finder.Released.end());
  }
  return Out;
}

} // namespace clang::tidy::refcycle
