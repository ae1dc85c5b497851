//===--- FuzzChecks.cpp - libFuzzer target for the refcycle checks --------===//
//
// Each input is a C++ fragment (see test/fuzz/corpus/). It is parsed in
// process with the precompiled test/fuzz/prelude.h (the std headers the
// checks know) and run through the three refcycle-* checks, as clang-tidy
// would run them. Besides crashes and sanitizer reports, one property is
// checked: when the fragment compiles and the checks offer fix-its (warnings'
// fixes, or a note's when it is the only one, as --fix-notes), the fixed
// fragment must compile too; if it does not, the target aborts and prints
// both versions.
//
//   refcycle-fuzz [libFuzzer flags] CORPUS_DIR   (scripts/fuzz runs it)
//
// REFCYCLE_FUZZ_PCH and REFCYCLE_FUZZ_RUNTIME_INCLUDE override the paths
// compiled in. REFCYCLE_FUZZ_VERBOSE=1 prints each input's diagnostics.
//
//===----------------------------------------------------------------------===//

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Core/Replacement.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace clang::tidy {
// NOLINTNEXTLINE(readability-redundant-declaration)
extern volatile int RefcycleModuleAnchorSource;
} // namespace clang::tidy

namespace {

using clang::tidy::ClangTidyError;

// In memory only, in a directory that exists on disk (the tool changes into
// the compile database's directory on every file system of the overlay).
const char *const InputDirectory = "/";
const char *const InputPath = "/refcycle-fuzz-input.cpp";

std::string envOr(const char *Name, const char *Default) {
  const char *Value = std::getenv(Name);
  return Value && *Value ? Value : Default;
}

bool verbose() { return std::getenv("REFCYCLE_FUZZ_VERBOSE") != nullptr; }

std::vector<ClangTidyError> runChecks(const std::string &Code) {
  clang::tidy::ClangTidyOptions Options =
      clang::tidy::ClangTidyOptions::getDefaults();
  Options.Checks = "-*,refcycle-*";
  Options.HeaderFilterRegex = ".*";
  Options.SystemHeaders = false;
  clang::tidy::ClangTidyContext Context(
      std::make_unique<clang::tidy::DefaultOptionsProvider>(
          clang::tidy::ClangTidyGlobalOptions(), Options));

  llvm::IntrusiveRefCntPtr<llvm::vfs::InMemoryFileSystem> Memory(
      new llvm::vfs::InMemoryFileSystem);
  Memory->addFile(InputPath, 0, llvm::MemoryBuffer::getMemBufferCopy(Code));
  llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> Files(
      new llvm::vfs::OverlayFileSystem(llvm::vfs::getRealFileSystem()));
  Files->pushOverlay(Memory);

  const std::vector<std::string> Args = {
      "-std=c++17",
      "-resource-dir=" REFCYCLE_FUZZ_RESOURCE_DIR,
      "-include-pch",
      envOr("REFCYCLE_FUZZ_PCH", REFCYCLE_FUZZ_PCH),
      "-I" + envOr("REFCYCLE_FUZZ_RUNTIME_INCLUDE",
                   REFCYCLE_FUZZ_RUNTIME_INCLUDE),
      "-ferror-limit=20"};
  clang::tooling::FixedCompilationDatabase Database(InputDirectory, Args);
  return clang::tidy::runClangTidy(Context, Database, {InputPath}, Files,
                                   /*ApplyAnyFix=*/true);
}

bool hasCompileError(const std::vector<ClangTidyError> &Errors) {
  for (const ClangTidyError &E : Errors)
    if (E.DiagLevel == ClangTidyError::Error)
      return true;
  return false;
}

// The replacements clang-tidy --fix-notes applies for one diagnostic.
const llvm::StringMap<clang::tooling::Replacements> *
chosenFix(const ClangTidyError &E) {
  if (!E.Message.Fix.empty())
    return &E.Message.Fix;
  const llvm::StringMap<clang::tooling::Replacements> *Only = nullptr;
  for (const auto &Note : E.Notes) {
    if (Note.Fix.empty())
      continue;
    if (Only)
      return nullptr;
    Only = &Note.Fix;
  }
  return Only;
}

void print(const char *Title, const std::vector<ClangTidyError> &Errors) {
  std::fprintf(stderr, "%s\n", Title);
  for (const ClangTidyError &E : Errors)
    std::fprintf(stderr, "  %s:%u: %s [%s]\n", E.Message.FilePath.c_str(),
                 E.Message.FileOffset, E.Message.Message.c_str(),
                 E.DiagnosticName.c_str());
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  // Keeps the module's static registration in the link.
  [[maybe_unused]] static int Anchor = clang::tidy::RefcycleModuleAnchorSource;
  // The setup works only if a plain cycle is found: a missing or stale PCH
  // would otherwise make every input a compile error and the run worthless.
  const std::vector<ClangTidyError> Errors =
      runChecks("struct B; struct A { std::shared_ptr<B> b; };\n"
                "struct B { std::shared_ptr<A> a; };\n");
  bool Found = false;
  for (const ClangTidyError &E : Errors)
    Found |= E.DiagnosticName == "refcycle-shared-ptr-cycle";
  if (hasCompileError(Errors) || !Found) {
    print("refcycle-fuzz: the self-test found no cycle; diagnostics:", Errors);
    std::abort();
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  if (Size > 16 * 1024)
    return -1; // larger inputs only slow the search down
  const std::string Code(reinterpret_cast<const char *>(Data), Size);
  const std::vector<ClangTidyError> Errors = runChecks(Code);
  if (verbose())
    print("diagnostics:", Errors);
  if (hasCompileError(Errors))
    return 0;

  clang::tooling::Replacements Fixes;
  bool Any = false;
  for (const ClangTidyError &E : Errors) {
    const auto *Fix = chosenFix(E);
    if (!Fix)
      continue;
    for (const auto &File : *Fix) {
      if (File.first() != InputPath)
        continue;
      clang::tooling::Replacements Merged = Fixes;
      bool Clean = true;
      for (const clang::tooling::Replacement &R : File.second)
        if (llvm::Error Err = Merged.add(R)) {
          llvm::consumeError(std::move(Err));
          Clean = false;
          break;
        }
      if (Clean) {
        Fixes = std::move(Merged);
        Any = true;
      }
    }
  }
  if (!Any)
    return 0;
  llvm::Expected<std::string> Fixed =
      clang::tooling::applyAllReplacements(Code, Fixes);
  if (!Fixed) {
    llvm::consumeError(Fixed.takeError());
    std::fprintf(stderr, "refcycle-fuzz: the fix-its do not apply\n");
    std::abort();
  }
  const std::vector<ClangTidyError> After = runChecks(*Fixed);
  if (hasCompileError(After)) {
    std::fprintf(stderr,
                 "refcycle-fuzz: the fix-its broke a compiling input\n"
                 "---- input ----\n%s\n---- fixed ----\n%s\n",
                 Code.c_str(), Fixed->c_str());
    print("diagnostics of the fixed input:", After);
    std::abort();
  }
  return 0;
}
