//===--- RefcycleGraph.cpp - whole-program shared_ptr cycles --------------===//
//
// refcycle-graph: the reduce step of the whole-program analysis. Reads the
// facts files that refcycle-shared-ptr-cycle writes per translation unit
// (option FactsDirectory), merges them into one ownership graph, and reports
// its cycles with the same rules as the per-TU check. No clang needed.
//
//===----------------------------------------------------------------------===//

#include "CycleFinder.h"
#include "Facts.h"
#include "Report.h"

#include <algorithm>
#include <chrono>
#include <climits>
#include <ctime>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <new>
#include <string>
#include <unistd.h>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#endif

namespace fs = std::filesystem;
using namespace refcycle;

namespace {

constexpr const char *RefcycleVersion = "0.1.0";

constexpr const char *Usage = R"(usage: refcycle-graph [options] <facts directory or file>...

Merges the ownership facts that refcycle-shared-ptr-cycle writes per
translation unit (check option refcycle-shared-ptr-cycle.FactsDirectory) and
reports the shared_ptr ownership cycles of the whole program, each once.

options:
  --format=text|sarif|json
                         report format on the output (default: text); json
                         is the findings list scripts/refcycle_sarif.py reads
  --root=DIR             with sarif: paths under DIR relative to it (SRCROOT)
  -o, --output=FILE      write the report to FILE instead of stdout
  --only-cross-tu        report only cycles that no translation unit reported
  --report-torn-down     also report cycles that some translation unit breaks
                         on purpose (releases a member of the cycle outside
                         the destructors of its types), as the check's
                         ReportTornDownCycles option
  --dot=FILE             write the ownership graph as Graphviz DOT
  --cycles-only          with --dot: only the cycles, one cluster each
  --html=DIR             write DIR/index.html, one SVG per cycle (needs dot)
  --dot-program=PATH     the Graphviz dot to render with (default: dot)
  --back-reference-names=LIST
                         ';'-separated words that mark a back reference, as
                         the check's BackReferenceNames option (default:
                         the check's default)
  --skip-bad-facts       warn about unreadable or corrupt facts files and go
                         on without them (default: stop with an error)
  --progress, --no-progress
                         report progress on stderr (default: when stderr is a
                         terminal)
  --help                 show this help
exit status: 0 when the report was written (with or without cycles), 1 on
errors.
)";

struct Options {
  std::vector<std::string> Inputs;
  std::string Format = "text";
  std::string Output;
  std::string Root;
  std::string Dot;
  std::string Html;
  std::string DotProgram = "dot";
  std::string BackReferenceNames = graph::DefaultBackReferenceNames;
  bool CyclesOnly = false;
  bool OnlyCrossTU = false;
  bool ReportTornDown = false;
  bool SkipBadFacts = false;
  int Progress = -1; // -1: when stderr is a terminal
};

[[noreturn]] void usageError(const std::string &Message) {
  std::cerr << "refcycle-graph: error: " << Message
            << "\n(run 'refcycle-graph --help' for the options)\n";
  std::exit(1);
}

Options parseOptions(int Argc, char **Argv) {
  Options O;
  bool OnlyInputs = false;
  for (int I = 1; I < Argc; ++I) {
    std::string Arg = Argv[I];
    if (OnlyInputs || Arg.empty() || Arg[0] != '-' || Arg == "-") {
      O.Inputs.push_back(Arg);
      continue;
    }
    if (Arg == "--") {
      OnlyInputs = true;
      continue;
    }
    std::string Name = Arg, Value;
    bool HasValue = false;
    if (std::size_t Eq = Arg.find('='); Eq != std::string::npos) {
      Name = Arg.substr(0, Eq);
      Value = Arg.substr(Eq + 1);
      HasValue = true;
    }
    auto value = [&]() -> std::string {
      if (HasValue)
        return Value;
      if (I + 1 >= Argc)
        usageError("option '" + Name + "' needs a value");
      return Argv[++I];
    };
    auto flag = [&]() {
      if (HasValue)
        usageError("option '" + Name + "' takes no value");
      return true;
    };
    if (Name == "--help" || Name == "-h") {
      std::cout << Usage;
      std::exit(0);
    } else if (Name == "--format") {
      O.Format = value();
      if (O.Format != "text" && O.Format != "sarif" && O.Format != "json")
        usageError("unknown --format '" + O.Format +
                   "' (use text, sarif or json)");
    } else if (Name == "--root") {
      O.Root = value();
    } else if (Name == "-o" || Name == "--output") {
      O.Output = value();
    } else if (Name == "--dot") {
      O.Dot = value();
    } else if (Name == "--html") {
      O.Html = value();
    } else if (Name == "--dot-program") {
      O.DotProgram = value();
    } else if (Name == "--back-reference-names") {
      O.BackReferenceNames = value();
    } else if (Name == "--cycles-only") {
      O.CyclesOnly = flag();
    } else if (Name == "--only-cross-tu") {
      O.OnlyCrossTU = flag();
    } else if (Name == "--report-torn-down") {
      O.ReportTornDown = flag();
    } else if (Name == "--skip-bad-facts") {
      O.SkipBadFacts = flag();
    } else if (Name == "--progress") {
      O.Progress = flag();
    } else if (Name == "--no-progress") {
      O.Progress = !flag();
    } else {
      usageError("unknown option '" + Name + "'");
    }
  }
  if (O.Inputs.empty())
    usageError("no facts directory given");
  if (O.CyclesOnly && O.Dot.empty())
    usageError("--cycles-only only applies to --dot");
  return O;
}

std::vector<std::string> splitList(const std::string &List) {
  std::vector<std::string> Words;
  std::size_t Start = 0;
  while (Start <= List.size()) {
    std::size_t End = List.find_first_of(";,", Start);
    if (End == std::string::npos)
      End = List.size();
    std::string Word = List.substr(Start, End - Start);
    Word.erase(0, Word.find_first_not_of(" \t"));
    Word.erase(Word.find_last_not_of(" \t") + 1);
    if (!Word.empty())
      Words.push_back(Word);
    Start = End + 1;
  }
  return Words;
}

bool isFactsFile(const fs::path &Path) { return Path.extension() == ".facts"; }

// The facts files named by the inputs: files as given, directories searched
// recursively for *.facts. Sorted, so that the run is reproducible.
bool collectFactsFiles(const std::vector<std::string> &Inputs,
                       std::vector<std::string> &Files) {
  for (const std::string &Input : Inputs) {
    std::error_code EC;
    const fs::file_status Status = fs::status(Input, EC);
    if (EC || !fs::exists(Status)) {
      std::cerr << "refcycle-graph: error: " << Input
                << ": no such facts directory or file\n";
      return false;
    }
    if (!fs::is_directory(Status)) {
      Files.push_back(Input);
      continue;
    }
    std::size_t Before = Files.size();
    for (auto It = fs::recursive_directory_iterator(
             Input, fs::directory_options::skip_permission_denied, EC);
         !EC && It != fs::recursive_directory_iterator(); It.increment(EC))
      if (It->is_regular_file(EC) && isFactsFile(It->path()))
        Files.push_back(It->path().string());
    if (EC) {
      std::cerr << "refcycle-graph: error: " << Input
                << ": cannot list the directory: " << EC.message() << "\n";
      return false;
    }
    if (Files.size() == Before)
      std::cerr << "refcycle-graph: warning: " << Input
                << ": no *.facts files in this directory; was clang-tidy run "
                   "with -config=\"{CheckOptions: "
                   "{refcycle-shared-ptr-cycle.FactsDirectory: '...'}}\"?\n";
  }
  std::sort(Files.begin(), Files.end());
  Files.erase(std::unique(Files.begin(), Files.end()), Files.end());
  return true;
}

class Progress {
public:
  explicit Progress(bool Enabled)
      : Enabled(Enabled), Start(std::chrono::steady_clock::now()),
        Last(Start), Terminal(isatty(STDERR_FILENO)) {}

  void update(std::size_t Done, std::size_t Total, std::size_t Edges) {
    if (!Enabled)
      return;
    auto Now = std::chrono::steady_clock::now();
    if (Done != Total && Now - Last < std::chrono::milliseconds(500))
      return;
    Last = Now;
    std::fprintf(stderr, "%srefcycle-graph: read %zu/%zu facts files, %zu edges%s",
                 Terminal ? "\r" : "", Done, Total, Edges,
                 Terminal && Done != Total ? "" : "\n");
    std::fflush(stderr);
  }
  void step(const char *What) {
    if (!Enabled)
      return;
    std::fprintf(stderr, "refcycle-graph: %s (%.2f s, %.2f s CPU)\n", What,
                 seconds(), double(std::clock()) / CLOCKS_PER_SEC);
  }
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                         Start)
        .count();
  }

private:
  bool Enabled;
  std::chrono::steady_clock::time_point Start, Last;
  bool Terminal;
};

int run(int Argc, char **Argv) {
  const Options O = parseOptions(Argc, Argv);
  std::vector<std::string> Files;
  if (!collectFactsFiles(O.Inputs, Files))
    return 1;
  if (Files.empty()) {
    std::cerr << "refcycle-graph: error: no facts files to read\n";
    return 1;
  }

  Progress Progress(O.Progress < 0 ? isatty(STDERR_FILENO) != 0
                                   : O.Progress != 0);
  facts::FactsMerger Merger;
  {
    std::size_t Bytes = 0;
    for (const std::string &File : Files) {
      std::error_code EC;
      const std::uintmax_t Size = fs::file_size(File, EC);
      if (!EC)
        Bytes += Size;
    }
    Merger.expectBytes(Bytes);
  }
  std::size_t Skipped = 0;
  for (std::size_t I = 0; I < Files.size(); ++I) {
    std::string Error;
    if (!Merger.addFile(Files[I], Error)) {
      if (!O.SkipBadFacts) {
        std::cerr << "refcycle-graph: error: " << Error
                  << "\n(remove the file and rerun clang-tidy on its "
                     "translation unit, or pass --skip-bad-facts)\n";
        return 1;
      }
      std::cerr << "refcycle-graph: warning: skipping " << Error << "\n";
      ++Skipped;
    }
    Progress.update(I + 1, Files.size(), Merger.edgeFactsRead());
  }

  Progress.step("read the facts files");
  // Like clang's -disable-free: the graph lives until the process exits, and
  // freeing a million edges one by one would only cost time.
  facts::Program &P = *new facts::Program(std::move(Merger).build());
  Progress.step("merged the facts");
  graph::CyclePolicy Policy;
  Policy.BackReferenceNames = splitList(O.BackReferenceNames);
  std::vector<report::Finding> Findings =
      report::findCycles(P, Policy, O.ReportTornDown);
  Progress.step("found the cycles");
  const std::size_t Total = Findings.size();
  std::size_t CrossTU = 0;
  for (const report::Finding &F : Findings)
    CrossTU += F.ReportedIn.empty();
  if (O.OnlyCrossTU)
    Findings.erase(std::remove_if(Findings.begin(), Findings.end(),
                                  [](const report::Finding &F) {
                                    return !F.ReportedIn.empty();
                                  }),
                   Findings.end());

  {
    std::ofstream File;
    if (!O.Output.empty()) {
      File.open(O.Output);
      if (!File) {
        std::cerr << "refcycle-graph: error: " << O.Output
                  << ": cannot write the report: " << std::strerror(errno)
                  << "\n";
        return 1;
      }
    }
    std::ostream &OS = O.Output.empty() ? std::cout : File;
    if (O.Format == "sarif")
      report::writeSarif(OS, P, Findings, O.Root, RefcycleVersion);
    else if (O.Format == "json")
      report::writeFindingsJson(OS, P, Findings);
    else
      report::writeText(OS, P, Findings);
    OS.flush();
    if (!OS) {
      std::cerr << "refcycle-graph: error: cannot write the report\n";
      return 1;
    }
  }
  if (!O.Dot.empty()) {
    std::ofstream Dot(O.Dot);
    report::writeDot(Dot, P, Findings, O.CyclesOnly);
    if (!Dot) {
      std::cerr << "refcycle-graph: error: " << O.Dot
                << ": cannot write the DOT file\n";
      return 1;
    }
  }
  if (!O.Html.empty()) {
    std::string Error;
    if (!report::writeHtml(O.Html, O.DotProgram, P, Findings, Error)) {
      std::cerr << "refcycle-graph: error: " << Error << "\n";
      return 1;
    }
  }

  std::cerr << "refcycle-graph: " << Total
            << (Total == 1 ? " cycle" : " cycles") << " (" << CrossTU
            << " only across "
            << "translation units";
  if (O.OnlyCrossTU)
    std::cerr << ", " << Total - Findings.size()
              << " already reported per TU not shown";
  std::size_t Weak = 0;
  for (const graph::Edge &E : P.Graph.edges())
    Weak += !graph::isOwning(E.Kind);
  std::cerr << ") among " << P.Graph.nodes().size() << " types and "
            << P.Graph.edges().size() - Weak << " edges";
  if (Weak)
    std::cerr << " (and " << Weak
              << (Weak == 1 ? " weak reference" : " weak references") << ")";
  std::cerr << " from " << Files.size() - Skipped << " facts files";
  if (Skipped)
    std::cerr << " (" << Skipped << " skipped)";
  std::cerr << "\n";
  return 0;
}

// A million-edge graph is a few hundred MB of arrays and hash tables that
// are read in random order; with 4 KiB pages most of those reads miss the
// TLB, and every first touch of a page is a page fault. Keep the heap in
// one region (no separate mmap per large block), grow it in large steps,
// never give it back, and ask the kernel for transparent huge pages on it
// (in its default "madvise" mode the kernel uses them only where asked).
// Halves the CPU time at 1M edges; harmless where huge pages are off.
void useHugePages() {
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE)
  constexpr std::size_t Step = std::size_t(1) << 30;
  if (!mallopt(M_MMAP_THRESHOLD, 256 << 20) || !mallopt(M_TOP_PAD, Step) ||
      !mallopt(M_TRIM_THRESHOLD, INT_MAX))
    return;
  const std::uintptr_t Huge = std::uintptr_t(2) << 20;
  const std::uintptr_t Begin =
      (reinterpret_cast<std::uintptr_t>(sbrk(0)) + Huge - 1) & ~(Huge - 1);
  // More than the heap has free: it grows by this and Step (address space
  // only; pages are touched when used).
  void *volatile Grow = std::malloc(4 << 20); // volatile: not optimized out
  std::free(Grow);
  const std::uintptr_t End = reinterpret_cast<std::uintptr_t>(sbrk(0));
  if (End > Begin)
    madvise(reinterpret_cast<void *>(Begin), End - Begin, MADV_HUGEPAGE);
#endif
}

} // namespace

int main(int Argc, char **Argv) {
  useHugePages();
  try {
    return run(Argc, Argv);
  } catch (const std::bad_alloc &) {
    std::cerr << "refcycle-graph: error: out of memory\n";
  } catch (const std::exception &E) {
    std::cerr << "refcycle-graph: error: " << E.what() << "\n";
  }
  return 1;
}
