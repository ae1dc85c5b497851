//===--- OwnershipGraph.cpp -----------------------------------------------===//

#include "OwnershipGraph.h"

#include <algorithm>

namespace refcycle::graph {

const char *ownershipKindName(OwnershipKind Kind) noexcept {
  switch (Kind) {
  case OwnershipKind::Shared:
    return "shared";
  case OwnershipKind::Unique:
    return "unique";
  case OwnershipKind::Value:
    return "value";
  case OwnershipKind::Weak:
    return "weak";
  }
  return "shared";
}

const std::string &InternedString::emptyText() noexcept {
  static const std::string Empty;
  return Empty;
}

InternedString OwnershipGraph::intern(std::string_view Text) {
  if (Text.empty())
    return InternedString();
  auto [Index, Inserted] = StringByText.findOrInsert(
      hashText(Text), Strings.size(),
      [&](unsigned I) { return std::string_view(Strings[I]) == Text; });
  if (Inserted)
    Strings.emplace_back(Text);
  return InternedString(&Strings[Index]);
}

unsigned OwnershipGraph::addNode(const std::string &Key,
                                 const std::string &Name) {
  auto [Index, Inserted] = NodeByKey.findOrInsert(
      hashText(Key), Nodes.size(),
      [&](unsigned I) { return Nodes[I].Key == Key; });
  if (Inserted) {
    Node N;
    N.Key = Key;
    N.Name = Name;
    Nodes.push_back(std::move(N));
  }
  return Index;
}

void OwnershipGraph::setPolymorphic(unsigned NodeIndex, bool Polymorphic) {
  Nodes[NodeIndex].Polymorphic = Polymorphic;
}

void OwnershipGraph::addBase(unsigned Derived, unsigned Base) {
  std::vector<unsigned> &Bases = Nodes[Derived].Bases;
  if (Derived != Base && std::find(Bases.begin(), Bases.end(), Base) == Bases.end())
    Bases.push_back(Base);
}

void OwnershipGraph::addConversion(unsigned From, unsigned To) {
  std::vector<unsigned> &Targets = Nodes[From].ConvertedTo;
  if (From != To &&
      std::find(Targets.begin(), Targets.end(), To) == Targets.end())
    Targets.push_back(To);
}

void OwnershipGraph::addEvidence(unsigned Edge, unsigned Partner) {
  if (Edge >= Edges.size() || Partner >= Edges.size())
    return;
  if (Evidence.size() < Edges.size())
    Evidence.resize(Edges.size(), NoEvidence);
  // An object stored into itself is the stronger evidence: keep it.
  if (Evidence[Edge] != Edge)
    Evidence[Edge] = Partner;
}

void OwnershipGraph::markConstructionOnly(unsigned Edge) {
  if (Edge >= Edges.size())
    return;
  if (ConstructionOnly.size() < Edges.size())
    ConstructionOnly.resize(Edges.size(), false);
  ConstructionOnly[Edge] = true;
}

std::uint32_t OwnershipGraph::edgeHash(const Edge &E) const {
  // Interned members compare by address, so the address is the identity.
  return hashWords({E.Owner, E.Owned,
                    std::uint64_t(reinterpret_cast<std::uintptr_t>(
                        E.Member.identity())),
                    std::uint64_t(static_cast<unsigned>(E.Kind))});
}

bool OwnershipGraph::sameIdentity(const Edge &A, const Edge &B) const {
  return A.Owner == B.Owner && A.Owned == B.Owned &&
         A.Member.identity() == B.Member.identity() && A.Kind == B.Kind;
}

unsigned OwnershipGraph::addEdge(const Edge &E) {
  // Index what addDistinctEdge appended, then look this one up.
  for (; EdgesIndexed < Edges.size(); ++EdgesIndexed) {
    const Edge &Old = Edges[EdgesIndexed];
    EdgeByIdentity.findOrInsert(edgeHash(Old), EdgesIndexed, [&](unsigned I) {
      return sameIdentity(Edges[I], Old);
    });
  }
  auto [Index, Inserted] =
      EdgeByIdentity.findOrInsert(edgeHash(E), Edges.size(), [&](unsigned I) {
        return sameIdentity(Edges[I], E);
      });
  if (Inserted) {
    Edges.push_back(E);
    EdgesIndexed = Edges.size();
  }
  return Index;
}

unsigned OwnershipGraph::addDistinctEdge(const Edge &E) {
  Edges.push_back(E);
  return Edges.size() - 1;
}

void OwnershipGraph::reserve(std::size_t NodeCount, std::size_t EdgeCount) {
  Nodes.reserve(NodeCount);
  NodeByKey.reserve(NodeCount);
  Edges.reserve(EdgeCount);
}

std::vector<std::vector<unsigned>>
OwnershipGraph::componentEdgeSets() const {
  // Weak edges take no part; map the components back to edge indices.
  std::vector<std::pair<unsigned, unsigned>> Pairs;
  std::vector<unsigned> EdgeOfPair;
  Pairs.reserve(Edges.size());
  EdgeOfPair.reserve(Edges.size());
  for (unsigned I = 0; I < Edges.size(); ++I) {
    if (!isOwning(Edges[I].Kind))
      continue;
    Pairs.emplace_back(Edges[I].Owner, Edges[I].Owned);
    EdgeOfPair.push_back(I);
  }
  std::vector<std::vector<unsigned>> Sets =
      stronglyConnectedEdgeSets(Nodes.size(), Pairs);
  for (std::vector<unsigned> &Set : Sets)
    for (unsigned &I : Set)
      I = EdgeOfPair[I];
  return Sets;
}

std::vector<std::vector<unsigned>> stronglyConnectedEdgeSets(
    unsigned NodeCount,
    const std::vector<std::pair<unsigned, unsigned>> &Edges) {
  const unsigned N = NodeCount;
  std::vector<std::vector<unsigned>> OutEdges(N);
  for (unsigned I = 0; I < Edges.size(); ++I)
    OutEdges[Edges[I].first].push_back(I);

  const unsigned Unvisited = ~0U;
  std::vector<unsigned> Index(N, Unvisited), LowLink(N, 0),
      Component(N, Unvisited);
  std::vector<bool> OnStack(N, false);
  std::vector<unsigned> Stack;
  std::vector<std::pair<unsigned, unsigned>> Frames; // node, next out-edge
  unsigned NextIndex = 0, NextComponent = 0;

  for (unsigned Root = 0; Root < N; ++Root) {
    if (Index[Root] != Unvisited)
      continue;
    Index[Root] = LowLink[Root] = NextIndex++;
    Stack.push_back(Root);
    OnStack[Root] = true;
    Frames.emplace_back(Root, 0);
    while (!Frames.empty()) {
      const unsigned Node = Frames.back().first;
      unsigned &Next = Frames.back().second;
      if (Next < OutEdges[Node].size()) {
        const unsigned Target = Edges[OutEdges[Node][Next++]].second;
        if (Index[Target] == Unvisited) {
          Index[Target] = LowLink[Target] = NextIndex++;
          Stack.push_back(Target);
          OnStack[Target] = true;
          Frames.emplace_back(Target, 0); // invalidates Next; not used again
        } else if (OnStack[Target]) {
          LowLink[Node] = std::min(LowLink[Node], Index[Target]);
        }
        continue;
      }
      Frames.pop_back();
      if (!Frames.empty()) {
        const unsigned Parent = Frames.back().first;
        LowLink[Parent] = std::min(LowLink[Parent], LowLink[Node]);
      }
      if (LowLink[Node] == Index[Node]) {
        unsigned Member;
        do {
          Member = Stack.back();
          Stack.pop_back();
          OnStack[Member] = false;
          Component[Member] = NextComponent;
        } while (Member != Node);
        ++NextComponent;
      }
    }
  }

  std::vector<std::vector<unsigned>> Result;
  std::vector<int> Slot(NextComponent, -1);
  for (unsigned I = 0; I < Edges.size(); ++I) {
    const unsigned C = Component[Edges[I].first];
    if (C != Component[Edges[I].second])
      continue;
    if (Slot[C] < 0) {
      Slot[C] = Result.size();
      Result.emplace_back();
    }
    Result[Slot[C]].push_back(I);
  }
  return Result;
}

} // namespace refcycle::graph
