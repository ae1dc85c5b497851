//===--- OwnerStorage.cpp - storage of the object that owns this one ------===//

#include "OwnerStorage.h"

#include "ConstructionOnly.h"
#include "EscapeSupport.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::refcycle {

const FieldDecl *linkToHolder(const Expr *Dest, bool Pointee) {
  // Through: the value of E points to the object that holds the storage.
  bool Through = Pointee;
  for (const Expr *E = Dest; E;) {
    E = E->IgnoreParenImpCasts();
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

/// The class an owning member holds: a by-value member, a std::unique_ptr,
/// or a raw pointer that its class fills only with `new`; with every value
/// given by the owner's constructors only.
const CXXRecordDecl *heldForLife(const FieldDecl *F) {
  QualType T = F->getType();
  if (T->isPointerType()) {
    if (!escape::detail::isNewOwnedField(F) || !onlyConstructorsSetHere(F))
      return nullptr;
    return T->getPointeeType()->getAsCXXRecordDecl();
  }
  if (escape::detail::isUniquePtr(T)) {
    const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
        T->getAsCXXRecordDecl());
    if (!Spec || Spec->getTemplateArgs().size() == 0 ||
        Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type ||
        !onlyConstructorsSetHere(F))
      return nullptr;
    return Spec->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl();
  }
  if (T->isReferenceType())
    return nullptr;
  return T->getAsCXXRecordDecl();
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

bool linkedOwnerOwnsForLife(const CXXRecordDecl *Part, const FieldDecl *Link) {
  if (!Part || !Link || !Part->hasDefinition())
    return false;
  Part = Part->getDefinition();
  // The link to the owner is set by constructors only (a reference member
  // always is).
  if (!Link->getType()->isReferenceType() && !onlyConstructorsSetHere(Link))
    return false;
  const QualType Pointee = Link->getType()->getPointeeType();
  const CXXRecordDecl *Owner =
      Pointee.isNull() ? nullptr : Pointee->getAsCXXRecordDecl();
  if (!Owner || !Owner->hasDefinition())
    return false;
  for (const FieldDecl *Member : Owner->getDefinition()->fields()) {
    const CXXRecordDecl *Held = heldForLife(Member);
    if (!Held || !Held->hasDefinition())
      continue;
    Held = Held->getDefinition();
    if ((Held == Part || Held->isDerivedFrom(Part)) &&
        alwaysMadeWithOwner(Member))
      return true;
  }
  return false;
}

} // namespace clang::tidy::refcycle
