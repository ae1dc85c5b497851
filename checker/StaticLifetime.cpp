//===--- StaticLifetime.cpp - objects that live as long as the program ----===//

#include "StaticLifetime.h"
#include "ConstructionOnly.h"
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
    if (T->isPointerType()) {
      // A leaky singleton: a static pointer given a `new` object.
      const Expr *Init = V->getInit();
      if (!V->hasGlobalStorage() || !Init ||
          !isa<CXXNewExpr>(Init->IgnoreParenImpCasts()))
        return true;
      T = T->getPointeeType();
    } else if (T->isReferenceType()) {
      return true;
    }
    if (const CXXRecordDecl *R = objectClass(T))
      Found.push_back({R, V});
    return true;
  }

  struct Instance {
    const CXXRecordDecl *Record;
    const VarDecl *Var;
  };
  std::vector<Instance> Found;

private:
  const SourceManager &SM;
};

} // namespace

void StaticLifetimes::collect(const TranslationUnitDecl *TU,
                              const SourceManager &SM) {
  Collector C(SM);
  C.TraverseDecl(const_cast<TranslationUnitDecl *>(TU));
  for (const Collector::Instance &I : C.Found)
    add(I.Record, I.Var, 0);
}

void StaticLifetimes::add(const CXXRecordDecl *Record, const VarDecl *Var,
                          unsigned Depth) {
  if (!Record || Depth > 4 || !Instances.try_emplace(Record, Var).second)
    return;
  // Its by-value members live as long. (Not its bases: other classes
  // derived from them may have objects that come and go.) So do the objects
  // it owns through a std::unique_ptr or a raw pointer filled only with
  // `new` when only its constructors set that member: they are made with
  // it and replaced never.
  for (const FieldDecl *F : Record->fields()) {
    const QualType T = F->getType();
    if (T->isPointerType()) {
      if (escape::detail::isNewOwnedField(F) && onlyConstructorsSetHere(F))
        add(objectClass(T->getPointeeType()), Var, Depth + 1);
      continue;
    }
    if (escape::detail::isUniquePtr(T)) {
      const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          T->getAsCXXRecordDecl());
      if (Spec && Spec->getTemplateArgs().size() > 0 &&
          Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type &&
          onlyConstructorsSetHere(F))
        add(objectClass(Spec->getTemplateArgs()[0].getAsType()), Var,
            Depth + 1);
      continue;
    }
    add(objectClass(T), Var, Depth + 1);
  }
}

const VarDecl *StaticLifetimes::instanceOf(const CXXRecordDecl *Record) const {
  if (!Record || !Record->hasDefinition())
    return nullptr;
  return Instances.lookup(Record->getDefinition());
}

} // namespace clang::tidy::refcycle
