//===--- Facts.cpp --------------------------------------------------------===//

#include "Facts.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <numeric>
#include <tuple>

namespace refcycle::facts {

namespace {

bool kindFromName(std::string_view Name, graph::OwnershipKind &Kind) {
  if (Name == "shared")
    Kind = graph::OwnershipKind::Shared;
  else if (Name == "unique")
    Kind = graph::OwnershipKind::Unique;
  else if (Name == "value")
    Kind = graph::OwnershipKind::Value;
  else
    return false;
  return true;
}

bool unescape(std::string_view Field, std::string &Out) {
  if (Field.find('\\') == std::string_view::npos) {
    Out.assign(Field.data(), Field.size());
    return true;
  }
  Out.clear();
  for (std::size_t I = 0; I < Field.size(); ++I) {
    if (Field[I] != '\\') {
      Out += Field[I];
      continue;
    }
    if (++I == Field.size())
      return false;
    switch (Field[I]) {
    case '\\': Out += '\\'; break;
    case 't': Out += '\t'; break;
    case 'n': Out += '\n'; break;
    case 'r': Out += '\r'; break;
    default: return false;
    }
  }
  return true;
}

bool parseUnsigned(std::string_view Text, unsigned &Value) {
  if (Text.empty())
    return false;
  auto [End, Err] = std::from_chars(Text.data(), Text.data() + Text.size(),
                                    Value);
  return Err == std::errc() && End == Text.data() + Text.size();
}

// Flags fields are '-' or comma-separated words; unknown words are ignored.
bool hasFlag(std::string_view Flags, std::string_view Flag) {
  while (!Flags.empty()) {
    std::size_t Comma = Flags.find(',');
    if (Flags.substr(0, Comma) == Flag)
      return true;
    if (Comma == std::string_view::npos)
      break;
    Flags.remove_prefix(Comma + 1);
  }
  return false;
}

// Splits Line at tabs into Fields (views into Line).
void splitFields(std::string_view Line, std::vector<std::string_view> &Fields) {
  Fields.clear();
  std::size_t Start = 0;
  while (true) {
    std::size_t Tab = Line.find('\t', Start);
    if (Tab == std::string_view::npos) {
      Fields.push_back(Line.substr(Start));
      return;
    }
    Fields.push_back(Line.substr(Start, Tab - Start));
    Start = Tab + 1;
  }
}

} // namespace

FactsMerger::FactsMerger() {
  NodeIds.reserve(1 << 16);
  MemberIds.reserve(1 << 10);
}

unsigned FactsMerger::intern(Table &Ids, std::vector<std::string_view> &Values,
                             std::string_view Text) {
  auto It = Ids.find(Text);
  if (It != Ids.end())
    return It->second;
  const std::string &Stored = Storage.emplace_back(Text);
  const unsigned Id = Values.size();
  Values.push_back(Stored);
  Ids.emplace(Stored, Id);
  return Id;
}

bool FactsMerger::addFile(const std::string &Path, std::string &Error) {
  std::FILE *F = std::fopen(Path.c_str(), "rb");
  if (!F) {
    Error = Path + ": cannot open facts file: " + std::strerror(errno);
    return false;
  }
  std::string Text;
  char Buffer[1 << 16];
  std::size_t N;
  while ((N = std::fread(Buffer, 1, sizeof(Buffer), F)) > 0)
    Text.append(Buffer, N);
  const bool ReadError = std::ferror(F);
  std::fclose(F);
  if (ReadError) {
    Error = Path + ": cannot read facts file";
    return false;
  }
  return addText(Text, Path, Error);
}

bool FactsMerger::addText(std::string_view Text, const std::string &Path,
                          std::string &Error) {
  unsigned LineNo = 0;
  // Edges go straight into Edges and are dropped again if the file turns
  // out bad; the rest is kept aside until the whole file is valid, so a bad
  // file contributes nothing.
  const std::size_t First = Edges.size();
  auto fail = [&](const std::string &Message) {
    Error = Path + ":" + std::to_string(LineNo) + ": corrupt facts file: " +
            Message;
    Edges.resize(First);
    return false;
  };

  std::string TU;
  bool HaveTU = false, HaveEnd = false, HaveHeader = false;
  std::vector<unsigned> LocalFiles, LocalNodes, LocalPolymorphic;
  std::vector<std::pair<unsigned, unsigned>> LocalBases;
  std::vector<std::vector<unsigned>> LocalCycles;
  std::vector<std::string_view> Fields;
  std::string Scratch, Scratch2;

  std::size_t Pos = 0;
  while (Pos < Text.size()) {
    std::size_t End = Text.find('\n', Pos);
    if (End == std::string_view::npos)
      End = Text.size();
    std::string_view Line = Text.substr(Pos, End - Pos);
    Pos = End + 1;
    ++LineNo;
    if (!Line.empty() && Line.back() == '\r')
      Line.remove_suffix(1);
    if (HaveEnd)
      return fail("text after the 'end' line");
    splitFields(Line, Fields);
    const std::string_view Tag = Fields[0];

    if (!HaveHeader) {
      unsigned Version = 0;
      if (Tag != "refcycle-facts" || Fields.size() != 2 ||
          !parseUnsigned(Fields[1], Version))
        return fail("does not start with 'refcycle-facts<TAB><version>'; is "
                    "this a refcycle facts file?");
      if (Version != FormatVersion)
        return fail("facts format version " + std::to_string(Version) +
                    " is not supported (this refcycle-graph reads version " +
                    std::to_string(FormatVersion) +
                    "); use the refcycle-graph of the same refcycle release "
                    "as the check that wrote it");
      HaveHeader = true;
      continue;
    }
    if (Tag == "tu") {
      if (Fields.size() != 2 || HaveTU || !unescape(Fields[1], TU))
        return fail("bad 'tu' line");
      HaveTU = true;
    } else if (Tag == "file") {
      unsigned Id;
      if (Fields.size() != 3 || !parseUnsigned(Fields[1], Id) ||
          Id != LocalFiles.size() || !unescape(Fields[2], Scratch))
        return fail("bad 'file' line (expected 'file<TAB>" +
                    std::to_string(LocalFiles.size()) + "<TAB><path>')");
      LocalFiles.push_back(intern(FileIds, FileNames, Scratch));
    } else if (Tag == "node") {
      unsigned Id;
      if (Fields.size() != 5 || !parseUnsigned(Fields[1], Id) ||
          Id != LocalNodes.size() || !unescape(Fields[2], Scratch) ||
          Scratch.empty() || !unescape(Fields[3], Scratch2))
        return fail("bad 'node' line (expected 'node<TAB>" +
                    std::to_string(LocalNodes.size()) +
                    "<TAB><key><TAB><name><TAB><flags>')");
      const unsigned Node = intern(NodeIds, NodeKeys, Scratch);
      if (Node == NodeNames.size()) {
        NodeNames.push_back(Storage.emplace_back(Scratch2));
        Polymorphic.push_back(false);
      }
      LocalNodes.push_back(Node);
      if (hasFlag(Fields[4], "polymorphic"))
        LocalPolymorphic.push_back(Node);
    } else if (Tag == "base") {
      unsigned Derived, Base;
      if (Fields.size() != 3 || !parseUnsigned(Fields[1], Derived) ||
          Derived >= LocalNodes.size() || !parseUnsigned(Fields[2], Base) ||
          Base >= LocalNodes.size())
        return fail("bad 'base' line (expected two nodes defined above it)");
      LocalBases.emplace_back(LocalNodes[Derived], LocalNodes[Base]);
    } else if (Tag == "edge") {
      // edge owner owned member kind pointer flags file line column
      unsigned Owner, Owned, File;
      RawEdge E{};
      graph::OwnershipKind Kind;
      if (Fields.size() != 10)
        return fail("bad 'edge' line (expected 10 fields, found " +
                    std::to_string(Fields.size()) + ")");
      if (!parseUnsigned(Fields[1], Owner) || Owner >= LocalNodes.size() ||
          !parseUnsigned(Fields[2], Owned) || Owned >= LocalNodes.size())
        return fail("'edge' refers to a node that is not defined above it");
      if (!unescape(Fields[3], Scratch) || Scratch.empty())
        return fail("'edge' has a bad member name");
      if (!kindFromName(Fields[4], Kind))
        return fail("'edge' has unknown ownership kind '" +
                    std::string(Fields[4]) + "'");
      if (Fields[5] == "-")
        Scratch2.clear();
      else if (!unescape(Fields[5], Scratch2))
        return fail("'edge' has a bad pointer type");
      E.ViaContainer = hasFlag(Fields[6], "container");
      if (!parseUnsigned(Fields[7], File) || File >= LocalFiles.size() ||
          !parseUnsigned(Fields[8], E.Where.Line) ||
          !parseUnsigned(Fields[9], E.Where.Column))
        return fail("'edge' has a bad source location");
      E.Owner = LocalNodes[Owner];
      E.Owned = LocalNodes[Owned];
      E.Member = intern(MemberIds, Members, Scratch);
      E.Kind = static_cast<std::uint8_t>(Kind);
      E.Pointer = intern(PointerIds, Pointers, Scratch2);
      E.Where.File = LocalFiles[File];
      Edges.push_back(E);
    } else if (Tag == "cycle") {
      if (Fields.size() < 3)
        return fail("bad 'cycle' line (expected a weak edge and a path)");
      std::vector<unsigned> CycleEdges;
      for (std::size_t I = 1; I < Fields.size(); ++I) {
        unsigned Id;
        if (!parseUnsigned(Fields[I], Id) || Id >= Edges.size() - First)
          return fail("'cycle' refers to an edge that is not defined above "
                      "it");
        CycleEdges.push_back(Id);
      }
      LocalCycles.push_back(std::move(CycleEdges));
    } else if (Tag == "end") {
      unsigned NodeCount, EdgeCount, CycleCount;
      if (Fields.size() != 4 || !parseUnsigned(Fields[1], NodeCount) ||
          !parseUnsigned(Fields[2], EdgeCount) ||
          !parseUnsigned(Fields[3], CycleCount))
        return fail("bad 'end' line");
      if (NodeCount != LocalNodes.size() || EdgeCount != Edges.size() - First ||
          CycleCount != LocalCycles.size())
        return fail("'end' counts do not match the lines above it");
      HaveEnd = true;
    } else if (Tag.empty() && Fields.size() == 1) {
      continue; // blank line
    } else {
      return fail("unknown line '" + std::string(Tag.substr(0, 40)) + "'");
    }
  }
  if (!HaveHeader) {
    LineNo = 0;
    return fail("the file is empty");
  }
  if (!HaveEnd)
    return fail("truncated: no 'end' line (was the writer interrupted?)");
  if (!HaveTU)
    return fail("no 'tu' line");

  // Merge.
  for (unsigned N : LocalPolymorphic)
    Polymorphic[N] = true;
  Bases.insert(Bases.end(), LocalBases.begin(), LocalBases.end());
  const unsigned TUIndex = TUNames.size();
  TUNames.push_back(TU);
  for (std::vector<unsigned> &CycleEdges : LocalCycles) {
    for (unsigned &I : CycleEdges)
      I += First;
    Cycles.push_back({TUIndex, std::move(CycleEdges)});
  }
  return true;
}

Program FactsMerger::build() && {
  Program P;
  // Rank files, node keys and members by their text, so that the order of
  // edges (and with it the choice of which edge of a cycle to report when
  // no member is named like a back reference) depends only on the program.
  auto ranks = [](const std::vector<std::string_view> &Values) {
    std::vector<unsigned> Order(Values.size());
    std::iota(Order.begin(), Order.end(), 0);
    std::sort(Order.begin(), Order.end(), [&](unsigned A, unsigned B) {
      return Values[A] < Values[B];
    });
    std::vector<unsigned> Rank(Values.size());
    for (unsigned I = 0; I < Order.size(); ++I)
      Rank[Order[I]] = I;
    return Rank;
  };
  const std::vector<unsigned> FileRank = ranks(FileNames);
  const std::vector<unsigned> NodeRank = ranks(NodeKeys);
  const std::vector<unsigned> MemberRank = ranks(Members);

  // Integer sort keys: the identity of an edge (owner, owned, member, kind)
  // and the place it is declared at.
  struct Key {
    std::uint64_t Types;
    std::uint64_t MemberKind;
    std::uint64_t Place;
    unsigned Column;
    unsigned Raw;
  };
  std::vector<Key> Keys(Edges.size());
  for (unsigned I = 0; I < Edges.size(); ++I) {
    const RawEdge &E = Edges[I];
    Keys[I] = {(std::uint64_t(NodeRank[E.Owner]) << 32) | NodeRank[E.Owned],
               (std::uint64_t(MemberRank[E.Member]) << 8) | E.Kind,
               (std::uint64_t(FileRank[E.Where.File]) << 32) | E.Where.Line,
               E.Where.Column, I};
  }
  auto identityThenPlace = [](const Key &A, const Key &B) {
    return std::tie(A.Types, A.MemberKind, A.Place, A.Column, A.Raw) <
           std::tie(B.Types, B.MemberKind, B.Place, B.Column, B.Raw);
  };
  std::sort(Keys.begin(), Keys.end(), identityThenPlace);
  // Keep the first (smallest place) of each identity; map every raw edge to
  // it.
  std::vector<unsigned> Canonical(Edges.size());
  std::vector<Key> Unique;
  for (std::size_t I = 0; I < Keys.size(); ++I) {
    if (I == 0 || Keys[I].Types != Keys[I - 1].Types ||
        Keys[I].MemberKind != Keys[I - 1].MemberKind)
      Unique.push_back(Keys[I]);
    Canonical[Keys[I].Raw] = Unique.size() - 1;
  }
  Keys = std::vector<Key>();
  std::vector<unsigned> Order(Unique.size());
  std::iota(Order.begin(), Order.end(), 0);
  std::sort(Order.begin(), Order.end(), [&](unsigned X, unsigned Y) {
    const Key &A = Unique[X], &B = Unique[Y];
    return std::tie(A.Place, A.Column, A.Types, A.MemberKind) <
           std::tie(B.Place, B.Column, B.Types, B.MemberKind);
  });
  std::vector<unsigned> EdgeOfUnique(Unique.size());

  const unsigned NoNode = ~0U;
  std::vector<unsigned> GraphNode(NodeKeys.size(), NoNode);
  auto graphNode = [&](unsigned N) {
    if (GraphNode[N] == NoNode)
      GraphNode[N] = P.Graph.addNode(std::string(NodeKeys[N]),
                                     std::string(NodeNames[N]));
    return GraphNode[N];
  };
  P.Graph.reserve(NodeKeys.size(), Unique.size());
  P.Sites.reserve(Unique.size());
  for (unsigned I = 0; I < Order.size(); ++I) {
    const RawEdge &E = Edges[Unique[Order[I]].Raw];
    graph::Edge GE;
    GE.Owner = graphNode(E.Owner);
    GE.Owned = graphNode(E.Owned);
    GE.Member = std::string(Members[E.Member]);
    GE.Kind = static_cast<graph::OwnershipKind>(E.Kind);
    GE.PointerType = std::string(Pointers[E.Pointer]);
    GE.ViaContainer = E.ViaContainer;
    EdgeOfUnique[Order[I]] = P.Graph.addEdge(std::move(GE));
    P.Sites.push_back(E.Where);
  }
  // Types that appear only as bases still matter (an edge to a base may
  // hold a derived class), so they are added after the edges' types.
  std::sort(Bases.begin(), Bases.end(),
            [&](const std::pair<unsigned, unsigned> &A,
                const std::pair<unsigned, unsigned> &B) {
              return std::make_pair(NodeRank[A.first], NodeRank[A.second]) <
                     std::make_pair(NodeRank[B.first], NodeRank[B.second]);
            });
  Bases.erase(std::unique(Bases.begin(), Bases.end()), Bases.end());
  for (const auto &[Derived, Base] : Bases)
    P.Graph.addBase(graphNode(Derived), graphNode(Base));
  std::vector<unsigned> SortedPolymorphic;
  for (unsigned N = 0; N < Polymorphic.size(); ++N)
    if (Polymorphic[N])
      SortedPolymorphic.push_back(N);
  std::sort(SortedPolymorphic.begin(), SortedPolymorphic.end(),
            [&](unsigned A, unsigned B) { return NodeRank[A] < NodeRank[B]; });
  for (unsigned N : SortedPolymorphic)
    P.Graph.setPolymorphic(graphNode(N), true);

  for (RawCycle &C : Cycles) {
    ReportedCycle R;
    R.TU = C.TU;
    R.WeakEdge = EdgeOfUnique[Canonical[C.Edges.front()]];
    for (unsigned I : C.Edges)
      R.Edges.push_back(EdgeOfUnique[Canonical[I]]);
    std::sort(R.Edges.begin(), R.Edges.end());
    R.Edges.erase(std::unique(R.Edges.begin(), R.Edges.end()), R.Edges.end());
    P.Reported.push_back(std::move(R));
  }
  P.Files.assign(FileNames.begin(), FileNames.end());
  P.TranslationUnits = std::move(TUNames);
  P.EdgeFactsRead = Edges.size();
  return P;
}

} // namespace refcycle::facts
