//===--- SharedPtrCycleCheck.cpp - refcycle-shared-ptr-cycle --------------===//

#include "SharedPtrCycleCheck.h"

#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <deque>

using namespace clang::ast_matchers;

namespace clang::tidy::refcycle {

namespace {
constexpr llvm::StringLiteral DefaultSharedPointerTypes =
    "::std::shared_ptr;::boost::shared_ptr";
constexpr llvm::StringLiteral DefaultBackReferenceNames =
    "parent;owner;prev;back;delegate;listener;observer;subject;manager;host;"
    "context";

bool nameMatchesAny(StringRef Name, const std::vector<StringRef> &Words) {
  std::string Lower = Name.lower();
  return llvm::any_of(Words, [&](StringRef W) {
    return StringRef(Lower).contains(W.lower());
  });
}

std::string qualifiedName(const NamedDecl *D) {
  return "::" + D->getQualifiedNameAsString();
}
} // namespace

SharedPtrCycleCheck::SharedPtrCycleCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      SharedPointerTypes(utils::options::parseStringList(
          Options.get("SharedPointerTypes", DefaultSharedPointerTypes))),
      BackReferenceNames(utils::options::parseStringList(
          Options.get("BackReferenceNames", DefaultBackReferenceNames))) {}

void SharedPtrCycleCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "SharedPointerTypes",
                utils::options::serializeStringList(SharedPointerTypes));
  Options.store(Opts, "BackReferenceNames",
                utils::options::serializeStringList(BackReferenceNames));
}

void SharedPtrCycleCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      fieldDecl(unless(isExpansionInSystemHeader()),
                hasParent(cxxRecordDecl(isDefinition()).bind("owner")))
          .bind("member"),
      this);
}

void SharedPtrCycleCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Owner = Result.Nodes.getNodeAs<CXXRecordDecl>("owner");
  const auto *Member = Result.Nodes.getNodeAs<FieldDecl>("member");
  if (!Owner || !Member || Owner->isDependentContext())
    return;
  addMemberEdges(Owner, Member);
}

void SharedPtrCycleCheck::addMemberEdges(const CXXRecordDecl *Owner,
                                         const FieldDecl *Member) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Member->getType()->getAsCXXRecordDecl());
  if (!Spec || Spec->getTemplateArgs().size() < 1)
    return;
  const std::string Name = qualifiedName(Spec->getSpecializedTemplate());
  if (!llvm::is_contained(SharedPointerTypes, Name))
    return;
  const TemplateArgument &Pointee = Spec->getTemplateArgs()[0];
  if (Pointee.getKind() != TemplateArgument::Type)
    return;
  const CXXRecordDecl *Owned = Pointee.getAsType()->getAsCXXRecordDecl();
  if (!Owned || !Owned->hasDefinition())
    return;
  Graph.addEdge({Owner->getCanonicalDecl(), Owned->getCanonicalDecl(), Member,
                 OwnershipKind::Shared});
}

void SharedPtrCycleCheck::onEndOfTranslationUnit() {
  for (const std::vector<unsigned> &Component : Graph.multiTypeComponents())
    reportComponent(Component);
  Graph = OwnershipGraph();
}

void SharedPtrCycleCheck::reportComponent(
    const std::vector<unsigned> &EdgeIndices) {
  const std::vector<OwnershipEdge> &Edges = Graph.edges();

  // The edge to weaken: a back reference by name, else the edge that closes
  // the cycle in declaration order.
  unsigned Weak = EdgeIndices.back();
  for (unsigned I : EdgeIndices)
    if (nameMatchesAny(Edges[I].Member->getName(), BackReferenceNames)) {
      Weak = I;
      break;
    }

  // Shortest path inside the component from the weak edge's target back to
  // its owner: together with the weak edge it is the cycle we explain.
  llvm::DenseMap<const CXXRecordDecl *, unsigned> Via;
  std::deque<const CXXRecordDecl *> Queue{Edges[Weak].Owned};
  const CXXRecordDecl *Goal = Edges[Weak].Owner;
  Via[Edges[Weak].Owned] = ~0U;
  while (!Queue.empty() && !Via.count(Goal)) {
    const CXXRecordDecl *At = Queue.front();
    Queue.pop_front();
    for (unsigned I : EdgeIndices)
      if (Edges[I].Owner == At && Via.try_emplace(Edges[I].Owned, I).second)
        Queue.push_back(Edges[I].Owned);
  }
  std::vector<unsigned> Path; // edges from Weak.Owned to Weak.Owner
  for (const CXXRecordDecl *At = Goal; At != Edges[Weak].Owned;) {
    unsigned I = Via.lookup(At);
    Path.push_back(I);
    At = Edges[I].Owner;
  }
  std::reverse(Path.begin(), Path.end());

  std::string CyclePath = "'" + Edges[Weak].Owned->getNameAsString() + "'";
  for (unsigned I : Path)
    CyclePath += " -> '" + Edges[I].Owned->getNameAsString() + "'";
  CyclePath += " -> '" + Edges[Weak].Owned->getNameAsString() + "'";

  const FieldDecl *WeakMember = Edges[Weak].Member;
  diag(WeakMember->getLocation(),
       "'%0' closes a shared_ptr ownership cycle: %1; objects in this cycle are "
       "never freed")
      << (Edges[Weak].Owner->getNameAsString() + "::" +
          WeakMember->getNameAsString())
      << CyclePath;
  for (unsigned I : Path)
    diag(Edges[I].Member->getLocation(), "'%0' owns %1 here",
         DiagnosticIDs::Note)
        << (Edges[I].Owner->getNameAsString() + "::" +
            Edges[I].Member->getNameAsString())
        << Edges[I].Owned;
}

} // namespace clang::tidy::refcycle
