//===--- BoundCallables.cpp - callables bound to an object ----------------===//
//
// What counts as a callable bound to an object: a lambda capturing `this`
// or a raw pointer to a shared_ptr-managed object, std::bind and its kin of
// a member function, a pointer-to-member pair handed to a registration
// function, and the callables that hold their owner (shared_from_this()).
//
//===----------------------------------------------------------------------===//

#include "EscapeSupport.h"

#include "clang/AST/CXXInheritance.h"

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

bool ownsThroughNew(const FieldDecl *Field) {
  return detail::isNewOwnedField(Field);
}

bool hasUsableSharedFromThis(const CXXRecordDecl *Record) {
  if (!Record || !Record->hasDefinition())
    return false;
  Record = Record->getDefinition();
  if (isSharedFromThisOf(Record))
    return true;
  // One std::enable_shared_from_this base, reached only through public
  // bases and along one path: `shared_from_this()` names it unambiguously
  // and is accessible in the class.
  CXXBasePaths Paths(/*FindAmbiguities=*/true, /*RecordPaths=*/true,
                     /*DetectVirtual=*/false);
  const bool Found = Record->lookupInBases(
      [](const CXXBaseSpecifier *Base, CXXBasePath &) {
        const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
            Base->getType()->getAsCXXRecordDecl());
        return Spec && qualified(Spec->getSpecializedTemplate()) ==
                           "::std::enable_shared_from_this";
      },
      Paths);
  if (!Found)
    return false;
  unsigned Count = 0;
  for (const CXXBasePath &Path : Paths) {
    ++Count;
    for (const CXXBasePathElement &Element : Path)
      if (Element.Base->getAccessSpecifier() != AS_public)
        return false;
  }
  return Count == 1;
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

const CXXRecordDecl *strongPointee(QualType T) {
  const auto *Spec =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(recordOf(T));
  if (!Spec || Spec->getTemplateArgs().size() < 1 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return nullptr;
  return Spec->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl();
}

namespace detail {

namespace {
/// \p A and \p B are the same class, or one derives from the other: a
/// pointer of one type may point to an object of the other.
bool relatedClasses(const CXXRecordDecl *A, const CXXRecordDecl *B) {
  if (!A || !B)
    return false;
  A = A->getDefinition() ? A->getDefinition() : A;
  B = B->getDefinition() ? B->getDefinition() : B;
  if (A->getCanonicalDecl() == B->getCanonicalDecl())
    return true;
  return (A->hasDefinition() && B->hasDefinition()) &&
         (A->isDerivedFrom(B) || B->isDerivedFrom(A));
}
} // namespace

std::optional<BoundCallable> classifyLambda(const LambdaExpr *L,
                                            const CXXRecordDecl *ThisClass,
                                            const Config &Cfg) {
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
    // A reference captured by reference names the object it is bound to,
    // which the function does not own; a local or by-value parameter dies
    // with the call.
    if (Cap.getCaptureKind() == LCK_ByRef && !C.LocalByRef &&
        V->hasLocalStorage() && !T->isReferenceType() && !V->isInitCapture() &&
        mentionsDecl(L->getBody(), V)) {
      C.LocalByRef = V;
      C.LocalCapture = &Cap;
    }
    if (isWeakPtr(T)) {
      Weak = V;
      continue;
    }
    if (isSharedPtr(T) && isSharedFromThisCall(V->getInit())) {
      C.SelfVar = V;
      C.SelfCapture = &Cap;
      continue;
    }
    // A strong pointer to an object of the class (or a base or derived
    // class) captured next to `this` keeps the object alive: a helper's
    // result (`self = ptr()`), an intrusive or Qt pointer
    // (`protect = RefPtr<Node>(this)`). A guarded pointer to it (QPointer)
    // that the body consults makes the call a no-op once it is gone.
    if (Cap.getCaptureKind() == LCK_ByCopy &&
        isNamedType(T, Cfg.KeepAlivePointerTypes))
      C.HeldOwners.push_back(V);
    if (ThisClass && relatedClasses(strongPointee(T), ThisClass)) {
      if (isNamedType(T, Cfg.KeepAlivePointerTypes)) {
        C.KeepsAlive = true;
        continue;
      }
      if (isNamedType(T, Cfg.GuardedPointerTypes) &&
          mentionsDecl(L->getBody(), V)) {
        C.WeakGuarded = true;
        continue;
      }
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
  if (!C.Object && !C.HeldOwners.empty())
    C.Object = strongPointee(C.HeldOwners.front()->getType());
  if (Weak && locksVar(L->getBody(), Weak))
    C.WeakGuarded = true;
  if (!C.CapturesThis && !C.RawPointer && !C.holdsOwner() &&
      C.HeldOwners.empty() && !C.LocalByRef)
    return std::nullopt;
  if (!C.Object && !C.LocalByRef)
    return std::nullopt;
  return C;
}

namespace {
/// \p T mentions the class \p R: is it, points to it, is a pointer to one
/// of its members, or a function or class template specialization with
/// such a type inside (nested up to four deep).
bool mentionsRecord(QualType T, const CXXRecordDecl *R, unsigned Depth = 0) {
  if (T.isNull() || Depth > 4)
    return false;
  T = T.getCanonicalType().getNonReferenceType();
  if (const auto *MP = T->getAs<MemberPointerType>()) {
    // getClass() is gone in LLVM 22; the record is spelled the same in both.
    const CXXRecordDecl *Class = MP->getMostRecentCXXRecordDecl();
    return (Class && Class->getCanonicalDecl() == R->getCanonicalDecl()) ||
           mentionsRecord(MP->getPointeeType(), R, Depth + 1);
  }
  if (T->isPointerType())
    return mentionsRecord(T->getPointeeType(), R, Depth + 1);
  if (const auto *F = T->getAs<FunctionProtoType>()) {
    if (mentionsRecord(F->getReturnType(), R, Depth + 1))
      return true;
    return llvm::any_of(F->getParamTypes(), [&](QualType P) {
      return mentionsRecord(P, R, Depth + 1);
    });
  }
  const CXXRecordDecl *Record = T->getAsCXXRecordDecl();
  if (!Record)
    return false;
  if (Record->getCanonicalDecl() == R->getCanonicalDecl())
    return true;
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Record);
  if (!Spec)
    return false;
  for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray())
    if (Arg.getKind() == TemplateArgument::Type &&
        mentionsRecord(Arg.getAsType(), R, Depth + 1))
      return true;
  return false;
}
} // namespace

bool isBinderCall(const CallExpr *Call, const CXXMethodDecl *Method) {
  if (!Method || isa<CXXOperatorCallExpr>(Call))
    return false;
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD)
    return false;
  const QualType Result = FD->getReturnType();
  return !Result->isReferenceType() && !Result->isPointerType() &&
         isa_and_nonnull<ClassTemplateSpecializationDecl>(recordOf(Result)) &&
         mentionsRecord(Result, Method->getParent());
}

namespace {
/// `Args[MethodArg]` is `&C::m` of \p Method and `Args[ObjArg]` the object
/// the binder \p E calls it on: `this`, `*this`, shared_from_this(), a raw
/// pointer to a class managed by shared_ptr; the other arguments may hold
/// strong references.
std::optional<BoundCallable> bindingOf(const Expr *E,
                                       llvm::ArrayRef<const Expr *> Args,
                                       unsigned MethodArg, unsigned ObjArg,
                                       const CXXMethodDecl *Method,
                                       std::string BindName, const Config &Cfg) {
  BoundCallable C;
  C.E = E;
  C.Kind = CallableKind::Bind;
  C.BoundMethod = Method;
  C.BindName = std::move(BindName);
  const Expr *Obj = strip(Args[ObjArg], Cfg)->IgnoreParenImpCasts();
  if (const auto *Deref = dyn_cast<UnaryOperator>(Obj))
    if (Deref->getOpcode() == UO_Deref &&
        isa<CXXThisExpr>(Deref->getSubExpr()->IgnoreParenImpCasts()))
      Obj = Deref->getSubExpr()->IgnoreParenImpCasts(); // `*this`
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
  // `bind(&C::handler, this, shared_from_this(), _1)`: the binder's copy
  // of the strong reference keeps the object alive, as binding
  // shared_from_this() as the object would.
  if (C.CapturesThis)
    for (unsigned I = 0; I < Args.size() && !C.SelfBindArg; ++I)
      if (I != MethodArg && I != ObjArg &&
          isSharedFromThisCall(
              strip(Args[I], Cfg)->IgnoreParenImpCasts()))
        C.SelfBindArg = Args[I];
  for (unsigned I = 0; I < Args.size(); ++I)
    if (I != MethodArg)
      if (const auto *Ref = dyn_cast<DeclRefExpr>(
              strip(Args[I], Cfg)->IgnoreParenImpCasts()))
        if (const auto *V = dyn_cast<VarDecl>(Ref->getDecl()))
          if (isNamedType(V->getType(), Cfg.KeepAlivePointerTypes))
            C.HeldOwners.push_back(V);
  if (!C.Object && !C.HeldOwners.empty())
    C.Object = Method->getParent();
  if (C.Object)
    return C;
  return std::nullopt;
}
} // namespace

std::optional<BoundCallable> classifyBind(const CallExpr *Call,
                                          const Config &Cfg) {
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD || Call->getNumArgs() < 2 || !FD->getIdentifier())
    return std::nullopt;
  const std::string Name = FD->getQualifiedNameAsString();
  const llvm::ArrayRef<const Expr *> Args(Call->getArgs(), Call->getNumArgs());
  const bool StandardBind = Name == "std::bind" || Name == "std::bind_front" ||
                            Name == "boost::bind";
  // The member function and the object next to it: `bind(&C::m, obj, ...)`,
  // or `mem_fun(obj, &C::m)` as sigc++ writes it.
  if (StandardBind &&
      !memberFunctionPointer(strip(Call->getArg(0), Cfg))) {
    // std::bind(&free_function, ptr, ...): the binder holds copies of its
    // arguments, strong pointers among them.
    BoundCallable C;
    C.E = Call;
    C.Kind = CallableKind::Bind;
    C.BindName = Name;
    for (unsigned I = 1; I < Call->getNumArgs(); ++I)
      if (const auto *Ref = dyn_cast<DeclRefExpr>(
              strip(Call->getArg(I), Cfg)->IgnoreParenImpCasts()))
        if (const auto *V = dyn_cast<VarDecl>(Ref->getDecl()))
          if (isNamedType(V->getType(), Cfg.KeepAlivePointerTypes))
            C.HeldOwners.push_back(V);
    if (C.HeldOwners.empty())
      return std::nullopt;
    C.Object = strongPointee(C.HeldOwners.front()->getType());
    if (!C.Object)
      return std::nullopt;
    return C;
  }
  for (unsigned MethodArg = 0; MethodArg < Call->getNumArgs(); ++MethodArg) {
    const CXXMethodDecl *Method =
        memberFunctionPointer(strip(Call->getArg(MethodArg), Cfg));
    if (!Method || Method->isStatic())
      continue;
    if (!StandardBind && !isBinderCall(Call, Method))
      return std::nullopt;
    for (const unsigned ObjArg : {MethodArg + 1, MethodArg - 1}) {
      if (ObjArg >= Call->getNumArgs() || (StandardBind && ObjArg != MethodArg + 1))
        continue;
      if (std::optional<BoundCallable> C = bindingOf(
              Call, Args, MethodArg, ObjArg, Method,
              StandardBind ? Name : FD->getQualifiedNameAsString(), Cfg))
        return C;
    }
    return std::nullopt;
  }
  return std::nullopt;
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
      !matchesName(FD->getName(), Cfg.RegistrationFunctions))
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

std::optional<BoundCallable> classifyThread(const CXXConstructExpr *Thread,
                                            const Config &Cfg) {
  if (Thread->getNumArgs() < 2)
    return std::nullopt;
  const CXXMethodDecl *Method =
      memberFunctionPointer(strip(Thread->getArg(0), Cfg));
  if (!Method || Method->isStatic())
    return std::nullopt;
  const Expr *Obj = strip(Thread->getArg(1), Cfg)->IgnoreParenImpCasts();
  const auto *This = dyn_cast<CXXThisExpr>(Obj);
  if (!This)
    return std::nullopt;
  BoundCallable C;
  C.E = Thread;
  C.Kind = CallableKind::Thread;
  C.BoundMethod = Method;
  C.BindName = Thread->getConstructor()->getParent()->getQualifiedNameAsString();
  C.CapturesThis = true;
  C.Object = This->getType()->getPointeeCXXRecordDecl();
  if (!C.Object)
    return std::nullopt;
  return C;
}

std::optional<BoundCallable>
classifyBindingConstruct(const CXXConstructExpr *Construct, const Config &Cfg) {
  if (Construct->getNumArgs() < 2 || !isCallbackType(Construct->getType(), Cfg))
    return std::nullopt;
  const CXXMethodDecl *Method =
      memberFunctionPointer(strip(Construct->getArg(0), Cfg));
  if (!Method || Method->isStatic())
    return std::nullopt;
  const llvm::ArrayRef<const Expr *> Args(Construct->getArgs(),
                                          Construct->getNumArgs());
  return bindingOf(
      Construct, Args, 0, 1, Method,
      Construct->getConstructor()->getParent()->getQualifiedNameAsString(), Cfg);
}

} // namespace detail
} // namespace clang::tidy::refcycle::escape
