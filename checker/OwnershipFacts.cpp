//===--- OwnershipFacts.cpp -----------------------------------------------===//

#include "OwnershipFacts.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cctype>
#include <cstdint>

namespace clang::tidy::refcycle {

namespace graph = ::refcycle::graph;

namespace {

// Text fields escape backslash, tab, newline and carriage return.
void writeField(llvm::raw_ostream &OS, llvm::StringRef Text) {
  for (char C : Text) {
    switch (C) {
    case '\\':
      OS << "\\\\";
      break;
    case '\t':
      OS << "\\t";
      break;
    case '\n':
      OS << "\\n";
      break;
    case '\r':
      OS << "\\r";
      break;
    default:
      OS << C;
    }
  }
}

// FNV-1a: stable across processes and LLVM versions.
std::uint64_t stableHash(llvm::StringRef Text) {
  std::uint64_t Hash = 0xcbf29ce484222325ULL;
  for (unsigned char C : Text) {
    Hash ^= C;
    Hash *= 0x100000001b3ULL;
  }
  return Hash;
}

void writeFacts(llvm::raw_ostream &OS, llvm::StringRef MainFile,
                const graph::OwnershipGraph &Graph,
                const std::vector<graph::EdgeSite> &Sites,
                const std::vector<graph::Cycle> &Cycles,
                const std::vector<graph::Release> &Releases) {
  const auto &Nodes = Graph.nodes();
  const auto &Edges = Graph.edges();
  OS << "refcycle-facts\t4\ntu\t";
  writeField(OS, MainFile);
  OS << "\n";

  llvm::StringMap<unsigned> FileIds;
  std::vector<unsigned> EdgeFile(Edges.size(), 0);
  for (unsigned I = 0; I < Edges.size(); ++I) {
    llvm::StringRef File;
    if (I < Sites.size())
      File = Sites[I].File;
    auto [It, Inserted] = FileIds.try_emplace(File, FileIds.size());
    if (Inserted) {
      OS << "file\t" << It->second << "\t";
      writeField(OS, File);
      OS << "\n";
    }
    EdgeFile[I] = It->second;
  }
  for (unsigned I = 0; I < Nodes.size(); ++I) {
    OS << "node\t" << I << "\t";
    writeField(OS, Nodes[I].Key);
    OS << "\t";
    writeField(OS, Nodes[I].Name);
    OS << "\t" << (Nodes[I].Polymorphic ? "polymorphic" : "-") << "\n";
  }
  for (unsigned I = 0; I < Nodes.size(); ++I)
    for (unsigned Base : Nodes[I].Bases)
      OS << "base\t" << I << "\t" << Base << "\n";
  for (unsigned I = 0; I < Nodes.size(); ++I)
    for (unsigned To : Nodes[I].ConvertedTo)
      OS << "conversion\t" << I << "\t" << To << "\n";
  for (unsigned I = 0; I < Edges.size(); ++I) {
    const graph::Edge &E = Edges[I];
    OS << "edge\t" << E.Owner << "\t" << E.Owned << "\t";
    writeField(OS, E.Member.str());
    OS << "\t" << graph::ownershipKindName(E.Kind) << "\t";
    if (E.PointerType.empty())
      OS << "-";
    else
      writeField(OS, E.PointerType.str());
    OS << "\t" << (E.ViaContainer ? "container" : "-") << "\t" << EdgeFile[I]
       << "\t" << (I < Sites.size() ? Sites[I].Line : 0) << "\t"
       << (I < Sites.size() ? Sites[I].Column : 0) << "\n";
  }
  for (const graph::Release &R : Releases) {
    if (R.Edge >= Edges.size())
      continue;
    OS << "release\t" << R.Edge << "\t";
    if (R.InSpecialMemberOf < Nodes.size())
      OS << R.InSpecialMemberOf;
    else
      OS << "-";
    OS << "\n";
  }
  for (unsigned I = 0; I < Edges.size(); ++I)
    if (Graph.hasEvidence(I)) {
      OS << "evidence\t" << I;
      if (Graph.evidencePartner(I) != I)
        OS << "\t" << Graph.evidencePartner(I);
      OS << "\n";
    }
  for (unsigned I = 0; I < Edges.size(); ++I)
    if (Graph.isConstructionOnly(I))
      OS << "constructed\t" << I << "\n";
  unsigned CycleCount = 0;
  for (const graph::Cycle &C : Cycles) {
    if (C.WeakEdge >= Edges.size())
      continue;
    OS << "cycle\t" << C.WeakEdge;
    for (unsigned I : C.Path)
      OS << "\t" << I;
    OS << "\n";
    ++CycleCount;
  }
  OS << "end\t" << Nodes.size() << "\t" << Edges.size() << "\t" << CycleCount
     << "\n";
}

} // namespace

bool writeOwnershipFacts(llvm::StringRef Directory, llvm::StringRef MainFile,
                         const graph::OwnershipGraph &Graph,
                         const std::vector<graph::EdgeSite> &Sites,
                         const std::vector<graph::Cycle> &ReportedCycles,
                         const std::vector<graph::Release> &Releases,
                         std::string &Error) {
  if (std::error_code EC = llvm::sys::fs::create_directories(Directory)) {
    Error = "cannot create the facts directory '" + Directory.str() +
            "': " + EC.message();
    return false;
  }

  // One name per main file: rerunning clang-tidy on a TU replaces its facts
  // instead of leaving stale ones, and two processes on the same TU write the
  // same content, of which the last rename wins whole.
  llvm::SmallString<256> Absolute(MainFile);
  llvm::sys::fs::make_absolute(Absolute);
  std::string Stem = llvm::sys::path::filename(MainFile).str();
  for (char &C : Stem)
    if (!std::isalnum(static_cast<unsigned char>(C)) && C != '.' && C != '-' &&
        C != '_')
      C = '_';
  llvm::SmallString<256> Final(Directory);
  llvm::sys::path::append(Final, Stem + "-" +
                                     llvm::utohexstr(stableHash(Absolute)) +
                                     ".facts");

  llvm::SmallString<256> TempModel(Final);
  TempModel += ".%%%%%%%%.tmp";
  int FD = -1;
  llvm::SmallString<256> Temp;
  if (std::error_code EC =
          llvm::sys::fs::createUniqueFile(TempModel, FD, Temp)) {
    Error = "cannot create a facts file in '" + Directory.str() +
            "': " + EC.message();
    return false;
  }
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    writeFacts(OS, MainFile, Graph, Sites, ReportedCycles, Releases);
    OS.close();
    if (OS.has_error()) {
      Error = "cannot write the facts file '" + Temp.str().str() +
              "': " + OS.error().message();
      OS.clear_error();
      llvm::sys::fs::remove(Temp);
      return false;
    }
  }
  if (std::error_code EC = llvm::sys::fs::rename(Temp, Final)) {
    Error = "cannot rename '" + Temp.str().str() + "' to '" +
            Final.str().str() + "': " + EC.message();
    llvm::sys::fs::remove(Temp);
    return false;
  }
  return true;
}

} // namespace clang::tidy::refcycle
