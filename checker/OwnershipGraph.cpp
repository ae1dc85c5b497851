//===--- OwnershipGraph.cpp -----------------------------------------------===//

#include "OwnershipGraph.h"

#include <algorithm>

namespace clang::tidy::refcycle {

void OwnershipGraph::addEdge(const OwnershipEdge &Edge) {
  auto &Known = EdgesByMember[Edge.Member];
  for (unsigned Index : Known)
    if (Edges[Index].Owned == Edge.Owned && Edges[Index].Owner == Edge.Owner)
      return;
  Known.push_back(Edges.size());
  Edges.push_back(Edge);
}

std::vector<std::vector<unsigned>> OwnershipGraph::multiTypeComponents() const {
  // Number the nodes in order of first appearance so results are stable.
  llvm::DenseMap<const CXXRecordDecl *, unsigned> NodeIds;
  std::vector<std::vector<unsigned>> OutEdges; // node -> edge indices
  auto NodeOf = [&](const CXXRecordDecl *RD) {
    auto [It, Inserted] = NodeIds.try_emplace(RD, NodeIds.size());
    if (Inserted)
      OutEdges.emplace_back();
    return It->second;
  };
  std::vector<std::pair<unsigned, unsigned>> Ends;
  Ends.reserve(Edges.size());
  for (unsigned I = 0; I < Edges.size(); ++I) {
    unsigned From = NodeOf(Edges[I].Owner);
    unsigned To = NodeOf(Edges[I].Owned);
    Ends.emplace_back(From, To);
    OutEdges[From].push_back(I);
  }

  // Tarjan's algorithm with an explicit stack.
  const unsigned N = OutEdges.size();
  const unsigned Unvisited = ~0U;
  std::vector<unsigned> Index(N, Unvisited), LowLink(N, 0), Component(N, Unvisited);
  std::vector<bool> OnStack(N, false);
  std::vector<unsigned> Stack;
  std::vector<std::pair<unsigned, unsigned>> CallStack; // node, next out-edge
  unsigned NextIndex = 0, NextComponent = 0;

  for (unsigned Root = 0; Root < N; ++Root) {
    if (Index[Root] != Unvisited)
      continue;
    CallStack.emplace_back(Root, 0);
    while (!CallStack.empty()) {
      auto &[Node, Next] = CallStack.back();
      if (Next == 0 && Index[Node] == Unvisited) {
        Index[Node] = LowLink[Node] = NextIndex++;
        Stack.push_back(Node);
        OnStack[Node] = true;
      }
      if (Next < OutEdges[Node].size()) {
        unsigned Target = Ends[OutEdges[Node][Next++]].second;
        if (Index[Target] == Unvisited)
          CallStack.emplace_back(Target, 0);
        else if (OnStack[Target])
          LowLink[Node] = std::min(LowLink[Node], Index[Target]);
        continue;
      }
      unsigned Done = Node;
      CallStack.pop_back();
      if (!CallStack.empty())
        LowLink[CallStack.back().first] =
            std::min(LowLink[CallStack.back().first], LowLink[Done]);
      if (LowLink[Done] == Index[Done]) {
        unsigned Member;
        do {
          Member = Stack.back();
          Stack.pop_back();
          OnStack[Member] = false;
          Component[Member] = NextComponent;
        } while (Member != Done);
        ++NextComponent;
      }
    }
  }

  std::vector<unsigned> ComponentSize(NextComponent, 0);
  for (unsigned Node = 0; Node < N; ++Node)
    ++ComponentSize[Component[Node]];

  std::vector<std::vector<unsigned>> Result;
  std::vector<int> ResultSlot(NextComponent, -1);
  for (unsigned I = 0; I < Edges.size(); ++I) {
    unsigned C = Component[Ends[I].first];
    if (C != Component[Ends[I].second] || ComponentSize[C] < 2)
      continue;
    if (ResultSlot[C] < 0) {
      ResultSlot[C] = Result.size();
      Result.emplace_back();
    }
    Result[ResultSlot[C]].push_back(I);
  }
  return Result;
}

} // namespace clang::tidy::refcycle
