//===--- SharedPtrCycleCheck.h - refcycle-shared-ptr-cycle ----------------===//

#ifndef REFCYCLE_CHECKER_SHAREDPTRCYCLECHECK_H
#define REFCYCLE_CHECKER_SHAREDPTRCYCLECHECK_H

#include "OwnershipGraph.h"

#include "clang-tidy/ClangTidyCheck.h"

#include <string>
#include <vector>

namespace clang::tidy::refcycle {

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
  void reportComponent(const std::vector<unsigned> &EdgeIndices);

  const std::vector<StringRef> SharedPointerTypes;
  const std::vector<StringRef> BackReferenceNames;

  OwnershipGraph Graph;
};

} // namespace clang::tidy::refcycle

#endif // REFCYCLE_CHECKER_SHAREDPTRCYCLECHECK_H
