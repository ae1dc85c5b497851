//===--- RefcycleTidyMain.cpp - clang-tidy with the refcycle module -------===//
//
// The upstream clang-tidy driver with the refcycle-* checks linked in. Every
// clang-tidy option works unchanged, with one default changed: fixes are
// run through the project's clang-format style (`--format-style=file`), so
// that an applied fix reads like the code around it. Without a
// .clang-format file clang-tidy formats nothing; `--format-style=none` (or
// `FormatStyle:` in a .clang-tidy file) chooses otherwise. `--version` also
// names the refcycle release.
//
//===----------------------------------------------------------------------===//

#include "clang-tidy/tool/ClangTidyMain.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace clang::tidy {
// Defined in checker/RefcycleTidyModule.cpp; using it keeps the module's
// static registration in the link.
// NOLINTNEXTLINE(readability-redundant-declaration)
extern volatile int RefcycleModuleAnchorSource;
} // namespace clang::tidy

namespace {
void printRefcycleVersion(llvm::raw_ostream &OS) {
  OS << "refcycle-tidy " REFCYCLE_VERSION " (clang-tidy with the refcycle "
        "module, LLVM " REFCYCLE_LLVM_VERSION_STRING ")\n";
}
} // namespace

int main(int argc, const char **argv) {
  [[maybe_unused]] static int RefcycleModuleAnchorDestination =
      clang::tidy::RefcycleModuleAnchorSource;
  llvm::cl::AddExtraVersionPrinter(printRefcycleVersion);
  // The default, not an override: a FormatStyle in a configuration file
  // still wins over it, as it does over clang-tidy's own default.
  llvm::StringMap<llvm::cl::Option *> &Options =
      llvm::cl::getRegisteredOptions();
  if (auto It = Options.find("format-style"); It != Options.end())
    static_cast<llvm::cl::opt<std::string> *>(It->second)
        ->setInitialValue("file");
  return clang::tidy::clangTidyMain(argc, argv);
}
