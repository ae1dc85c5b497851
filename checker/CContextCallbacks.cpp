//===--- CContextCallbacks.cpp - `this` as a C callback's context ---------===//

#include "CContextCallbacks.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::refcycle {

namespace {

bool inSystemHeader(const Decl *D) {
  const SourceManager &SM = D->getASTContext().getSourceManager();
  return SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation()));
}

bool isVoidPointer(QualType T) {
  T = T.getCanonicalType();
  return T->isPointerType() && T->getPointeeType()->isVoidType();
}

// A C function of a library: declared in a system header, not a C++ member,
// taking a callback as a function pointer.
bool isCCallbackRegistration(const FunctionDecl *F) {
  if (!F || isa<CXXMethodDecl>(F) || !inSystemHeader(F))
    return false;
  return llvm::any_of(F->parameters(), [](const ParmVarDecl *P) {
    return P->getType().getCanonicalType()->isFunctionPointerType();
  });
}

const Expr *stripCasts(const Expr *E) {
  for (;;) {
    E = E->IgnoreParenCasts();
    if (const auto *Address = dyn_cast<UnaryOperator>(E);
        Address && Address->getOpcode() == UO_AddrOf) {
      E = Address->getSubExpr();
      continue;
    }
    return E;
  }
}

// The member of `*this` that \p E names (`bev_`, `&timer_`, `this->ev_`).
const FieldDecl *ownMember(const Expr *E) {
  const auto *Member = dyn_cast<MemberExpr>(stripCasts(E));
  if (!Member || !isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
    return nullptr;
  return dyn_cast<FieldDecl>(Member->getMemberDecl());
}

// Words of C library functions that end a registration.
bool isTeardownName(StringRef Name) {
  const std::string Lower = Name.lower();
  for (StringRef Word : {"free", "del", "close", "stop", "cancel", "destroy",
                         "remove", "disable", "disconnect", "join", "unref"})
    if (StringRef(Lower).contains(Word))
      return true;
  return false;
}

// The call whose result \p E is, through conversions and the construction
// of an owning pointer (`std::unique_ptr<event, F>(event_new(...))`).
const CallExpr *resultOf(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 4; ++Depth) {
    E = E->IgnoreImplicit()->IgnoreParenCasts();
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      E = Construct->getNumArgs() > 0 ? Construct->getArg(0) : nullptr;
      continue;
    }
    return dyn_cast<CallExpr>(E);
  }
  return nullptr;
}

// A handle the C++ object frees by itself: a member of a class type with a
// destructor of its own (a unique_ptr with event_free as its deleter).
bool freesItself(const FieldDecl *Handle) {
  const auto *Record = Handle->getType()->getAsCXXRecordDecl();
  return Record && Record->hasDefinition() &&
         !Record->hasTrivialDestructor();
}

class TeardownFinder : public RecursiveASTVisitor<TeardownFinder> {
public:
  explicit TeardownFinder(const FieldDecl *Handle) : Handle(Handle) {}
  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *F = Call->getDirectCallee();
    if (Found || !F || isa<CXXMethodDecl>(F) || !inSystemHeader(F) ||
        !F->getIdentifier() || !isTeardownName(F->getName()))
      return true;
    for (const Expr *Arg : Call->arguments())
      if (const FieldDecl *M = ownMember(Arg);
          M && M->getCanonicalDecl() == Handle->getCanonicalDecl())
        Found = Call;
    return true;
  }
  const CallExpr *Found = nullptr;

private:
  const FieldDecl *Handle;
};

const CallExpr *findTeardown(const CXXRecordDecl *Object,
                             const FieldDecl *Handle) {
  for (const CXXMethodDecl *M : Object->methods()) {
    const FunctionDecl *Def = nullptr;
    if (!M->hasBody(Def) || !Def)
      continue;
    TeardownFinder Finder(Handle);
    Finder.TraverseStmt(Def->getBody());
    if (Finder.Found)
      return Finder.Found;
  }
  return nullptr;
}

// Every member function the class declares has its body here: a teardown
// elsewhere would be out of sight.
bool allMethodsVisible(const CXXRecordDecl *Object) {
  return llvm::all_of(Object->methods(), [](const CXXMethodDecl *M) {
    return M->isImplicit() || M->isPureVirtual() || M->isDefaulted() ||
           M->isDeleted() || M->hasBody();
  });
}

class RegistrationFinder : public RecursiveASTVisitor<RegistrationFinder> {
public:
  RegistrationFinder(const CXXMethodDecl *Method,
                     std::vector<CContextRegistration> &Out)
      : Object(Method->getParent()), Out(Out) {}

  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *F = Call->getDirectCallee();
    if (!isCCallbackRegistration(F))
      return true;
    const unsigned N = std::min(Call->getNumArgs(), F->getNumParams());
    for (unsigned I = 0; I < N; ++I) {
      if (!isVoidPointer(F->getParamDecl(I)->getType()) ||
          !isa<CXXThisExpr>(Call->getArg(I)->IgnoreParenCasts()))
        continue;
      CContextRegistration R;
      R.Site = Call;
      R.Callee = F;
      R.Context = Call->getArg(I);
      R.Object = Object;
      // A pointer result is the registration (event_new); otherwise the
      // first argument names it (bufferevent_setcb(bev_, ...),
      // event_assign(&ev_, ...), pthread_create(&thread_, ...)).
      if (F->getReturnType()->isPointerType()) {
        auto It = StoredInto.find(Call);
        R.Handle = It == StoredInto.end() ? nullptr : It->second;
      } else if (Call->getNumArgs() > 0) {
        R.Handle = ownMember(Call->getArg(0));
      }
      Out.push_back(R);
    }
    return true;
  }

  // `ev_ = event_new(...)`, `timer_.data = this`.
  bool VisitBinaryOperator(BinaryOperator *Op) {
    if (Op->getOpcode() != BO_Assign)
      return true;
    if (const FieldDecl *M = ownMember(Op->getLHS()))
      if (const CallExpr *Call = resultOf(Op->getRHS()))
        StoredInto[Call] = M;
    const auto *Data = dyn_cast<MemberExpr>(Op->getLHS()->IgnoreParenImpCasts());
    if (!Data || !isa<CXXThisExpr>(Op->getRHS()->IgnoreParenCasts()) ||
        !isVoidPointer(Data->getType()))
      return true;
    const auto *Field = dyn_cast<FieldDecl>(Data->getMemberDecl());
    if (!Field || !inSystemHeader(Field))
      return true;
    CContextRegistration R;
    R.Site = Op;
    R.Context = Op->getRHS();
    R.Object = Object;
    R.Handle = ownMember(Data->getBase());
    Out.push_back(R);
    return true;
  }

  // `ev_ = std::unique_ptr<event, F>(event_new(...))`, `ev_.reset(...)`.
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2)
      if (const FieldDecl *M = ownMember(Op->getArg(0)))
        if (const CallExpr *Call = resultOf(Op->getArg(1)))
          StoredInto[Call] = M;
    return true;
  }
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    if (Method && Method->getIdentifier() && Method->getName() == "reset" &&
        Call->getNumArgs() > 0)
      if (const FieldDecl *M = ownMember(Call->getImplicitObjectArgument()))
        if (const CallExpr *Inner = resultOf(Call->getArg(0)))
          StoredInto[Inner] = M;
    return true;
  }

  void visitInitializers(const CXXConstructorDecl *Ctor) {
    // `ev_(event_new(...))`: the member initialized with the call.
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->isWritten() && Init->getMember())
        if (const CallExpr *Call = resultOf(Init->getInit()))
          StoredInto[Call] = Init->getMember();
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->isWritten())
        TraverseStmt(Init->getInit());
  }

private:
  const CXXRecordDecl *Object;
  std::vector<CContextRegistration> &Out;
  llvm::DenseMap<const CallExpr *, const FieldDecl *> StoredInto;
};

} // namespace

std::vector<CContextRegistration>
findCContextRegistrations(const FunctionDecl *Fn, ASTContext &Ctx) {
  std::vector<CContextRegistration> Found;
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Fn);
  if (!Method || Method->isStatic() || !Method->hasBody() ||
      Method->getParent()->isLambda())
    return Found;
  RegistrationFinder Finder(Method, Found);
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Method))
    Finder.visitInitializers(Ctor);
  // Assignments are seen before the calls on their right.
  Finder.TraverseStmt(Method->getBody());
  std::vector<CContextRegistration> Kept;
  for (CContextRegistration &R : Found) {
    // Only a registration the object itself holds is judged: one held in
    // storage the class manages elsewhere (`event_assign(&sock->ev, ...)`)
    // or by nothing at all may be ended where this class cannot see.
    if (!R.Handle || !allMethodsVisible(R.Object) || freesItself(R.Handle))
      continue;
    R.Teardown = findTeardown(R.Object, R.Handle);
    Kept.push_back(R);
  }
  return Kept;
}

} // namespace clang::tidy::refcycle
