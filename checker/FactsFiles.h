//===--- FactsFiles.h - per-TU facts files for the whole-program step -----===//
//
// The mechanics every kind of per-TU facts file shares: where they go (the
// check's FactsDirectory option, else $REFCYCLE_FACTS_DIRECTORY, which
// refcycle-lint --whole-program sets), one file per main file and kind,
// written under a temporary name and renamed so that it appears whole,
// tab-separated fields with escapes, and the key that names a class the
// same way in every translation unit (its USR).
//
//===----------------------------------------------------------------------===//

#ifndef REFCYCLE_CHECKER_FACTSFILES_H
#define REFCYCLE_CHECKER_FACTSFILES_H

#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace clang::tidy::refcycle {

/// The facts directory: \p Option when set, else $REFCYCLE_FACTS_DIRECTORY,
/// else empty (write no facts).
std::string factsDirectory(const std::string &Option);

/// \p Path (as clang names it: relative to the compile command's
/// directory) made absolute, `.` and `..` removed: facts are read elsewhere.
std::string absoluteFactsPath(const SourceManager &SM, llvm::StringRef Path);

/// Writes \p Text as one field: backslash, tab, newline and carriage return
/// escaped.
void writeFactsField(llvm::raw_ostream &OS, llvm::StringRef Text);

/// Writes the facts file of kind \p Extension ("facts", "lifetimes") for the
/// translation unit \p MainFile into \p Directory (created if needed): one
/// name per main file and kind, so a rerun replaces it; the file appears
/// atomically. \p Write writes the content. Returns false and sets \p Error
/// on failure.
bool writeFactsFile(llvm::StringRef Directory, llvm::StringRef MainFile,
                    llvm::StringRef Extension,
                    llvm::function_ref<void(llvm::raw_ostream &)> Write,
                    std::string &Error);

/// The key of a class in every facts file: its USR, or when it has none its
/// qualified name and place.
std::string recordKey(const CXXRecordDecl *RD, const SourceManager &SM);
/// The key of a variable, data member or function in every facts file: its
/// USR, or its qualified name when it has none.
std::string declKey(const NamedDecl *D);
/// The qualified name of a class as diagnostics show it.
std::string recordDisplayName(const CXXRecordDecl *RD);

} // namespace clang::tidy::refcycle

#endif // REFCYCLE_CHECKER_FACTSFILES_H
