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
  }
  return "shared";
}

unsigned OwnershipGraph::addNode(const std::string &Key,
                                 const std::string &Name) {
  auto [It, Inserted] = NodeByKey.try_emplace(Key, Nodes.size());
  if (Inserted) {
    Node N;
    N.Key = Key;
    N.Name = Name;
    Nodes.push_back(std::move(N));
  }
  return It->second;
}

void OwnershipGraph::setPolymorphic(unsigned NodeIndex, bool Polymorphic) {
  Nodes[NodeIndex].Polymorphic = Polymorphic;
}

void OwnershipGraph::addBase(unsigned Derived, unsigned Base) {
  std::vector<unsigned> &Bases = Nodes[Derived].Bases;
  if (Derived != Base && std::find(Bases.begin(), Bases.end(), Base) == Bases.end())
    Bases.push_back(Base);
}

std::size_t OwnershipGraph::EdgeIdentityHash::operator()(
    const EdgeIdentity &Id) const noexcept {
  // Mixes the four fields with the 64-bit FNV-1a step; collisions only cost
  // an extra comparison.
  std::uint64_t Hash = 1469598103934665603ULL;
  for (std::uint64_t Part : {std::uint64_t(Id.Owner), std::uint64_t(Id.Owned),
                             std::uint64_t(Id.Member),
                             std::uint64_t(static_cast<unsigned>(Id.Kind))}) {
    Hash ^= Part;
    Hash *= 1099511628211ULL;
  }
  return static_cast<std::size_t>(Hash);
}

unsigned OwnershipGraph::addEdge(Edge E) {
  const unsigned Member =
      MemberIds.try_emplace(E.Member, MemberIds.size()).first->second;
  auto [It, Inserted] = EdgeByIdentity.try_emplace(
      EdgeIdentity{E.Owner, E.Owned, Member, E.Kind}, Edges.size());
  if (Inserted)
    Edges.push_back(std::move(E));
  return It->second;
}

void OwnershipGraph::reserve(std::size_t NodeCount, std::size_t EdgeCount) {
  Nodes.reserve(NodeCount);
  NodeByKey.reserve(NodeCount);
  Edges.reserve(EdgeCount);
  EdgeByIdentity.reserve(EdgeCount);
}

std::vector<std::vector<unsigned>>
OwnershipGraph::componentEdgeSets() const {
  std::vector<std::pair<unsigned, unsigned>> Pairs;
  Pairs.reserve(Edges.size());
  for (const Edge &E : Edges)
    Pairs.emplace_back(E.Owner, E.Owned);
  return stronglyConnectedEdgeSets(Nodes.size(), Pairs);
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
