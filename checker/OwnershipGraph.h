//===--- OwnershipGraph.h - strong-ownership edges between types ----------===//
//
// The graph the cycle analysis works on: nodes are record types, an edge
// A -> B says that every A holds a strong owning reference to some B through
// one member (or contains a B by value). It knows nothing of clang, so that
// the per-TU check and the whole-program tool (tools/refcycle-graph) share one
// implementation. The graph holds only what the source declares; the rules
// that derive more edges (members of bases, composition, derived classes of
// polymorphic targets) live in CycleFinder, so both users apply them alike.
//
//===----------------------------------------------------------------------===//

#ifndef REFCYCLE_CHECKER_OWNERSHIPGRAPH_H
#define REFCYCLE_CHECKER_OWNERSHIPGRAPH_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace refcycle::graph {

/// How an edge owns its target.
enum class OwnershipKind : std::uint8_t {
  Shared, ///< shared_ptr-like: can be part of a leak cycle by itself.
  Unique, ///< unique_ptr-like: leaks only in a cycle with a Shared edge.
  Value,  ///< By-value member (composition): the owner contains a whole
          ///< Owned, and with it every edge of Owned. Never weakened.
};

/// The kind's name in facts files and reports: "shared", "unique", "value".
const char *ownershipKindName(OwnershipKind Kind) noexcept;

struct Node {
  /// Identity across translation units: the USR of the canonical record
  /// declaration (or its qualified name if no USR could be made).
  std::string Key;
  /// Name shown to users, qualified without a leading "::" ("chat::Room").
  std::string Name;
  /// The type has virtual functions: an edge to it may hold any class derived
  /// from it.
  bool Polymorphic = false;
  /// Direct base classes that are nodes too (indices into nodes()).
  std::vector<unsigned> Bases;
};

struct Edge {
  unsigned Owner = 0; ///< Index into nodes().
  unsigned Owned = 0; ///< Index into nodes(): the declared target.
  /// The member through which Owner holds Owned, unqualified ("parent").
  std::string Member;
  OwnershipKind Kind = OwnershipKind::Shared;
  /// The owning template as the source names it ("std::shared_ptr"); empty
  /// for Value edges.
  std::string PointerType;
  /// The pointer sits inside a container, optional, variant, pair, tuple or
  /// array, so the member may own many targets.
  bool ViaContainer = false;
};

/// Where the member behind an edge is declared (same index as edges()).
struct EdgeSite {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
};

class OwnershipGraph {
public:
  /// Returns the index of the node with this key, adding it if new.
  unsigned addNode(const std::string &Key, const std::string &Name);
  /// Marks a node polymorphic.
  void setPolymorphic(unsigned NodeIndex, bool Polymorphic);
  /// Records that Derived derives directly from Base (once).
  void addBase(unsigned Derived, unsigned Base);
  /// Adds an edge unless one with the same owner, member, target and kind
  /// exists; returns its index either way.
  unsigned addEdge(Edge E);
  /// Makes room for this many nodes and edges (a hint; never required).
  void reserve(std::size_t NodeCount, std::size_t EdgeCount);

  const std::vector<Node> &nodes() const { return Nodes; }
  const std::vector<Edge> &edges() const { return Edges; }

  /// The strongly connected components that contain at least one edge, each
  /// as the indices of the edges inside it in the order they were added;
  /// components are ordered by their first edge. Iterative (Tarjan with an
  /// explicit stack): deep graphs cannot overflow the call stack. O(V + E).
  std::vector<std::vector<unsigned>> componentEdgeSets() const;

private:
  // An edge's identity: owner, target, interned member name and kind. Kept
  // as integers because the whole-program tool adds millions of edges.
  struct EdgeIdentity {
    unsigned Owner, Owned, Member;
    OwnershipKind Kind;
    bool operator==(const EdgeIdentity &Other) const {
      return Owner == Other.Owner && Owned == Other.Owned &&
             Member == Other.Member && Kind == Other.Kind;
    }
  };
  struct EdgeIdentityHash {
    std::size_t operator()(const EdgeIdentity &Id) const noexcept;
  };

  std::vector<Node> Nodes;
  std::vector<Edge> Edges;
  std::unordered_map<std::string, unsigned> NodeByKey;
  std::unordered_map<std::string, unsigned> MemberIds;
  std::unordered_map<EdgeIdentity, unsigned, EdgeIdentityHash> EdgeByIdentity;
};

/// The same components for any edge list over NodeCount nodes: each edge is
/// (owner, owned); returns, per component with an edge inside it, the indices
/// of those edges in ascending order, components ordered by their first edge.
std::vector<std::vector<unsigned>>
stronglyConnectedEdgeSets(unsigned NodeCount,
                          const std::vector<std::pair<unsigned, unsigned>> &Edges);

} // namespace refcycle::graph

#endif // REFCYCLE_CHECKER_OWNERSHIPGRAPH_H
