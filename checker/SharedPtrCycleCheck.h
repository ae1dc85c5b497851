//===--- SharedPtrCycleCheck.h - refcycle-shared-ptr-cycle ----------------===//

#ifndef REFCYCLE_CHECKER_SHAREDPTRCYCLECHECK_H
#define REFCYCLE_CHECKER_SHAREDPTRCYCLECHECK_H

#include "OwnershipGraph.h"

#include "llvm/ADT/DenseMap.h"

#include "clang-tidy/ClangTidyCheck.h"

#include <string>
#include <vector>

namespace clang::tidy::refcycle {

namespace graph = ::refcycle::graph;

/// Finds record types that own each other through std::shared_ptr members, so
/// that objects of those types keep each other alive and are never freed.
///
/// For the user-facing documentation see:
/// docs/checks/refcycle-shared-ptr-cycle.md
class SharedPtrCycleCheck : public ClangTidyCheck {
public:
  SharedPtrCycleCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus11;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

private:
  void addMemberEdges(const CXXRecordDecl *Owner, const FieldDecl *Member);
  unsigned nodeFor(const CXXRecordDecl *Record);

  const std::vector<StringRef> SharedPointerTypes;
  const std::vector<StringRef> BackReferenceNames;

  // The translation unit's graph, and the member behind each of its edges.
  graph::OwnershipGraph Graph;
  std::vector<const FieldDecl *> EdgeMembers;
};

} // namespace clang::tidy::refcycle

#endif // REFCYCLE_CHECKER_SHAREDPTRCYCLECHECK_H
