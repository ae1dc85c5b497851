//===--- OwnStorage.cpp - where a store lands: this object or another -----===//
//
// Decides whether the destination of a store lies inside `*this` (a member,
// an element of a member container, what a std::unique_ptr member or a
// member filled with `new` points to, a local alias of any of these) or in
// another object, and through which members.
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

namespace clang::tidy::refcycle::escape::detail {

/// True if \p E is a raw pointer member of `*this` that its class owns the
/// old way: every value its class gives it (in-class initializer,
/// constructor initializers, assignments in member functions defined here)
/// is a `new` expression or null, and there is at least one `new`. Like a
/// std::unique_ptr member, its pointee is the object's own.
bool isNewOwnedMember(const Expr *E) {
  const auto *ME = dyn_cast<MemberExpr>(E->IgnoreParenImpCasts());
  if (!ME || !isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
    return false;
  return isNewOwnedField(dyn_cast<FieldDecl>(ME->getMemberDecl()));
}

namespace {

/// What every return statement of \p Fn's body returns: the index of the
/// parameter it returns unchanged, or -2 when each returns a `new` object
/// (directly or through such a call); -1 otherwise.
int returnedValue(const FunctionDecl *Fn, unsigned Depth);

/// \p Value with the calls that only hand their pointer argument back
/// (`Gtk::manage(new T)`, which marks the object as owned by the container
/// it is added to and returns it), or that return a fresh `new` object
/// (`Gtk::make_managed<T>(...)`), looked through: the `new` expression or
/// the argument, judged from the callee's body.
const Expr *throughPassingCalls(const Expr *Value, unsigned Depth = 0) {
  Value = Value->IgnoreParenImpCasts();
  const auto *Call = dyn_cast<CallExpr>(Value);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || Depth > 2 || isa<CXXMemberCallExpr>(Call))
    return Value;
  const int Returned = returnedValue(Callee, Depth);
  if (Returned >= 0 && static_cast<unsigned>(Returned) < Call->getNumArgs())
    return throughPassingCalls(Call->getArg(Returned), Depth + 1);
  if (Returned == -2)
    return nullptr; // a fresh object, but no expression of ours makes it
  return Value;
}

int returnedValue(const FunctionDecl *Fn, unsigned Depth) {
  const FunctionDecl *Def = nullptr;
  if (!Fn->hasBody(Def) || !Def || !Def->getReturnType()->isPointerType())
    return -1;
  int Result = -1;
  bool Any = false, Mixed = false;
  std::function<void(const Stmt *)> Visit = [&](const Stmt *S) {
    if (!S || Mixed)
      return;
    if (const auto *Ret = dyn_cast<ReturnStmt>(S)) {
      const Expr *V = Ret->getRetValue();
      int This = -1;
      if (V) {
        V = V->IgnoreParenImpCasts();
        if (const auto *Ref = dyn_cast<DeclRefExpr>(V)) {
          if (const auto *P = dyn_cast<ParmVarDecl>(Ref->getDecl()))
            This = static_cast<int>(P->getFunctionScopeIndex());
        } else if (isa<CXXNewExpr>(V)) {
          This = -2;
        } else if (const Expr *Made = throughPassingCalls(V, Depth + 1);
                   !Made || isa<CXXNewExpr>(Made)) {
          This = -2;
        }
      }
      if (This == -1 || (Any && This != Result))
        Mixed = true;
      Result = This;
      Any = true;
      return;
    }
    for (const Stmt *Child : S->children())
      Visit(Child);
  };
  Visit(Def->getBody());
  return Any && !Mixed ? Result : -1;
}

} // namespace

bool fieldOnlyHolds(const FieldDecl *Field,
                    llvm::function_ref<bool(const Expr *)> Allowed) {
  const auto *R =
      Field ? dyn_cast<CXXRecordDecl>(Field->getParent()) : nullptr;
  if (!R || !Field->getType()->isPointerType())
    return false;
  bool SawNew = false, SawOther = false;
  auto judge = [&](const Expr *Value) {
    Value = Value->IgnoreParenImpCasts();
    // `m_{new T}`: a braced initializer of one value.
    if (const auto *List = dyn_cast<InitListExpr>(Value))
      if (List->getNumInits() == 1)
        Value = List->getInit(0)->IgnoreParenImpCasts();
    const Expr *Made = throughPassingCalls(Value);
    if (!Made || Made != Value) {
      // Made by a call that hands back a `new` object: judged as that
      // object, or as a `new` of its own when no expression here makes it.
      if (Made ? Allowed(Made) : Allowed(Value))
        SawNew = true;
      else
        SawOther = true;
      return;
    }
    if (Allowed(Value))
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

bool isNewOwnedField(const FieldDecl *Field) {
  return fieldOnlyHolds(Field, [](const Expr *Value) {
    return isa<CXXNewExpr>(Value) || isNewResult(Value);
  });
}

bool isNewResult(const Expr *Value) {
  const auto *Call = dyn_cast<CallExpr>(Value->IgnoreParenImpCasts());
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  return Callee && !isa<CXXMemberCallExpr>(Call) &&
         returnedValue(Callee, 0) == -2;
}



namespace {

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

} // namespace

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


namespace {
/// \p E creates a temporary object of a class (with its bases) whose data
/// members are all pointers, references, numbers or enumerations: a handle
/// to something else, unable to keep a callable itself.
bool isHandleTemporary(const Expr *E) {
  while (true) {
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
      E = M->getSubExpr()->IgnoreParenImpCasts();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
      E = B->getSubExpr()->IgnoreParenImpCasts();
    else
      break;
  }
  if (!isa<CallExpr, CXXConstructExpr>(E) || !E->isPRValue())
    return false;
  const CXXRecordDecl *R = E->getType()->getAsCXXRecordDecl();
  if (!R || !R->hasDefinition() || R->isLambda())
    return false;
  auto Scalar = [](const CXXRecordDecl *C) {
    return llvm::all_of(C->fields(), [](const FieldDecl *F) {
      const QualType T = F->getType();
      return T->isPointerType() || T->isReferenceType() ||
             T->isArithmeticType() || T->isEnumeralType();
    });
  };
  R = R->getDefinition();
  if (!Scalar(R))
    return false;
  bool All = true;
  if (!R->bases().empty())
    R->forallBases([&](const CXXRecordDecl *Base) {
      if (!Scalar(Base))
        All = false;
      return true;
    });
  return All;
}
} // namespace

/// With \p Pointee, \p Dest is a raw pointer to the destination: the object
/// a member function is called on as 'pool_->add(cb)', which is the pointee,
/// another object unless the pointer is 'this' or a member the object fills
/// with `new` (a smart pointer's operator-> is judged where it is applied).
Destination destinationOf(const Expr *Dest, bool Pointee) {
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
    // A registration made on a temporary handle (`Glib::signal_timeout()
    // .connect(cb)`) is not kept by the handle, which holds nothing but
    // pointers and dies with the statement: it is kept by what the handle
    // refers to, another object.
    if (First && isHandleTemporary(E))
      D.Who = Owner::Other;
    return D;
  }
  return D;
}

} // namespace clang::tidy::refcycle::escape::detail
