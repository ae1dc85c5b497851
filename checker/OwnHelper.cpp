//===--- OwnHelper.cpp - a shared_ptr member that is the object's own -----===//
//
// The proof that a std::shared_ptr member is its object's own helper: every
// value it is given is fresh, it is never copied out, and every function
// that could touch it is in this translation unit. Its pointee then dies
// with the object, and storage inside it is the object's own.
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

/// True if \p E gives a shared_ptr a value no other owner holds: empty,
/// `new`, an adopted raw pointer, a std::unique_ptr, std::make_shared /
/// allocate_shared, or a call of a function of this translation unit whose
/// every return value is such a value.
bool isFreshOwner(const Expr *E, unsigned Depth = 0) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
      E = M->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
      E = B->getSubExpr();
    else if (const auto *C = dyn_cast<ExprWithCleanups>(E))
      E = C->getSubExpr();
    else if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(E))
      E = F->getSubExpr();
    else
      break;
  }
  if (!E)
    return false;
  if (isa<CXXNullPtrLiteralExpr, GNUNullExpr, CXXNewExpr>(E))
    return true;
  // Code that does not compile says nothing either way; the check stays
  // silent on it rather than report what it cannot judge.
  if (E->containsErrors() || E->getType().isNull())
    return true;
  const QualType T = E->getType();
  // Adopting a raw pointer makes the shared_ptr its only owner (anything
  // else is a double delete); a std::unique_ptr is the only owner.
  if (T->isPointerType() || isUniquePtr(T))
    return true;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    if (Construct->getNumArgs() == 0 ||
        isa<CXXDefaultArgExpr>(Construct->getArg(0)))
      return true; // empty
    return isFreshOwner(Construct->getArg(0), Depth);
  }
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call)
    return false;
  if (isStdMoveOrForward(Call))
    return isFreshOwner(Call->getArg(0), Depth);
  // `std::make_shared<T>(...)` in a template, not yet resolved.
  if (const auto *ULE = dyn_cast_or_null<UnresolvedLookupExpr>(
          Call->getCallee()->IgnoreParenImpCasts())) {
    const DeclarationName Name = ULE->getName();
    if (!Name.isIdentifier() || ULE->getNumDecls() == 0)
      return false;
    const StringRef N = Name.getAsIdentifierInfo()->getName();
    const auto *First = (*ULE->decls_begin())->getUnderlyingDecl();
    const DeclContext *NS = First->getDeclContext()->getEnclosingNamespaceContext();
    const auto *NSD = dyn_cast<NamespaceDecl>(NS);
    return (N == "make_shared" || N == "allocate_shared") && NSD &&
           (First->isInStdNamespace() ||
            (NSD->getIdentifier() && NSD->getName() == "boost"));
  }
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD || !FD->getIdentifier())
    return false;
  const std::string Name = FD->getQualifiedNameAsString();
  if (Name == "std::make_shared" || Name == "std::allocate_shared" ||
      Name == "boost::make_shared" || Name == "boost::allocate_shared")
    return true;
  // A factory of this translation unit returning by value.
  const FunctionDecl *Def = nullptr;
  if (Depth > 2 || FD->getReturnType()->isReferenceType() ||
      !FD->hasBody(Def) || !Def || Def->isDependentContext())
    return false;
  bool AllFresh = true, AnyReturn = false;
  std::function<void(const Stmt *)> Visit = [&](const Stmt *S) {
    if (!S || !AllFresh || isa<LambdaExpr>(S))
      return;
    if (const auto *Ret = dyn_cast<ReturnStmt>(S)) {
      AnyReturn = true;
      if (!Ret->getRetValue() || !isFreshOwner(Ret->getRetValue(), Depth + 1))
        AllFresh = false;
      return;
    }
    for (const Stmt *Child : S->children())
      Visit(Child);
  };
  Visit(Def->getBody());
  return AnyReturn && AllFresh;
}

/// True if an implicit or defaulted copy or move constructor of \p R can
/// run: it would give the copy the same shared_ptr members.
bool implicitlyCopied(const CXXRecordDecl *R) {
  bool CopyDeclared = false, MoveDeclared = false;
  for (const CXXConstructorDecl *C : R->ctors()) {
    if (C->isCopyConstructor())
      CopyDeclared = true;
    else if (C->isMoveConstructor())
      MoveDeclared = true;
    else
      continue;
    if (!C->isDeleted() && !C->isUserProvided())
      return true;
  }
  if (!CopyDeclared && R->needsImplicitCopyConstructor() &&
      !R->defaultedCopyConstructorIsDeleted())
    return true;
  if (!MoveDeclared && R->needsImplicitMoveConstructor() &&
      !R->defaultedMoveConstructorIsDeleted())
    return true;
  return false;
}

/// True if \p E names a member of `*this` other than \p Except that code
/// outside the class cannot reach.
bool isPrivateMemberOfThis(const Expr *E, const FieldDecl *Except) {
  const auto *ME = dyn_cast<MemberExpr>(E->IgnoreParenImpCasts());
  if (!ME || !isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
    return false;
  const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
  return F && F != Except && F->getAccess() != AS_public;
}

/// State shared by the judges of one member and of the parameters it is
/// passed to.
struct HelperJudgement {
  const FieldDecl *Field;
  const CXXRecordDecl *Owner;
  /// Parameters whose uses are judged or being judged: a call that passes
  /// the member to one of them again (recursion) adds nothing new.
  llvm::SmallPtrSet<const ParmVarDecl *, 8> Parameters;
  /// A copy or move of an Owner object is made in the code walked.
  bool OwnerCopied = false;
};

/// Walks function bodies and judges every use of a shared_ptr member, or of
/// a parameter or local reference or copy that the member was given to.
/// Allowed: dereferences, tests and comparisons, get(), reset to a fresh
/// object, binding a local reference or copy (whose uses are judged the
/// same way), passing it to a function of this translation unit whose
/// parameter is judged the same way, returning it by const reference (a
/// getter lends access, it does not share), and passing it to the
/// constructor of an object stored in another private member of the same
/// object (the copy stays inside the object).
class HelperUses {
public:
  HelperUses(const ValueDecl *Target, HelperJudgement &J, unsigned Depth)
      : J(J), Depth(Depth) {
    Targets.insert(Target);
  }
  bool Ok = true;

  void function(const FunctionDecl *FD) {
    Current = FD;
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
      for (const CXXCtorInitializer *Init : Ctor->inits()) {
        if (!Init->getInit())
          continue;
        const bool Self = Init->getMember() == J.Field;
        if (Self && Init->isWritten() && !isFreshOwner(Init->getInit()))
          Ok = false;
        if (Init->getMember() && !Self && Init->isWritten() &&
            Init->getMember()->getAccess() != AS_public && inOwner())
          OwnMemberInits.insert(Init->getInit());
        walk(Init->getInit(), nullptr, Self);
      }
    walk(FD->getBody(), nullptr, false);
    // A variable swapped with it may have uses earlier in the body (in a
    // loop they run after the swap): judge the body again.
    for (unsigned Round = 0; SwappedIn && Ok && Round < 2; ++Round) {
      SwappedIn = false;
      walk(FD->getBody(), nullptr, false);
    }
    if (SwappedIn)
      Ok = false; // still growing: give up
  }
  void expr(const Expr *E) { walk(E, nullptr, false); }

private:
  void walk(const Stmt *S, const Stmt *Parent, bool Skip) {
    if (!S || !Ok)
      return;
    Parents[S] = Parent;
    for (const Stmt *Child : S->children())
      walk(Child, S, Skip);
    if (Skip || !Ok)
      return;
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(S)) {
      const CXXConstructorDecl *C = Construct->getConstructor();
      if (C && C->isCopyOrMoveConstructor() &&
          C->getParent()->getCanonicalDecl() == J.Owner->getCanonicalDecl())
        J.OwnerCopied = true;
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
      if (Ref->getDecl() == J.Field)
        Ok = false; // &C::member
      else if (Targets.count(Ref->getDecl()) && !allowed(Ref))
        Ok = false;
    } else if (const auto *ME = dyn_cast<MemberExpr>(S)) {
      if (ME->getMemberDecl() == J.Field && !allowed(ME))
        Ok = false;
    }
  }

  /// The member call or dependent call \p Member (a member of the
  /// shared_ptr) is part of, with its name.
  bool allowedMemberUse(StringRef Name, bool Conversion, const Stmt *Member) {
    if (Conversion || Name == "get" || Name == "use_count" || Name == "unique")
      return true;
    if (Name != "reset")
      return false;
    const auto *Call = dyn_cast_or_null<CallExpr>(Parents.lookup(Member));
    if (!Call)
      return false;
    for (const Expr *Arg : Call->arguments())
      if (!isFreshOwner(Arg))
        return false;
    return true;
  }

  /// The function walked is a member of the helper's class: `this` is the
  /// object that owns the helper.
  bool inOwner() const {
    const auto *M = dyn_cast_or_null<CXXMethodDecl>(Current);
    return M && M->getParent()->getCanonicalDecl() ==
                    J.Owner->getCanonicalDecl();
  }

  /// \p Made, an object constructed from the member, ends up in another
  /// private member of `*this`: assigned to it, or its constructor
  /// initializer.
  bool storedInOwnMember(const Stmt *Made) {
    if (!inOwner())
      return false;
    const Stmt *Child = Made;
    const Stmt *P = Parents.lookup(Made);
    while (P) {
      const auto *Construct = dyn_cast<CXXConstructExpr>(P);
      if (!isa<ImplicitCastExpr, ParenExpr, MaterializeTemporaryExpr,
               CXXBindTemporaryExpr, ExprWithCleanups, CXXFunctionalCastExpr>(
              P) &&
          !(Construct && Construct->getNumArgs() >= 1 &&
            Construct->getArg(0) == Child))
        break;
      Child = P;
      P = Parents.lookup(P);
    }
    if (!P)
      return OwnMemberInits.count(Child) != 0;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(P))
      return Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
             Op->getArg(1) == Child &&
             isPrivateMemberOfThis(Op->getArg(0), J.Field);
    if (const auto *B = dyn_cast<BinaryOperator>(P))
      return B->getOpcode() == BO_Assign && B->getRHS() == Child &&
             isPrivateMemberOfThis(B->getLHS(), J.Field);
    return false;
  }

  /// Argument \p Index of a call of \p Callee: judged by the uses of the
  /// parameter in the callee's body.
  bool allowedArgument(const FunctionDecl *Callee, unsigned Index) {
    const FunctionDecl *Def = nullptr;
    if (!Callee || Depth >= 3 || !Callee->hasBody(Def) || !Def ||
        Def->isDependentContext() || Index >= Def->getNumParams())
      return false;
    const ParmVarDecl *Param = Def->getParamDecl(Index);
    if (!isSharedPtr(Param->getType().getNonReferenceType()))
      return false;
    if (!J.Parameters.insert(Param).second)
      return true; // judged already, or being judged further up
    HelperUses Uses(Param, J, Depth + 1);
    Uses.function(Def);
    return Uses.Ok;
  }

  /// \p E names the member or one of its aliases.
  bool isTarget(const Expr *E) const {
    E = E->IgnoreParenImpCasts();
    if (const auto *ME = dyn_cast<MemberExpr>(E))
      return ME->getMemberDecl() == J.Field;
    const auto *Ref = dyn_cast<DeclRefExpr>(E);
    return Ref && Targets.count(Ref->getDecl());
  }

  bool allowed(const Expr *Use) {
    const Stmt *Child = Use;
    const Stmt *P = Parents.lookup(Use);
    while (P && isa<ImplicitCastExpr, ParenExpr, CXXBindTemporaryExpr,
                    MaterializeTemporaryExpr>(P)) {
      Child = P;
      P = Parents.lookup(P);
    }
    if (!P)
      return false;
    if (const auto *Cond = dyn_cast<ConditionalOperator>(P))
      return Cond->getCond() != Child && allowed(Cond);
    if (const auto *Decls = dyn_cast<DeclStmt>(P)) {
      // A local reference to it, or a local copy: judged like it.
      for (const Decl *D : Decls->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D))
          if (Var->getInit() == Child && !Var->hasGlobalStorage() &&
              isSharedPtr(Var->getType().getNonReferenceType())) {
            Targets.insert(Var);
            return true;
          }
      return false;
    }
    if (const auto *Return = dyn_cast<ReturnStmt>(P)) {
      // A getter returning a const reference lends access.
      const QualType R = Current ? Current->getReturnType() : QualType();
      return Return->getRetValue() == Child && !R.isNull() &&
             R->isLValueReferenceType() &&
             R.getNonReferenceType().isConstQualified();
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(P)) {
      if (Op->getNumArgs() < 1)
        return false;
      const OverloadedOperatorKind K = Op->getOperator();
      if (Op->isComparisonOp())
        return true;
      if (Op->getArg(0) != Child)
        return false;
      switch (K) {
      case OO_Arrow:
      case OO_Star:
        return true;
      case OO_Equal:
        return Op->getNumArgs() == 2 && isFreshOwner(Op->getArg(1));
      default:
        return false;
      }
    }
    if (const auto *B = dyn_cast<BinaryOperator>(P)) {
      if (B->isComparisonOp())
        return true;
      // `sp_ = std::make_shared<T>()` in a template, not yet resolved.
      return B->getOpcode() == BO_Assign && B->getLHS() == Child &&
             B->isTypeDependent() && isFreshOwner(B->getRHS());
    }
    if (const auto *ME = dyn_cast<MemberExpr>(P)) {
      if (ME->getBase() != Child)
        return false;
      const auto *M = dyn_cast<CXXMethodDecl>(ME->getMemberDecl());
      if (!M)
        return false;
      return allowedMemberUse(M->getIdentifier() ? M->getName() : "",
                              isa<CXXConversionDecl>(M), ME);
    }
    if (const auto *DME = dyn_cast<CXXDependentScopeMemberExpr>(P))
      return !DME->isImplicitAccess() && DME->getBase() == Child &&
             DME->getMember().isIdentifier() &&
             allowedMemberUse(DME->getMember().getAsIdentifierInfo()->getName(),
                              false, DME);
    if (const auto *UME = dyn_cast<UnresolvedMemberExpr>(P))
      return !UME->isImplicitAccess() && UME->getBase() == Child &&
             UME->getMemberName().isIdentifier() &&
             allowedMemberUse(
                 UME->getMemberName().getAsIdentifierInfo()->getName(), false,
                 UME);
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(P)) {
      // A copy of the shared_ptr: judged where the copy goes.
      const CXXConstructorDecl *C = Construct->getConstructor();
      if (C && C->isCopyOrMoveConstructor() && isSharedPtr(Construct->getType()))
        return allowed(Construct);
      if (storedInOwnMember(Construct))
        return true;
      for (unsigned I = 0; I < Construct->getNumArgs(); ++I)
        if (Construct->getArg(I) == Child)
          return allowedArgument(Construct->getConstructor(), I);
      return false;
    }
    if (const auto *Call = dyn_cast<CallExpr>(P)) {
      // std::swap with another name of it, or with a local variable (which
      // then holds it and is judged like it), keeps it inside.
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (Callee && Callee->isInStdNamespace() && Callee->getIdentifier() &&
          Callee->getName() == "swap" && Call->getNumArgs() == 2) {
        for (const Expr *Arg : Call->arguments()) {
          if (isTarget(Arg))
            continue;
          const auto *Ref = dyn_cast<DeclRefExpr>(Arg->IgnoreParenImpCasts());
          const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
          if (!Var || isa<ParmVarDecl>(Var) || !Var->hasLocalStorage() ||
              Var->getType()->isReferenceType())
            return false;
          if (Targets.insert(Var).second)
            SwappedIn = true;
        }
        return true;
      }
      // A member call's object is not among the arguments.
      const unsigned Shift = isa<CXXOperatorCallExpr>(Call) ? 1 : 0;
      for (unsigned I = Shift; I < Call->getNumArgs(); ++I)
        if (Call->getArg(I) == Child)
          return allowedArgument(Call->getDirectCallee(), I - Shift);
      return false;
    }
    return false;
  }

  HelperJudgement &J;
  const unsigned Depth;
  const FunctionDecl *Current = nullptr;
  bool SwappedIn = false;
  llvm::SmallPtrSet<const ValueDecl *, 4> Targets;
  llvm::SmallPtrSet<const Stmt *, 4> OwnMemberInits;
  llvm::DenseMap<const Stmt *, const Stmt *> Parents;
};

} // namespace

bool isOwnHelperMember(const FieldDecl *Field,
                       llvm::ArrayRef<const FunctionDecl *> Functions) {
  if (!Field || !isSharedPtr(Field->getType()) ||
      Field->getAccess() == AS_public)
    return false;
  const auto *R = dyn_cast<CXXRecordDecl>(Field->getParent());
  if (!R || !R->hasDefinition() || R->isDependentContext() ||
      isa<ClassTemplateSpecializationDecl>(R) || R->isLambda())
    return false;
  // A copy of the object would share the helper. A polymorphic class is
  // used through pointers and references, not copied (C++ Core Guidelines
  // C.67), unless this translation unit copies it.
  const bool Copyable = implicitlyCopied(R);
  if (Copyable && !R->isPolymorphic())
    return false;
  // The pointee cannot make more owners of itself.
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      recordOf(Field->getType()));
  if (!Spec || Spec->getTemplateArgs().size() < 1 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return false;
  const CXXRecordDecl *Pointee =
      Spec->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl();
  if (Pointee && derivesFromSharedFromThis(Pointee))
    return false;
  // Every member function and friend of the class is defined here, so every
  // use of the member is in \p Functions. Where this translation unit is
  // the class's implementation file (it defines some of its member
  // functions outside the class), a member function it declares but does
  // not define is taken to be defined nowhere: a class is implemented in
  // one file, and a function declared and never defined cannot be called.
  const bool ImplementedHere = llvm::any_of(R->methods(), [](const CXXMethodDecl *M) {
    const FunctionDecl *Def = nullptr;
    return !M->isImplicit() && M->hasBody(Def) && Def && Def->isOutOfLine();
  });
  for (const Decl *D : R->decls()) {
    if (const auto *Friend = dyn_cast<FriendDecl>(D)) {
      // A friend class whose member functions are all defined here: its
      // uses of the member are among \p Functions too.
      if (const TypeSourceInfo *FT = Friend->getFriendType()) {
        const CXXRecordDecl *FR = FT->getType()->getAsCXXRecordDecl();
        // A class that only friend declarations name (a test fixture the
        // library never sees, a friend that misses the nested class it
        // meant) has no code this program can reach through the class.
        if (FR && !FR->hasDefinition() &&
            llvm::all_of(FR->redecls(), [](const Decl *D) {
              return D->getFriendObjectKind() != Decl::FOK_None;
            }))
          continue;
        if (!FR || !FR->hasDefinition())
          return false;
        for (const CXXMethodDecl *M : FR->getDefinition()->methods())
          if (!M->isImplicit() && !M->isDeleted() && !M->isDefaulted() &&
              !M->isPureVirtual() && !M->hasBody())
            return false;
        continue;
      }
      const NamedDecl *ND = Friend->getFriendDecl();
      if (const auto *T = dyn_cast_or_null<FunctionTemplateDecl>(ND))
        ND = T->getTemplatedDecl();
      const auto *FD = dyn_cast_or_null<FunctionDecl>(ND);
      if (!FD || !FD->hasBody())
        return false;
      continue;
    }
    const FunctionDecl *FD = dyn_cast<FunctionDecl>(D);
    if (const auto *T = dyn_cast<FunctionTemplateDecl>(D))
      FD = T->getTemplatedDecl();
    if (!FD || FD->isImplicit() || FD->isDeleted() || FD->isDefaulted() ||
        FD->isPureVirtual())
      continue;
    if (!FD->hasBody() && !ImplementedHere)
      return false;
  }
  if (const Expr *Init = Field->getInClassInitializer())
    if (!isFreshOwner(Init))
      return false;
  HelperJudgement Judgement{Field, R, {}, false};
  HelperUses Uses(Field, Judgement, 0);
  for (const FieldDecl *Other : R->fields())
    if (Other != Field && Other->getInClassInitializer())
      Uses.expr(Other->getInClassInitializer());
  for (const FunctionDecl *FD : Functions) {
    Uses.function(FD);
    if (!Uses.Ok)
      return false;
  }
  return !(Copyable && Judgement.OwnerCopied);
}

} // namespace clang::tidy::refcycle::escape
