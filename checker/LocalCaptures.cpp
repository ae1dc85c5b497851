//===--- LocalCaptures.cpp - locals captured by reference that escape -----===//

#include "LocalCaptures.h"

#include "CallableEscape.h"
#include "EscapeSupport.h"

#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::refcycle::escape {

using namespace detail;

const CallExpr *waitAfter(const FunctionDecl *Fn, const Expr *Site,
                          llvm::ArrayRef<StringRef> WaitFunctions,
                          const SourceManager &SM) {
  if (!Fn || !Fn->getBody() || !Site || WaitFunctions.empty())
    return nullptr;
  struct Finder : RecursiveASTVisitor<Finder> {
    const SourceManager &SM;
    SourceLocation After;
    llvm::ArrayRef<StringRef> Names;
    const CallExpr *Found = nullptr;
    Finder(const SourceManager &SM, SourceLocation After,
           llvm::ArrayRef<StringRef> Names)
        : SM(SM), After(After), Names(Names) {}
    bool TraverseLambdaExpr(LambdaExpr *) { return true; }
    bool VisitCallExpr(CallExpr *Call) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (Callee && Callee->getIdentifier() &&
          matchesName(Callee->getName(), Names) &&
          SM.isBeforeInTranslationUnit(After, Call->getBeginLoc())) {
        Found = Call;
        return false;
      }
      return true;
    }
  } F(SM, SM.getExpansionLoc(Site->getEndLoc()), WaitFunctions);
  F.TraverseStmt(Fn->getBody());
  return F.Found;
}

namespace {

/// The variable with automatic storage that \p E names, directly or by its
/// address (`loop`, `&loop`), when it is an object, not a pointer or a
/// reference.
const VarDecl *localObject(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    if (U->getOpcode() == UO_AddrOf)
      E = U->getSubExpr()->IgnoreParenImpCasts();
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *V = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!V || !V->hasLocalStorage() || V->getType()->isReferenceType() ||
      V->getType()->isPointerType())
    return nullptr;
  return V;
}

} // namespace

bool endsWithLocalTrackedObject(const Expr *Site, const FunctionDecl *Fn,
                                const VarDecl *Captured,
                                llvm::ArrayRef<StringRef> TrackedBases) {
  const auto *Call = dyn_cast_or_null<CallExpr>(Site);
  if (!Call || !Captured || TrackedBases.empty())
    return false;
  const SourceManager &SM = Fn->getASTContext().getSourceManager();
  auto Ends = [&](const Expr *Arg) {
    const VarDecl *V = Arg ? localObject(Arg) : nullptr;
    if (!V || !isOrDerivesFrom(V->getType()->getAsCXXRecordDecl(),
                               TrackedBases))
      return false;
    // Declared after the captured variable (in the same or an inner scope
    // of the same function): destroyed first, taking the registration.
    return V == Captured || SM.isBeforeInTranslationUnit(Captured->getLocation(),
                                                         V->getLocation());
  };
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    if (Ends(Member->getImplicitObjectArgument()))
      return true;
  for (const Expr *Arg : Call->arguments())
    if (Ends(Arg))
      return true;
  return false;
}

namespace {

/// \p T can be copied into a lambda's closure: a scalar, an array of such,
/// or a class whose copy constructor is declared and not deleted, or would
/// be implicitly declared and not deleted.
bool copyConstructible(QualType T) {
  T = T.getCanonicalType();
  if (T->isScalarType())
    return true;
  if (const auto *Array = dyn_cast<ConstantArrayType>(T.getTypePtr()))
    return copyConstructible(Array->getElementType());
  const CXXRecordDecl *R = T->getAsCXXRecordDecl();
  if (!R || !R->hasDefinition())
    return false;
  R = R->getDefinition();
  bool Declared = false;
  for (const CXXConstructorDecl *Ctor : R->ctors()) {
    if (!Ctor->isCopyConstructor())
      continue;
    Declared = true;
    if (Ctor->isDeleted() || Ctor->getAccess() != AS_public)
      return false;
  }
  if (Declared)
    return true;
  if (R->hasUserDeclaredMoveConstructor() ||
      R->hasUserDeclaredMoveAssignment())
    return false; // the implicit copy constructor is deleted
  return R->needsImplicitCopyConstructor() &&
         !R->defaultedCopyConstructorIsDeleted();
}

/// \p Param takes its argument by value or by const reference: a const copy
/// can be passed to it.
bool acceptsConst(const ParmVarDecl *Param) {
  if (!Param)
    return false;
  const QualType T = Param->getType();
  if (!T->isReferenceType())
    return true;
  return T->getPointeeType().isConstQualified() &&
         T->isLValueReferenceType();
}

/// The use \p Use of the captured variable (or of a part of it) only reads
/// it: it compiles unchanged on the const copy a non-mutable lambda holds.
bool onlyReads(const Expr *Use, const ParentMap &PM) {
  for (unsigned Depth = 0; Depth < 8; ++Depth) {
    const Stmt *P = PM.getParentIgnoreParens(Use);
    if (!P)
      return false;
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(P)) {
      switch (Cast->getCastKind()) {
      case CK_LValueToRValue:
        return true;
      case CK_NoOp:
        if (Cast->getType().isConstQualified())
          return true;
        Use = Cast;
        continue;
      case CK_DerivedToBase:
      case CK_UncheckedDerivedToBase:
        Use = Cast;
        continue;
      default:
        return false;
      }
    }
    if (isa<UnaryExprOrTypeTraitExpr>(P))
      return true; // sizeof: not evaluated
    if (const auto *Member = dyn_cast<MemberExpr>(P)) {
      if (const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl()))
        return Method->isConst() || Method->isStatic();
      if (!isa<FieldDecl>(Member->getMemberDecl()) || Member->isArrow())
        return false;
      Use = Member; // a field read: judged by its own use
      continue;
    }
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(P)) {
      if (Subscript->getBase()->IgnoreParenImpCasts() !=
          Use->IgnoreParenImpCasts())
        return false;
      Use = Subscript;
      continue;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(P)) {
      const auto *Callee = dyn_cast_or_null<FunctionDecl>(Op->getCalleeDecl());
      if (const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callee))
        if (Op->getNumArgs() > 0 &&
            Op->getArg(0)->IgnoreParenImpCasts() == Use->IgnoreParenImpCasts())
          return Method->isConst();
      if (!Callee)
        return false;
      const unsigned Offset = isa<CXXMethodDecl>(Callee) ? 1 : 0;
      for (unsigned I = 0; I < Op->getNumArgs(); ++I)
        if (Op->getArg(I)->IgnoreParenImpCasts() == Use->IgnoreParenImpCasts())
          return I >= Offset && I - Offset < Callee->getNumParams() &&
                 acceptsConst(Callee->getParamDecl(I - Offset));
      return false;
    }
    if (const auto *Call = dyn_cast<CallExpr>(P)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (!Callee)
        return false;
      for (unsigned I = 0; I < Call->getNumArgs(); ++I)
        if (Call->getArg(I)->IgnoreParenImpCasts() ==
            Use->IgnoreParenImpCasts())
          return I < Callee->getNumParams() &&
                 acceptsConst(Callee->getParamDecl(I));
      return false;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(P)) {
      const CXXConstructorDecl *Ctor = Construct->getConstructor();
      for (unsigned I = 0; I < Construct->getNumArgs(); ++I)
        if (Construct->getArg(I)->IgnoreParenImpCasts() ==
            Use->IgnoreParenImpCasts())
          return I < Ctor->getNumParams() &&
                 acceptsConst(Ctor->getParamDecl(I));
      return false;
    }
    return false;
  }
  return false;
}

/// Every use of \p Var in the body of \p L only reads it.
bool lambdaOnlyReads(const LambdaExpr *L, const VarDecl *Var) {
  const Stmt *Body = L->getBody();
  if (!Body)
    return false;
  ParentMap PM(const_cast<Stmt *>(Body));
  struct Uses : RecursiveASTVisitor<Uses> {
    const VarDecl *Var;
    llvm::SmallVector<const DeclRefExpr *, 4> Found;
    explicit Uses(const VarDecl *Var) : Var(Var) {}
    bool VisitDeclRefExpr(DeclRefExpr *Ref) {
      if (Ref->getDecl() == Var)
        Found.push_back(Ref);
      return true;
    }
  } U(Var);
  U.TraverseStmt(const_cast<Stmt *>(Body));
  for (const DeclRefExpr *Ref : U.Found)
    if (!onlyReads(Ref, PM))
      return false;
  return true;
}

} // namespace

std::optional<FixItHint> copyCaptureFix(const LambdaExpr *L,
                                        const LambdaCapture &Cap,
                                        const VarDecl *Var,
                                        const SourceManager &SM,
                                        const LangOptions &LangOpts) {
  if (!L || !Var || !copyConstructible(Var->getType()))
    return std::nullopt;
  if (!L->isMutable() && !lambdaOnlyReads(L, Var))
    return std::nullopt;
  if (Cap.isImplicit()) {
    const SourceLocation Default = L->getCaptureDefaultLoc();
    if (L->getCaptureDefault() != LCD_ByRef || Default.isInvalid() ||
        Default.isMacroID())
      return std::nullopt;
    return FixItHint::CreateInsertion(Default.getLocWithOffset(1),
                                      (", " + Var->getName()).str());
  }
  const SourceLocation Name = Cap.getLocation();
  if (Name.isInvalid() || Name.isMacroID() || Cap.isPackExpansion())
    return std::nullopt;
  // The `&` before the name, with the blanks between them.
  bool Invalid = false;
  const char *NameData = SM.getCharacterData(Name, &Invalid);
  if (Invalid)
    return std::nullopt;
  const std::pair<FileID, unsigned> At = SM.getDecomposedLoc(Name);
  const StringRef Buffer = SM.getBufferData(At.first, &Invalid);
  if (Invalid)
    return std::nullopt;
  unsigned Offset = At.second;
  while (Offset > 0 && (Buffer[Offset - 1] == ' ' || Buffer[Offset - 1] == '\t'))
    --Offset;
  if (Offset == 0 || Buffer[Offset - 1] != '&' || !NameData)
    return std::nullopt;
  const SourceLocation Amp = Name.getLocWithOffset(
      static_cast<int>(Offset) - 1 - static_cast<int>(At.second));
  return FixItHint::CreateRemoval(CharSourceRange::getCharRange(Amp, Name));
}

} // namespace clang::tidy::refcycle::escape
