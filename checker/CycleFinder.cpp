//===--- CycleFinder.cpp --------------------------------------------------===//

#include "CycleFinder.h"

#include <algorithm>
#include <cctype>
#include <deque>
#include <unordered_map>
#include <unordered_set>

namespace refcycle::graph {

namespace {
std::string lowerCase(const std::string &Text) {
  std::string Lower = Text;
  std::transform(Lower.begin(), Lower.end(), Lower.begin(),
                 [](unsigned char C) { return std::tolower(C); });
  return Lower;
}

bool isBackReferenceName(const std::string &Member, const CyclePolicy &Policy) {
  const std::string Lower = lowerCase(Member);
  return std::any_of(Policy.BackReferenceNames.begin(),
                     Policy.BackReferenceNames.end(),
                     [&](const std::string &Word) {
                       return !Word.empty() &&
                              Lower.find(lowerCase(Word)) != std::string::npos;
                     });
}

// Shortest path (by edge count) inside one component from From to To.
std::vector<unsigned> shortestPath(const OwnershipGraph &Graph,
                                   const std::vector<unsigned> &EdgeSet,
                                   unsigned From, unsigned To) {
  const auto &Edges = Graph.edges();
  std::unordered_map<unsigned, std::vector<unsigned>> Out;
  for (unsigned I : EdgeSet)
    Out[Edges[I].Owner].push_back(I);
  std::unordered_map<unsigned, unsigned> Via; // node -> edge that reached it
  std::deque<unsigned> Queue{From};
  std::unordered_set<unsigned> Seen{From};
  while (!Queue.empty() && !Seen.count(To)) {
    unsigned At = Queue.front();
    Queue.pop_front();
    for (unsigned I : Out[At])
      if (Seen.insert(Edges[I].Owned).second) {
        Via[Edges[I].Owned] = I;
        Queue.push_back(Edges[I].Owned);
      }
  }
  std::vector<unsigned> Path;
  if (From == To || !Seen.count(To))
    return Path;
  for (unsigned At = To; At != From; At = Edges[Via[At]].Owner)
    Path.push_back(Via[At]);
  std::reverse(Path.begin(), Path.end());
  return Path;
}
} // namespace

std::vector<Cycle> findReportableCycles(const OwnershipGraph &Graph,
                                        const CyclePolicy &Policy) {
  const auto &Edges = Graph.edges();
  std::vector<Cycle> Cycles;
  for (const std::vector<unsigned> &EdgeSet : Graph.componentEdgeSets()) {
    std::unordered_set<unsigned> Types;
    for (unsigned I : EdgeSet)
      Types.insert(Edges[I].Owner);
    if (Types.size() < 2)
      continue;

    // The edge to weaken: a back reference by name, else the edge that
    // closes the cycle in declaration order.
    unsigned Weak = EdgeSet.back();
    for (unsigned I : EdgeSet)
      if (Edges[I].Owner != Edges[I].Owned &&
          isBackReferenceName(Edges[I].Member, Policy)) {
        Weak = I;
        break;
      }
    Cycle C;
    C.WeakEdge = Weak;
    C.Path = shortestPath(Graph, EdgeSet, Edges[Weak].Owned, Edges[Weak].Owner);
    Cycles.push_back(std::move(C));
  }
  return Cycles;
}

std::string describeCycle(const OwnershipGraph &Graph, const Cycle &C) {
  const auto &Edges = Graph.edges();
  const auto &Nodes = Graph.nodes();
  const unsigned Start = Edges[C.WeakEdge].Owned;
  std::string Text = "'" + Nodes[Start].Name + "'";
  for (unsigned I : C.Path)
    Text += " -> '" + Nodes[Edges[I].Owned].Name + "'";
  Text += " -> '" + Nodes[Start].Name + "'";
  return Text;
}

} // namespace refcycle::graph
