//===--- UnboundedCacheCheck.h - refcycle-unbounded-cache -----------------===//

#ifndef REFCYCLE_CHECKER_UNBOUNDEDCACHECHECK_H
#define REFCYCLE_CHECKER_UNBOUNDEDCACHECHECK_H

#include "ContainerUsage.h"
#include "StaticLifetime.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/utils/IncludeInserter.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/PointerIntPair.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::refcycle {

/// Finds long-lived containers (static variables, and optionally data
/// members) that a translation unit only ever grows: memo caches, identity
/// caches of shared objects and instance registries that keep every entry
/// forever.
///
/// For the user-facing documentation see:
/// docs/checks/refcycle-unbounded-cache.md
class UnboundedCacheCheck : public ClangTidyCheck {
public:
  UnboundedCacheCheck(StringRef Name, ClangTidyContext *Context);
  // Any C++: a C++98 static map grows like any other. The fix-its need the
  // runtime, so C++17.
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

private:
  void analyze(const ValueDecl *D, llvm::ArrayRef<const Expr *> Refs,
               const FunctionDecl *Accessor = nullptr);
  /// The function that only hands out the function-local static \p D by
  /// non-const reference, when no other file can call it; null otherwise.
  const FunctionDecl *accessorOf(const ValueDecl *D,
                                 llvm::ArrayRef<const Expr *> Refs) const;
  /// The call \p E (a callee's reference or its implicit cast) belongs to.
  const Expr *callOf(const Expr *E) const;
  bool isFullyVisible(const ValueDecl *D) const;
  /// \p Ref (a reference to a function) is the callee of a call.
  bool isCallee(const Expr *Ref) const;
  /// Does \p Site run only at start-up? \p ByName: a function none of whose
  /// callers is visible counts when StartupFunctions names it.
  bool isStartupSite(const Stmt *Site, unsigned Depth, bool ByName = true);
  bool isStartupFunction(const FunctionDecl *F, unsigned Depth, bool ByName);
  bool matchesStartupName(StringRef Name) const;
  /// \p Site is in the pattern of a template that has instantiations here:
  /// those are judged instead (their calls can be followed, the pattern's
  /// cannot).
  bool inInstantiatedPattern(const Stmt *Site) const;
  /// Every one of \p Refs (references to a function) calls it from start-up
  /// code, and there is one.
  bool onlyCalledFromStartup(llvm::ArrayRef<const Expr *> Refs, unsigned Depth,
                             bool ByName);
  /// Does \p Site run only while an object of \p Owner is constructed: in
  /// one of its constructors, or in a function whose every reference calls
  /// it from one (followed three calls deep)? A member filled there is
  /// filled once per object, not for as long as the object lives.
  bool runsOnlyWhileConstructing(const Stmt *Site, const CXXRecordDecl *Owner,
                                 unsigned Depth) const;
  /// Entries of \p D that one function adds and then loses: a return that
  /// skips the removal the others do, or `c[k]` right after `c.erase(k)`.
  void reportLostEntries(const ValueDecl *D, llvm::ArrayRef<const Expr *> Refs);
  std::optional<FixItHint> removeBeforeReturn(const Stmt *Return,
                                              StringRef EraseText,
                                              SourceLocation AfterReturn);
  void reportWeakRegistryFix(const ValueDecl *D, const Expr *Growth);
  /// For `c[k]` read after `c.erase(k)`: copy the element into a local
  /// before the erase and read that instead, when the code allows it.
  std::optional<std::vector<FixItHint>>
  readBeforeErase(const ValueDecl *D, const Expr *Erase,
                  const CXXOperatorCallExpr *Subscript,
                  llvm::ArrayRef<const CXXOperatorCallExpr *> Reads);

  const bool CheckMemberContainers;
  const std::vector<StringRef> ContainerTypes;
  const bool AssumeWholeProgram;
  const std::vector<StringRef> StartupFunctions;
  const unsigned DefaultCacheCapacity;
  // ContainerTypes, fully qualified without the leading "::".
  const std::vector<std::string> ExtraContainers;
  utils::IncludeInserter Inserter;

  ASTContext *Ctx = nullptr;
  // The long-lived containers of the translation unit (canonical
  // declarations) with their references; filled and emptied by check().
  llvm::MapVector<const ValueDecl *, llvm::SmallVector<const Expr *, 8>>
      Candidates;
  // Candidates known only by their keyed interface (not std or Qt).
  llvm::DenseSet<const ValueDecl *> KeyedOnly;
  // Sites already reported (one per template, not per instantiation).
  llvm::DenseSet<unsigned> ReportedEntries;
  using StartupKey = llvm::PointerIntPair<const FunctionDecl *, 1, bool>;
  llvm::DenseMap<StartupKey, bool> StartupMemo;
  // The classes with an object that lives as long as the program.
  StaticLifetimes StaticInstances;
  // The walked user code: parents, references to functions, constructions
  // (by class).
  ParentIndex Parents;
  llvm::DenseMap<const Decl *, llvm::SmallVector<const Expr *, 2>> FunctionRefs;
  // References to member functions (`obj.f`, `this->f`), by canonical
  // method.
  llvm::DenseMap<const Decl *, llvm::SmallVector<const Expr *, 2>> MethodRefs;
  llvm::DenseMap<const Decl *, llvm::SmallVector<const Expr *, 2>>
      Constructions;
};

} // namespace clang::tidy::refcycle

#endif // REFCYCLE_CHECKER_UNBOUNDEDCACHECHECK_H
