//===--- OwnerStorage.cpp - storage of the object that owns this one ------===//

#include "OwnerStorage.h"

#include "ConstructionOnly.h"
#include "EscapeSupport.h"
#include "StaticLifetime.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::refcycle {

namespace {

/// The local variable \p V is given a value or has its address taken
/// somewhere in \p Body other than its initializer.
bool changedIn(const Stmt *Body, const VarDecl *V) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const VarDecl *V;
    bool Found = false;
    explicit Finder(const VarDecl *V) : V(V) {}
    bool refers(const Expr *E) const {
      const auto *R = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
      return R && R->getDecl() == V;
    }
    bool VisitBinaryOperator(BinaryOperator *B) {
      if (B->isAssignmentOp() && refers(B->getLHS()))
        Found = true;
      return !Found;
    }
    bool VisitUnaryOperator(UnaryOperator *U) {
      if ((U->isIncrementDecrementOp() || U->getOpcode() == UO_AddrOf) &&
          refers(U->getSubExpr()))
        Found = true;
      return !Found;
    }
  } F(V);
  F.TraverseStmt(const_cast<Stmt *>(Body));
  return F.Found;
}

/// What the local \p Ref names stands for on a path to a holder: for a
/// pointer (\p Through), the object its `&X` initializer designates, with
/// Through then false, or the pointer it copies; for a reference, the object
/// it is bound to. Null when \p Ref is not such an alias, or is changed.
const Expr *aliasedHolder(const DeclRefExpr *Ref, bool &Through) {
  const auto *V = dyn_cast<VarDecl>(Ref->getDecl());
  if (!V || !V->hasLocalStorage() || isa<ParmVarDecl>(V) || !V->getInit())
    return nullptr;
  const Expr *Init = V->getInit()->IgnoreParenImpCasts();
  const QualType T = V->getType();
  if (T->isReferenceType())
    return Through ? nullptr : Init;
  if (!Through || !T->isPointerType())
    return nullptr;
  const auto *Fn = dyn_cast_or_null<FunctionDecl>(V->getDeclContext());
  if (!Fn || !Fn->getBody() || changedIn(Fn->getBody(), V))
    return nullptr;
  if (const auto *U = dyn_cast<UnaryOperator>(Init))
    if (U->getOpcode() == UO_AddrOf) {
      Through = false;
      return U->getSubExpr();
    }
  return Init;
}

} // namespace

const ValueDecl *linkToHolder(const Expr *Dest, bool Pointee) {
  // Through: the value of E points to the object that holds the storage.
  bool Through = Pointee;
  unsigned Aliases = 0;
  for (const Expr *E = Dest; E;) {
    E = E->IgnoreParenImpCasts();
    // A parameter that points to (or refers to) the holder: the link a
    // constructor is given and uses right there.
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      // A local alias of the holder or of a pointer to it
      // (`KeyTable *k = &owner_->keys;`, `auto &k = owner_->keys;`):
      // followed to what it was made from.
      if (const Expr *Aliased = ++Aliases <= 4 ? aliasedHolder(Ref, Through)
                                               : nullptr) {
        E = Aliased;
        continue;
      }
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

/// Calls \p Write for every data member \p Body gives a value, resets or
/// releases: `m = v` and `m = v` through an operator= (with v),
/// `m.reset(v)` (with v), `m.reset()` and `m.release()` (without a value).
/// Lambdas are skipped when \p SkipLambdas: they run later.
void forEachMemberWrite(
    const Stmt *Body, bool SkipLambdas,
    llvm::function_ref<void(const MemberExpr *, const Expr *)> Write) {
  struct Finder : RecursiveASTVisitor<Finder> {
    bool SkipLambdas;
    llvm::function_ref<void(const MemberExpr *, const Expr *)> Write;
    void write(const Expr *Target, const Expr *Value) {
      if (const auto *ME = dyn_cast<MemberExpr>(Target->IgnoreParenImpCasts()))
        Write(ME, Value);
    }
    bool TraverseLambdaExpr(LambdaExpr *L) {
      return SkipLambdas || RecursiveASTVisitor::TraverseLambdaExpr(L);
    }
    bool VisitBinaryOperator(BinaryOperator *B) {
      if (B->getOpcode() == BO_Assign)
        write(B->getLHS(), B->getRHS());
      return true;
    }
    bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
      if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2)
        write(Op->getArg(0), Op->getArg(1));
      return true;
    }
    bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
      const CXXMethodDecl *M = Call->getMethodDecl();
      if (M && M->getIdentifier() &&
          (M->getName() == "reset" || M->getName() == "release"))
        write(Call->getImplicitObjectArgument(),
              M->getName() == "reset" && Call->getNumArgs() == 1
                  ? Call->getArg(0)
                  : nullptr);
      return true;
    }
  } F{{}, SkipLambdas, Write};
  F.TraverseStmt(const_cast<Stmt *>(Body));
}

/// The values a constructor body gives \p Member (`m_ = new T(this)`,
/// `m_ = std::make_unique<T>(this)`, `m_.reset(new T(this))`), outside
/// lambdas, which run later.
void valuesGivenIn(const Stmt *Body, const FieldDecl *Member,
                   llvm::SmallVectorImpl<const Expr *> &Values) {
  forEachMemberWrite(Body, /*SkipLambdas=*/true,
                     [&](const MemberExpr *ME, const Expr *Value) {
                       if (Value && ME->getMemberDecl() == Member &&
                           isa<CXXThisExpr>(
                               ME->getBase()->IgnoreParenImpCasts()))
                         Values.push_back(Value);
                     });
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
    // Given its part in the constructor's body instead.
    llvm::SmallVector<const Expr *, 2> Given;
    if (const Stmt *Body = Def->getBody())
      valuesGivenIn(Body, Member, Given);
    for (const Expr *Value : Given) {
      if (!passesThis(Value))
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

const CXXRecordDecl *linkedOwner(const CXXRecordDecl *Part,
                                 const ValueDecl *Link) {
  if (!Part || !Link || !Part->hasDefinition())
    return nullptr;
  Part = Part->getDefinition();
  if (const auto *Field = dyn_cast<FieldDecl>(Link)) {
    // The link to the owner is set by constructors only (a reference member
    // always is).
    if (!Field->getType()->isReferenceType() && !onlyConstructorsSetHere(Field))
      return nullptr;
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
      return nullptr;
  }
  const QualType Pointee = Link->getType()->getPointeeType();
  const CXXRecordDecl *Owner =
      Pointee.isNull() ? nullptr : Pointee->getAsCXXRecordDecl();
  return Owner && Owner->hasDefinition() ? Owner->getDefinition() : nullptr;
}

void membersReplacedIn(const Stmt *Body,
                       llvm::SmallPtrSetImpl<const FieldDecl *> &Fields) {
  forEachMemberWrite(Body, /*SkipLambdas=*/false,
                     [&](const MemberExpr *ME, const Expr *) {
                       const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
                       if (F && (F->getType()->isPointerType() ||
                                 escape::detail::isUniquePtr(F->getType())))
                         Fields.insert(F);
                     });
}

void ownedParts(
    const CXXRecordDecl *Owner,
    llvm::SmallVectorImpl<std::pair<const FieldDecl *, const CXXRecordDecl *>>
        &Parts) {
  if (!Owner || !Owner->hasDefinition())
    return;
  for (const FieldDecl *Member : Owner->getDefinition()->fields()) {
    // One part, not an array of them: their links are not followed.
    if (Member->getType()->isArrayType() || ownsArray(Member->getType()))
      continue;
    if (const CXXRecordDecl *Held = partOwnedForLife(Member))
      if (alwaysMadeWithOwner(Member))
        Parts.push_back({Member, Held});
  }
}

bool linkedOwnerOwnsForLife(const CXXRecordDecl *Part, const ValueDecl *Link) {
  const CXXRecordDecl *Owner = linkedOwner(Part, Link);
  if (!Owner)
    return false;
  Part = Part->getDefinition();
  llvm::SmallVector<std::pair<const FieldDecl *, const CXXRecordDecl *>, 4>
      Parts;
  ownedParts(Owner, Parts);
  return llvm::any_of(Parts, [&](const auto &P) {
    return P.second == Part || P.second->isDerivedFrom(Part);
  });
}

} // namespace clang::tidy::refcycle
