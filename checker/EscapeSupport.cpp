//===--- EscapeSupport.cpp - shared pieces of the escape analysis ---------===//

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

namespace clang::tidy::refcycle::escape::detail {

std::string qualified(const NamedDecl *D) {
  return "::" + D->getQualifiedNameAsString();
}

const CXXRecordDecl *recordOf(QualType T) {
  if (T.isNull())
    return nullptr;
  return T.getNonReferenceType()->getAsCXXRecordDecl();
}

/// The template a record type is a specialization of, qualified with "::".
std::string templateName(QualType T) {
  const auto *Spec =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(recordOf(T));
  if (!Spec)
    return {};
  return qualified(Spec->getSpecializedTemplate());
}

bool isNamedType(QualType T, llvm::ArrayRef<StringRef> Names) {
  const CXXRecordDecl *R = recordOf(T);
  if (!R)
    return false;
  std::string Name = templateName(T);
  if (Name.empty())
    Name = qualified(R);
  return llvm::is_contained(Names, Name);
}

bool isCallbackType(QualType T, const Config &Cfg) {
  return isNamedType(T, Cfg.CallbackTypes);
}

/// A container (any class template) with a callback type among its template
/// arguments, directly or nested (std::map<K, std::function<...>>).
bool holdsCallbacks(QualType T, const Config &Cfg, unsigned Depth) {
  if (Depth > 3)
    return false;
  const auto *Spec =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(recordOf(T));
  if (!Spec)
    return false;
  for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray()) {
    if (Arg.getKind() != TemplateArgument::Type)
      continue;
    if (isCallbackType(Arg.getAsType(), Cfg) ||
        holdsCallbacks(Arg.getAsType(), Cfg, Depth + 1))
      return true;
  }
  return false;
}

bool isWeakPtr(QualType T) {
  const std::string N = templateName(T);
  return N == "::std::weak_ptr" || N == "::boost::weak_ptr";
}
bool isSharedPtr(QualType T) {
  const std::string N = templateName(T);
  return N == "::std::shared_ptr" || N == "::boost::shared_ptr";
}
/// A pointer that is its pointee's only owner: std::unique_ptr, and the
/// non-copyable boost::scoped_ptr.
bool isUniquePtr(QualType T) {
  const std::string N = templateName(T);
  return N == "::std::unique_ptr" || N == "::boost::scoped_ptr" ||
         N == "::boost::movelib::unique_ptr";
}

/// An owning smart pointer: what a function that keeps a callable may
/// return to own it.
bool isOwningPointer(QualType T) { return isUniquePtr(T) || isSharedPtr(T); }

bool isStdMoveOrForward(const CallExpr *Call) {
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD || Call->getNumArgs() != 1 || !FD->getIdentifier())
    return false;
  const StringRef Name = FD->getName();
  return (Name == "move" || Name == "forward") && FD->isInStdNamespace();
}

/// True for a constructor call that only converts or copies a callable: the
/// std::function converting constructor, a closure copy/move.
bool isCallableWrapperConstruct(const CXXConstructExpr *Construct,
                                const Config &Cfg) {
  if (Construct->getNumArgs() < 1)
    return false;
  for (unsigned I = 1; I < Construct->getNumArgs(); ++I)
    if (!isa<CXXDefaultArgExpr>(Construct->getArg(I)))
      return false;
  const QualType T = Construct->getType();
  // A callback type, or an owning pointer made from another (a
  // shared_ptr<Base> from a shared_ptr<Derived>): the same thing carried on.
  if (isCallbackType(T, Cfg) || isOwningPointer(T))
    return true;
  const CXXRecordDecl *R = recordOf(T);
  // A class of the program that keeps callables in its members, made from
  // one (a list of callbacks constructed from a single callable), carries it.
  return R && (R->isLambda() || Construct->getConstructor()->isCopyOrMoveConstructor() ||
               keepsCallables(R, Cfg));
}

namespace {
/// A data member of \p R or of any of its bases satisfies \p Pred.
bool anyFieldInHierarchy(const CXXRecordDecl *R,
                         llvm::function_ref<bool(const FieldDecl *)> Pred) {
  if (llvm::any_of(R->fields(), Pred))
    return true;
  bool Found = false;
  if (!R->bases().empty())
    R->forallBases([&](const CXXRecordDecl *Base) {
      Found = Found || llvm::any_of(Base->fields(), Pred);
      return true;
    });
  return Found;
}
} // namespace

bool keepsCallables(const CXXRecordDecl *R, const Config &Cfg) {
  if (!R || !(R = R->getDefinition()) || R->isLambda() || R->isInStdNamespace())
    return false;
  return anyFieldInHierarchy(R, [&](const FieldDecl *F) {
    return isCallbackType(F->getType(), Cfg) || holdsCallbacks(F->getType(), Cfg);
  });
}

/// Strips the expressions that only carry a callable along.
const Expr *strip(const Expr *E, const Config &Cfg) {
  while (E) {
    const Expr *Next = E->IgnoreParenImpCasts();
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(Next))
      Next = M->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(Next))
      Next = B->getSubExpr();
    else if (const auto *C = dyn_cast<ExprWithCleanups>(Next))
      Next = C->getSubExpr();
    else if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(Next))
      Next = F->getSubExpr();
    else if (const auto *S = dyn_cast<CXXStaticCastExpr>(Next))
      Next = S->getSubExpr();
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(Next)) {
      if (isCallableWrapperConstruct(Construct, Cfg))
        Next = Construct->getArg(0);
    } else if (const auto *Call = dyn_cast<CallExpr>(Next)) {
      if (isStdMoveOrForward(Call) || isPointerCast(Call))
        Next = Call->getArg(0);
    }
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

/// True if \p Parent only carries \p Child along (see strip()).
bool isWrapper(const Stmt *Parent, const Config &Cfg) {
  if (isa<ImplicitCastExpr, ParenExpr, MaterializeTemporaryExpr,
          CXXBindTemporaryExpr, ExprWithCleanups, CXXFunctionalCastExpr,
          CXXStaticCastExpr>(Parent))
    return true;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Parent))
    return isCallableWrapperConstruct(Construct, Cfg);
  if (const auto *Call = dyn_cast<CallExpr>(Parent))
    return isStdMoveOrForward(Call) || isPointerCast(Call);
  return false;
}

bool isPointerCast(const CallExpr *Call) {
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD || !FD->getIdentifier() || Call->getNumArgs() != 1 ||
      !FD->getName().ends_with("pointer_cast"))
    return false;
  const std::string Name = FD->getQualifiedNameAsString();
  return FD->isInStdNamespace() || StringRef(Name).starts_with("boost::");
}

/// The non-static member function named by `&C::m` (through parentheses and
/// implicit casts), or null.
const CXXMethodDecl *memberFunctionPointer(const Expr *E) {
  if (!E)
    return nullptr;
  const auto *Addr = dyn_cast<UnaryOperator>(E->IgnoreParenImpCasts());
  if (!Addr || Addr->getOpcode() != UO_AddrOf)
    return nullptr;
  const auto *Ref =
      dyn_cast<DeclRefExpr>(Addr->getSubExpr()->IgnoreParenImpCasts());
  const auto *M = Ref ? dyn_cast<CXXMethodDecl>(Ref->getDecl()) : nullptr;
  return M && M->isInstance() ? M : nullptr;
}


BodyMap::BodyMap(const FunctionDecl *FD) {
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->isWritten() && Init->getInit()) {
        InitOf[Init->getInit()] = Init;
        visit(Init->getInit(), nullptr);
      }
  if (const Stmt *Body = FD->getBody())
    visit(Body, nullptr);
}

void BodyMap::visit(const Stmt *S, const Stmt *Parent) {
  if (!S)
    return;
  Parents[S] = Parent;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    Uses[Ref->getDecl()].push_back(Ref);
  if (isa<LambdaExpr>(S))
    Callables.push_back(cast<Expr>(S));
  else if (const auto *Construct = dyn_cast<CXXConstructExpr>(S)) {
    // An object made from a member function and more: std::thread running
    // it, a callback object binding it (told apart where classified).
    if (Construct->getNumArgs() >= 2 &&
        memberFunctionPointer(Construct->getArg(0)->IgnoreImplicit()))
      Callables.push_back(Construct);
  }
  else if (const auto *Call = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *FD = Call->getDirectCallee())
      if (FD->getIdentifier()) {
        const CXXMethodDecl *Method = nullptr;
        for (const Expr *A : Call->arguments())
          if (!Method)
            Method = memberFunctionPointer(A);
        if (FD->getName().contains("bind") || isBinderCall(Call, Method))
          Callables.push_back(Call);
        else if (Method && Call->getNumArgs() >= 2 &&
                 !isa<CXXOperatorCallExpr>(Call))
          PairCalls.push_back(Call);
      }
  for (const Stmt *Child : S->children())
    visit(Child, S);
}

const Stmt *parentSkippingWrappers(const BodyMap &Map, const Stmt *S,
                                   const Config &Cfg, const Stmt **Child) {
  const Stmt *P = Map.parent(S);
  while (P && isWrapper(P, Cfg)) {
    S = P;
    P = Map.parent(S);
  }
  *Child = S;
  return P;
}

/// True for 'p->f()': the implicit object argument is a pointer to the
/// object.
bool calledThroughPointer(const CallExpr *Call) {
  const auto *MC = dyn_cast<CXXMemberCallExpr>(Call);
  const auto *ME =
      MC ? dyn_cast<MemberExpr>(MC->getCallee()->IgnoreParens()) : nullptr;
  return ME && ME->isArrow();
}

bool isContainerInsert(const CXXMemberCallExpr *Call, const Config &Cfg,
                       bool OwningPointers) {
  const CXXMethodDecl *M = Call->getMethodDecl();
  if (!M || !M->getIdentifier())
    return false;
  static const char *const Names[] = {
      "push_back", "emplace_back", "push_front", "emplace_front", "insert",
      "emplace",   "push",         "emplace_hint", "try_emplace",
      "insert_or_assign"};
  if (!llvm::is_contained(Names, M->getName()))
    return false;
  const Expr *Obj = Call->getImplicitObjectArgument();
  if (!Obj)
    return false;
  QualType T = Obj->getType();
  if (T->isPointerType())
    T = T->getPointeeType();
  if (!OwningPointers)
    return holdsCallbacks(T, Cfg);
  const auto *Spec =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(recordOf(T));
  return Spec && llvm::any_of(Spec->getTemplateArgs().asArray(),
                              [](const TemplateArgument &Arg) {
                                return Arg.getKind() == TemplateArgument::Type &&
                                       isOwningPointer(Arg.getAsType());
                              });
}

bool runsBeforeReturning(const CallExpr *Call) {
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callee);
  if (!Method || !Method->getIdentifier() ||
      Method->getName() != "invokeMethod" ||
      Method->getParent()->getName() != "QMetaObject")
    return false;
  for (const Expr *Arg : Call->arguments()) {
    const auto *Ref = dyn_cast<DeclRefExpr>(Arg->IgnoreParenImpCasts());
    const auto *Constant =
        Ref ? dyn_cast<EnumConstantDecl>(Ref->getDecl()) : nullptr;
    const auto *Enum =
        Constant ? dyn_cast<EnumDecl>(Constant->getDeclContext()) : nullptr;
    if (Enum && Enum->getName() == "ConnectionType" &&
        (Constant->getName() == "DirectConnection" ||
         Constant->getName() == "BlockingQueuedConnection"))
      return true;
  }
  return false;
}

/// True if parameter \p Index of \p FD is declared `[[clang::noescape]]` (or
/// `__attribute__((noescape))`) on any declaration of the function, of the
/// template it was instantiated from, or of that template's redeclarations.
bool isNoEscapeParameter(const FunctionDecl *FD, unsigned Index) {
  auto Has = [Index](const FunctionDecl *D) {
    for (const FunctionDecl *R : D->redecls())
      if (Index < R->getNumParams() &&
          R->getParamDecl(Index)->hasAttr<NoEscapeAttr>())
        return true;
    return false;
  };
  if (!FD)
    return false;
  if (Has(FD))
    return true;
  if (const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern())
    if (Has(Pattern))
      return true;
  if (const FunctionTemplateDecl *T = FD->getPrimaryTemplate())
    if (const FunctionDecl *Templated = T->getTemplatedDecl())
      return Has(Templated);
  return false;
}

/// A parameter a registration function may keep: a callback type taken by
/// value or rvalue reference, or a forwarding/by-value template parameter.
bool isStoringParameter(const FunctionDecl *FD, unsigned Index,
                        const Config &Cfg) {
  const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern();
  if (!Pattern)
    Pattern = FD;
  if (Index >= Pattern->getNumParams())
    return false;
  QualType T = Pattern->getParamDecl(Index)->getType();
  if (T->isLValueReferenceType())
    return false;
  T = T.getNonReferenceType();
  if (T->isTemplateTypeParmType())
    return true;
  return isCallbackType(FD->getParamDecl(Index)->getType(), Cfg);
}

bool isRegisteredParameter(const FunctionDecl *FD, unsigned Index,
                           const Config &Cfg) {
  const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern();
  if (!Pattern)
    Pattern = FD;
  if (Index >= Pattern->getNumParams() || Index >= FD->getNumParams())
    return false;
  if (Pattern->getParamDecl(Index)
          ->getType()
          .getNonReferenceType()
          ->isTemplateTypeParmType())
    return true;
  return isCallbackType(FD->getParamDecl(Index)->getType().getNonReferenceType(),
                        Cfg);
}

bool isQueuedHandlerParameter(const FunctionDecl *FD, unsigned Index,
                              const Config &Cfg) {
  return FD && FD->getIdentifier() &&
         matchesName(FD->getName(), Cfg.QueuedHandlerFunctions) &&
         matchesName(FD->getName(), Cfg.RegistrationFunctions) &&
         isRegisteredParameter(FD, Index, Cfg);
}

namespace {
/// \p T is \p Callable, or a class template specialization holding it among
/// its template arguments, nested up to three deep.
bool holdsType(QualType T, QualType Callable, unsigned Depth) {
  if (T.isNull() || Depth > 3)
    return false;
  if (T.getCanonicalType().getUnqualifiedType() == Callable)
    return true;
  const auto *Spec =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(recordOf(T));
  if (!Spec)
    return false;
  for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray())
    if (Arg.getKind() == TemplateArgument::Type &&
        holdsType(Arg.getAsType(), Callable, Depth + 1))
      return true;
  return false;
}
} // namespace

bool returnsHolderOf(const CallExpr *Call, QualType Callable) {
  if (Callable.isNull() || !recordOf(Callable))
    return false;
  const QualType Result = Call->getCallReturnType(
      Call->getCalleeDecl()->getASTContext());
  if (Result.isNull() || Result->isReferenceType() || Result->isPointerType())
    return false;
  const auto *Spec =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(recordOf(Result));
  if (!Spec)
    return false;
  const QualType Wanted = Callable.getCanonicalType().getUnqualifiedType();
  for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray())
    if (Arg.getKind() == TemplateArgument::Type &&
        holdsType(Arg.getAsType(), Wanted, 1))
      return true;
  return false;
}

bool keepsCallablesOfParameter(const FunctionDecl *FD, unsigned Index,
                               const Config &Cfg, const SourceManager &SM) {
  const auto *M = dyn_cast_or_null<CXXMethodDecl>(FD);
  if (!M || M->isStatic() || M->isConst() || M->hasBody() ||
      Index >= M->getNumParams() ||
      SM.isInSystemHeader(SM.getExpansionLoc(M->getLocation())))
    return false;
  const QualType Param = M->getParamDecl(Index)->getType().getNonReferenceType();
  if (!isCallbackType(Param, Cfg))
    return false;
  const QualType Callable = Param.getCanonicalType().getUnqualifiedType();
  const CXXRecordDecl *R = M->getParent()->getDefinition();
  if (!R)
    return false;
  return anyFieldInHierarchy(R, [&](const FieldDecl *F) {
    return holdsType(F->getType(), Callable, 0);
  });
}

/// The argument index of \p Arg in \p Call as a parameter index of the callee.
std::optional<unsigned> parameterIndex(const CallExpr *Call, const Stmt *Arg) {
  unsigned Offset = 0;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call))
    if (const auto *M = dyn_cast_or_null<CXXMethodDecl>(Op->getDirectCallee()))
      if (!M->isStatic())
        Offset = 1;
  for (unsigned I = Offset; I < Call->getNumArgs(); ++I)
    if (Call->getArg(I) == Arg)
      return I - Offset;
  return std::nullopt;
}

const Expr *implicitObject(const CallExpr *Call) {
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
    return MC->getImplicitObjectArgument();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call))
    if (isa_and_nonnull<CXXMethodDecl>(Op->getDirectCallee()) &&
        Op->getNumArgs() > 0)
      return Op->getArg(0);
  return nullptr;
}

namespace {
bool isSharedFromThisCallAt(const Expr *E, unsigned Depth);

/// \p M, called on `this`, returns shared_from_this() on every path: a
/// helper such as `self()` or `shared_from_base<T>()`.
bool returnsSharedFromThis(const CXXMethodDecl *M, unsigned Depth) {
  const FunctionDecl *Def = nullptr;
  if (Depth > 2 || !M->hasBody(Def) || !Def || !Def->getBody())
    return false;
  bool Any = false, All = true;
  std::function<void(const Stmt *)> Visit = [&](const Stmt *S) {
    if (!S || !All || isa<LambdaExpr>(S))
      return;
    if (const auto *R = dyn_cast<ReturnStmt>(S)) {
      Any = true;
      All = isSharedFromThisCallAt(R->getRetValue(), Depth + 1);
      return;
    }
    for (const Stmt *Child : S->children())
      Visit(Child);
  };
  Visit(Def->getBody());
  return Any && All;
}

bool isSharedFromThisCallAt(const Expr *E, unsigned Depth) {
  if (!E)
    return false;
  E = E->IgnoreParenImpCasts();
  if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E))
    return isSharedFromThisCallAt(Cleanups->getSubExpr(), Depth);
  if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
    return isSharedFromThisCallAt(M->getSubExpr(), Depth);
  if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
    return isSharedFromThisCallAt(B->getSubExpr(), Depth);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return Construct->getNumArgs() == 1 &&
           isSharedFromThisCallAt(Construct->getArg(0), Depth);
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    // std::static_pointer_cast<Derived>(shared_from_this()) and its kin.
    if (const FunctionDecl *FD = Call->getDirectCallee())
      if (FD->getIdentifier() && Call->getNumArgs() == 1 &&
          FD->getName().ends_with("pointer_cast") &&
          (FD->isInStdNamespace() || FD->getQualifiedNameAsString().find(
                                         "boost::") == 0))
        return isSharedFromThisCallAt(Call->getArg(0), Depth);
  }
  const auto *Call = dyn_cast<CXXMemberCallExpr>(E);
  if (!Call)
    return false;
  const CXXMethodDecl *M = Call->getMethodDecl();
  const Expr *Obj = Call->getImplicitObjectArgument();
  if (!M || !M->getIdentifier() || !Obj ||
      !isa<CXXThisExpr>(Obj->IgnoreParenImpCasts()))
    return false;
  return M->getName() == "shared_from_this" || returnsSharedFromThis(M, Depth);
}
} // namespace

bool isSharedFromThisCall(const Expr *E) { return isSharedFromThisCallAt(E, 0); }

bool usesThis(const Stmt *S) {
  if (!S)
    return false;
  if (isa<CXXThisExpr>(S))
    return true;
  for (const Stmt *Child : S->children())
    if (usesThis(Child))
      return true;
  return false;
}

bool mentionsDecl(const Stmt *S, const ValueDecl *D) {
  if (!S || !D)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    if (Ref->getDecl() == D)
      return true;
  if (const auto *ME = dyn_cast<MemberExpr>(S))
    if (ME->getMemberDecl() == D)
      return true;
  for (const Stmt *Child : S->children())
    if (mentionsDecl(Child, D))
      return true;
  return false;
}

bool locksVar(const Stmt *S, const VarDecl *V) {
  if (!S)
    return false;
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S))
    if (const CXXMethodDecl *M = Call->getMethodDecl())
      if (M->getIdentifier() &&
          (M->getName() == "lock" || M->getName() == "expired"))
        if (const Expr *Obj = Call->getImplicitObjectArgument())
          if (const auto *Ref = dyn_cast<DeclRefExpr>(Obj->IgnoreParenImpCasts()))
            if (Ref->getDecl() == V)
              return true;
  for (const Stmt *Child : S->children())
    if (locksVar(Child, V))
      return true;
  return false;
}

const CXXRecordDecl *pointeeRecord(QualType T) {
  if (!T->isPointerType())
    return nullptr;
  return T->getPointeeType()->getAsCXXRecordDecl();
}

/// True if \p Record is, or derives from, a class named in \p Names.
bool isOrDerivesFrom(const CXXRecordDecl *Record,
                     llvm::ArrayRef<StringRef> Names) {
  if (Names.empty() || !Record || !Record->hasDefinition())
    return false;
  Record = Record->getDefinition();
  auto Named = [&](const CXXRecordDecl *R) {
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(R))
      if (llvm::is_contained(Names, qualified(Spec->getSpecializedTemplate())))
        return true;
    return llvm::is_contained(Names, qualified(R));
  };
  if (Named(Record))
    return true;
  bool Found = false;
  if (!Record->bases().empty())
    Record->forallBases([&](const CXXRecordDecl *Base) {
      if (Named(Base))
        Found = true;
      return true;
    });
  return Found;
}

/// True if the pointer parameter \p Index of \p FD (body available) may be
/// kept: any use other than calling through it (`(p->*m)()`, `p->f()`) or
/// testing it (`p == q`, `!p`, `if (p)`).
bool keepsPointerParameter(const FunctionDecl *FD, unsigned Index) {
  const FunctionDecl *Def = nullptr;
  if (!FD->hasBody(Def) || !Def || Index >= Def->getNumParams())
    return true;
  const ParmVarDecl *Param = Def->getParamDecl(Index);
  BodyMap Map(Def);
  for (const DeclRefExpr *Use : Map.uses(Param)) {
    const Stmt *Child = Use;
    const Stmt *P = Map.parent(Use);
    bool Tested = false;
    while (P && isa<ImplicitCastExpr, ParenExpr>(P)) {
      if (const auto *Cast = dyn_cast<ImplicitCastExpr>(P))
        if (Cast->getCastKind() == CK_PointerToBoolean)
          Tested = true;
      Child = P;
      P = Map.parent(P);
    }
    if (Tested)
      continue;
    if (const auto *B = dyn_cast_or_null<BinaryOperator>(P)) {
      if ((B->getOpcode() == BO_PtrMemI && B->getLHS() == Child) ||
          B->isComparisonOp())
        continue;
    } else if (const auto *U = dyn_cast_or_null<UnaryOperator>(P)) {
      if (U->getOpcode() == UO_LNot)
        continue;
    } else if (const auto *ME = dyn_cast_or_null<MemberExpr>(P)) {
      if (ME->getBase() == Child && ME->isArrow() &&
          isa<CXXMethodDecl>(ME->getMemberDecl()))
        continue;
    }
    return true;
  }
  return false;
}

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

} // namespace clang::tidy::refcycle::escape::detail

namespace clang::tidy::refcycle::escape {

bool matchesName(StringRef Name, llvm::ArrayRef<StringRef> Patterns) {
  for (StringRef P : Patterns) {
    if (P.ends_with("*") ? Name.starts_with(P.drop_back()) : Name == P)
      return true;
  }
  return false;
}

} // namespace clang::tidy::refcycle::escape
