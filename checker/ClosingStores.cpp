//===--- ClosingStores.cpp - two objects stored into each other -----------===//

#include "ClosingStores.h"
#include "CallableEscape.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::refcycle {

namespace {

// Calls that add their argument to a container.
bool isGrowingCall(const CXXMethodDecl *Method) {
  if (!Method || !Method->getIdentifier())
    return false;
  static constexpr llvm::StringLiteral Growing[] = {
      "push_back", "emplace_back", "push_front",       "emplace_front",
      "insert",    "emplace",      "emplace_hint",     "try_emplace",
      "push",      "append",       "insert_or_assign",
  };
  return llvm::is_contained(Growing, Method->getName());
}

// Calls that hand on the object their one argument names.
bool isPassThrough(const FunctionDecl *Callee) {
  if (!Callee || !Callee->getIdentifier())
    return false;
  static constexpr llvm::StringLiteral PassThrough[] = {
      "move",               "forward",           "static_pointer_cast",
      "dynamic_pointer_cast", "const_pointer_cast", "reinterpret_pointer_cast",
  };
  return llvm::is_contained(PassThrough, Callee->getName());
}

// The object \p E names inside \p Fn: a local variable or parameter, or Fn
// itself for `this`; null when it names none.
const Decl *identityOf(const Expr *E, const FunctionDecl *Fn) {
  for (unsigned Steps = 0; E && Steps < 8; ++Steps) {
    E = E->IgnoreImplicit()->IgnoreParens();
    if (isa<CXXThisExpr>(E) || escape::isSelfReference(E))
      return Fn;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      return Var && !Var->hasGlobalStorage() ? Var->getCanonicalDecl()
                                             : nullptr;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      // A copy, a move, or a converting construction
      // (shared_ptr<Derived> to shared_ptr<Base>).
      if (Construct->getNumArgs() != 1)
        return nullptr;
      E = Construct->getArg(0);
      continue;
    }
    if (const auto *Cast = dyn_cast<CastExpr>(E)) {
      E = Cast->getSubExpr();
      continue;
    }
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      if (Call->getNumArgs() == 1 && isPassThrough(Call->getDirectCallee())) {
        E = Call->getArg(0);
        continue;
      }
      return nullptr;
    }
    return nullptr;
  }
  return nullptr;
}

// The object a pointer-like expression designates: the pointer of `p->`,
// `*p`, `p.get()->`, or the expression itself.
const Decl *designatedObject(const Expr *E, const FunctionDecl *Fn) {
  E = E->IgnoreImplicit()->IgnoreParens();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
    if ((Op->getOperator() == OO_Arrow || Op->getOperator() == OO_Star) &&
        Op->getNumArgs() >= 1)
      E = Op->getArg(0);
  if (const auto *Deref = dyn_cast<UnaryOperator>(E))
    if (Deref->getOpcode() == UO_Deref)
      E = Deref->getSubExpr();
  if (const auto *Get = dyn_cast<CXXMemberCallExpr>(E->IgnoreImplicit()))
    if (const auto *Method = Get->getMethodDecl())
      if (Method->getIdentifier() && Method->getName() == "get")
        E = Get->getImplicitObjectArgument();
  return identityOf(E, Fn);
}

// The object whose member \p Member names: the base of `p->m`, `p.m`,
// `(*p).m`, `p.get()->m` or the implicit `this`.
const Decl *ownerOf(const MemberExpr *Member, const FunctionDecl *Fn) {
  return designatedObject(Member->getBase(), Fn);
}

// The object a member call is made on.
const Decl *objectOf(const CXXMemberCallExpr *Call, const FunctionDecl *Fn) {
  const Expr *Object = Call->getImplicitObjectArgument();
  return Object ? designatedObject(Object, Fn) : nullptr;
}

// The member of interest \p E names, directly or through `m[k]`.
const MemberExpr *memberOf(const Expr *E,
                           const llvm::DenseSet<const FieldDecl *> &Fields) {
  E = E->IgnoreImplicit()->IgnoreParens();
  if (const auto *Subscript = dyn_cast<CXXOperatorCallExpr>(E))
    if (Subscript->getOperator() == OO_Subscript && Subscript->getNumArgs() == 2)
      E = Subscript->getArg(0)->IgnoreImplicit()->IgnoreParens();
  const auto *Member = dyn_cast<MemberExpr>(E);
  if (!Member)
    return nullptr;
  const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
  return Field && Fields.count(Field->getCanonicalDecl()) ? Member : nullptr;
}

// A parameter of \p Fn stored into a member of its object: the summary a
// call of Fn is read through.
struct ParameterStore {
  unsigned Index;
  const FieldDecl *Field;
};

class StoreCollector : public RecursiveASTVisitor<StoreCollector> {
public:
  StoreCollector(const SourceManager &SM,
                 const llvm::DenseSet<const FieldDecl *> &Fields)
      : SM(SM), Fields(Fields) {}

  bool shouldVisitTemplateInstantiations() const { return true; }

  bool TraverseDecl(Decl *D) {
    if (!D)
      return true;
    if (!isa<TranslationUnitDecl>(D) &&
        SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation())))
      return true;
    const auto *Fn = dyn_cast<FunctionDecl>(D);
    const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Fn);
    // A lambda's body belongs to the function it is written in: its `this`
    // is that function's.
    const bool Enters =
        Fn && Fn->hasBody() && !(Method && Method->getParent()->isLambda());
    if (Enters)
      Functions.push_back(Fn);
    const bool Result = RecursiveASTVisitor::TraverseDecl(D);
    if (Enters)
      Functions.pop_back();
    return Result;
  }

  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Call) {
    if (Call->getOperator() == OO_Equal && Call->getNumArgs() == 2)
      addStore(Call->getArg(0), Call->getArg(1), Call);
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *Op) {
    if (Op->getOpcode() == BO_Assign)
      addStore(Op->getLHS(), Op->getRHS(), Op);
    return true;
  }

  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const FunctionDecl *Fn = current();
    if (!Fn)
      return true;
    const CXXMethodDecl *Method = Call->getMethodDecl();
    if (isGrowingCall(Method)) {
      if (const Expr *Object = Call->getImplicitObjectArgument())
        if (const MemberExpr *Member = memberOf(Object, Fields))
          for (const Expr *Arg : Call->arguments())
            addStoreTo(Member, identityOf(Arg, Fn), Call);
      return true;
    }
    if (Method && !isInSystemCode(Method))
      MemberCalls.push_back({Call, Fn});
    return true;
  }

  bool VisitCXXConstructorDecl(CXXConstructorDecl *Ctor) {
    if (!Ctor->hasBody())
      return true;
    for (const CXXCtorInitializer *Init : Ctor->inits()) {
      const FieldDecl *Field = Init->getMember();
      if (!Field || !Init->isWritten() ||
          !Fields.count(Field->getCanonicalDecl()))
        continue;
      if (const auto *Param =
              dyn_cast_or_null<ParmVarDecl>(identityOf(Init->getInit(), Ctor)))
        Summaries[Ctor->getCanonicalDecl()].push_back(
            {Param->getFunctionScopeIndex(), Field});
    }
    return true;
  }

  bool VisitVarDecl(VarDecl *Var) {
    // `auto child = std::make_shared<Node>(shared_from_this());`,
    // `Node *child = new Node(this);`, `Node child(this);`
    const FunctionDecl *Fn = current();
    if (Fn && Var->hasInit() && !Var->hasGlobalStorage())
      Constructions.push_back({Var, Fn});
    return true;
  }

  std::vector<ClosingPair> pairs();

private:
  const FunctionDecl *current() const {
    return Functions.empty() ? nullptr : Functions.back();
  }
  bool isInSystemCode(const Decl *D) const {
    return SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation()));
  }

  void addStore(const Expr *Target, const Expr *Value, const Expr *Site) {
    const FunctionDecl *Fn = current();
    if (!Fn)
      return;
    if (const MemberExpr *Member = memberOf(Target, Fields))
      addStoreTo(Member, identityOf(Value, Fn), Site);
  }

  void addStoreTo(const MemberExpr *Member, const Decl *Stored,
                  const Expr *Site) {
    const FunctionDecl *Fn = current();
    const Decl *Into = ownerOf(Member, Fn);
    if (!Stored || !Into)
      return;
    const auto *Field = cast<FieldDecl>(Member->getMemberDecl());
    Stores[Fn].push_back({Fn, Field, Into, Stored, Site});
    // A member function storing its parameter into its own object.
    if (Into == Fn)
      if (const auto *Param = dyn_cast<ParmVarDecl>(Stored))
        if (Param->getDeclContext() == Fn)
          Summaries[Fn->getCanonicalDecl()].push_back(
              {Param->getFunctionScopeIndex(), Field});
  }

  void addCallStores();
  void addConstructionStores();
  const CXXConstructorDecl *constructorOf(const Expr *Init,
                                          const Expr *&ArgsOf) const;

  const SourceManager &SM;
  const llvm::DenseSet<const FieldDecl *> &Fields;
  llvm::SmallVector<const FunctionDecl *, 4> Functions;
  llvm::MapVector<const FunctionDecl *, std::vector<MemberStore>> Stores;
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<ParameterStore, 1>>
      Summaries;
  std::vector<std::pair<const CXXMemberCallExpr *, const FunctionDecl *>>
      MemberCalls;
  std::vector<std::pair<const VarDecl *, const FunctionDecl *>> Constructions;
};

void StoreCollector::addCallStores() {
  // `item->setHolder(shelf)`: a member function that stores its parameter.
  for (const auto &[Call, Fn] : MemberCalls) {
    const auto It = Summaries.find(Call->getMethodDecl()->getCanonicalDecl());
    if (It == Summaries.end())
      continue;
    const Decl *Into = objectOf(Call, Fn);
    for (const ParameterStore &S : It->second)
      if (S.Index < Call->getNumArgs())
        if (const Decl *Stored = identityOf(Call->getArg(S.Index), Fn);
            Stored && Into)
          Stores[Fn].push_back({Fn, S.Field, Into, Stored, Call});
  }
}

const CXXConstructorDecl *
StoreCollector::constructorOf(const Expr *Init, const Expr *&ArgsOf) const {
  Init = Init->IgnoreImplicit()->IgnoreParens();
  if (const auto *New = dyn_cast<CXXNewExpr>(Init))
    Init = New->getConstructExpr();
  if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Init)) {
    // `std::shared_ptr<Node>(new Node(this))`
    if (Construct->getNumArgs() == 1 &&
        !Construct->getConstructor()->isCopyOrMoveConstructor())
      if (const auto *Inner = constructorOf(Construct->getArg(0), ArgsOf))
        return Inner;
    ArgsOf = Construct;
    return Construct->getConstructor();
  }
  // std::make_shared<Node>(args...): the constructor of Node that takes that
  // many arguments, when there is one.
  const auto *Call = dyn_cast_or_null<CallExpr>(Init);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || !Callee->getIdentifier() ||
      (Callee->getName() != "make_shared" && Callee->getName() != "make_unique"))
    return nullptr;
  const auto *Made = Call->getType()->getAsCXXRecordDecl();
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(Made);
  if (!Spec || Spec->getTemplateArgs().size() < 1 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return nullptr;
  const CXXRecordDecl *Record =
      Spec->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition())
    return nullptr;
  const CXXConstructorDecl *Found = nullptr;
  for (const CXXConstructorDecl *Ctor : Record->ctors())
    if (Ctor->getNumParams() == Call->getNumArgs() &&
        !Ctor->isCopyOrMoveConstructor()) {
      if (Found)
        return nullptr;
      Found = Ctor;
    }
  ArgsOf = Call;
  return Found;
}

void StoreCollector::addConstructionStores() {
  for (const auto &[Var, Fn] : Constructions) {
    const Expr *ArgsOf = nullptr;
    const CXXConstructorDecl *Ctor = constructorOf(Var->getInit(), ArgsOf);
    if (!Ctor)
      continue;
    const auto It = Summaries.find(Ctor->getCanonicalDecl());
    if (It == Summaries.end())
      continue;
    auto argument = [&](unsigned I) -> const Expr * {
      if (const auto *Construct = dyn_cast<CXXConstructExpr>(ArgsOf))
        return I < Construct->getNumArgs() ? Construct->getArg(I) : nullptr;
      const auto *Call = cast<CallExpr>(ArgsOf);
      return I < Call->getNumArgs() ? Call->getArg(I) : nullptr;
    };
    for (const ParameterStore &S : It->second)
      if (const Expr *Arg = argument(S.Index))
        if (const Decl *Stored = identityOf(Arg, Fn))
          Stores[Fn].push_back(
              {Fn, S.Field, Var->getCanonicalDecl(), Stored, ArgsOf});
  }
}

std::vector<ClosingPair> StoreCollector::pairs() {
  addCallStores();
  addConstructionStores();
  std::vector<ClosingPair> Pairs;
  for (auto &Entry : Stores) {
    std::vector<MemberStore> &List = Entry.second;
    for (std::size_t I = 0; I < List.size(); ++I)
      for (std::size_t J = I + 1; J < List.size(); ++J) {
        const MemberStore &A = List[I];
        const MemberStore &B = List[J];
        if (A.Into == A.Stored || A.Into != B.Stored || A.Stored != B.Into)
          continue;
        const bool AFirst = SM.isBeforeInTranslationUnit(
            A.Site->getBeginLoc(), B.Site->getBeginLoc());
        Pairs.push_back(AFirst ? ClosingPair{A, B} : ClosingPair{B, A});
      }
  }
  return Pairs;
}

} // namespace

std::vector<ClosingPair>
findClosingPairs(ASTContext &Ctx,
                 const llvm::DenseSet<const FieldDecl *> &Fields) {
  if (Fields.empty())
    return {};
  StoreCollector Collector(Ctx.getSourceManager(), Fields);
  Collector.TraverseDecl(Ctx.getTranslationUnitDecl());
  return Collector.pairs();
}

std::string objectName(const Decl *Object) {
  if (const auto *Var = dyn_cast_or_null<VarDecl>(Object))
    return Var->getNameAsString();
  return "this";
}

} // namespace clang::tidy::refcycle
