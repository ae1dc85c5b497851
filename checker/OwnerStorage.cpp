//===--- OwnerStorage.cpp - storage of the object that owns this one ------===//

#include "OwnerStorage.h"

#include "ConstructionOnly.h"
#include "EscapeSupport.h"
#include "StaticLifetime.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::refcycle {

const ValueDecl *linkToHolder(const Expr *Dest, bool Pointee) {
  // Through: the value of E points to the object that holds the storage.
  bool Through = Pointee;
  for (const Expr *E = Dest; E;) {
    E = E->IgnoreParenImpCasts();
    // A parameter that points to (or refers to) the holder: the link a
    // constructor is given and uses right there.
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      const auto *Param = dyn_cast<ParmVarDecl>(Ref->getDecl());
      if (!Param)
        return nullptr;
      const QualType T = Param->getType();
      return (Through ? T->isPointerType() : T->isReferenceType()) ? Param
                                                                   : nullptr;
    }
    const auto *ME = dyn_cast<MemberExpr>(E);
    const auto *Field = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
    if (!Field)
      return nullptr;
    const Expr *Base = ME->getBase()->IgnoreParenImpCasts();
    if (isa<CXXThisExpr>(Base)) {
      const QualType T = Field->getType();
      if (Through ? T->isPointerType() : T->isReferenceType())
        return Field;
      return nullptr; // by value: the storage is inside *this
    }
    if (Through || ME->isArrow()) {
      if (Through)
        return nullptr; // a second indirection
      Through = true;
    }
    E = Base;
  }
  return nullptr;
}

namespace {

/// A std::unique_ptr to an array (`std::unique_ptr<Part[]>`).
bool ownsArray(QualType T) {
  const auto *Spec =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl());
  return escape::detail::isUniquePtr(T) && Spec &&
         Spec->getTemplateArgs().size() > 0 &&
         Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type &&
         Spec->getTemplateArgs()[0].getAsType()->isArrayType();
}

/// \p Init hands `this` (or `*this`) to a constructor, `new` or function
/// call: the part is made with its owner as an argument.
bool passesThis(const Expr *Init) {
  struct Finder : RecursiveASTVisitor<Finder> {
    bool Found = false;
    void judge(const Expr *Arg) {
      Arg = Arg->IgnoreParenImpCasts();
      if (const auto *U = dyn_cast<UnaryOperator>(Arg))
        if (U->getOpcode() == UO_Deref)
          Arg = U->getSubExpr()->IgnoreParenImpCasts();
      if (isa<CXXThisExpr>(Arg))
        Found = true;
    }
    bool VisitCXXConstructExpr(CXXConstructExpr *C) {
      for (const Expr *A : C->arguments())
        judge(A);
      return !Found;
    }
    bool VisitCallExpr(CallExpr *C) {
      for (const Expr *A : C->arguments())
        judge(A);
      return !Found;
    }
    bool VisitLambdaExpr(LambdaExpr *) { return true; }
    bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  } F;
  F.TraverseStmt(const_cast<Expr *>(Init));
  return F.Found;
}

/// Every initialization of \p Member that its class shows (in-class
/// initializer, constructor initializers) makes the part with `this`, and
/// there is one.
bool alwaysMadeWithOwner(const FieldDecl *Member) {
  const auto *Owner = dyn_cast<CXXRecordDecl>(Member->getParent());
  unsigned Seen = 0;
  if (const Expr *Init = Member->getInClassInitializer()) {
    if (!passesThis(Init))
      return false;
    ++Seen;
  }
  for (const CXXConstructorDecl *Ctor : Owner->ctors()) {
    const FunctionDecl *Def = nullptr;
    if (Ctor->isCopyOrMoveConstructor() || !Ctor->hasBody(Def) || !Def)
      continue;
    bool Initialized = false;
    for (const CXXCtorInitializer *Init : cast<CXXConstructorDecl>(Def)->inits())
      if (Init->getMember() == Member && Init->isWritten()) {
        if (!passesThis(Init->getInit()))
          return false;
        Initialized = true;
        ++Seen;
      }
    // A constructor that leaves a by-value part to its default constructor
    // (no in-class initializer either) does not give it the owner.
    if (!Initialized && !Member->getInClassInitializer() &&
        !Member->getType()->isPointerType() &&
        !escape::detail::isUniquePtr(Member->getType()))
      return false;
  }
  return Seen > 0;
}

} // namespace

bool linkedOwnerOwnsForLife(const CXXRecordDecl *Part, const ValueDecl *Link) {
  if (!Part || !Link || !Part->hasDefinition())
    return false;
  Part = Part->getDefinition();
  if (const auto *Field = dyn_cast<FieldDecl>(Link)) {
    // The link to the owner is set by constructors only (a reference member
    // always is).
    if (!Field->getType()->isReferenceType() && !onlyConstructorsSetHere(Field))
      return false;
  } else {
    // A parameter of one of the part's own constructors: the object that
    // made the part, which is then its owner when it made it with `this`.
    const auto *Param = dyn_cast<ParmVarDecl>(Link);
    const auto *Ctor = Param ? dyn_cast_or_null<CXXConstructorDecl>(
                                   Param->getDeclContext())
                             : nullptr;
    if (!Ctor || !(Ctor->getParent()->getCanonicalDecl() ==
                       Part->getCanonicalDecl() ||
                   Part->isDerivedFrom(Ctor->getParent())))
      return false;
  }
  const QualType Pointee = Link->getType()->getPointeeType();
  const CXXRecordDecl *Owner =
      Pointee.isNull() ? nullptr : Pointee->getAsCXXRecordDecl();
  if (!Owner || !Owner->hasDefinition())
    return false;
  for (const FieldDecl *Member : Owner->getDefinition()->fields()) {
    // One part, not an array of them: their links are not followed.
    if (Member->getType()->isArrayType() || ownsArray(Member->getType()))
      continue;
    const CXXRecordDecl *Held = partOwnedForLife(Member);
    if (!Held)
      continue;
    if ((Held == Part || Held->isDerivedFrom(Part)) &&
        alwaysMadeWithOwner(Member))
      return true;
  }
  return false;
}

} // namespace clang::tidy::refcycle
