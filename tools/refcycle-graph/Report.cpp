//===--- Report.cpp -------------------------------------------------------===//

#include "Report.h"

#include <algorithm>
#include <cstdint>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <sys/wait.h>

namespace refcycle::report {

namespace {

constexpr const char *CheckName = "refcycle-shared-ptr-cycle";

// The edges of a finding: the weak edge first, then the path back to it.
std::vector<unsigned> cycleEdges(const Finding &F) {
  std::vector<unsigned> Result{F.Cycle.WeakEdge};
  Result.insert(Result.end(), F.Cycle.Path.begin(), F.Cycle.Path.end());
  return Result;
}

std::string dotQuote(const std::string &Text) {
  std::string Out = "\"";
  for (char C : Text) {
    if (C == '"' || C == '\\')
      Out += '\\';
    if (C == '\n') {
      Out += "\\n";
      continue;
    }
    Out += C;
  }
  return Out + "\"";
}

std::string htmlEscape(const std::string &Text) {
  std::string Out;
  for (char C : Text) {
    switch (C) {
    case '&': Out += "&amp;"; break;
    case '<': Out += "&lt;"; break;
    case '>': Out += "&gt;"; break;
    case '"': Out += "&quot;"; break;
    case '\'': Out += "&#39;"; break;
    default: Out += C;
    }
  }
  return Out;
}

std::string jsonQuote(const std::string &Text) {
  std::string Out = "\"";
  for (unsigned char C : Text) {
    switch (C) {
    case '"': Out += "\\\""; break;
    case '\\': Out += "\\\\"; break;
    case '\n': Out += "\\n"; break;
    case '\r': Out += "\\r"; break;
    case '\t': Out += "\\t"; break;
    default:
      if (C < 0x20) {
        char Buffer[8];
        std::snprintf(Buffer, sizeof(Buffer), "\\u%04x", C);
        Out += Buffer;
      } else {
        Out += static_cast<char>(C);
      }
    }
  }
  return Out + "\"";
}

// file:///abs/path for absolute paths; relative ones stay relative to the
// report (they were relative to the build directory).
std::string fileUri(const std::string &Path) {
  std::string Out = Path.size() && Path[0] == '/' ? "file://" : "";
  static const char *Hex = "0123456789ABCDEF";
  for (unsigned char C : Path) {
    if (std::isalnum(C) || std::strchr("/-_.~", C)) {
      Out += static_cast<char>(C);
    } else {
      Out += '%';
      Out += Hex[C >> 4];
      Out += Hex[C & 15];
    }
  }
  return Out;
}

std::string reportedNote(const facts::Program &P, const Finding &F) {
  if (F.ReportedIn.empty())
    return "no single translation unit reported this cycle; it is only seen "
           "across translation units";
  std::string Text = "already reported when checking '" +
                     P.TranslationUnits[F.ReportedIn.front()] + "'";
  if (F.ReportedIn.size() > 1)
    Text += " and " + std::to_string(F.ReportedIn.size() - 1) +
            (F.ReportedIn.size() == 2 ? " other translation unit"
                                      : " other translation units");
  return Text;
}

} // namespace

std::vector<Finding> findCycles(const facts::Program &P,
                                const graph::CyclePolicy &Policy,
                                bool ReportTornDown) {
  std::vector<Finding> Findings;
  // Which TUs reported each weak edge, and each exact set of edges.
  std::multimap<unsigned, unsigned> ByWeakEdge;
  std::map<std::vector<unsigned>, std::vector<unsigned>> ByEdges;
  for (const facts::ReportedCycle &R : P.Reported) {
    ByWeakEdge.emplace(R.WeakEdge, R.TU);
    ByEdges[R.Edges].push_back(R.TU);
  }
  for (graph::Cycle &C : graph::findReportableCycles(P.Graph, Policy)) {
    if (!ReportTornDown && graph::isTornDown(P.Graph, C, P.Releases))
      continue;
    Finding F;
    F.Cycle = std::move(C);
    std::set<unsigned> TUs;
    auto [Begin, End] = ByWeakEdge.equal_range(F.Cycle.WeakEdge);
    for (auto It = Begin; It != End; ++It)
      TUs.insert(It->second);
    if (!ByEdges.empty()) {
      std::vector<unsigned> Edges = cycleEdges(F);
      std::sort(Edges.begin(), Edges.end());
      auto It = ByEdges.find(Edges);
      if (It != ByEdges.end())
        TUs.insert(It->second.begin(), It->second.end());
    }
    // Name the TUs in a stable order: by their main file.
    F.ReportedIn.assign(TUs.begin(), TUs.end());
    std::sort(F.ReportedIn.begin(), F.ReportedIn.end(),
              [&](unsigned A, unsigned B) {
                return P.TranslationUnits[A] < P.TranslationUnits[B];
              });
    Findings.push_back(std::move(F));
  }
  return Findings;
}

std::string memberName(const facts::Program &P, unsigned Edge) {
  const graph::Edge &E = P.Graph.edges()[Edge];
  return P.Graph.nodes()[E.Owner].Name + "::" + E.Member;
}

std::string siteText(const facts::Program &P, unsigned Edge) {
  const facts::Site &S = P.Sites[Edge];
  return P.Files[S.File] + ":" + std::to_string(S.Line) + ":" +
         std::to_string(S.Column);
}

std::string warningMessage(const facts::Program &P, const Finding &F) {
  return "'" + memberName(P, F.Cycle.WeakEdge) +
         "' closes a shared_ptr ownership cycle: " +
         graph::describeCycle(P.Graph, F.Cycle) +
         "; objects in this cycle are never freed";
}

std::vector<CycleNote> cycleNotes(const facts::Program &P, const Finding &F) {
  const auto &Edges = P.Graph.edges();
  const auto &Nodes = P.Graph.nodes();
  const graph::Cycle &C = F.Cycle;
  std::vector<CycleNote> Notes;
  if (C.Steps.size() != C.Path.size() + 1 || C.Steps.empty()) {
    for (unsigned I : C.Path)
      Notes.push_back({I, "'" + memberName(P, I) + "' owns '" +
                              Nodes[Edges[I].Owned].Name + "' here"});
    return Notes;
  }
  // The same notes as the check's, step by step.
  const graph::CycleStep &WeakStep = C.Steps.front();
  if (WeakStep.Owned != Edges[C.WeakEdge].Owned)
    Notes.push_back({C.WeakEdge, "'" + memberName(P, C.WeakEdge) + "' owns '" +
                                     Nodes[WeakStep.Owned].Name +
                                     "' here through its base class '" +
                                     Nodes[Edges[C.WeakEdge].Owned].Name + "'"});
  for (std::size_t I = 0; I + 1 < WeakStep.Edges.size(); ++I)
    Notes.push_back({WeakStep.Edges[I],
                     "'" + memberName(P, WeakStep.Edges[I]) + "' contains a '" +
                         Nodes[Edges[WeakStep.Edges[I]].Owned].Name +
                         "' by value here"});
  for (std::size_t I = 1; I < C.Steps.size(); ++I) {
    const graph::CycleStep &S = C.Steps[I];
    const unsigned First = S.Edges.front(), Leaf = S.Edges.back();
    if (S.Edges.size() > 1)
      Notes.push_back({First, "'" + memberName(P, First) + "' owns '" +
                                  Nodes[S.Owned].Name + "' here through '" +
                                  memberName(P, Leaf) + "'"});
    else if (S.Owned != Edges[Leaf].Owned)
      Notes.push_back({First, "'" + memberName(P, Leaf) + "' owns '" +
                                  Nodes[S.Owned].Name +
                                  "' here through its base class '" +
                                  Nodes[Edges[Leaf].Owned].Name + "'"});
    else
      Notes.push_back({First, "'" + memberName(P, Leaf) + "' owns '" +
                                  Nodes[S.Owned].Name + "' here"});
  }
  return Notes;
}

void writeText(std::ostream &OS, const facts::Program &P,
               const std::vector<Finding> &Findings) {
  for (const Finding &F : Findings) {
    OS << siteText(P, F.Cycle.WeakEdge) << ": warning: " << warningMessage(P, F)
       << " [" << CheckName << "]\n";
    for (const CycleNote &N : cycleNotes(P, F))
      OS << siteText(P, N.Edge) << ": note: " << N.Message << "\n";
    OS << siteText(P, F.Cycle.WeakEdge) << ": note: " << reportedNote(P, F)
       << "\n";
  }
}

void writeDot(std::ostream &OS, const facts::Program &P,
              const std::vector<Finding> &Findings, bool CyclesOnly) {
  const auto &Edges = P.Graph.edges();
  const auto &Nodes = P.Graph.nodes();
  // Edge index -> 0 (plain), 1 (on a cycle), 2 (the edge to weaken).
  std::vector<unsigned char> Role(Edges.size(), 0);
  for (const Finding &F : Findings) {
    for (unsigned I : F.Cycle.Path)
      Role[I] = 1;
    Role[F.Cycle.WeakEdge] = 2;
  }
  OS << "digraph refcycle {\n"
        "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=12];\n"
        "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f3f6fa\", "
        "fontname=\"Helvetica\", fontsize=11];\n"
        "  edge [fontname=\"Helvetica\", fontsize=10];\n";
  auto node = [&](unsigned N, const char *Indent) {
    OS << Indent << "n" << N << " [label=" << dotQuote(Nodes[N].Name)
       << ", tooltip=" << dotQuote(Nodes[N].Key) << "];\n";
  };
  auto edge = [&](unsigned I, const char *Indent) {
    const graph::Edge &E = Edges[I];
    OS << Indent << "n" << E.Owner << " -> n" << E.Owned << " [label="
       << dotQuote(E.ViaContainer ? E.Member + " (container)" : E.Member.str())
       << ", tooltip=" << dotQuote(memberName(P, I) + " (" +
                                   (E.PointerType.empty()
                                        ? std::string(graph::ownershipKindName(E.Kind))
                                        : E.PointerType) +
                                   ") " + siteText(P, I));
    // shared_ptr: a filled arrow; unique_ptr: a hollow one; a by-value
    // member: a diamond at the owner (composition).
    if (E.Kind == graph::OwnershipKind::Unique)
      OS << ", arrowhead=empty";
    else if (E.Kind == graph::OwnershipKind::Value)
      OS << ", arrowtail=diamond, dir=both";
    else if (E.Kind == graph::OwnershipKind::Weak)
      OS << ", style=dashed, arrowhead=open";
    if (Role[I] == 2)
      OS << ", color=red, fontcolor=red, penwidth=2, style=bold";
    else if (Role[I] == 1)
      OS << ", penwidth=1.6";
    else if (!CyclesOnly || E.Kind == graph::OwnershipKind::Weak)
      OS << ", color=\"#9aa5b1\", fontcolor=\"#7b8794\"";
    OS << "];\n";
  };
  // Weak edges by owner, for the clusters of --cycles-only.
  std::vector<std::vector<unsigned>> WeakOut;
  if (CyclesOnly)
    WeakOut = weakEdgesByOwner(P);

  if (CyclesOnly) {
    for (std::size_t K = 0; K < Findings.size(); ++K) {
      const Finding &F = Findings[K];
      OS << "  subgraph cluster_" << K << " {\n"
         << "    label=" << dotQuote("cycle " + std::to_string(K + 1) + ": " +
                                     memberName(P, F.Cycle.WeakEdge))
         << ";\n    style=rounded; color=\"#c0c8d0\";\n";
      const std::vector<unsigned> CycleEdges = cycleEdges(F);
      for (unsigned I : CycleEdges)
        node(Edges[I].Owner, "    ");
      for (unsigned I : CycleEdges)
        edge(I, "    ");
      // The weak references already between the cycle's types.
      std::vector<unsigned> Types;
      for (unsigned I : CycleEdges)
        if (std::find(Types.begin(), Types.end(), Edges[I].Owner) ==
            Types.end())
          Types.push_back(Edges[I].Owner);
      for (unsigned Owner : Types)
        for (unsigned I : WeakOut[Owner])
          if (std::find(Types.begin(), Types.end(), Edges[I].Owned) !=
              Types.end())
            edge(I, "    ");
      OS << "  }\n";
    }
  } else {
    std::vector<bool> Used(Nodes.size(), false);
    for (const graph::Edge &E : Edges)
      Used[E.Owner] = Used[E.Owned] = true;
    for (unsigned N = 0; N < Nodes.size(); ++N)
      if (Used[N])
        node(N, "  ");
    for (unsigned I = 0; I < Edges.size(); ++I)
      edge(I, "  ");
  }
  OS << "}\n";
}

std::vector<std::vector<unsigned>> weakEdgesByOwner(const facts::Program &P) {
  const auto &Edges = P.Graph.edges();
  std::vector<std::vector<unsigned>> WeakOut(P.Graph.nodes().size());
  for (unsigned I = 0; I < Edges.size(); ++I)
    if (Edges[I].Kind == graph::OwnershipKind::Weak)
      WeakOut[Edges[I].Owner].push_back(I);
  return WeakOut;
}

void writeCycleDot(std::ostream &OS, const facts::Program &P,
                   const Finding &F,
                   const std::vector<std::vector<unsigned>> &WeakOut) {
  const auto &Edges = P.Graph.edges();
  const auto &Nodes = P.Graph.nodes();
  // The steps in reading order: from the weak step's target round to the
  // weak step itself.
  struct Step {
    unsigned Owner, Owned;
    std::string Label, Tooltip;
    bool Weak;
  };
  std::vector<Step> Steps;
  auto label = [&](const std::vector<unsigned> &StepEdges) {
    std::string Label, Tooltip;
    for (unsigned I : StepEdges) {
      Label += (Label.empty() ? "" : ".") + Edges[I].Member;
      Tooltip += (Tooltip.empty() ? "" : ", ") + memberName(P, I) + " " +
                 siteText(P, I);
    }
    return std::make_pair(Label, Tooltip);
  };
  const auto &CSteps = F.Cycle.Steps;
  if (CSteps.size() == F.Cycle.Path.size() + 1) {
    for (std::size_t I = 1; I <= CSteps.size(); ++I) {
      const graph::CycleStep &S = CSteps[I % CSteps.size()];
      auto [Label, Tooltip] = label(S.Edges);
      Steps.push_back({S.Owner, S.Owned, Label, Tooltip, I == CSteps.size()});
    }
  } else {
    std::vector<unsigned> Order(F.Cycle.Path);
    Order.push_back(F.Cycle.WeakEdge);
    for (unsigned I : Order) {
      auto [Label, Tooltip] = label({I});
      Steps.push_back({Edges[I].Owner, Edges[I].Owned, Label, Tooltip,
                       I == F.Cycle.WeakEdge});
    }
  }

  // Short cycles read best as one row. A long one is laid out as a snake of
  // rows of PerRow types (left to right, then right to left), so that a
  // 30-type cycle fits a page; the edge to weaken goes back to the start.
  constexpr std::size_t PerRow = 5;
  const bool Long = Steps.size() > PerRow + 1;
  OS << "digraph cycle {\n"
     << "  graph [rankdir=" << (Long ? "TB" : "LR")
     << ", fontname=\"Helvetica\", nodesep=0.5, ranksep=0.45];\n"
        "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f3f6fa\", "
        "color=\"#52606d\", fontname=\"Helvetica\", fontsize=12];\n"
        "  edge [fontname=\"Helvetica\", fontsize=10, color=\"#3e4c59\"];\n";
  // Node J is the owner of step J (and the target of step J - 1).
  for (std::size_t J = 0; J < Steps.size(); ++J)
    OS << "  s" << J << " [label=" << dotQuote(Nodes[Steps[J].Owner].Name)
       << "];\n";
  if (Long)
    for (std::size_t Row = 0; Row * PerRow < Steps.size(); ++Row) {
      OS << "  { rank=same;";
      for (std::size_t J = Row * PerRow;
           J < std::min(Steps.size(), (Row + 1) * PerRow); ++J)
        OS << " s" << J << ";";
      OS << " }\n";
    }
  for (std::size_t J = 0; J < Steps.size(); ++J) {
    const Step &S = Steps[J];
    const std::size_t To = (J + 1) % Steps.size();
    std::string Attributes =
        "label=" +
        dotQuote(S.Weak ? " " + S.Label + " (make weak) " : " " + S.Label + " ") +
        ", tooltip=" + dotQuote(S.Tooltip);
    if (S.Weak) {
      Attributes += ", color=red, fontcolor=red, penwidth=2.2";
      if (Long)
        Attributes += ", constraint=false";
    }
    // In a right-to-left row, draw the edge reversed so dot orders the row
    // that way, and put the arrowhead back where it belongs.
    const bool SameRow = Long && !S.Weak && J / PerRow == To / PerRow;
    if (SameRow && (J / PerRow) % 2 == 1)
      OS << "  s" << To << " -> s" << J << " [" << Attributes
         << ", dir=back];\n";
    else
      OS << "  s" << J << " -> s" << To << " [" << Attributes << "];\n";
  }
  // Weak references between the cycle's types: dashed and grey, and left
  // out of the layout so that they do not bend the cycle.
  for (std::size_t J = 0; J < Steps.size(); ++J) {
    if (Steps[J].Owner >= WeakOut.size())
      continue;
    for (unsigned I : WeakOut[Steps[J].Owner])
      for (std::size_t K = 0; K < Steps.size(); ++K)
        if (Steps[K].Owner == Edges[I].Owned) {
          OS << "  s" << J << " -> s" << K << " [label="
             << dotQuote(" " + Edges[I].Member.str() + " (weak) ")
             << ", tooltip="
             << dotQuote(memberName(P, I) + " (" + Edges[I].PointerType.str() +
                         ") " + siteText(P, I))
             << ", style=dashed, arrowhead=open, color=\"#9aa5b1\", "
                "fontcolor=\"#7b8794\", constraint=false];\n";
          break;
        }
  }
  OS << "}\n";
}

namespace {
// The artifact location refcycle_sarif.py writes: relative to Root (under
// uriBaseId SRCROOT) when the file is inside it, else a file:// URI.
std::string artifactJson(const std::string &Path, const std::string &Root) {
  namespace fs = std::filesystem;
  std::error_code EC;
  const fs::path Absolute = fs::absolute(Path, EC).lexically_normal();
  if (!Root.empty()) {
    const fs::path Relative = Absolute.lexically_relative(Root);
    if (!Relative.empty() && *Relative.begin() != "..")
      return "{\"uri\": " + jsonQuote(fileUri(Relative.generic_string())) +
             ", \"uriBaseId\": \"SRCROOT\"}";
  }
  return "{\"uri\": " + jsonQuote(fileUri(Absolute.generic_string())) + "}";
}

std::string locationJson(const facts::Program &P, unsigned Edge,
                         const std::string &Root, const std::string *Message,
                         int Id) {
  const facts::Site &S = P.Sites[Edge];
  std::string Text = "{\"physicalLocation\": {\"artifactLocation\": " +
                     artifactJson(P.Files[S.File], Root) +
                     ", \"region\": {\"startLine\": " +
                     std::to_string(std::max(1U, S.Line)) +
                     ", \"startColumn\": " +
                     std::to_string(std::max(1U, S.Column)) + "}}";
  if (Message)
    Text += ", \"message\": {\"text\": " + jsonQuote(*Message) + "}";
  if (Id >= 0)
    Text += ", \"id\": " + std::to_string(Id);
  return Text + "}";
}

} // namespace

std::string fingerprint(const facts::Program &P, const Finding &F) {
  const graph::Edge &E = P.Graph.edges()[F.Cycle.WeakEdge];
  const std::string Identity = P.Graph.nodes()[E.Owner].Key + '\0' + E.Member +
                               '\0' + P.Graph.nodes()[E.Owned].Key;
  std::uint64_t Hash = 0xcbf29ce484222325ULL;
  for (unsigned char C : Identity) {
    Hash ^= C;
    Hash *= 0x100000001b3ULL;
  }
  char Buffer[17];
  std::snprintf(Buffer, sizeof(Buffer), "%016llx",
                static_cast<unsigned long long>(Hash));
  return Buffer;
}

void writeSarif(std::ostream &OS, const facts::Program &P,
                const std::vector<Finding> &Findings, const std::string &Root,
                const std::string &Version) {
  namespace fs = std::filesystem;
  std::string AbsoluteRoot;
  if (!Root.empty()) {
    std::error_code EC;
    AbsoluteRoot = fs::absolute(Root, EC).lexically_normal().generic_string();
    while (AbsoluteRoot.size() > 1 && AbsoluteRoot.back() == '/')
      AbsoluteRoot.pop_back();
  }
  OS << "{\n  \"$schema\": \"https://docs.oasis-open.org/sarif/sarif/v2.1.0/"
        "errata01/os/schemas/sarif-schema-2.1.0.json\",\n"
        "  \"version\": \"2.1.0\",\n  \"runs\": [{\n"
        "    \"tool\": {\"driver\": {\"name\": \"refcycle-graph\", "
        "\"version\": "
     << jsonQuote(Version) << ", \"rules\": [";
  if (!Findings.empty())
    OS << "{\"id\": " << jsonQuote(CheckName)
       << ", \"name\": \"RefcycleSharedPtrCycle\", \"shortDescription\": "
          "{\"text\": "
       << jsonQuote(CheckName)
       << "}, \"defaultConfiguration\": {\"level\": \"warning\"}}";
  OS << "]}},\n    \"columnKind\": \"unicodeCodePoints\",\n    \"results\": [";
  for (std::size_t K = 0; K < Findings.size(); ++K) {
    const Finding &F = Findings[K];
    OS << (K ? "," : "") << "\n      {\"ruleId\": " << jsonQuote(CheckName)
       << ", \"ruleIndex\": 0, \"level\": \"warning\", \"message\": {\"text\": "
       << jsonQuote(warningMessage(P, F)) << "},\n       \"locations\": ["
       << locationJson(P, F.Cycle.WeakEdge, AbsoluteRoot, nullptr, -1) << "]";
    const std::vector<CycleNote> Notes = cycleNotes(P, F);
    if (!Notes.empty()) {
      OS << ",\n       \"relatedLocations\": [";
      for (std::size_t I = 0; I < Notes.size(); ++I)
        OS << (I ? ", " : "")
           << locationJson(P, Notes[I].Edge, AbsoluteRoot, &Notes[I].Message,
                           int(I));
      OS << "]";
    }
    OS << ",\n       \"partialFingerprints\": {\"refcycleFingerprint/v1\": "
       << jsonQuote(fingerprint(P, F)) << "}";
    OS << ",\n       \"properties\": {\"crossTranslationUnit\": "
       << (F.ReportedIn.empty() ? "true" : "false") << ", \"reportedIn\": [";
    for (std::size_t T = 0; T < F.ReportedIn.size(); ++T)
      OS << (T ? ", " : "") << jsonQuote(P.TranslationUnits[F.ReportedIn[T]]);
    OS << "]}}";
  }
  OS << "\n    ]";
  if (!AbsoluteRoot.empty())
    OS << ",\n    \"originalUriBaseIds\": {\"SRCROOT\": {\"uri\": "
       << jsonQuote(fileUri(AbsoluteRoot + "/")) << "}}";
  OS << "\n  }]\n}\n";
}

void writeFindingsJson(std::ostream &OS, const facts::Program &P,
                       const std::vector<Finding> &Findings) {
  OS << "[";
  for (std::size_t K = 0; K < Findings.size(); ++K) {
    const Finding &F = Findings[K];
    const facts::Site &S = P.Sites[F.Cycle.WeakEdge];
    OS << (K ? ",\n " : "\n ") << "{\"check\": " << jsonQuote(CheckName)
       << ", \"message\": " << jsonQuote(warningMessage(P, F))
       << ", \"path\": " << jsonQuote(P.Files[S.File])
       << ", \"line\": " << S.Line << ", \"column\": " << S.Column
       << ", \"level\": \"warning\", \"fingerprint\": "
       << jsonQuote(fingerprint(P, F)) << ", \"notes\": [";
    const std::vector<CycleNote> Notes = cycleNotes(P, F);
    for (std::size_t I = 0; I < Notes.size(); ++I) {
      const facts::Site &N = P.Sites[Notes[I].Edge];
      OS << (I ? ", " : "") << "{\"path\": " << jsonQuote(P.Files[N.File])
         << ", \"line\": " << N.Line << ", \"column\": " << N.Column
         << ", \"message\": " << jsonQuote(Notes[I].Message) << "}";
    }
    OS << "], \"cross_translation_unit\": "
       << (F.ReportedIn.empty() ? "true" : "false") << "}";
  }
  OS << (Findings.empty() ? "]\n" : "\n]\n");
}

bool writeHtml(const std::string &Dir, const std::string &DotProgram,
               const facts::Program &P, const std::vector<Finding> &Findings,
               std::string &Error) {
  namespace fs = std::filesystem;
  std::error_code EC;
  fs::create_directories(Dir, EC);
  if (EC) {
    Error = Dir + ": cannot create the report directory: " + EC.message();
    return false;
  }
  const auto &Edges = P.Graph.edges();
  const auto &Nodes = P.Graph.nodes();

  const std::vector<std::vector<unsigned>> WeakOut = weakEdgesByOwner(P);
  std::size_t Weak = 0;
  for (const std::vector<unsigned> &Out : WeakOut)
    Weak += Out.size();
  std::ostringstream Body;
  std::size_t CrossTU = 0;
  for (const Finding &F : Findings)
    CrossTU += F.ReportedIn.empty();

  for (std::size_t K = 0; K < Findings.size(); ++K) {
    const Finding &F = Findings[K];
    const std::string Id = "cycle-" + std::to_string(K + 1);
    const fs::path DotFile = fs::path(Dir) / (Id + ".dot");
    const fs::path SvgFile = fs::path(Dir) / (Id + ".svg");
    {
      std::ofstream Out(DotFile);
      writeCycleDot(Out, P, F, WeakOut);
      if (!Out) {
        Error = DotFile.string() + ": cannot write: " + std::strerror(errno);
        return false;
      }
    }
    auto shellQuote = [](const std::string &S) {
      std::string Out = "'";
      for (char C : S)
        Out += C == '\'' ? std::string("'\\''") : std::string(1, C);
      return Out + "'";
    };
    const std::string Command = shellQuote(DotProgram) + " -Tsvg -o " +
                                shellQuote(SvgFile.string()) + " " +
                                shellQuote(DotFile.string());
    const int Status = std::system(Command.c_str());
    if (Status != 0) {
      Error = "rendering " + DotFile.string() + " with '" + DotProgram +
              "' failed (exit status " +
              std::to_string(WIFEXITED(Status) ? WEXITSTATUS(Status) : Status) +
              "); install Graphviz (Debian package graphviz) or pass "
              "--dot-program";
      return false;
    }
    std::ifstream In(SvgFile);
    std::string Svg((std::istreambuf_iterator<char>(In)),
                    std::istreambuf_iterator<char>());
    // Inline the <svg> element itself (drop the XML prologue and DOCTYPE).
    const std::size_t Start = Svg.find("<svg");
    if (Start == std::string::npos) {
      Error = SvgFile.string() + ": '" + DotProgram + "' wrote no SVG";
      return false;
    }
    Svg.erase(0, Start);
    fs::remove(DotFile, EC);

    Body << "<section class=\"cycle\" id=\"" << Id << "\">\n<h2><a href=\"#"
         << Id << "\">Cycle " << K + 1 << "</a>: <code>"
         << htmlEscape(memberName(P, F.Cycle.WeakEdge)) << "</code>"
         << (F.ReportedIn.empty()
                 ? " <span class=\"badge cross\">cross-TU</span>"
                 : " <span class=\"badge seen\">also reported per TU</span>")
         << "</h2>\n<p class=\"message\">" << htmlEscape(warningMessage(P, F))
         << "</p>\n<p class=\"where\">" << htmlEscape(reportedNote(P, F))
         << "</p>\n<div class=\"graph\">\n"
         << Svg << "</div>\n<p class=\"svglink\"><a href=\"" << Id
         << ".svg\">" << Id << ".svg</a></p>\n"
         << "<table>\n<tr><th>owner</th><th>member</th><th>owns</th>"
            "<th>declared at</th></tr>\n";
    for (unsigned I : cycleEdges(F)) {
      const graph::Edge &E = Edges[I];
      const facts::Site &S = P.Sites[I];
      Body << "<tr" << (I == F.Cycle.WeakEdge ? " class=\"weak\"" : "")
           << "><td>" << htmlEscape(Nodes[E.Owner].Name) << "</td><td><code>"
           << htmlEscape(E.Member) << "</code>"
           << (I == F.Cycle.WeakEdge ? " &larr; make this weak" : "")
           << "</td><td>" << htmlEscape(Nodes[E.Owned].Name)
           << "</td><td><a href=\"" << htmlEscape(fileUri(P.Files[S.File]))
           << "\">" << htmlEscape(siteText(P, I)) << "</a></td></tr>\n";
    }
    Body << "</table>\n</section>\n";
  }

  const fs::path Index = fs::path(Dir) / "index.html";
  std::ofstream Out(Index);
  Out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<title>refcycle: shared_ptr ownership cycles</title>\n<style>\n"
         "body { font-family: Helvetica, Arial, sans-serif; margin: 2em; "
         "color: #1f2933; max-width: 70em; }\n"
         "h1 { font-size: 1.5em; }\n"
         "section.cycle { border: 1px solid #cbd2d9; border-radius: 6px; "
         "padding: 0 1em 1em; margin: 1.5em 0; }\n"
         "h2 { font-size: 1.15em; }\n"
         ".badge { font-size: 0.75em; padding: 2px 6px; border-radius: 4px; "
         "vertical-align: middle; }\n"
         ".cross { background: #ffe3e3; color: #a61b1b; }\n"
         ".seen { background: #e3ecf7; color: #243b53; }\n"
         ".message { font-family: monospace; }\n"
         ".graph svg { max-width: 100%; height: auto; }\n"
         "table { border-collapse: collapse; font-size: 0.9em; }\n"
         "td, th { border-bottom: 1px solid #e4e7eb; padding: 3px 10px; "
         "text-align: left; }\n"
         "tr.weak td { color: #c81e1e; font-weight: bold; }\n"
         "</style>\n</head>\n<body>\n"
         "<h1>refcycle: shared_ptr ownership cycles in the whole program</h1>\n"
      << "<p class=\"summary\">" << Findings.size()
      << (Findings.size() == 1 ? " cycle" : " cycles") << " (" << CrossTU
      << " only across translation units) among " << Nodes.size()
      << " types and " << Edges.size() - Weak << " ownership edges"
      << (Weak ? " (and " + std::to_string(Weak) +
                     (Weak == 1 ? " weak reference)" : " weak references)")
               : std::string())
      << " from " << P.TranslationUnits.size() << " translation units.</p>\n";
  if (Findings.empty())
    Out << "<p class=\"none\">No ownership cycles.</p>\n";
  Out << Body.str() << "</body>\n</html>\n";
  if (!Out) {
    Error = Index.string() + ": cannot write: " + std::strerror(errno);
    return false;
  }
  return true;
}

} // namespace refcycle::report
