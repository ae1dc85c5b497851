//===--- SharedPtrCycleCheck.cpp - refcycle-shared-ptr-cycle --------------===//

#include "SharedPtrCycleCheck.h"
#include "CycleFinder.h"

#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang::ast_matchers;

namespace clang::tidy::refcycle {

namespace {
constexpr llvm::StringLiteral DefaultSharedPointerTypes =
    "::std::shared_ptr;::boost::shared_ptr";
constexpr llvm::StringLiteral DefaultBackReferenceNames =
    "parent;owner;prev;back;delegate;listener;observer;subject;manager;host;"
    "context";

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
  const unsigned Before = Graph.edges().size();
  Graph.addEdge({nodeFor(Owner), nodeFor(Owned), Member->getNameAsString(),
                 graph::OwnershipKind::Shared});
  if (Graph.edges().size() != Before)
    EdgeMembers.push_back(Member);
}

unsigned SharedPtrCycleCheck::nodeFor(const CXXRecordDecl *Record) {
  const CXXRecordDecl *Canonical = Record->getCanonicalDecl();
  // Within one TU the declaration's address is a unique, cheap key.
  const std::string Key =
      std::to_string(reinterpret_cast<std::uintptr_t>(Canonical));
  return Graph.addNode(Key, Canonical->getNameAsString());
}

void SharedPtrCycleCheck::onEndOfTranslationUnit() {
  graph::CyclePolicy Policy;
  for (StringRef Word : BackReferenceNames)
    Policy.BackReferenceNames.push_back(Word.str());
  const auto &Edges = Graph.edges();
  const auto &Nodes = Graph.nodes();
  auto memberName = [&](unsigned I) {
    return Nodes[Edges[I].Owner].Name + "::" + Edges[I].Member;
  };
  for (const graph::Cycle &C : graph::findReportableCycles(Graph, Policy)) {
    diag(EdgeMembers[C.WeakEdge]->getLocation(),
         "'%0' closes a shared_ptr ownership cycle: %1; objects in this cycle "
         "are never freed")
        << memberName(C.WeakEdge) << graph::describeCycle(Graph, C);
    for (unsigned I : C.Path)
      diag(EdgeMembers[I]->getLocation(), "'%0' owns '%1' here",
           DiagnosticIDs::Note)
          << memberName(I) << Nodes[Edges[I].Owned].Name;
  }
  Graph = graph::OwnershipGraph();
  EdgeMembers.clear();
}

} // namespace clang::tidy::refcycle
