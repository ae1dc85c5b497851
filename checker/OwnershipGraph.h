//===--- OwnershipGraph.h - strong-ownership edges between types ----------===//
//
// The graph the cycle analysis works on: nodes are record types, an edge
// A -> B says that every A holds a strong owning reference to some B through
// one member. It knows nothing of clang, so that the per-TU check and the
// whole-program tool (tools/refcycle-graph) share one implementation.
//
//===----------------------------------------------------------------------===//

#ifndef REFCYCLE_CHECKER_OWNERSHIPGRAPH_H
#define REFCYCLE_CHECKER_OWNERSHIPGRAPH_H

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace refcycle::graph {

/// How an edge owns its target.
enum class OwnershipKind : std::uint8_t {
  Shared, ///< shared_ptr-like: can be part of a leak cycle by itself.
  Unique, ///< unique_ptr-like: leaks only in a cycle with a Shared edge.
};

struct Node {
  /// Identity across translation units (a USR, or any unique key per TU).
  std::string Key;
  /// Name shown to users, e.g. "Parent" or "ns::Parent".
  std::string Name;
};

struct Edge {
  unsigned Owner = 0; ///< Index into nodes().
  unsigned Owned = 0; ///< Index into nodes().
  /// The member through which Owner holds Owned, unqualified ("parent").
  std::string Member;
  OwnershipKind Kind = OwnershipKind::Shared;
};

class OwnershipGraph {
public:
  /// Returns the index of the node with this key, adding it if new.
  unsigned addNode(const std::string &Key, const std::string &Name);
  /// Adds an edge unless one with the same owner, member and target exists;
  /// returns its index either way.
  unsigned addEdge(Edge E);

  const std::vector<Node> &nodes() const { return Nodes; }
  const std::vector<Edge> &edges() const { return Edges; }

  /// The strongly connected components that contain at least one edge, each
  /// as the indices of the edges inside it in the order they were added;
  /// components are ordered by their first edge. Iterative (Tarjan with an
  /// explicit stack): deep graphs cannot overflow the call stack. O(V + E).
  std::vector<std::vector<unsigned>> componentEdgeSets() const;

private:
  std::vector<Node> Nodes;
  std::vector<Edge> Edges;
  std::unordered_map<std::string, unsigned> NodeByKey;
  std::unordered_map<std::string, unsigned> EdgeByIdentity;
};

} // namespace refcycle::graph

#endif // REFCYCLE_CHECKER_OWNERSHIPGRAPH_H
