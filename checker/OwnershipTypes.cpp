//===--- OwnershipTypes.cpp -----------------------------------------------===//

#include "OwnershipTypes.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::refcycle {

namespace graph = ::refcycle::graph;

namespace {
// Deeper nesting than this is not followed (keeps odd types cheap).
constexpr unsigned MaxDepth = 12;

void appendArguments(llvm::ArrayRef<TemplateArgument> From,
                     llvm::SmallVectorImpl<TemplateArgument> &Args) {
  for (const TemplateArgument &A : From) {
    if (A.getKind() == TemplateArgument::Pack)
      appendArguments(A.pack_elements(), Args);
    else
      Args.push_back(A);
  }
}

bool isInSystemHeader(const Decl *D, const ASTContext &Context) {
  SourceLocation Loc = D->getLocation();
  return Loc.isValid() && Context.getSourceManager().isInSystemHeader(
                              Context.getSourceManager().getExpansionLoc(Loc));
}
} // namespace

OwnershipTypeClassifier::OwnershipTypeClassifier(
    std::vector<std::string> SharedPointerTypes,
    std::vector<std::string> UniquePointerTypes)
    : SharedPointerTypes(std::move(SharedPointerTypes)),
      UniquePointerTypes(std::move(UniquePointerTypes)) {}

std::string OwnershipTypeClassifier::qualifiedName(const NamedDecl *D) {
  std::string Name = D->getNameAsString();
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
      if (NS->isInline() || NS->isAnonymousNamespace())
        continue;
      Name = NS->getNameAsString() + "::" + Name;
    } else if (const auto *R = dyn_cast<RecordDecl>(DC)) {
      Name = R->getNameAsString() + "::" + Name;
    }
  }
  return "::" + Name;
}

bool OwnershipTypeClassifier::isSharedPointer(const NamedDecl *Template) const {
  return Template && llvm::is_contained(SharedPointerTypes, qualifiedName(Template));
}

bool OwnershipTypeClassifier::isUniquePointer(const NamedDecl *Template) const {
  return Template && llvm::is_contained(UniquePointerTypes, qualifiedName(Template));
}

bool OwnershipTypeClassifier::isWeakPointer(const NamedDecl *Template) {
  if (!Template)
    return false;
  const std::string Name = qualifiedName(Template);
  return Name == "::std::weak_ptr" || Name == "::boost::weak_ptr";
}

bool OwnershipTypeClassifier::isSharedPointerType(QualType T) const {
  llvm::SmallVector<TemplateArgument, 4> Args;
  return !T.isNull() && isSharedPointer(templateOf(T, Args));
}

bool OwnershipTypeClassifier::isStandardHolder(const NamedDecl *Template,
                                               bool &ManyElements) {
  if (!Template || !Template->isInStdNamespace() || !Template->getIdentifier())
    return false;
  static const llvm::StringRef Many[] = {
      "vector",        "deque",          "list",
      "forward_list",  "set",            "multiset",
      "map",           "multimap",       "unordered_set",
      "unordered_multiset", "unordered_map", "unordered_multimap",
      "array",         "queue",          "stack",
      "priority_queue", "valarray"};
  static const llvm::StringRef One[] = {"optional", "variant", "pair", "tuple"};
  const llvm::StringRef Name = Template->getName();
  if (llvm::is_contained(Many, Name)) {
    ManyElements = true;
    return true;
  }
  if (llvm::is_contained(One, Name)) {
    ManyElements = false;
    return true;
  }
  return false;
}

const TemplateDecl *
OwnershipTypeClassifier::templateOf(QualType T,
                                    llvm::SmallVectorImpl<TemplateArgument> &Args) {
  for (unsigned Guard = 0; Guard < MaxDepth && !T.isNull(); ++Guard) {
    if (const auto *TST = T->getAs<TemplateSpecializationType>()) {
      if (TST->isTypeAlias()) {
        T = TST->getAliasedType();
        continue;
      }
      appendArguments(TST->template_arguments(), Args);
      return TST->getTemplateName().getAsTemplateDecl();
    }
    if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
            T->getAsCXXRecordDecl())) {
      appendArguments(Spec->getTemplateArgs().asArray(), Args);
      return Spec->getSpecializedTemplate();
    }
    return nullptr;
  }
  return nullptr;
}

const CXXRecordDecl *OwnershipTypeClassifier::recordFor(QualType T) {
  if (T.isNull())
    return nullptr;
  if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl())
    return RD;
  if (const auto *TST = T->getAs<TemplateSpecializationType>()) {
    if (TST->isTypeAlias())
      return recordFor(TST->getAliasedType());
    if (const auto *CTD = dyn_cast_or_null<ClassTemplateDecl>(
            TST->getTemplateName().getAsTemplateDecl()))
      return CTD->getTemplatedDecl();
  }
  return nullptr;
}

void OwnershipTypeClassifier::collect(
    QualType T, const ASTContext &Context,
    llvm::SmallVectorImpl<OwnedRecord> &Out, bool IncludeWeak) const {
  collect(T, Context, /*ViaContainer=*/false, 0, IncludeWeak, Out);
}

void OwnershipTypeClassifier::collect(
    QualType T, const ASTContext &Context, bool ViaContainer, unsigned Depth,
    bool IncludeWeak, llvm::SmallVectorImpl<OwnedRecord> &Out) const {
  if (T.isNull() || Depth > MaxDepth)
    return;
  // Pointers, references and member pointers own nothing.
  if (T->isReferenceType() || T->isPointerType() || T->isMemberPointerType())
    return;
  if (const ArrayType *AT = T->getAsArrayTypeUnsafe()) {
    collect(AT->getElementType(), Context, true, Depth + 1, IncludeWeak, Out);
    return;
  }

  llvm::SmallVector<TemplateArgument, 4> Args;
  const TemplateDecl *Template = templateOf(T, Args);
  if (Template) {
    const bool Shared = isSharedPointer(Template);
    const bool Unique = !Shared && isUniquePointer(Template);
    const bool Weak =
        !Shared && !Unique && IncludeWeak && isWeakPointer(Template);
    if (Shared || Unique || Weak) {
      if (Args.empty() || Args.front().getKind() != TemplateArgument::Type)
        return;
      QualType Pointee = Args.front().getAsType();
      if (const ArrayType *AT = Pointee->getAsArrayTypeUnsafe())
        Pointee = AT->getElementType();
      const CXXRecordDecl *Owned = recordFor(Pointee);
      if (!Owned)
        return;
      // A target that is only forward-declared here is still an edge: it
      // has no edges of its own in this TU, so it closes no cycle here, but
      // the whole-program graph joins it with the TU that defines it.
      if (const CXXRecordDecl *Definition = Owned->getDefinition())
        Owned = Definition;
      if (Owned->isInvalidDecl() || isInSystemHeader(Owned, Context))
        return;
      OwnedRecord R;
      R.Record = Owned;
      R.Kind = Shared   ? graph::OwnershipKind::Shared
               : Unique ? graph::OwnershipKind::Unique
                        : graph::OwnershipKind::Weak;
      R.Pointer = Template;
      R.ViaContainer = ViaContainer;
      Out.push_back(R);
      return;
    }
    bool Many = false;
    if (isStandardHolder(Template, Many)) {
      for (const TemplateArgument &A : Args)
        if (A.getKind() == TemplateArgument::Type)
          collect(A.getAsType(), Context, ViaContainer || Many, Depth + 1,
                  IncludeWeak, Out);
      return;
    }
  }

  // A by-value member of a user type: composition.
  const CXXRecordDecl *Value = recordFor(T);
  if (!Value || !(Value = Value->getDefinition()) || Value->isInvalidDecl() ||
      Value->isLambda() || isInSystemHeader(Value, Context))
    return;
  OwnedRecord R;
  R.Record = Value;
  R.Kind = graph::OwnershipKind::Value;
  R.ViaContainer = ViaContainer;
  Out.push_back(R);
}

} // namespace clang::tidy::refcycle
