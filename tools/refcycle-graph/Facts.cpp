//===--- Facts.cpp --------------------------------------------------------===//

#include "Facts.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <new>
#include <numeric>
#include <stdexcept>
#include <sys/stat.h>
#include <tuple>
#include <unistd.h>

namespace refcycle::facts {

namespace {

bool kindFromName(std::string_view Name, graph::OwnershipKind &Kind) {
  if (Name == "shared")
    Kind = graph::OwnershipKind::Shared;
  else if (Name == "unique")
    Kind = graph::OwnershipKind::Unique;
  else if (Name == "value")
    Kind = graph::OwnershipKind::Value;
  else if (Name == "weak")
    Kind = graph::OwnershipKind::Weak;
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
  const char *Start = Line.data();
  const char *const End = Start + Line.size();
  while (true) {
    const char *Tab =
        static_cast<const char *>(std::memchr(Start, '\t', End - Start));
    if (!Tab) {
      Fields.emplace_back(Start, End - Start);
      return;
    }
    Fields.emplace_back(Start, Tab - Start);
    Start = Tab + 1;
  }
}

// The text of an escaped field: Field itself when it has no escapes (the
// common case, no copy), else its unescaped copy in Scratch.
bool fieldText(std::string_view Field, std::string &Scratch,
               std::string_view &Text) {
  if (Field.find('\\') == std::string_view::npos) {
    Text = Field;
    return true;
  }
  if (!unescape(Field, Scratch))
    return false;
  Text = Scratch;
  return true;
}

} // namespace

FactsMerger::FactsMerger() { NodeKeys.Index.reserve(1 << 16); }

void FactsMerger::expectBytes(std::size_t Bytes) {
  // An edge line takes 40 bytes at least; reserving for more than come costs
  // only address space (untouched pages), growing costs copies. Only a hint:
  // if the address space is not there, the edges grow as they come.
  try {
    Edges.reserve(Edges.size() + Bytes / 40);
  } catch (const std::bad_alloc &) {
  } catch (const std::length_error &) {
  }
}

std::string_view FactsMerger::TextArena::store(std::string_view Text) {
  if (Text.empty())
    return std::string_view();
  if (Text.size() > Capacity - Used) {
    const std::size_t Size = std::max<std::size_t>(Text.size(), 1 << 20);
    Blocks.emplace_back(new char[Size]);
    Used = 0;
    Capacity = Size;
  }
  char *At = Blocks.back().get() + Used;
  std::memcpy(At, Text.data(), Text.size());
  Used += Text.size();
  return std::string_view(At, Text.size());
}

unsigned FactsMerger::StringTable::intern(std::string_view Text,
                                          TextArena &Arena) {
  auto [Id, Inserted] = Index.findOrInsert(
      graph::hashText(Text), Values.size(),
      [&](unsigned I) { return Values[I] == Text; });
  if (Inserted)
    Values.push_back(Arena.store(Text));
  return Id;
}

bool FactsMerger::addFile(const std::string &Path, std::string &Error) {
  // One read of the whole file into a buffer reused between files.
  const int FD = ::open(Path.c_str(), O_RDONLY | O_CLOEXEC);
  if (FD < 0) {
    Error = Path + ": cannot open facts file: " + std::strerror(errno);
    return false;
  }
  struct stat Status;
  std::size_t Size = 0;
  if (::fstat(FD, &Status) == 0 && Status.st_size > 0)
    Size = static_cast<std::size_t>(Status.st_size);
  if (ReadBuffer.size() < Size + 1)
    ReadBuffer.resize(Size + 1);
  std::size_t Length = 0;
  while (true) {
    if (Length == ReadBuffer.size())
      ReadBuffer.resize(ReadBuffer.size() * 2); // the file grew
    const ssize_t N =
        ::read(FD, &ReadBuffer[Length], ReadBuffer.size() - Length);
    if (N < 0 && errno == EINTR)
      continue;
    if (N < 0) {
      Error = Path + ": cannot read facts file: " + std::strerror(errno);
      ::close(FD);
      return false;
    }
    if (N == 0)
      break;
    Length += static_cast<std::size_t>(N);
  }
  ::close(FD);
  return addText(std::string_view(ReadBuffer.data(), Length), Path, Error);
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
  std::vector<std::pair<unsigned, unsigned>> LocalBases, LocalConversions;
  std::vector<std::vector<unsigned>> LocalCycles;
  std::vector<RawRelease> LocalReleases;
  std::vector<RawCall> LocalCalls;
  std::vector<std::pair<unsigned, unsigned>> LocalEvidence;
  std::vector<unsigned> LocalConstructionOnly;
  std::vector<std::string_view> Fields;
  std::string Scratch, Scratch2;
  std::string_view Key, Name, Member, Pointer;

  const char *Pos = Text.data();
  const char *const TextEnd = Pos + Text.size();
  while (Pos < TextEnd) {
    const char *End =
        static_cast<const char *>(std::memchr(Pos, '\n', TextEnd - Pos));
    if (!End)
      End = TextEnd;
    std::string_view Line(Pos, End - Pos);
    Pos = End + 1;
    ++LineNo;
    if (!Line.empty() && Line.back() == '\r')
      Line.remove_suffix(1);
    if (HaveEnd)
      return fail("text after the 'end' line");
    splitFields(Line, Fields);
    const std::string_view Tag = Fields[0];

    // The most frequent line first.
    if (Tag == "edge" && HaveHeader) {
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
      if (!fieldText(Fields[3], Scratch, Member) || Member.empty())
        return fail("'edge' has a bad member name");
      if (!kindFromName(Fields[4], Kind))
        return fail("'edge' has unknown ownership kind '" +
                    std::string(Fields[4].substr(0, 40)) +
                    "' (this refcycle-graph knows shared, unique, value and "
                    "weak; was the file written by a newer refcycle?)");
      if (Fields[5] == "-")
        Pointer = std::string_view();
      else if (!fieldText(Fields[5], Scratch2, Pointer))
        return fail("'edge' has a bad pointer type");
      E.ViaContainer = hasFlag(Fields[6], "container");
      if (!parseUnsigned(Fields[7], File) || File >= LocalFiles.size() ||
          !parseUnsigned(Fields[8], E.Where.Line) ||
          !parseUnsigned(Fields[9], E.Where.Column))
        return fail("'edge' has a bad source location");
      E.Owner = LocalNodes[Owner];
      E.Owned = LocalNodes[Owned];
      E.Member = Members.intern(Member, Arena);
      E.Kind = static_cast<std::uint8_t>(Kind);
      E.Pointer = Pointers.intern(Pointer, Arena);
      E.Where.File = LocalFiles[File];
      Edges.push_back(E);
      continue;
    }

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
    if (Tag == "node") {
      unsigned Id;
      if (Fields.size() != 5 || !parseUnsigned(Fields[1], Id) ||
          Id != LocalNodes.size() || !fieldText(Fields[2], Scratch, Key) ||
          Key.empty() || !fieldText(Fields[3], Scratch2, Name))
        return fail("bad 'node' line (expected 'node<TAB>" +
                    std::to_string(LocalNodes.size()) +
                    "<TAB><key><TAB><name><TAB><flags>')");
      const unsigned Node = NodeKeys.intern(Key, Arena);
      if (Node == NodeNames.size()) {
        NodeNames.push_back(Arena.store(Name));
        Polymorphic.push_back(false);
      }
      LocalNodes.push_back(Node);
      if (hasFlag(Fields[4], "polymorphic"))
        LocalPolymorphic.push_back(Node);
    } else if (Tag == "tu") {
      if (Fields.size() != 2 || HaveTU || !unescape(Fields[1], TU))
        return fail("bad 'tu' line");
      HaveTU = true;
    } else if (Tag == "file") {
      unsigned Id;
      std::string_view FileName;
      if (Fields.size() != 3 || !parseUnsigned(Fields[1], Id) ||
          Id != LocalFiles.size() || !fieldText(Fields[2], Scratch, FileName))
        return fail("bad 'file' line (expected 'file<TAB>" +
                    std::to_string(LocalFiles.size()) + "<TAB><path>')");
      LocalFiles.push_back(FileNames.intern(FileName, Arena));
    } else if (Tag == "base") {
      unsigned Derived, Base;
      if (Fields.size() != 3 || !parseUnsigned(Fields[1], Derived) ||
          Derived >= LocalNodes.size() || !parseUnsigned(Fields[2], Base) ||
          Base >= LocalNodes.size())
        return fail("bad 'base' line (expected two nodes defined above it)");
      LocalBases.emplace_back(LocalNodes[Derived], LocalNodes[Base]);
    } else if (Tag == "conversion") {
      unsigned From, To;
      if (Fields.size() != 3 || !parseUnsigned(Fields[1], From) ||
          From >= LocalNodes.size() || !parseUnsigned(Fields[2], To) ||
          To >= LocalNodes.size())
        return fail("bad 'conversion' line (expected two nodes defined above "
                    "it)");
      LocalConversions.emplace_back(LocalNodes[From], LocalNodes[To]);
    } else if (Tag == "release") {
      // release edge (special-member-node | -) (run-only-by-nodes | -)
      RawRelease R;
      if (Fields.size() != 4 || !parseUnsigned(Fields[1], R.Edge) ||
          R.Edge >= Edges.size() - First)
        return fail("bad 'release' line (expected an edge defined above it, "
                    "a node or '-', and nodes or '-')");
      if (Fields[3] != "-") {
        std::string_view List = Fields[3];
        while (true) {
          const std::size_t Comma = List.find(',');
          unsigned Node;
          if (!parseUnsigned(List.substr(0, Comma), Node) ||
              Node >= LocalNodes.size())
            return fail("'release' refers to a node that is not defined "
                        "above it");
          R.RunOnlyByMembersOf.push_back(LocalNodes[Node]);
          if (Comma == std::string_view::npos)
            break;
          List.remove_prefix(Comma + 1);
        }
      }
      if (Fields[2] == "-") {
        R.InSpecialMemberOf = NoRawNode;
      } else {
        unsigned Node;
        if (!parseUnsigned(Fields[2], Node) || Node >= LocalNodes.size())
          return fail("'release' refers to a node that is not defined above "
                      "it");
        R.InSpecialMemberOf = LocalNodes[Node];
      }
      R.Edge += First;
      LocalReleases.push_back(R);
    } else if (Tag == "via") {
      // via function-key: a function on the way to the release above it.
      std::string_view Function;
      if (Fields.size() != 2 || LocalReleases.empty() ||
          !fieldText(Fields[1], Scratch, Function) || Function.empty())
        return fail("bad 'via' line (expected a function key after a "
                    "'release' line)");
      LocalReleases.back().RunVia.push_back(
          Functions.intern(Function, Arena));
    } else if (Tag == "runs") {
      // runs function-key (caller-node | -)
      std::string_view Function;
      RawCall Call;
      if (Fields.size() != 3 || !fieldText(Fields[1], Scratch, Function) ||
          Function.empty())
        return fail("bad 'runs' line (expected a function key and a node "
                    "or '-')");
      Call.Function = Functions.intern(Function, Arena);
      if (Fields[2] == "-") {
        Call.Caller = NoRawNode;
      } else {
        unsigned Node;
        if (!parseUnsigned(Fields[2], Node) || Node >= LocalNodes.size())
          return fail("'runs' refers to a node that is not defined above it");
        Call.Caller = LocalNodes[Node];
      }
      LocalCalls.push_back(Call);
    } else if (Tag == "evidence") {
      // An edge, and the partner edge the program closes the cycle through
      // with it (none: the object is stored into itself).
      unsigned Edge, Partner;
      if ((Fields.size() != 2 && Fields.size() != 3) ||
          !parseUnsigned(Fields[1], Edge) || Edge >= Edges.size() - First)
        return fail("bad 'evidence' line (expected an edge defined above it)");
      Partner = Edge;
      if (Fields.size() == 3 && (!parseUnsigned(Fields[2], Partner) ||
                                 Partner >= Edges.size() - First))
        return fail("bad 'evidence' line (expected a partner edge defined "
                    "above it)");
      LocalEvidence.push_back({Edge + First, Partner + First});
    } else if (Tag == "constructed") {
      // An edge whose member only the constructors of its class set; the
      // TU saw all code that can name it.
      unsigned Edge;
      if (Fields.size() != 2 || !parseUnsigned(Fields[1], Edge) ||
          Edge >= Edges.size() - First)
        return fail("bad 'constructed' line (expected an edge defined above "
                    "it)");
      LocalConstructionOnly.push_back(Edge + First);
    } else if (Tag == "cycle") {
      // The path is empty for an object that owns itself.
      if (Fields.size() < 2)
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
  Conversions.insert(Conversions.end(), LocalConversions.begin(),
                     LocalConversions.end());
  const unsigned TUIndex = TUNames.size();
  TUNames.push_back(TU);
  for (std::vector<unsigned> &CycleEdges : LocalCycles) {
    for (unsigned &I : CycleEdges)
      I += First;
    Cycles.push_back({TUIndex, std::move(CycleEdges)});
  }
  Releases.insert(Releases.end(), LocalReleases.begin(), LocalReleases.end());
  Calls.insert(Calls.end(), LocalCalls.begin(), LocalCalls.end());
  Evidence.insert(Evidence.end(), LocalEvidence.begin(), LocalEvidence.end());
  ConstructionOnly.insert(ConstructionOnly.end(),
                          LocalConstructionOnly.begin(),
                          LocalConstructionOnly.end());
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
  const std::vector<unsigned> FileRank = ranks(FileNames.Values);
  const std::vector<unsigned> NodeRank = ranks(NodeKeys.Values);
  const std::vector<unsigned> MemberRank = ranks(Members.Values);

  // Deduplicate by identity (owner, owned, member, kind) with a hash table,
  // keeping of each the occurrence declared first (smallest file, line,
  // column; the first read on a tie).
  auto place = [&](const RawEdge &E) {
    return std::make_tuple(FileRank[E.Where.File], E.Where.Line,
                           E.Where.Column);
  };
  std::vector<unsigned> Canonical(Edges.size()); // raw edge -> unique edge
  std::vector<unsigned> Representative;          // unique edge -> raw edge
  {
    graph::IndexHashTable Identity;
    Identity.reserve(Edges.size());
    for (unsigned I = 0; I < Edges.size(); ++I) {
      const RawEdge &E = Edges[I];
      auto [U, Inserted] = Identity.findOrInsert(
          graph::hashWords({E.Owner, E.Owned, E.Member, E.Kind}),
          Representative.size(), [&](unsigned U) {
            const RawEdge &R = Edges[Representative[U]];
            return R.Owner == E.Owner && R.Owned == E.Owned &&
                   R.Member == E.Member && R.Kind == E.Kind;
          });
      if (Inserted)
        Representative.push_back(I);
      else if (place(E) < place(Edges[Representative[U]]))
        Representative[U] = I;
      Canonical[I] = U;
    }
  }

  // Order the distinct edges by where they are declared, then by identity.
  struct Key {
    std::uint64_t Place;
    std::uint64_t Types;
    std::uint64_t MemberKind;
    unsigned Column;
    unsigned Unique;
  };
  std::vector<Key> Keys(Representative.size());
  for (unsigned U = 0; U < Representative.size(); ++U) {
    const RawEdge &E = Edges[Representative[U]];
    Keys[U] = {(std::uint64_t(FileRank[E.Where.File]) << 32) | E.Where.Line,
               (std::uint64_t(NodeRank[E.Owner]) << 32) | NodeRank[E.Owned],
               (std::uint64_t(MemberRank[E.Member]) << 8) | E.Kind,
               E.Where.Column, U};
  }
  std::sort(Keys.begin(), Keys.end(), [](const Key &A, const Key &B) {
    return std::tie(A.Place, A.Column, A.Types, A.MemberKind) <
           std::tie(B.Place, B.Column, B.Types, B.MemberKind);
  });
  std::vector<unsigned> EdgeOfUnique(Representative.size());

  const unsigned NoNode = ~0U;
  std::vector<unsigned> GraphNode(NodeKeys.Values.size(), NoNode);
  auto graphNode = [&](unsigned N) {
    if (GraphNode[N] == NoNode)
      GraphNode[N] = P.Graph.addNode(std::string(NodeKeys.Values[N]),
                                     std::string(NodeNames[N]));
    return GraphNode[N];
  };
  // Each distinct member name and pointer type is copied into the graph
  // once; the edges share it.
  std::vector<graph::InternedString> MemberText, PointerText;
  for (std::string_view Text : Members.Values)
    MemberText.push_back(P.Graph.intern(Text));
  for (std::string_view Text : Pointers.Values)
    PointerText.push_back(P.Graph.intern(Text));
  P.Graph.reserve(NodeKeys.Values.size(), Keys.size());
  P.Sites.reserve(Keys.size());
  for (const Key &K : Keys) {
    const RawEdge &E = Edges[Representative[K.Unique]];
    graph::Edge GE;
    GE.Owner = graphNode(E.Owner);
    GE.Owned = graphNode(E.Owned);
    GE.Member = MemberText[E.Member];
    GE.Kind = static_cast<graph::OwnershipKind>(E.Kind);
    GE.PointerType = PointerText[E.Pointer];
    GE.ViaContainer = E.ViaContainer;
    EdgeOfUnique[K.Unique] = P.Graph.addDistinctEdge(GE);
    P.Sites.push_back(E.Where);
  }
  Keys = std::vector<Key>();
  // Types that appear only as bases still matter (an edge to a base may
  // hold a derived class), so they are added after the edges' types.
  auto byRank = [&](std::vector<std::pair<unsigned, unsigned>> &Pairs) {
    std::sort(Pairs.begin(), Pairs.end(),
              [&](const std::pair<unsigned, unsigned> &A,
                  const std::pair<unsigned, unsigned> &B) {
                return std::make_pair(NodeRank[A.first], NodeRank[A.second]) <
                       std::make_pair(NodeRank[B.first], NodeRank[B.second]);
              });
    Pairs.erase(std::unique(Pairs.begin(), Pairs.end()), Pairs.end());
  };
  byRank(Bases);
  for (const auto &[Derived, Base] : Bases)
    P.Graph.addBase(graphNode(Derived), graphNode(Base));
  byRank(Conversions);
  for (const auto &[From, To] : Conversions)
    P.Graph.addConversion(graphNode(From), graphNode(To));
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
  for (const auto &[E, Partner] : Evidence)
    P.Graph.addEvidence(EdgeOfUnique[Canonical[E]],
                        EdgeOfUnique[Canonical[Partner]]);
  for (unsigned E : ConstructionOnly)
    P.Graph.markConstructionOnly(EdgeOfUnique[Canonical[E]]);
  std::multimap<unsigned, unsigned> CallsOf; // function -> caller node
  for (const RawCall &Call : Calls)
    CallsOf.emplace(Call.Function, Call.Caller);
  for (const RawRelease &R : Releases) {
    graph::Release GR;
    GR.Edge = EdgeOfUnique[Canonical[R.Edge]];
    if (R.InSpecialMemberOf != NoRawNode)
      GR.InSpecialMemberOf = graphNode(R.InSpecialMemberOf);
    for (unsigned Node : R.RunOnlyByMembersOf)
      GR.RunOnlyByMembersOf.push_back(graphNode(Node));
    // Calls that other translation units make of the functions on the way
    // run the release too: from other code, it counts; from member
    // functions, their classes join the ones that run it.
    bool OtherCode = false;
    if (!GR.RunOnlyByMembersOf.empty())
      for (unsigned Function : R.RunVia)
        for (auto It = CallsOf.find(Function);
             It != CallsOf.end() && It->first == Function && !OtherCode; ++It) {
          if (It->second == NoRawNode)
            OtherCode = true;
          else
            GR.RunOnlyByMembersOf.push_back(graphNode(It->second));
        }
    if (OtherCode)
      GR.RunOnlyByMembersOf.clear();
    std::sort(GR.RunOnlyByMembersOf.begin(), GR.RunOnlyByMembersOf.end());
    GR.RunOnlyByMembersOf.erase(std::unique(GR.RunOnlyByMembersOf.begin(),
                                            GR.RunOnlyByMembersOf.end()),
                                GR.RunOnlyByMembersOf.end());
    P.Releases.push_back(std::move(GR));
  }
  auto key = [](const graph::Release &R) {
    return std::tie(R.Edge, R.InSpecialMemberOf, R.RunOnlyByMembersOf);
  };
  std::sort(P.Releases.begin(), P.Releases.end(),
            [&key](const graph::Release &A, const graph::Release &B) {
              return key(A) < key(B);
            });
  P.Releases.erase(std::unique(P.Releases.begin(), P.Releases.end(),
                               [&key](const graph::Release &A,
                                      const graph::Release &B) {
                                 return key(A) == key(B);
                               }),
                   P.Releases.end());
  P.Files.assign(FileNames.Values.begin(), FileNames.Values.end());
  P.TranslationUnits = std::move(TUNames);
  P.EdgeFactsRead = Edges.size();
  // Give the raw edges back now: the cycle search reuses the memory.
  std::vector<RawEdge>().swap(Edges);
  std::vector<RawCycle>().swap(Cycles);
  return P;
}

} // namespace refcycle::facts
