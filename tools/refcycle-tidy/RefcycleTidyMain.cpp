//===--- RefcycleTidyMain.cpp - clang-tidy with the refcycle module -------===//
//
// The upstream clang-tidy driver with the refcycle-* checks linked in. Every
// clang-tidy option works unchanged; `--version` also names the refcycle
// release.
//
//===----------------------------------------------------------------------===//

#include "clang-tidy/tool/ClangTidyMain.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

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
  return clang::tidy::clangTidyMain(argc, argv);
}
