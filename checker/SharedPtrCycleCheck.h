//===--- SharedPtrCycleCheck.h - refcycle-shared-ptr-cycle ----------------===//

#ifndef REFCYCLE_CHECKER_SHAREDPTRCYCLECHECK_H
#define REFCYCLE_CHECKER_SHAREDPTRCYCLECHECK_H

#include "CycleFinder.h"
#include "OwnershipGraph.h"
#include "OwnershipTypes.h"
#include "CallableEscape.h"
#include "ClosingStores.h"
#include "FunctionCallers.h"
#include "OwnershipFacts.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/utils/IncludeInserter.h"

#include <memory>
#include <string>
#include <vector>

namespace clang::tidy::refcycle {

namespace graph = ::refcycle::graph;

/// Finds record types that own each other through std::shared_ptr members
/// (directly, in containers, through by-value members, bases, or derived
/// classes of polymorphic types), so that objects of those types keep each
/// other alive and are never freed.
///
/// For the user-facing documentation see:
/// docs/checks/refcycle-shared-ptr-cycle.md
class SharedPtrCycleCheck : public ClangTidyCheck {
public:
  SharedPtrCycleCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus11;
  }
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

private:
  struct FixPlan;

  void addRecord(const CXXRecordDecl *Record);
  /// Records a conversion of a pointer to a derived class into a pointer
  /// to its polymorphic base: a cast (in system headers too, where
  /// shared_ptr's constructors convert), or a smart pointer to the base
  /// made, assigned or reset from a derived one in the program's code.
  void addConversion(const CastExpr *Cast);
  void addConversion(const Expr *ConstructAssignOrReset);
  void addConversion(const CXXRecordDecl *From, const CXXRecordDecl *To,
                     const CastExpr *Cast);
  /// A pointer to Base cast down to Derived: the program holds Derived
  /// objects behind pointers to Base, as a conversion would show.
  void addDowncast(const CXXRecordDecl *Base, const CXXRecordDecl *Derived);
  /// The class a raw pointer, or an owning or weak smart pointer, of type
  /// T points to.
  const CXXRecordDecl *pointeeOf(QualType T) const;
  /// Graph::addConversion for each cast collected that is not a member
  /// access.
  void addConversionsToGraph();
  unsigned nodeFor(const CXXRecordDecl *Record);
  std::string memberName(unsigned Edge) const;
  /// A private or protected container member on the cycle belongs to a
  /// class with member functions that may change it and are defined in
  /// another translation unit: whether the container is ever drained is
  /// decided there.
  bool drainedElsewhere(const graph::Cycle &C) const;
  /// Reports a cycle unless one over the same members was; true if it did.
  bool report(const graph::Cycle &C);
  void writeFacts(const std::vector<graph::Cycle> &Reported);
  /// Collects the uses of the members of Cycles' edges (of every edge's
  /// member with AllMembers).
  void collectUses(const std::vector<graph::Cycle> &Cycles, bool AllMembers);
  void noteEvidence(const graph::Cycle &C);
  /// Notes the releases of the cycle's members that do not break it because
  /// only its own member functions run them.
  void noteReleasesOnlyTheCycleRuns(const graph::Cycle &C);
  /// Marks the edges the program closes a cycle through: where a strong
  /// reference to an object (shared_from_this()) is stored in that object.
  void addSelfStores();
  /// Marks the edges whose members only constructors set (see
  /// ConstructionOnly.h); true if it marked any.
  bool markConstructionOnlyEdges();
  /// Marks the edges of a type-level loop the program closes on two
  /// objects: it stores each into a member of the other (see
  /// ClosingStores.h).
  void addClosingStores();
  /// Where the collected uses release their member (see graph::isTornDown).
  std::vector<graph::Release> findReleases();
  /// Function takes single objects out of a container of the objects whose
  /// member Edge is (so its release of that member detaches one of them).
  bool removesOneHolder(unsigned Edge, const FunctionDecl *Function);
  graph::Release releaseIn(unsigned Edge, const FunctionDecl *Function,
                           const Stmt &Code);
  /// The TU's index of who calls what, built on first use.
  const FunctionCallers &callers();
  /// The calls of the graph's classes' member functions, for the facts.
  std::vector<MemberCallFact> memberCallFacts();
  FixPlan planFix(unsigned Edge);
  void reset();

  const std::vector<StringRef> SharedPointerTypes;
  const std::vector<StringRef> UniquePointerTypes;
  const std::vector<StringRef> BackReferenceNames;
  const std::string FactsDirectoryOption; // as configured
  const std::string FactsDirectory;       // in effect
  const bool ReportTornDownCycles;
  utils::IncludeInserter Inserter;
  const OwnershipTypeClassifier Classifier;

  // The translation unit's graph; per edge the member behind it and the
  // record its pointer names; per node its declaration.
  ASTContext *Context = nullptr;
  const Preprocessor *PP = nullptr;
  graph::OwnershipGraph Graph;
  std::vector<const FieldDecl *> EdgeMembers;
  std::vector<const CXXRecordDecl *> EdgeTargets;
  std::vector<const CXXRecordDecl *> NodeDecls;
  llvm::DenseMap<const CXXRecordDecl *, unsigned> NodeByDecl;
  // Uses (member expressions) of the members in the cycles found.
  llvm::DenseMap<const FieldDecl *, llvm::SmallVector<const Expr *, 2>> Uses;
  // Who calls what (see callers()).
  std::unique_ptr<FunctionCallers> Callers;
  // The releases of the graph's members, and per release the function and
  // the code that does it.
  std::vector<graph::Release> Releases;
  std::vector<std::pair<const FunctionDecl *, const Stmt *>> ReleaseSites;
  std::vector<std::string> ReportedKeys;
  // Pointer upcasts to polymorphic classes of the program, and the casts
  // among them that only reach a base's member ('d->f()'); resolved at the
  // end of the translation unit, when both kinds of match have been seen.
  struct ConversionCast {
    const CastExpr *Cast; // null for a conversion spelled in the program
    const CXXRecordDecl *From;
    const CXXRecordDecl *To;
  };
  std::vector<ConversionCast> ConversionCasts;
  llvm::DenseSet<const CastExpr *> MemberAccessCasts;
  // shared_from_this() calls (and helpers returning it) with the function
  // they are in; and, by edge, where such a value is stored in the object.
  struct SelfReference {
    const Expr *Value = nullptr;
    const FunctionDecl *Function = nullptr;
  };
  std::vector<SelfReference> SelfReferences;
  llvm::DenseMap<unsigned, SelfReference> EvidenceSites;
  // By edge: the two stores that make two objects own each other through it.
  llvm::DenseMap<unsigned, ClosingPair> PairSites;
  escape::StoreAnalysis SelfStores;
};

} // namespace clang::tidy::refcycle

#endif // REFCYCLE_CHECKER_SHAREDPTRCYCLECHECK_H
