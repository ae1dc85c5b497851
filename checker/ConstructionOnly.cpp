//===--- ConstructionOnly.cpp - members that only constructors set --------===//

#include "ConstructionOnly.h"
#include "MemberVisibility.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::refcycle {
namespace {

/// A parameter of type \p T cannot change the argument it is given: a copy,
/// a reference to const, or an rvalue reference (a move leaves it empty).
bool parameterKeepsArgument(QualType T) {
  if (T.isNull() || T->isDependentType())
    return false;
  if (!T->isReferenceType())
    return true;
  return T->isRValueReferenceType() ||
         T->getPointeeType().isConstQualified();
}

/// The parameter of \p Callee that \p Index-th argument binds to.
QualType parameterType(const FunctionDecl *Callee, unsigned Index) {
  if (!Callee || Index >= Callee->getNumParams())
    return QualType();
  return Callee->getParamDecl(Index)->getType();
}

/// The use \p Use of the member cannot give the member a new value.
bool onlyReads(const Expr *Use, ASTContext &Ctx) {
  // The member of a const object (in a const member function).
  if (Use->getType().isConstQualified())
    return true;
  const Expr *E = Use;
  for (unsigned Depth = 0; Depth < 16; ++Depth) {
    const DynTypedNodeList Parents = Ctx.getParents(*E);
    if (Parents.size() != 1)
      return false;
    const DynTypedNode &P = Parents[0];
    if (const auto *Paren = P.get<ParenExpr>()) {
      E = Paren;
      continue;
    }
    if (const auto *Cast = P.get<ImplicitCastExpr>()) {
      if (Cast->getCastKind() == CK_LValueToRValue ||
          Cast->getType().isConstQualified())
        return true;
      E = Cast;
      continue;
    }
    if (const auto *Temp = P.get<MaterializeTemporaryExpr>()) {
      E = Temp;
      continue;
    }
    // `m.get()`, `m->f()`: the callee names a member function of the
    // pointer; a const one leaves the pointer as it is. A raw pointer's
    // `m->f()` changes the pointee, not the member.
    if (const auto *Member = P.get<MemberExpr>()) {
      if (Member->isArrow() && E->getType()->isPointerType())
        return true;
      const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl());
      return Method && Method->isConst();
    }
    if (const auto *Op = P.get<CXXOperatorCallExpr>()) {
      const auto *Method =
          dyn_cast_or_null<CXXMethodDecl>(Op->getDirectCallee());
      if (Method && Op->getNumArgs() > 0 && Op->getArg(0) == E)
        return Method->isConst();
      for (unsigned I = 0; I < Op->getNumArgs(); ++I)
        if (Op->getArg(I) == E)
          return parameterKeepsArgument(parameterType(
              Op->getDirectCallee(), Method ? I - 1 : I));
      return false;
    }
    if (const auto *Call = P.get<CallExpr>()) {
      for (unsigned I = 0; I < Call->getNumArgs(); ++I)
        if (Call->getArg(I) == E)
          return parameterKeepsArgument(
              parameterType(Call->getDirectCallee(), I));
      return false;
    }
    if (const auto *Construct = P.get<CXXConstructExpr>()) {
      for (unsigned I = 0; I < Construct->getNumArgs(); ++I)
        if (Construct->getArg(I) == E)
          return parameterKeepsArgument(
              parameterType(Construct->getConstructor(), I));
      return false;
    }
    // Returned as it is: by reference to non-const (a copy or a const
    // reference would have converted it first).
    if (P.get<ReturnStmt>())
      return !E->isLValue();
    if (const auto *Var = P.get<VarDecl>())
      return parameterKeepsArgument(Var->getType());
    return false;
  }
  return false;
}

/// Finds the uses of one member outside the constructors of its class, and
/// whether each only reads it.
class UseFinder : public RecursiveASTVisitor<UseFinder> {
public:
  UseFinder(const FieldDecl *Field, ASTContext &Ctx)
      : Field(Field), Ctx(Ctx) {}

  bool shouldVisitLambdaBody() const { return true; }

  bool VisitMemberExpr(MemberExpr *ME) {
    if (ME->getMemberDecl()->getCanonicalDecl() == Field->getCanonicalDecl() &&
        !onlyReads(ME, Ctx))
      Writes = true;
    return !Writes;
  }

  const FieldDecl *Field;
  ASTContext &Ctx;
  bool Writes = false;
};

/// The statements of a constructor's own code that run later: the bodies
/// of the lambdas it writes.
class LambdaFinder : public RecursiveASTVisitor<LambdaFinder> {
public:
  explicit LambdaFinder(UseFinder &Uses) : Uses(Uses) {}
  bool TraverseLambdaExpr(LambdaExpr *Lambda) {
    Uses.TraverseStmt(Lambda->getBody());
    return !Uses.Writes;
  }
  UseFinder &Uses;
};

} // namespace

bool isSetOnlyAtConstruction(const FieldDecl *Field) {
  return Field && allCodeTouchingIsVisible(Field) &&
         onlyConstructorsSetHere(Field);
}

bool onlyConstructorsSetHere(const FieldDecl *Field) {
  const auto *Record =
      Field ? dyn_cast<CXXRecordDecl>(Field->getParent()) : nullptr;
  if (!Record || Field->isMutable() || Record->isDependentContext() ||
      isa<ClassTemplateSpecializationDecl>(Record))
    return false;
  ASTContext &Ctx = Field->getASTContext();
  UseFinder Uses(Field, Ctx);
  LambdaFinder Later(Uses);
  for (const CXXMethodDecl *Method : Record->methods()) {
    // Implicit copy and move assignments assign the member.
    if (Method->isCopyAssignmentOperator() ||
        Method->isMoveAssignmentOperator()) {
      if ((Method->isImplicit() || Method->isDefaulted()) &&
          (Method->isUsed() || Method->isReferenced()))
        return false;
    }
    const FunctionDecl *Definition = nullptr;
    if (!Method->hasBody(Definition) || !Definition ||
        isa<CXXDestructorDecl>(Definition))
      continue;
    if (isa<CXXConstructorDecl>(Definition)) {
      for (const CXXCtorInitializer *Init :
           cast<CXXConstructorDecl>(Definition)->inits())
        if (Init->getInit())
          Later.TraverseStmt(const_cast<Expr *>(Init->getInit()));
      Later.TraverseStmt(Definition->getBody());
    } else {
      Uses.TraverseStmt(Definition->getBody());
    }
    if (Uses.Writes)
      return false;
  }
  return true;
}

} // namespace clang::tidy::refcycle
