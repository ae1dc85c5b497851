//===--- RefcycleTidyMain.cpp - clang-tidy with the refcycle module -------===//
//
// The upstream clang-tidy driver with the refcycle-* checks linked in. Every
// clang-tidy option works unchanged, with one default changed: fixes are
// run through the project's clang-format style (`--format-style=file`), so
// that an applied fix reads like the code around it. Without a
// .clang-format file clang-tidy formats nothing; `--format-style=none` (or
// `FormatStyle:` in a .clang-tidy file) chooses otherwise; a .clang-format
// this clang-format cannot read turns the default off, with a message
// (clang-tidy would not write those files' fixes at all). `--version` also
// names the refcycle release.
//
//===----------------------------------------------------------------------===//

#include "clang-tidy/tool/ClangTidyMain.h"
#include "clang/Format/Format.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

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

// The source files named on the command line (before "--") whose nearest
// .clang-format this release of clang-format cannot read (a key from a
// newer release, a syntax error). clang-tidy would skip writing the fixes
// of such a file altogether when asked to format them.
std::vector<std::string> unreadableStyles(int argc, const char **argv) {
  std::vector<std::string> Unreadable;
  for (int I = 1; I < argc; ++I) {
    const llvm::StringRef Arg = argv[I];
    if (Arg == "--")
      break;
    if (Arg.starts_with("-") || Arg.starts_with("@") ||
        !llvm::sys::fs::is_regular_file(Arg))
      continue;
    llvm::Expected<clang::format::FormatStyle> Style =
        clang::format::getStyle("file", Arg, "none");
    if (!Style) {
      llvm::consumeError(Style.takeError());
      Unreadable.push_back(Arg.str());
    }
  }
  return Unreadable;
}

bool namesFormatStyle(int argc, const char **argv) {
  for (int I = 1; I < argc; ++I) {
    const llvm::StringRef Arg = argv[I];
    if (Arg == "--")
      break;
    if (Arg.starts_with("--format-style") || Arg.starts_with("-format-style"))
      return true;
  }
  return false;
}
} // namespace

int main(int argc, const char **argv) {
  [[maybe_unused]] static int RefcycleModuleAnchorDestination =
      clang::tidy::RefcycleModuleAnchorSource;
  llvm::cl::AddExtraVersionPrinter(printRefcycleVersion);
  // The default, not an override: a FormatStyle in a configuration file
  // still wins over it, as it does over clang-tidy's own default. Only
  // when every named file's .clang-format can be read: otherwise fixes are
  // applied as the checks laid them out, and the run says why.
  if (!namesFormatStyle(argc, argv)) {
    const std::vector<std::string> Unreadable = unreadableStyles(argc, argv);
    llvm::StringMap<llvm::cl::Option *> &Options =
        llvm::cl::getRegisteredOptions();
    auto It = Options.find("format-style");
    if (Unreadable.empty() && It != Options.end())
      static_cast<llvm::cl::opt<std::string> *>(It->second)
          ->setInitialValue("file");
    for (const std::string &File : Unreadable)
      llvm::errs() << "refcycle-tidy: the .clang-format of " << File
                   << " cannot be read by clang-format "
                   << REFCYCLE_LLVM_VERSION_STRING
                   << "; fixes are applied without formatting "
                      "(--format-style=none)\n";
  }
  return clang::tidy::clangTidyMain(argc, argv);
}
