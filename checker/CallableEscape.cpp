//===--- CallableEscape.cpp - where bound callables end up ----------------===//

#include "CallableEscape.h"

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

namespace {

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
bool holdsCallbacks(QualType T, const Config &Cfg, unsigned Depth = 0) {
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
  if (isCallbackType(T, Cfg))
    return true;
  const CXXRecordDecl *R = recordOf(T);
  return R && (R->isLambda() || Construct->getConstructor()->isCopyOrMoveConstructor());
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
      if (isStdMoveOrForward(Call))
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
    return isStdMoveOrForward(Call);
  return false;
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

/// A parent map over one function body (and its constructor initializers).
class BodyMap {
public:
  explicit BodyMap(const FunctionDecl *FD) {
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->isWritten() && Init->getInit()) {
          InitOf[Init->getInit()] = Init;
          visit(Init->getInit(), nullptr);
        }
    if (const Stmt *Body = FD->getBody())
      visit(Body, nullptr);
  }

  const Stmt *parent(const Stmt *S) const { return Parents.lookup(S); }
  const CXXCtorInitializer *initializerOf(const Stmt *S) const {
    return InitOf.lookup(S);
  }
  llvm::ArrayRef<const DeclRefExpr *> uses(const ValueDecl *D) const {
    auto It = Uses.find(D);
    if (It == Uses.end())
      return {};
    return It->second;
  }
  llvm::ArrayRef<const Expr *> callables() const { return Callables; }
  /// Calls with a `&C::m` argument (candidates for a pointer-to-member pair).
  llvm::ArrayRef<const CallExpr *> pairCalls() const { return PairCalls; }

private:
  void visit(const Stmt *S, const Stmt *Parent) {
    if (!S)
      return;
    Parents[S] = Parent;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
      Uses[Ref->getDecl()].push_back(Ref);
    if (isa<LambdaExpr>(S))
      Callables.push_back(cast<Expr>(S));
    else if (const auto *Call = dyn_cast<CallExpr>(S))
      if (const FunctionDecl *FD = Call->getDirectCallee())
        if (FD->getIdentifier()) {
          if (FD->getName().contains("bind"))
            Callables.push_back(Call);
          else if (Call->getNumArgs() >= 2 && !isa<CXXOperatorCallExpr>(Call) &&
                   llvm::any_of(Call->arguments(), [](const Expr *A) {
                     return memberFunctionPointer(A) != nullptr;
                   }))
            PairCalls.push_back(Call);
        }
    for (const Stmt *Child : S->children())
      visit(Child, S);
  }

  llvm::DenseMap<const Stmt *, const Stmt *> Parents;
  llvm::DenseMap<const Stmt *, const CXXCtorInitializer *> InitOf;
  llvm::DenseMap<const ValueDecl *, std::vector<const DeclRefExpr *>> Uses;
  std::vector<const Expr *> Callables;
  std::vector<const CallExpr *> PairCalls;
};

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

/// Where the destination of a store lives.
enum class Owner { This, Other, Unknown };
struct Destination {
  Owner Who = Owner::Unknown;
  const FieldDecl *FirstMember = nullptr; // member of the root on the path
  const FieldDecl *Field = nullptr;       // outermost member (the storage)
  const ValueDecl *Root = nullptr;        // root variable or member of this
  const VarDecl *Global = nullptr;
  const ParmVarDecl *Param = nullptr;
  const FieldDecl *SharedMember = nullptr; // the only indirection: this->sp_
};

/// True if \p E is a raw pointer member of `*this` that its class owns the
/// old way: every value its class gives it (in-class initializer,
/// constructor initializers, assignments in member functions defined here)
/// is a `new` expression or null, and there is at least one `new`. Like a
/// std::unique_ptr member, its pointee is the object's own.
bool isNewOwnedMember(const Expr *E) {
  const auto *ME = dyn_cast<MemberExpr>(E->IgnoreParenImpCasts());
  if (!ME || !isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
    return false;
  const auto *Field = dyn_cast<FieldDecl>(ME->getMemberDecl());
  const auto *R =
      Field ? dyn_cast<CXXRecordDecl>(Field->getParent()) : nullptr;
  if (!R || !Field->getType()->isPointerType())
    return false;
  bool SawNew = false, SawOther = false;
  auto judge = [&](const Expr *Value) {
    Value = Value->IgnoreParenImpCasts();
    if (isa<CXXNewExpr>(Value))
      SawNew = true;
    else if (!Value->isNullPointerConstant(Field->getASTContext(),
                                           Expr::NPC_ValueDependentIsNotNull))
      SawOther = true;
  };
  std::function<void(const Stmt *)> Visit = [&](const Stmt *S) {
    if (!S || SawOther)
      return;
    if (const auto *B = dyn_cast<BinaryOperator>(S))
      if (B->getOpcode() == BO_Assign)
        if (const auto *L = dyn_cast<MemberExpr>(B->getLHS()->IgnoreParenImpCasts()))
          if (L->getMemberDecl() == Field)
            judge(B->getRHS());
    for (const Stmt *Child : S->children())
      Visit(Child);
  };
  if (const Expr *Init = Field->getInClassInitializer())
    judge(Init);
  for (const CXXMethodDecl *M : R->methods()) {
    const FunctionDecl *Def = nullptr;
    if (!M->hasBody(Def) || !Def)
      continue;
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->isWritten() && Init->getMember() == Field)
          judge(Init->getInit());
    Visit(Def->getBody());
  }
  return SawNew && !SawOther;
}

/// True for 'p->f()': the implicit object argument is a pointer to the
/// object.
bool calledThroughPointer(const CallExpr *Call) {
  const auto *MC = dyn_cast<CXXMemberCallExpr>(Call);
  const auto *ME =
      MC ? dyn_cast<MemberExpr>(MC->getCallee()->IgnoreParens()) : nullptr;
  return ME && ME->isArrow();
}

bool pointsIntoThis(const Expr *E, unsigned Depth);
bool placeInThis(const Expr *E, unsigned Depth);

/// The object \p MC is called on lies inside `*this`.
bool calledOnOwnObject(const CXXMemberCallExpr *MC, unsigned Depth) {
  const Expr *Obj = MC->getImplicitObjectArgument();
  return calledThroughPointer(MC) ? pointsIntoThis(Obj, Depth)
                                  : placeInThis(Obj, Depth);
}

/// A member function of a standard container, smart pointer or pair: what
/// it returns (a reference, an iterator, a pointer) designates or points to
/// storage inside the object it is called on.
bool isStdAccessor(const CXXMethodDecl *M) {
  const CXXRecordDecl *R = M ? M->getParent() : nullptr;
  return R && R->isInStdNamespace() && !M->isStatic();
}

/// The object the glvalue \p E designates lies inside `*this`: a member, an
/// element of a member container, what a reference local was bound to.
bool placeInThis(const Expr *E, unsigned Depth) {
  if (!E || Depth > 4)
    return false;
  E = E->IgnoreParenImpCasts();
  if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
    return placeInThis(M->getSubExpr(), Depth);
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return ME->isArrow() ? pointsIntoThis(ME->getBase(), Depth)
                         : placeInThis(ME->getBase(), Depth);
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    return U->getOpcode() == UO_Deref && pointsIntoThis(U->getSubExpr(), Depth);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    const auto *V = dyn_cast<VarDecl>(Ref->getDecl());
    return V && V->hasLocalStorage() && !isa<ParmVarDecl>(V) &&
           V->getType()->isReferenceType() && V->getInit() &&
           placeInThis(V->getInit(), Depth + 1);
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
    if (Op->getNumArgs() < 1)
      return false;
    const OverloadedOperatorKind K = Op->getOperator();
    if (K == OO_Star || K == OO_Arrow)
      return pointsIntoThis(Op->getArg(0), Depth);
    if (K == OO_Subscript)
      return isStdAccessor(dyn_cast_or_null<CXXMethodDecl>(Op->getDirectCallee())) &&
             placeInThis(Op->getArg(0), Depth);
    return false;
  }
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E))
    return isStdAccessor(MC->getMethodDecl()) && calledOnOwnObject(MC, Depth);
  return false;
}

/// The value of \p E (a pointer, an iterator, a smart pointer, a pair of
/// them) points to storage inside `*this`: `this` itself, the address of a
/// member, a std::unique_ptr member or its get(), a member the object fills
/// with `new`, an iterator into a member container, a local copy of any of
/// these, or a function of the class returning one (a pimpl's d_func()).
/// Such a pointer does not lead to another object.
bool pointsIntoThis(const Expr *E, unsigned Depth) {
  if (!E || Depth > 4)
    return false;
  // A cast of a pointer ('static_cast<DPrivate *>(d_ptr.get())') points
  // where its operand does.
  E = E->IgnoreParenCasts();
  if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
    return pointsIntoThis(M->getSubExpr(), Depth);
  if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
    return pointsIntoThis(B->getSubExpr(), Depth);
  if (const auto *C = dyn_cast<ExprWithCleanups>(E))
    return pointsIntoThis(C->getSubExpr(), Depth);
  if (isa<CXXThisExpr>(E))
    return true;
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    return U->getOpcode() == UO_AddrOf && placeInThis(U->getSubExpr(), Depth);
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    if (isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
      return isUniquePtr(ME->getType()) || isNewOwnedMember(ME);
    // A member of a local pair or struct: `result.first` of the pair an
    // emplace into a member container returned.
    return !ME->isArrow() && !ME->getType()->isReferenceType() &&
           pointsIntoThis(ME->getBase(), Depth);
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    const auto *V = dyn_cast<VarDecl>(Ref->getDecl());
    if (!V || !V->hasLocalStorage() || isa<ParmVarDecl>(V) || !V->getInit())
      return false;
    return V->getType()->isReferenceType()
               ? placeInThis(V->getInit(), Depth + 1) &&
                     pointsIntoThis(V->getInit(), Depth + 1)
               : pointsIntoThis(V->getInit(), Depth + 1);
  }
  // An iterator's or smart pointer's operator-> points where it does.
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
    return Op->getOperator() == OO_Arrow && Op->getNumArgs() == 1 &&
           pointsIntoThis(Op->getArg(0), Depth);
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *M = MC->getMethodDecl();
    if (!M)
      return false;
    const Expr *Obj = MC->getImplicitObjectArgument();
    const bool OnOwn = calledOnOwnObject(MC, Depth);
    if (isStdAccessor(M))
      return OnOwn;
    // A function of the object's own class whose every return points in.
    const FunctionDecl *Def = nullptr;
    if (!OnOwn || !isa<CXXThisExpr>(Obj->IgnoreParenImpCasts()) ||
        !M->hasBody(Def) || !Def)
      return false;
    bool Any = false, All = true;
    std::function<void(const Stmt *)> Visit = [&](const Stmt *S) {
      if (!S || !All)
        return;
      if (const auto *R = dyn_cast<ReturnStmt>(S)) {
        Any = true;
        All = pointsIntoThis(R->getRetValue(), Depth + 1);
        return;
      }
      if (isa<LambdaExpr>(S))
        return;
      for (const Stmt *Child : S->children())
        Visit(Child);
    };
    Visit(Def->getBody());
    return Any && All;
  }
  return false;
}

/// With \p Pointee, \p Dest is a raw pointer to the destination: the object
/// a member function is called on as 'pool_->add(cb)', which is the pointee,
/// another object unless the pointer is 'this' or a member the object fills
/// with `new` (a smart pointer's operator-> is judged where it is applied).
Destination destinationOf(const Expr *Dest, bool Pointee = false) {
  Destination D;
  bool Indirect = false;
  bool OtherIndirect = false; // an indirection other than a shared_ptr member
  if (Pointee && Dest) {
    const Expr *P = Dest->IgnoreParenImpCasts();
    if (!isa<CXXThisExpr, CXXOperatorCallExpr>(P) &&
        P->getType()->isPointerType() && !pointsIntoThis(P, 0))
      Indirect = OtherIndirect = true;
  }
  const FieldDecl *ViaShared = nullptr;
  bool First = true;
  const Expr *E = Dest;
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      const auto *Field = dyn_cast<FieldDecl>(ME->getMemberDecl());
      if (!Field)
        return D;
      if (!D.Field)
        D.Field = Field;
      if (!First && Field->getType()->isReferenceType())
        Indirect = OtherIndirect = true;
      D.FirstMember = Field;
      D.Root = Field;
      First = false;
      const Expr *Base = ME->getBase()->IgnoreParenImpCasts();
      // `p->m` through an overloaded operator-> is judged at the operator.
      if (ME->isArrow() && !isa<CXXThisExpr, CXXOperatorCallExpr>(Base) &&
          !pointsIntoThis(Base, 0))
        Indirect = OtherIndirect = true;
      E = Base;
      continue;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
      const OverloadedOperatorKind K = Op->getOperator();
      if (Op->getNumArgs() < 1)
        return D;
      const Expr *Obj = Op->getArg(0);
      if (K == OO_Arrow || K == OO_Star) {
        if (!isUniquePtr(Obj->getType())) {
          Indirect = true;
          // `this->sp_->...`: remember the shared_ptr member of *this.
          const auto *SpMember =
              dyn_cast<MemberExpr>(Obj->IgnoreParenImpCasts());
          if (!ViaShared && SpMember && isSharedPtr(SpMember->getType()) &&
              isa<CXXThisExpr>(SpMember->getBase()->IgnoreParenImpCasts()))
            ViaShared = dyn_cast<FieldDecl>(SpMember->getMemberDecl());
          else
            OtherIndirect = true;
        }
      } else if (K != OO_Subscript) {
        return D;
      }
      First = false;
      E = Obj;
      continue;
    }
    if (const auto *U = dyn_cast<UnaryOperator>(E)) {
      if (U->getOpcode() != UO_Deref)
        return D;
      Indirect = OtherIndirect = true;
      First = false;
      E = U->getSubExpr();
      continue;
    }
    if (isa<CXXThisExpr>(E)) {
      D.Who = Indirect ? Owner::Other : Owner::This;
      if (D.Who == Owner::Other)
        D.FirstMember = nullptr;
      if (Indirect && !OtherIndirect)
        D.SharedMember = ViaShared;
      return D;
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      if (!Var)
        return D;
      D.Root = Var;
      D.FirstMember = nullptr;
      D.Param = dyn_cast<ParmVarDecl>(Var);
      const QualType T = Var->getType();
      if (Var->hasGlobalStorage()) {
        D.Global = Var;
        D.Who = Owner::Other;
      } else if (!D.Param && (T->isReferenceType() || T->isPointerType()) &&
                 (T->isReferenceType() ? placeInThis(Ref, 0)
                                       : pointsIntoThis(Ref, 0))) {
        // A local alias of the object's own storage ('auto *d = d_func();',
        // 'auto &item = items_[id];', 'auto that = this;').
        D.Who = Indirect ? Owner::Other : Owner::This;
      } else if (Indirect || T->isReferenceType() || T->isPointerType() ||
                 isSharedPtr(T)) {
        D.Who = Owner::Other;
      }
      return D;
    }
    return D;
  }
  return D;
}

bool isContainerInsert(const CXXMemberCallExpr *Call, const Config &Cfg) {
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
  return holdsCallbacks(T, Cfg);
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

bool isSharedFromThisCall(const Expr *E) {
  if (!E)
    return false;
  const auto *Call = dyn_cast<CXXMemberCallExpr>(E->IgnoreParenImpCasts());
  if (!Call) {
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E))
      return isSharedFromThisCall(Cleanups->getSubExpr());
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E->IgnoreParenImpCasts()))
      if (Construct->getNumArgs() == 1)
        return isSharedFromThisCall(Construct->getArg(0));
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E->IgnoreParenImpCasts()))
      return isSharedFromThisCall(M->getSubExpr());
    if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E->IgnoreParenImpCasts()))
      return isSharedFromThisCall(B->getSubExpr());
    return false;
  }
  const CXXMethodDecl *M = Call->getMethodDecl();
  if (!M || !M->getIdentifier() || M->getName() != "shared_from_this")
    return false;
  const Expr *Obj = Call->getImplicitObjectArgument();
  return Obj && isa<CXXThisExpr>(Obj->IgnoreParenImpCasts());
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

std::optional<BoundCallable> classifyLambda(const LambdaExpr *L,
                                            const CXXRecordDecl *ThisClass) {
  BoundCallable C;
  C.E = L;
  C.Kind = CallableKind::Lambda;
  C.Object = ThisClass;
  const VarDecl *Weak = nullptr;
  for (const LambdaCapture &Cap : L->captures()) {
    if (Cap.capturesThis()) {
      if (Cap.getCaptureKind() == LCK_This)
        C.CapturesThis = true;
      continue;
    }
    if (!Cap.capturesVariable())
      continue;
    const auto *V = dyn_cast_or_null<VarDecl>(Cap.getCapturedVar());
    if (!V)
      continue;
    const QualType T = V->getType();
    if (T.isNull() || T->isDependentType())
      continue;
    if (isWeakPtr(T)) {
      Weak = V;
      continue;
    }
    if (isSharedPtr(T) && isSharedFromThisCall(V->getInit())) {
      C.SelfVar = V;
      C.SelfCapture = &Cap;
      continue;
    }
    if (Cap.getCaptureKind() == LCK_ByCopy && !C.RawPointer &&
        !V->isInitCapture())
      if (const CXXRecordDecl *Pointee = pointeeRecord(T))
        if (derivesFromSharedFromThis(Pointee)) {
          C.RawPointer = V;
          if (!C.CapturesThis)
            C.Object = Pointee;
        }
  }
  if (C.CapturesThis)
    C.Object = ThisClass;
  if (Weak && locksVar(L->getBody(), Weak))
    C.WeakGuarded = true;
  if (!C.CapturesThis && !C.RawPointer && !C.holdsOwner())
    return std::nullopt;
  if (!C.Object)
    return std::nullopt;
  return C;
}

std::optional<BoundCallable> classifyBind(const CallExpr *Call,
                                          const Config &Cfg) {
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD || Call->getNumArgs() < 2)
    return std::nullopt;
  const std::string Name = FD->getQualifiedNameAsString();
  if (Name != "std::bind" && Name != "std::bind_front" && Name != "boost::bind")
    return std::nullopt;
  const auto *Addr =
      dyn_cast<UnaryOperator>(strip(Call->getArg(0), Cfg)->IgnoreParenImpCasts());
  if (!Addr || Addr->getOpcode() != UO_AddrOf)
    return std::nullopt;
  const auto *Ref = dyn_cast<DeclRefExpr>(Addr->getSubExpr()->IgnoreParenImpCasts());
  const auto *Method = Ref ? dyn_cast<CXXMethodDecl>(Ref->getDecl()) : nullptr;
  if (!Method || Method->isStatic())
    return std::nullopt;
  BoundCallable C;
  C.E = Call;
  C.Kind = CallableKind::Bind;
  C.BoundMethod = Method;
  C.BindName = Name == "std::bind"         ? "std::bind"
               : Name == "std::bind_front" ? "std::bind_front"
                                           : "boost::bind";
  const Expr *Obj = strip(Call->getArg(1), Cfg);
  if (const auto *This = dyn_cast<CXXThisExpr>(Obj)) {
    C.CapturesThis = true;
    C.Object = This->getType()->getPointeeCXXRecordDecl();
  } else if (isSharedFromThisCall(Obj)) {
    C.SelfBindArg = Obj;
    C.Object = recordOf(Obj->getType()) ? Method->getParent() : nullptr;
  } else if (const auto *VRef = dyn_cast<DeclRefExpr>(Obj)) {
    const auto *V = dyn_cast<VarDecl>(VRef->getDecl());
    if (V && V->getType()->isPointerType())
      if (const CXXRecordDecl *Pointee = pointeeRecord(V->getType()))
        if (derivesFromSharedFromThis(Pointee)) {
          C.RawPointer = V;
          C.Object = Pointee;
        }
  }
  if (!C.Object)
    return std::nullopt;
  return C;
}

/// A pointer-to-member pair handed on together to a registration function
/// (`sig.connect(this, &R::m)`, `sig.connect(&R::m, p)`, Qt's
/// `connect(sender, &S::sig, this, &R::slot)`): an object pointer (`this`, or
/// a raw pointer as for lambdas) next to `&C::m` of a member function of the
/// object's class. The rightmost pair of the call is the receiver (the
/// sender of Qt's form comes first). \p ObjectArg receives the argument
/// index of the object pointer.
std::optional<BoundCallable> classifyPair(const CallExpr *Call,
                                          const CXXRecordDecl *ThisClass,
                                          const Config &Cfg,
                                          unsigned *ObjectArg) {
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD || !FD->getIdentifier() ||
      !llvm::is_contained(Cfg.RegistrationFunctions, FD->getName()))
    return std::nullopt;
  auto ObjectOf = [&](const Expr *E, BoundCallable &C) {
    E = strip(E, Cfg)->IgnoreParenImpCasts();
    if (isa<CXXThisExpr>(E)) {
      if (!ThisClass)
        return false;
      C.CapturesThis = true;
      C.Object = ThisClass;
      return true;
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      if (const auto *V = dyn_cast<VarDecl>(Ref->getDecl()))
        if (const CXXRecordDecl *Pointee = pointeeRecord(V->getType()))
          if (derivesFromSharedFromThis(Pointee)) {
            C.RawPointer = V;
            C.Object = Pointee;
            return true;
          }
    return false;
  };
  for (unsigned I = Call->getNumArgs(); I-- > 1;) {
    for (const bool PointerFirst : {true, false}) {
      const unsigned Obj = PointerFirst ? I - 1 : I;
      const unsigned Mem = PointerFirst ? I : I - 1;
      const CXXMethodDecl *M = memberFunctionPointer(Call->getArg(Mem));
      if (!M)
        continue;
      BoundCallable C;
      if (!ObjectOf(Call->getArg(Obj), C))
        continue;
      const CXXRecordDecl *Cls = C.Object->getDefinition();
      const CXXRecordDecl *Owner = M->getParent();
      if (!Cls || !Owner ||
          (Cls->getCanonicalDecl() != Owner->getCanonicalDecl() &&
           !Cls->isDerivedFrom(Owner)))
        continue;
      // A callable after the pair receives the calls: the pair names the
      // sender (`connect(this, &R::changed, [..] {..})`).
      bool CallableAfter = false;
      for (unsigned J = I + 1; J < Call->getNumArgs(); ++J) {
        const Expr *A = strip(Call->getArg(J), Cfg)->IgnoreParenImpCasts();
        const CXXRecordDecl *R = recordOf(A->getType());
        if ((R && R->isLambda()) || isCallbackType(A->getType(), Cfg) ||
            (isa<CallExpr>(A) && cast<CallExpr>(A)->getDirectCallee() &&
             cast<CallExpr>(A)->getDirectCallee()->getIdentifier() &&
             cast<CallExpr>(A)->getDirectCallee()->getName().contains("bind")))
          CallableAfter = true;
      }
      if (CallableAfter)
        return std::nullopt;
      C.E = Call->getArg(Mem)->IgnoreParenImpCasts();
      C.Kind = CallableKind::MemberPair;
      C.BoundMethod = M;
      *ObjectArg = Obj;
      return C;
    }
  }
  return std::nullopt;
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

class FunctionAnalysis {
public:
  FunctionAnalysis(const FunctionDecl *Fn, ASTContext &Ctx, const Config &Cfg,
                   StoreAnalysis &Stores)
      : Fn(Fn), Ctx(Ctx), Cfg(Cfg), Stores(Stores), Map(Fn) {}

  std::vector<Finding> run() {
    std::vector<Finding> Out;
    const auto *Method = dyn_cast<CXXMethodDecl>(Fn);
    const CXXRecordDecl *ThisClass =
        Method && Method->isInstance() ? Method->getParent() : nullptr;
    for (const Expr *E : Map.callables()) {
      std::optional<BoundCallable> C;
      if (const auto *L = dyn_cast<LambdaExpr>(E)) {
        if (E->getExprLoc().isMacroID())
          continue;
        C = classifyLambda(L, ThisClass);
      } else {
        C = classifyBind(cast<CallExpr>(E), Cfg);
      }
      if (!C)
        continue;
      if (std::optional<Escape> Sink = follow(E, 0))
        if (!trackedByFramework(*C, *Sink))
          Out.push_back({*C, *Sink});
    }
    for (const CallExpr *Call : Map.pairCalls()) {
      if (Call->getExprLoc().isMacroID())
        continue;
      unsigned ObjectArg = 0;
      std::optional<BoundCallable> C =
          classifyPair(Call, ThisClass, Cfg, &ObjectArg);
      if (!C)
        continue;
      if (std::optional<Escape> Sink = fromPair(Call, ObjectArg))
        if (!trackedByFramework(*C, *Sink))
          Out.push_back({*C, *Sink});
    }
    return Out;
  }

private:
  /// True if the registration call that keeps \p C is also given the object
  /// \p C is bound to, and that object's class is one the framework tracks
  /// (option SelfDisconnectingReceiverBases: Qt's connect with a receiver or
  /// context QObject ends the connection when that object is destroyed).
  bool trackedByFramework(const BoundCallable &C, const Escape &Sink) const {
    if (Sink.Kind != EscapeKind::Registration &&
        Sink.Kind != EscapeKind::StoringCallee)
      return false;
    const auto *Call = dyn_cast_or_null<CallExpr>(Sink.Site);
    if (!Call || !isOrDerivesFrom(C.Object, Cfg.SelfDisconnectingReceiverBases))
      return false;
    for (const Expr *Arg : Call->arguments()) {
      const Expr *A = strip(Arg, Cfg)->IgnoreParenImpCasts();
      if (C.CapturesThis && isa<CXXThisExpr>(A))
        return true;
      if (C.RawPointer && !C.CapturesThis)
        if (const auto *Ref = dyn_cast<DeclRefExpr>(A))
          if (Ref->getDecl() == C.RawPointer)
            return true;
    }
    return false;
  }

  /// Where the object pointer of a pointer-to-member pair, argument
  /// \p ObjectArg of \p Call, is kept: like a callable passed to the same
  /// registration function.
  std::optional<Escape> fromPair(const CallExpr *Call, unsigned ObjectArg) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    const std::optional<unsigned> Index =
        parameterIndex(Call, Call->getArg(ObjectArg));
    if (!Callee || !Index || *Index >= Callee->getNumParams() ||
        isNoEscapeParameter(Callee, *Index))
      return std::nullopt;
    // A body of this translation unit that only calls through the pointer.
    if (StoreAnalysis::analyzable(Callee, Ctx.getSourceManager()) &&
        !keepsPointerParameter(Callee, *Index))
      return std::nullopt;
    return registrationSink(Call, Callee, QualType());
  }

  /// Follows the callable value \p S (or a variable holding it) upwards.
  /// With \p Carrier, \p S is instead what a function that keeps the
  /// callable returned (see fromCall), an owning pointer that is followed
  /// the same way into members, globals and storing functions.
  std::optional<Escape> follow(const Stmt *S, unsigned Depth,
                               bool Carrier = false) {
    if (Depth > 2)
      return std::nullopt;
    const Stmt *Child = nullptr;
    const Stmt *P = parentSkippingWrappers(Map, S, Cfg, &Child);
    if (!P)
      return std::nullopt;

    // Assignment: dest = callable.
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(P)) {
      if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
          Op->getArg(1) == Child) {
        const Expr *Dest = Op->getArg(0);
        const QualType DestType = Dest->getType();
        if (Carrier ? !isOwningPointer(DestType)
                    : !isCallbackType(DestType, Cfg))
          return std::nullopt;
        return fromDestination(Dest, Op, EscapeKind::Member,
                               Carrier ? QualType() : DestType);
      }
    }

    // Local variable holding the callable: follow its uses once.
    if (const auto *DS = dyn_cast<DeclStmt>(P)) {
      for (const Decl *D : DS->decls()) {
        const auto *V = dyn_cast<VarDecl>(D);
        if (!V || V->getInit() != Child)
          continue;
        if (V->hasGlobalStorage()) {
          if (Carrier ? !isOwningPointer(V->getType())
                      : !isCallbackType(V->getType(), Cfg))
            return std::nullopt;
          Escape Sink;
          Sink.Kind = EscapeKind::Global;
          Sink.Site = cast<Expr>(Child);
          Sink.Global = V;
          Sink.RootDecl = V;
          if (!Carrier)
            Sink.CallbackType = V->getType();
          return Sink;
        }
        if (templateName(V->getType()) == "::std::thread")
          return std::nullopt;
        for (const DeclRefExpr *Use : Map.uses(V))
          if (std::optional<Escape> Sink = follow(Use, Depth + 1, Carrier))
            return Sink;
        return std::nullopt;
      }
      return std::nullopt;
    }

    // std::thread(callable) that is detached.
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(P))
      if (!Carrier && templateName(Construct->getType()).empty() &&
          recordOf(Construct->getType()) &&
          qualified(recordOf(Construct->getType())) == "::std::thread")
        return threadFate(Construct);

    if (const auto *Call = dyn_cast<CallExpr>(P))
      return fromCall(Call, Child, Depth, Carrier);
    return std::nullopt;
  }

  std::optional<Escape> threadFate(const CXXConstructExpr *Construct) {
    auto IsDetach = [](const Stmt *S) {
      const auto *ME = dyn_cast_or_null<MemberExpr>(S);
      if (!ME)
        return false;
      const auto *M = dyn_cast<CXXMethodDecl>(ME->getMemberDecl());
      return M && M->getIdentifier() && M->getName() == "detach";
    };
    Escape Sink;
    Sink.Kind = EscapeKind::DetachedThread;
    const Stmt *Child = nullptr;
    const Stmt *P = parentSkippingWrappers(Map, Construct, Cfg, &Child);
    if (IsDetach(P)) {
      Sink.Site = cast<Expr>(P);
      return Sink;
    }
    if (const auto *DS = dyn_cast_or_null<DeclStmt>(P))
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D))
          if (V->getInit() == Child)
            for (const DeclRefExpr *Use : Map.uses(V)) {
              const Stmt *Up = Map.parent(Use);
              while (Up && isa<ImplicitCastExpr, ParenExpr>(Up))
                Up = Map.parent(Up);
              if (IsDetach(Up)) {
                Sink.Site = cast<Expr>(Up);
                return Sink;
              }
            }
    return std::nullopt;
  }

  std::optional<Escape> fromDestination(const Expr *Dest, const Expr *Site,
                                        EscapeKind Kind, QualType CbType,
                                        bool Pointee = false) {
    const Destination D = destinationOf(Dest, Pointee);
    Escape Sink;
    Sink.Kind = D.Global ? EscapeKind::Global : Kind;
    Sink.Site = Site;
    Sink.Field = D.Field;
    Sink.Global = D.Global;
    Sink.RootDecl = D.Root;
    Sink.CallbackType = CbType;
    Sink.SharedMember = D.SharedMember;
    if (D.Who == Owner::This) {
      Sink.Own = true;
      Sink.OwnMember = D.FirstMember;
      return Sink;
    }
    if (D.Who == Owner::Other)
      return Sink;
    return std::nullopt; // a local object or something we cannot name
  }

  std::optional<Escape> fromCall(const CallExpr *Call, const Stmt *Arg,
                                 unsigned Depth, bool Carrier = false) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return std::nullopt;
    // Insertion into a container of callbacks.
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
      if (!Carrier && isContainerInsert(MC, Cfg)) {
        QualType Cb;
        return fromDestination(MC->getImplicitObjectArgument(), MC,
                               EscapeKind::Container, Cb,
                               calledThroughPointer(MC));
      }
    const std::optional<unsigned> Index = parameterIndex(Call, Arg);
    if (!Index || *Index >= Callee->getNumParams())
      return std::nullopt;
    // The callee promises not to keep it, whatever its name or body.
    if (isNoEscapeParameter(Callee, *Index))
      return std::nullopt;
    const SourceManager &SM = Ctx.getSourceManager();
    const Expr *Object = implicitObject(Call);

    if (StoreAnalysis::analyzable(Callee, SM)) {
      std::optional<StoreAnalysis::Result> R =
          Stores.stores(Callee, *Index, Ctx, Cfg);
      if (!R)
        return std::nullopt; // only called or forwarded: transient
      Escape Sink;
      if (R->Global) {
        Sink.Kind = EscapeKind::Global;
        Sink.Global = R->Global;
        Sink.RootDecl = R->Global;
        Sink.Site = Call;
      } else {
        const Expr *Root = Object;
        bool Pointee = calledThroughPointer(Call);
        if (R->RootParam >= 0) {
          Pointee = false;
          Root = nullptr;
          if (const std::optional<unsigned> Off =
                  static_cast<unsigned>(R->RootParam) < Call->getNumArgs()
                      ? std::optional<unsigned>(R->RootParam)
                      : std::nullopt)
            Root = Call->getArg(*Off);
        }
        if (!Root)
          return std::nullopt;
        std::optional<Escape> S = fromDestination(
            Root, Call, EscapeKind::StoringCallee,
            Callee->getParamDecl(*Index)->getType(), Pointee);
        if (!S)
          return std::nullopt;
        Sink = *S;
        Sink.Kind = EscapeKind::StoringCallee;
        Sink.Field = R->Field;
      }
      Sink.Callee = R->Registration ? R->Registration : Callee;
      Sink.CalleeStoreSite = R->Site;
      if (R->Registration)
        noteResult(Sink, Call);
      return Sink;
    }

    if (Carrier || !isStoringParameter(Callee, *Index, Cfg))
      return std::nullopt;
    if (Callee->getIdentifier() &&
        llvm::is_contained(Cfg.RegistrationFunctions, Callee->getName()))
      return registrationSink(Call, Callee,
                              Callee->getParamDecl(*Index)->getType());
    // A function that takes the callable to keep it (a callback type by
    // value or rvalue reference; a template parameter may be anything, as
    // std::make_unique's are) and returns an owning pointer hands back what
    // keeps it: an event loop's addTimeEvent(..., cb) returning the
    // std::unique_ptr<EventSourceTime> that calls cb. The callable lives
    // where that pointer goes: nowhere, if it is dropped; with the object,
    // in its own member; possibly longer, anywhere else.
    const QualType ParamType = Callee->getParamDecl(*Index)->getType();
    if (!ParamType->isLValueReferenceType() &&
        isCallbackType(ParamType.getNonReferenceType(), Cfg) &&
        isOwningPointer(Callee->getReturnType()))
      if (std::optional<Escape> Sink = follow(Call, Depth + 1, true)) {
        Sink->Carrier = Call;
        return Sink;
      }
    return std::nullopt;
  }

  /// The storage of a registration function of another object (or a free
  /// one) whose body is not available.
  std::optional<Escape> registrationSink(const CallExpr *Call,
                                         const FunctionDecl *Callee,
                                         QualType CbType) {
    const Expr *Object = implicitObject(Call);
    Escape Sink;
    if (Object) {
      std::optional<Escape> S =
          fromDestination(Object, Call, EscapeKind::Registration, CbType,
                          calledThroughPointer(Call));
      if (!S)
        return std::nullopt;
      Sink = *S;
      Sink.Kind = EscapeKind::Registration;
      Sink.Field = nullptr;
    } else {
      Sink.Kind = EscapeKind::Registration;
      Sink.Site = Call;
      Sink.CallbackType = CbType;
      if (Call->getNumArgs() > 0) {
        const Destination D = destinationOf(Call->getArg(0));
        Sink.RootDecl = D.Root;
      }
    }
    Sink.Callee = Callee;
    noteResult(Sink, Call);
    return Sink;
  }

  /// Records the member that receives the registration's result (a
  /// connection), and whether it is a scoped connection.
  void noteResult(Escape &Sink, const CallExpr *Call) {
    const Stmt *Child = nullptr;
    const Stmt *P = parentSkippingWrappers(Map, Call, Cfg, &Child);
    // The result may be converted first (connection -> scoped_connection).
    while (P && isa<CXXConstructExpr, MaterializeTemporaryExpr, ImplicitCastExpr,
                    CXXBindTemporaryExpr, ExprWithCleanups>(P)) {
      Child = P;
      P = Map.parent(P);
    }
    QualType Target;
    if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(P)) {
      if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
          Op->getArg(1) == Child) {
        const Destination D = destinationOf(Op->getArg(0));
        if (D.Who == Owner::This)
          Sink.ResultMember = D.Field;
        Target = Op->getArg(0)->getType();
      }
    } else if (const auto *B = dyn_cast_or_null<BinaryOperator>(P)) {
      if (B->getOpcode() == BO_Assign && B->getRHS() == Child) {
        const Destination D = destinationOf(B->getLHS());
        if (D.Who == Owner::This)
          Sink.ResultMember = D.Field;
        Target = B->getLHS()->getType();
      }
    } else if (const auto *DS = dyn_cast_or_null<DeclStmt>(P)) {
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D))
          if (V->getInit() == Child)
            Target = V->getType();
    } else if (!P) {
      if (const CXXCtorInitializer *Init = Map.initializerOf(Child))
        if (FieldDecl *F = Init->getMember()) {
          Sink.ResultMember = F;
          Target = F->getType();
        }
    }
    if (!Target.isNull() && isNamedType(Target, Cfg.ScopedConnectionTypes))
      Sink.ScopedResult = true;
  }

  const FunctionDecl *Fn;
  ASTContext &Ctx;
  const Config &Cfg;
  StoreAnalysis &Stores;
  BodyMap Map;
};

} // namespace

bool derivesFromSharedFromThis(const CXXRecordDecl *Record) {
  if (!Record || !Record->hasDefinition())
    return false;
  Record = Record->getDefinition();
  bool Found = false;
  auto Visit = [&](const CXXRecordDecl *Base) {
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Base))
      if (qualified(Spec->getSpecializedTemplate()) ==
          "::std::enable_shared_from_this")
        Found = true;
    return true;
  };
  if (Visit(Record) && !Record->bases().empty())
    Record->forallBases(Visit);
  return Found;
}

bool isSharedFromThisOf(const CXXRecordDecl *Record) {
  if (!Record || !Record->hasDefinition())
    return false;
  Record = Record->getDefinition();
  for (const CXXBaseSpecifier &Base : Record->bases()) {
    const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
        Base.getType()->getAsCXXRecordDecl());
    if (!Spec || qualified(Spec->getSpecializedTemplate()) !=
                     "::std::enable_shared_from_this")
      continue;
    if (Base.getAccessSpecifier() != AS_public)
      return false;
    const TemplateArgument &Arg = Spec->getTemplateArgs()[0];
    return Arg.getKind() == TemplateArgument::Type &&
           Arg.getAsType()->getAsCXXRecordDecl() &&
           Arg.getAsType()->getAsCXXRecordDecl()->getCanonicalDecl() ==
               Record->getCanonicalDecl();
  }
  return false;
}

std::vector<Finding> analyzeFunction(const FunctionDecl *Fn, ASTContext &Ctx,
                                     const Config &Cfg, StoreAnalysis &Stores) {
  if (!Fn || !Fn->hasBody() || Fn->isDependentContext() || Fn->isInvalidDecl())
    return {};
  return FunctionAnalysis(Fn, Ctx, Cfg, Stores).run();
}

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

const Expr *
keepAliveHandlerSite(const CXXRecordDecl *Record,
                     llvm::ArrayRef<const FunctionDecl *> Functions,
                     llvm::ArrayRef<StringRef> QueuedHandlerFunctions) {
  if (!Record)
    return nullptr;
  const CXXRecordDecl *Canonical = Record->getCanonicalDecl();
  auto PointsToRecord = [&](QualType T) {
    T = T.getNonReferenceType();
    if (!isSharedPtr(T) && !isWeakPtr(T))
      return false;
    const auto *Spec =
        dyn_cast_or_null<ClassTemplateSpecializationDecl>(recordOf(T));
    if (!Spec || Spec->getTemplateArgs().size() < 1 ||
        Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
      return false;
    const CXXRecordDecl *Pointee =
        Spec->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl();
    return Pointee && Pointee->getCanonicalDecl() == Canonical;
  };
  std::function<bool(const Stmt *)> KeepsAlive = [&](const Stmt *S) {
    if (!S)
      return false;
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S))
      if (const CXXMethodDecl *M = Call->getMethodDecl())
        if (M->getIdentifier() && (M->getName() == "shared_from_this" ||
                                   M->getName() == "weak_from_this"))
          return true;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
        if (PointsToRecord(Var->getType()))
          return true;
    for (const Stmt *Child : S->children())
      if (KeepsAlive(Child))
        return true;
    return false;
  };
  std::function<bool(const Stmt *)> UsesThis = [&](const Stmt *S) {
    if (!S)
      return false;
    if (isa<CXXThisExpr>(S))
      return true;
    for (const Stmt *Child : S->children())
      if (UsesThis(Child))
        return true;
    return false;
  };
  const Expr *Site = nullptr;
  unsigned KeepingAlive = 0, BoundToThis = 0;
  std::function<void(const Stmt *)> Visit = [&](const Stmt *S) {
    if (!S)
      return;
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (Callee && Callee->getIdentifier() &&
          llvm::is_contained(QueuedHandlerFunctions, Callee->getName())) {
        if (llvm::any_of(Call->arguments(), KeepsAlive)) {
          ++KeepingAlive;
          if (!Site)
            Site = Call;
        } else if (llvm::any_of(Call->arguments(), UsesThis)) {
          ++BoundToThis;
        }
      }
    }
    for (const Stmt *Child : S->children())
      Visit(Child);
  };
  for (const FunctionDecl *FD : Functions) {
    const auto *M = dyn_cast<CXXMethodDecl>(FD);
    if (M && M->getParent()->getCanonicalDecl() == Canonical)
      Visit(FD->getBody());
  }
  // The class's convention: most of its handlers keep it alive.
  return KeepingAlive >= BoundToThis ? Site : nullptr;
}

bool isValueType(const CXXRecordDecl *Record) {
  if (!Record || !Record->hasDefinition())
    return false;
  Record = Record->getDefinition();
  if (Record->isPolymorphic())
    return false;
  bool Declared = false;
  for (const CXXConstructorDecl *C : Record->ctors()) {
    if (!C->isCopyConstructor())
      continue;
    Declared = true;
    if (!C->isDeleted() && C->getAccess() == AS_public)
      return true;
  }
  return !Declared && Record->needsImplicitCopyConstructor() &&
         !Record->defaultedCopyConstructorIsDeleted();
}

namespace {
/// The statement \p Later is a store of \p Sink: a call of the same storing
/// function, or an assignment to the same member (not one that runs only
/// under a condition or in a lambda).
bool storesAgain(const Stmt *Later, const Escape &Sink) {
  if (const auto *Cleanups = dyn_cast_or_null<ExprWithCleanups>(Later))
    Later = Cleanups->getSubExpr();
  if (const auto *E = dyn_cast_or_null<Expr>(Later))
    Later = E->IgnoreParenImpCasts();
  if (!Later)
    return false;
  if (const auto *Call = dyn_cast<CallExpr>(Later)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Callee && Sink.Callee &&
        Callee->getCanonicalDecl() == Sink.Callee->getCanonicalDecl())
      return true;
  }
  if (Sink.Field) {
    const Expr *Target = nullptr;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Later)) {
      if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2)
        Target = Op->getArg(0);
    } else if (const auto *B = dyn_cast<BinaryOperator>(Later)) {
      if (B->getOpcode() == BO_Assign)
        Target = B->getLHS();
    }
    if (const auto *ME =
            Target ? dyn_cast<MemberExpr>(Target->IgnoreParenImpCasts())
                   : nullptr)
      if (ME->getMemberDecl() == Sink.Field)
        return true;
  }
  return false;
}

bool containsReturn(const Stmt *S) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  if (isa<ReturnStmt, CoreturnStmt>(S))
    return true;
  for (const Stmt *Child : S->children())
    if (containsReturn(Child))
      return true;
  return false;
}

/// In the block that directly holds the statement containing \p Site: the
/// statements after it restore the store with no return in between.
bool restoredIn(const Stmt *S, const Expr *Site, const Escape &Sink,
                const SourceManager &SM) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  const SourceRange SiteRange = Site->getSourceRange();
  auto Contains = [&](const Stmt *Outer) {
    const SourceRange R = Outer->getSourceRange();
    return R.isValid() &&
           !SM.isBeforeInTranslationUnit(SiteRange.getBegin(), R.getBegin()) &&
           !SM.isBeforeInTranslationUnit(R.getEnd(), SiteRange.getEnd());
  };
  if (const auto *Block = dyn_cast<CompoundStmt>(S)) {
    const auto Body = Block->body();
    for (auto It = Body.begin(); It != Body.end(); ++It) {
      if (!Contains(*It))
        continue;
      if (restoredIn(*It, Site, Sink, SM))
        return true;
      for (auto Next = std::next(It); Next != Body.end(); ++Next) {
        if (storesAgain(*Next, Sink))
          return true;
        if (containsReturn(*Next))
          return false;
      }
      return false;
    }
    return false;
  }
  for (const Stmt *Child : S->children())
    if (Child && Contains(Child))
      return restoredIn(Child, Site, Sink, SM);
  return false;
}
} // namespace

bool restoredLater(const FunctionDecl *Fn, const Escape &Sink,
                   const SourceManager &SM) {
  if (!Fn || !Fn->getBody() || !Sink.Site ||
      (Sink.Kind != EscapeKind::Member &&
       Sink.Kind != EscapeKind::StoringCallee))
    return false;
  if (Sink.Site->getBeginLoc().isMacroID())
    return false;
  return restoredIn(Fn->getBody(), Sink.Site, Sink, SM);
}

bool destructorTearsDown(const CXXRecordDecl *Record, const Escape &Sink,
                         const Config &Cfg) {
  if (Sink.ScopedResult)
    return true;
  if (!Record || !Record->hasDefinition())
    return false;
  const CXXDestructorDecl *Dtor = Record->getDefinition()->getDestructor();
  if (!Dtor)
    return false;
  const FunctionDecl *Def = nullptr;
  if (!Dtor->hasBody(Def) || !Def || !Def->getBody())
    return false;
  llvm::SmallVector<const ValueDecl *, 3> Keys;
  for (const ValueDecl *K : {static_cast<const ValueDecl *>(Sink.ResultMember),
                             Sink.RootDecl,
                             static_cast<const ValueDecl *>(Sink.Field)})
    if (K)
      Keys.push_back(K);
  if (Keys.empty())
    return false;
  bool Found = false;
  std::function<void(const Stmt *)> Visit = [&](const Stmt *S) {
    if (!S || Found)
      return;
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S)) {
      const CXXMethodDecl *M = Call->getMethodDecl();
      if (M && M->getIdentifier() &&
          llvm::is_contained(Cfg.TeardownFunctions, M->getName()))
        for (const ValueDecl *K : Keys)
          if (mentionsDecl(Call, K))
            Found = true;
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S)) {
      if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 && Sink.Field)
        if (mentionsDecl(Op->getArg(0), Sink.Field))
          Found = true;
    }
    for (const Stmt *Child : S->children())
      Visit(Child);
  };
  Visit(Def->getBody());
  return Found;
}

bool StoreAnalysis::analyzable(const FunctionDecl *FD,
                               const SourceManager &SM) {
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def) || !Def || !Def->getBody())
    return false;
  if (Def->isDependentContext() || Def->isInvalidDecl())
    return false;
  return !SM.isInSystemHeader(SM.getExpansionLoc(Def->getLocation()));
}

std::optional<StoreAnalysis::Result>
StoreAnalysis::stores(const FunctionDecl *FD, unsigned Index, ASTContext &Ctx,
                      const Config &Cfg, unsigned Depth) {
  const FunctionDecl *Def = nullptr;
  if (Depth > 3 || !FD->hasBody(Def) || !Def || Index >= Def->getNumParams())
    return std::nullopt;
  const auto Key = std::make_pair(Def, Index);
  auto It = Cache.find(Key);
  if (It != Cache.end())
    return It->second;
  Cache[Key] = std::nullopt; // recursion guard

  const ParmVarDecl *Param = Def->getParamDecl(Index);
  BodyMap Map(Def);
  std::optional<Result> Found;
  auto FromDest = [&](const Expr *Dest, const Stmt *Site,
                      bool Pointee = false) {
    const Destination D = destinationOf(Dest, Pointee);
    Result R;
    R.Site = Site;
    R.Field = D.Field;
    if (D.Global) {
      R.Global = D.Global;
      R.Field = nullptr;
      return std::optional<Result>(R);
    }
    if (D.Who == Owner::This)
      return std::optional<Result>(R);
    if (D.Param && D.Who == Owner::Other)
      for (unsigned I = 0; I < Def->getNumParams(); ++I)
        if (Def->getParamDecl(I) == D.Param) {
          R.RootParam = static_cast<int>(I);
          return std::optional<Result>(R);
        }
    return std::optional<Result>();
  };

  for (const DeclRefExpr *Use : Map.uses(Param)) {
    if (Found)
      break;
    const Stmt *Child = nullptr;
    const Stmt *P = parentSkippingWrappers(Map, Use, Cfg, &Child);
    if (!P) {
      if (const CXXCtorInitializer *Init = Map.initializerOf(Child))
        if (FieldDecl *F = Init->getMember()) {
          Result R;
          R.Field = F;
          R.Site = Child;
          Found = R;
        }
      continue;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(P)) {
      if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
          Op->getArg(1) == Child) {
        Found = FromDest(Op->getArg(0), Op);
        continue;
      }
    }
    if (const auto *Call = dyn_cast<CallExpr>(P)) {
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
        if (isContainerInsert(MC, Cfg)) {
          Found = FromDest(MC->getImplicitObjectArgument(), MC,
                           calledThroughPointer(MC));
          if (Found)
            Found->Field = destinationOf(MC->getImplicitObjectArgument()).Field;
          continue;
        }
      const FunctionDecl *Callee = Call->getDirectCallee();
      const std::optional<unsigned> I = parameterIndex(Call, Child);
      if (!Callee || !I || *I >= Callee->getNumParams() ||
          isNoEscapeParameter(Callee, *I))
        continue;
      const Expr *Obj = implicitObject(Call);
      const SourceManager &SM = Ctx.getSourceManager();
      if (analyzable(Callee, SM)) {
        std::optional<Result> Inner = stores(Callee, *I, Ctx, Cfg, Depth + 1);
        if (!Inner)
          continue;
        if (Inner->Global) {
          Found = Inner;
          continue;
        }
        const Expr *Root = Obj;
        bool Pointee = calledThroughPointer(Call);
        if (Inner->RootParam >= 0) {
          Root = static_cast<unsigned>(Inner->RootParam) < Call->getNumArgs()
                     ? Call->getArg(Inner->RootParam)
                     : nullptr;
          Pointee = false;
        }
        if (!Root)
          continue;
        if (std::optional<Result> Outer = FromDest(Root, Call, Pointee)) {
          Outer->Field = Inner->Field;
          Outer->Registration = Inner->Registration;
          Outer->Site = Inner->Site;
          Found = Outer;
        }
        continue;
      }
      if (Callee->getIdentifier() &&
          llvm::is_contained(Cfg.RegistrationFunctions, Callee->getName()) &&
          isStoringParameter(Callee, *I, Cfg) && Obj) {
        if (std::optional<Result> Outer =
                FromDest(Obj, Call, calledThroughPointer(Call))) {
          Outer->Field = nullptr;
          Outer->Registration = Callee;
          Found = Outer;
        }
      }
      continue;
    }
  }
  Cache[Key] = Found;
  return Found;
}

} // namespace clang::tidy::refcycle::escape
