//===--- RefcycleTidyMain.cpp - clang-tidy with the refcycle module -------===//
//
// The upstream clang-tidy driver with the refcycle-* checks linked in. Every
// clang-tidy option works unchanged, with one default changed: fixes are
// run through the project's clang-format style (`--format-style=file`), so
// that an applied fix reads like the code around it. Without a
// .clang-format file clang-tidy formats nothing; `--format-style=none` (or
// `FormatStyle:` in a .clang-tidy file) chooses otherwise; a .clang-format
// this clang-format cannot read turns the default off, with a message
// (clang-tidy would not write those files' fixes at all). See
// defaultFormatStyle. `--version` also
// names the refcycle release.
//
//===----------------------------------------------------------------------===//

#include "clang-tidy/tool/ClangTidyMain.h"
#include "clang/Format/Format.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
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

// The .clang-format (or _clang-format) nearest to File, or "".
std::string nearestStyleFile(llvm::StringRef File) {
  llvm::SmallString<256> Dir(File);
  llvm::sys::fs::make_absolute(Dir);
  llvm::sys::path::remove_filename(Dir);
  for (; !Dir.empty(); Dir = llvm::sys::path::parent_path(Dir)) {
    for (const char *Name : {".clang-format", "_clang-format"}) {
      llvm::SmallString<256> Candidate(Dir);
      llvm::sys::path::append(Candidate, Name);
      if (llvm::sys::fs::is_regular_file(Candidate))
        return std::string(Candidate);
    }
    if (llvm::sys::path::parent_path(Dir) == Dir)
      break;
  }
  return "";
}

// The style fixes are formatted with, decided from the source files named
// on the command line (before "--"):
//   - none has a .clang-format: no formatting ("none", clang-tidy's own);
//   - one cannot be read by this clang-format (a key from a later release,
//     a syntax error): "none", and the file goes into Unreadable, because
//     clang-tidy would skip writing that file's fixes altogether;
//   - they share one: that file ("file:PATH"), for the headers they
//     include as well, so that a header next to a style this release
//     cannot read still gets its fixes;
//   - otherwise each file's nearest ("file").
std::string defaultFormatStyle(int argc, const char **argv,
                               std::vector<std::string> &Unreadable) {
  std::vector<std::string> Styles;
  for (int I = 1; I < argc; ++I) {
    const llvm::StringRef Arg = argv[I];
    if (Arg == "--")
      break;
    if (Arg.starts_with("-") || Arg.starts_with("@") ||
        !llvm::sys::fs::is_regular_file(Arg))
      continue;
    const std::string Style = nearestStyleFile(Arg);
    if (Style.empty())
      continue;
    llvm::Expected<clang::format::FormatStyle> Parsed =
        clang::format::getStyle("file", Arg, "none");
    if (!Parsed) {
      llvm::consumeError(Parsed.takeError());
      Unreadable.push_back(Arg.str());
      continue;
    }
    if (!llvm::is_contained(Styles, Style))
      Styles.push_back(Style);
  }
  if (!Unreadable.empty() || Styles.empty())
    return "none";
  return Styles.size() == 1 ? "file:" + Styles.front() : "file";
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
    std::vector<std::string> Unreadable;
    const std::string Style = defaultFormatStyle(argc, argv, Unreadable);
    // A StringMap up to LLVM 21, a DenseMap from LLVM 22 on.
    auto &&Options = llvm::cl::getRegisteredOptions();
    if (auto It = Options.find("format-style"); It != Options.end())
      static_cast<llvm::cl::opt<std::string> *>(It->second)
          ->setInitialValue(Style);
    for (const std::string &File : Unreadable)
      llvm::errs() << "refcycle-tidy: the .clang-format of " << File
                   << " cannot be read by clang-format "
                   << REFCYCLE_LLVM_VERSION_STRING
                   << "; fixes are applied without formatting "
                      "(--format-style=none)\n";
  }
  return clang::tidy::clangTidyMain(argc, argv);
}
