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

#include "IndexHashTable.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace refcycle::graph {

/// How an edge owns its target.
enum class OwnershipKind : std::uint8_t {
  Shared, ///< shared_ptr-like: can be part of a leak cycle by itself.
  Unique, ///< unique_ptr-like: leaks only in a cycle with a Shared edge.
  Value,  ///< By-value member (composition): the owner contains a whole
          ///< Owned, and with it every edge of Owned. Never weakened.
  Weak,   ///< weak_ptr-like: owns nothing. Recorded only so that pictures
          ///< can show it; never part of a component or a cycle.
};

/// The kind's name in facts files and reports: "shared", "unique", "value",
/// "weak".
const char *ownershipKindName(OwnershipKind Kind) noexcept;

/// Whether edges of this kind keep their target alive (all but Weak).
inline bool isOwning(OwnershipKind Kind) noexcept {
  return Kind != OwnershipKind::Weak;
}

/// A string interned by one OwnershipGraph (OwnershipGraph::intern): equal
/// texts share one copy that lives as long as the graph, so an edge carries
/// a pointer instead of a string of its own and two of them compare by
/// address. Reads like a const std::string. The default is "".
class InternedString {
public:
  InternedString() noexcept : Text(&emptyText()) {}

  const std::string &str() const noexcept { return *Text; }
  operator const std::string &() const noexcept { return *Text; }
  const char *c_str() const noexcept { return Text->c_str(); }
  const char *data() const noexcept { return Text->data(); }
  std::size_t size() const noexcept { return Text->size(); }
  bool empty() const noexcept { return Text->empty(); }
  /// The same for equal texts interned by the same graph.
  const void *identity() const noexcept { return Text; }

  friend bool operator==(const InternedString &A, const InternedString &B) {
    return A.Text == B.Text || *A.Text == *B.Text;
  }
  friend bool operator==(const InternedString &A, const char *B) {
    return *A.Text == B;
  }
  friend bool operator==(const char *A, const InternedString &B) {
    return A == *B.Text;
  }
  friend bool operator==(const InternedString &A, const std::string &B) {
    return *A.Text == B;
  }
  friend bool operator==(const std::string &A, const InternedString &B) {
    return A == *B.Text;
  }
  friend bool operator==(const InternedString &A, std::string_view B) {
    return std::string_view(*A.Text) == B;
  }
  friend bool operator==(std::string_view A, const InternedString &B) {
    return A == std::string_view(*B.Text);
  }
  friend bool operator!=(const InternedString &A, const InternedString &B) {
    return !(A == B);
  }
  friend bool operator!=(const InternedString &A, const char *B) {
    return !(A == B);
  }
  friend bool operator!=(const char *A, const InternedString &B) {
    return !(A == B);
  }
  friend bool operator!=(const InternedString &A, const std::string &B) {
    return !(A == B);
  }
  friend bool operator!=(const std::string &A, const InternedString &B) {
    return !(A == B);
  }
  friend bool operator!=(const InternedString &A, std::string_view B) {
    return !(A == B);
  }
  friend bool operator!=(std::string_view A, const InternedString &B) {
    return !(A == B);
  }
  friend std::string operator+(const std::string &A, const InternedString &B) {
    return A + *B.Text;
  }
  friend std::string operator+(std::string &&A, const InternedString &B) {
    return std::move(A) + *B.Text;
  }
  friend std::string operator+(const char *A, const InternedString &B) {
    return A + *B.Text;
  }
  friend std::string operator+(const InternedString &A, const std::string &B) {
    return *A.Text + B;
  }
  friend std::string operator+(const InternedString &A, const char *B) {
    return *A.Text + B;
  }
  friend std::ostream &operator<<(std::ostream &OS, const InternedString &S) {
    return OS << *S.Text;
  }

private:
  friend class OwnershipGraph;
  explicit InternedString(const std::string *Text) noexcept : Text(Text) {}
  static const std::string &emptyText() noexcept;

  const std::string *Text;
};

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
  /// Base classes (direct or not) that the code converts a pointer to this
  /// type into: a 'D *' or 'shared_ptr<D>' made into a 'B *' or
  /// 'shared_ptr<B>'. The evidence that an edge to a polymorphic B can hold a
  /// D (see CycleFinder); indices into nodes().
  std::vector<unsigned> ConvertedTo;
};

struct Edge {
  unsigned Owner = 0; ///< Index into nodes().
  unsigned Owned = 0; ///< Index into nodes(): the declared target.
  /// The member through which Owner holds Owned, unqualified ("parent").
  /// Interned by the graph the edge is added to.
  InternedString Member;
  /// The owning template as the source names it ("std::shared_ptr"); empty
  /// for Value edges. Interned by the graph the edge is added to.
  InternedString PointerType;
  OwnershipKind Kind = OwnershipKind::Shared;
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
  OwnershipGraph() = default;
  // Edges point into the graph's own string table: a copy would share it.
  OwnershipGraph(const OwnershipGraph &) = delete;
  OwnershipGraph &operator=(const OwnershipGraph &) = delete;
  OwnershipGraph(OwnershipGraph &&) = default;
  OwnershipGraph &operator=(OwnershipGraph &&) = default;

  /// The graph's copy of Text, for Edge::Member and Edge::PointerType; the
  /// same object for equal texts. Valid while the graph lives (moves too).
  InternedString intern(std::string_view Text);
  /// Returns the index of the node with this key, adding it if new.
  unsigned addNode(const std::string &Key, const std::string &Name);
  /// Marks a node polymorphic.
  void setPolymorphic(unsigned NodeIndex, bool Polymorphic);
  /// Records that Derived derives directly from Base (once).
  void addBase(unsigned Derived, unsigned Base);
  /// Records that the code converts a pointer to From into a pointer to its
  /// base class To (once).
  void addConversion(unsigned From, unsigned To);
  /// Records that the program closes a cycle through this edge on the same
  /// objects. With Partner == Edge, it stores a strong reference to an
  /// object into storage of that very object
  /// (`req_.set_conn(shared_from_this())`); otherwise it stores two objects
  /// into each other, one through Edge and the other through Partner
  /// (`item->holder = shelf; shelf->items.push_back(item);`). Evidence
  /// decides whether a shape the structure alone leaves open (one type, no
  /// back-reference names) is a leak, and which edge is reported.
  void addEvidence(unsigned Edge, unsigned Partner);
  void addEvidence(unsigned Edge) { addEvidence(Edge, Edge); }
  /// True if addEvidence() was called for Edge.
  bool hasEvidence(unsigned Edge) const {
    return Edge < Evidence.size() && Evidence[Edge] != NoEvidence;
  }
  /// The partner edge of Edge's evidence (Edge itself for an object stored
  /// into itself); only meaningful when hasEvidence(Edge).
  unsigned evidencePartner(unsigned Edge) const {
    return hasEvidence(Edge) ? Evidence[Edge] : Edge;
  }
  /// Records that only the constructors of the owner's class give Edge's
  /// member a value, so it points to an object older than its holder (see
  /// ConstructionOnly.h). A loop of such edges alone cannot close on
  /// objects.
  void markConstructionOnly(unsigned Edge);
  bool isConstructionOnly(unsigned Edge) const {
    return Edge < ConstructionOnly.size() && ConstructionOnly[Edge];
  }
  /// Adds an edge unless one with the same owner, member, target and kind
  /// exists; returns its index either way. E's strings must come from this
  /// graph's intern().
  unsigned addEdge(const Edge &E);
  /// Adds an edge the caller knows to be distinct from every edge added
  /// before (refcycle-graph deduplicates a million edges itself); returns
  /// its index. Cheaper than addEdge, which still works afterwards.
  unsigned addDistinctEdge(const Edge &E);
  /// Makes room for this many nodes and edges (a hint; never required).
  void reserve(std::size_t NodeCount, std::size_t EdgeCount);

  const std::vector<Node> &nodes() const { return Nodes; }
  const std::vector<Edge> &edges() const { return Edges; }

  /// The strongly connected components of the owning (not Weak) edges that
  /// contain at least one edge, each as the indices of the edges inside it
  /// in the order they were added; components are ordered by their first
  /// edge. Iterative (Tarjan with an explicit stack): deep graphs cannot
  /// overflow the call stack. O(V + E).
  std::vector<std::vector<unsigned>> componentEdgeSets() const;

private:
  std::uint32_t edgeHash(const Edge &E) const;
  bool sameIdentity(const Edge &A, const Edge &B) const;

  std::vector<Node> Nodes;
  std::vector<Edge> Edges;
  // By edge: its evidence's partner edge, or NoEvidence; see addEvidence().
  static constexpr unsigned NoEvidence = ~0u;
  std::vector<unsigned> Evidence;
  std::vector<bool> ConstructionOnly; // by edge
  std::deque<std::string> Strings; // what InternedStrings point to
  IndexHashTable NodeByKey;        // into Nodes, by Key
  IndexHashTable StringByText;     // into Strings
  IndexHashTable EdgeByIdentity;   // into Edges, by owner, owned, member, kind
  std::size_t EdgesIndexed = 0;    // Edges[0, EdgesIndexed) are in it
};

/// The same components for any edge list over NodeCount nodes: each edge is
/// (owner, owned); returns, per component with an edge inside it, the indices
/// of those edges in ascending order, components ordered by their first edge.
std::vector<std::vector<unsigned>>
stronglyConnectedEdgeSets(unsigned NodeCount,
                          const std::vector<std::pair<unsigned, unsigned>> &Edges);

} // namespace refcycle::graph

#endif // REFCYCLE_CHECKER_OWNERSHIPGRAPH_H
