//===--- OwnershipFacts.cpp -----------------------------------------------===//

#include "OwnershipFacts.h"
#include "FactsFiles.h"

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

void writeFacts(llvm::raw_ostream &OS, llvm::StringRef MainFile,
                const graph::OwnershipGraph &Graph,
                const std::vector<graph::EdgeSite> &Sites,
                const std::vector<graph::Cycle> &Cycles,
                const std::vector<graph::Release> &Releases,
                const std::vector<MemberCallFact> &Calls) {
  const auto &Nodes = Graph.nodes();
  const auto &Edges = Graph.edges();
  OS << "refcycle-facts\t5\ntu\t";
  writeFactsField(OS, MainFile);
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
      writeFactsField(OS, File);
      OS << "\n";
    }
    EdgeFile[I] = It->second;
  }
  for (unsigned I = 0; I < Nodes.size(); ++I) {
    OS << "node\t" << I << "\t";
    writeFactsField(OS, Nodes[I].Key);
    OS << "\t";
    writeFactsField(OS, Nodes[I].Name);
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
    writeFactsField(OS, E.Member.str());
    OS << "\t" << graph::ownershipKindName(E.Kind) << "\t";
    if (E.PointerType.empty())
      OS << "-";
    else
      writeFactsField(OS, E.PointerType.str());
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
    // The classes whose member functions alone run it, or '-'.
    OS << "\t";
    if (R.RunOnlyByMembersOf.empty())
      OS << "-";
    for (unsigned I = 0; I < R.RunOnlyByMembersOf.size(); ++I)
      OS << (I ? "," : "") << R.RunOnlyByMembersOf[I];
    OS << "\n";
    for (const std::string &Function : R.RunVia) {
      OS << "via\t";
      writeFactsField(OS, Function);
      OS << "\n";
    }
  }
  for (const MemberCallFact &Call : Calls) {
    OS << "runs\t";
    writeFactsField(OS, Call.Callee);
    OS << "\t";
    if (Call.CallerNode < Nodes.size())
      OS << Call.CallerNode;
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
                         const std::vector<MemberCallFact> &Calls,
                         std::string &Error) {
  return writeFactsFile(
      Directory, MainFile, "facts",
      [&](llvm::raw_ostream &OS) {
        writeFacts(OS, MainFile, Graph, Sites, ReportedCycles, Releases,
                   Calls);
      },
      Error);
}

} // namespace clang::tidy::refcycle
