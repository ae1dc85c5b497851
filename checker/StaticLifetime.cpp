//===--- StaticLifetime.cpp - objects that live as long as the program ----===//

#include "StaticLifetime.h"
#include "ConstructionOnly.h"
#include "CallableEscape.h"
#include "EscapeSupport.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::refcycle {

namespace {

/// The class an object of type \p T is (through arrays), or null.
const CXXRecordDecl *objectClass(QualType T) {
  if (T.isNull() || T->isDependentType())
    return nullptr;
  while (const ArrayType *A = T->getAsArrayTypeUnsafe())
    T = A->getElementType();
  const CXXRecordDecl *R = T->getAsCXXRecordDecl();
  return R && R->hasDefinition() ? R->getDefinition() : nullptr;
}

/// The class of the object \p E makes: `new T(...)`, `std::make_shared<T>`,
/// `std::make_unique<T>` (and boost's), or null.
const CXXRecordDecl *madeObject(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *Temp = dyn_cast<CXXBindTemporaryExpr>(E))
    return madeObject(Temp->getSubExpr());
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    if (Construct->getNumArgs() == 1 &&
        escape::detail::isOwningPointer(Construct->getType()))
      return madeObject(Construct->getArg(0));
  if (const auto *New = dyn_cast<CXXNewExpr>(E))
    return New->isArray() ? nullptr : objectClass(New->getAllocatedType());
  if (const auto *Call = dyn_cast<CallExpr>(E))
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      if (Callee->getIdentifier() &&
          (Callee->getName() == "make_shared" ||
           Callee->getName() == "make_unique") &&
          (Callee->isInStdNamespace() ||
           StringRef(Callee->getQualifiedNameAsString()).starts_with("boost::")))
        if (const CXXRecordDecl *R = escape::strongPointee(Call->getType()))
          return R->hasDefinition() ? R->getDefinition() : nullptr;
  return nullptr;
}

/// \p V can be named only by code of this translation unit: a
/// function-local static, internal linkage, or every declaration in the
/// main file (no header declares it).
bool namedOnlyHere(const VarDecl *V, const SourceManager &SM) {
  if (V->isStaticLocal() || !V->isExternallyVisible())
    return true;
  for (const VarDecl *D : V->redecls())
    if (!SM.isWrittenInMainFile(SM.getExpansionLoc(D->getLocation())))
      return false;
  return true;
}

class Collector : public RecursiveASTVisitor<Collector> {
public:
  explicit Collector(const SourceManager &SM) : SM(SM) {}
  bool shouldVisitTemplateInstantiations() const { return true; }

  bool TraverseDecl(Decl *D) {
    if (!D || (!isa<TranslationUnitDecl>(D) &&
               SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation()))))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }

  bool VisitVarDecl(VarDecl *V) {
    if (V->isInvalidDecl() || isa<ParmVarDecl>(V))
      return true;
    const auto *Fn = dyn_cast_or_null<FunctionDecl>(V->getDeclContext());
    const bool InMain = Fn && Fn->isMain() && V->hasLocalStorage();
    if (!V->hasGlobalStorage() && !InMain)
      return true;
    QualType T = V->getType();
    if (T->isPointerType() ||
        (V->hasGlobalStorage() && escape::detail::isOwningPointer(T))) {
      if (!V->hasGlobalStorage())
        return true;
      // A leaky singleton: a static pointer given a `new` object in its
      // initializer. One given `new` objects later is judged at the end.
      const CXXRecordDecl *Made = madeObject(V->getInit());
      if (!Made) {
        if (T->isPointerType())
          Pointers.insert(V->getCanonicalDecl());
        return true;
      }
      if (T->isPointerType())
        Found.push_back({Made, V});
      else
        Owning.push_back({Made, V});
      return true;
    }
    if (T->isReferenceType())
      return true;
    if (const CXXRecordDecl *R = objectClass(T))
      Found.push_back({R, V});
    return true;
  }

  // `g = new T;`: what a global pointer is given.
  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->getOpcode() != BO_Assign)
      return true;
    if (const VarDecl *V = globalVar(B->getLHS())) {
      if (const CXXRecordDecl *Made = madeObject(B->getRHS()))
        Assigned[V->getCanonicalDecl()].insert(Made);
      else if (!B->getRHS()->IgnoreParenImpCasts()->isNullPointerConstant(
                   V->getASTContext(), Expr::NPC_ValueDependentIsNotNull))
        Released.insert(V->getCanonicalDecl());
    }
    return true;
  }

  bool VisitCXXDeleteExpr(CXXDeleteExpr *D) {
    if (const VarDecl *V = globalVar(D->getArgument()))
      Released.insert(V->getCanonicalDecl());
    return true;
  }

  // `p.reset()`, `p.release()`, `p.swap(q)`, `p = ...` on a static smart
  // pointer.
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    if (M && M->getIdentifier() &&
        (M->getName() == "reset" || M->getName() == "release" ||
         M->getName() == "swap"))
      if (const VarDecl *V = globalVar(Call->getImplicitObjectArgument()))
        Released.insert(V->getCanonicalDecl());
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2)
      if (const VarDecl *V = globalVar(Op->getArg(0)))
        Released.insert(V->getCanonicalDecl());
    return true;
  }

  struct Instance {
    const CXXRecordDecl *Record;
    const VarDecl *Var;
  };
  std::vector<Instance> Found;
  std::vector<Instance> Owning; // static smart pointers made with an object
  llvm::SmallPtrSet<const VarDecl *, 8> Pointers;
  llvm::DenseMap<const VarDecl *, llvm::SmallPtrSet<const CXXRecordDecl *, 1>>
      Assigned;
  llvm::SmallPtrSet<const VarDecl *, 4> Released;

private:
  static const VarDecl *globalVar(const Expr *E) {
    const auto *Ref =
        E ? dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()) : nullptr;
    const auto *V = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    return V && V->hasGlobalStorage() ? V : nullptr;
  }
  const SourceManager &SM;
};

} // namespace

void StaticLifetimes::collect(const TranslationUnitDecl *TU,
                              const SourceManager &SM) {
  Collector C(SM);
  C.TraverseDecl(const_cast<TranslationUnitDecl *>(TU));
  for (const Collector::Instance &I : C.Found)
    add(I.Record, I.Var, 0, Instances);
  Released.insert(C.Released.begin(), C.Released.end());
  // Objects a global pointer is given later, or a static smart pointer is
  // made with: the program's for good when nothing deletes or replaces
  // them. This file decides when no other file can name the pointer; the
  // whole program decides otherwise.
  auto judge = [&](const CXXRecordDecl *Made, const VarDecl *V) {
    if (C.Released.count(V->getCanonicalDecl()))
      return;
    add(Made, V, 0, namedOnlyHere(V, SM) ? Instances : Provisional);
  };
  for (const Collector::Instance &I : C.Owning)
    judge(I.Record, I.Var);
  for (const VarDecl *V : C.Pointers) {
    auto It = C.Assigned.find(V);
    if (It != C.Assigned.end() && It->second.size() == 1)
      judge(*It->second.begin(), V);
  }
  // A provisional class that this file already proves is not provisional.
  for (const auto &Entry : Instances)
    Provisional.erase(Entry.first);
}

void StaticLifetimes::add(const CXXRecordDecl *Record, const VarDecl *Var,
                          unsigned Depth, InstanceMap &Into) {
  if (!Record || Depth > 4 || Instances.count(Record) ||
      !Into.try_emplace(Record, Var).second)
    return;
  // Its parts live as long (not its bases: other classes derived from them
  // may have objects that come and go).
  for (const FieldDecl *F : Record->fields())
    add(partOwnedForLife(F), Var, Depth + 1, Into);
}

const CXXRecordDecl *partOwnedForLife(const FieldDecl *F) {
  const QualType T = F->getType();
  if (T->isPointerType())
    return escape::detail::isNewOwnedField(F) && onlyConstructorsSetHere(F)
               ? objectClass(T->getPointeeType())
               : nullptr;
  if (escape::detail::isUniquePtr(T)) {
    const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
        T->getAsCXXRecordDecl());
    if (Spec && Spec->getTemplateArgs().size() > 0 &&
        Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type &&
        onlyConstructorsSetHere(F))
      return objectClass(Spec->getTemplateArgs()[0].getAsType());
    return nullptr;
  }
  return objectClass(T);
}

const VarDecl *StaticLifetimes::instanceOf(const CXXRecordDecl *Record) const {
  if (!Record || !Record->hasDefinition())
    return nullptr;
  return Instances.lookup(Record->getDefinition());
}

} // namespace clang::tidy::refcycle
