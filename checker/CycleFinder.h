//===--- CycleFinder.h - which ownership cycles to report, and where ------===//
//
// Turns an OwnershipGraph into the cycles worth a warning: derives the edges
// that the declared ones imply (members of bases, members of by-value members,
// derived classes of polymorphic targets), decides which cycle shapes are
// leaks (and which are the usual trees, lists and ASTs), which edge should
// become weak, and the path that explains the cycle. Clang-free, shared by the
// check and refcycle-graph.
//
// The rules, in order:
//  * Weak edges (OwnershipKind::Weak) own nothing: they are ignored here.
//  * Effective edges. A type owns what its own members own, what its bases'
//    members own, and what its by-value members (composition, Value edges)
//    own. An edge to a polymorphic type P also reaches the classes derived
//    from P that the code converts to P (Node::ConvertedTo: a D converted to
//    P or to a class between them, and the classes between), except when the
//    owner is P or derives from P: then the edge is a self-type edge of P's
//    family (a recursive AST node pointing at its operands), counted as
//    P -> P. A derived class that is never turned into a P cannot be behind
//    a pointer to P, however the types line up.
//  * Components. Strongly connected components of the effective edges; one
//    without a Shared edge is never reported (unique_ptr alone is a tree).
//  * Two or more types in a component: reported. The edge to weaken is a
//    Shared edge between distinct types: the first whose member name contains
//    a back-reference word; else one that points back at a type owning its
//    owner through a container or a unique pointer; else the one declared
//    last (the edge that closes the cycle in declaration order).
//  * One type (only self-type edges): reported only when the type has both a
//    Shared self-edge named as a back reference (prev, parent, ...) and a
//    distinct self-edge that is not (next, children, ...): an up/down pair.
//    Containing the type by value (std::vector<Node> children) counts as a
//    self-edge that points down.
//    A list or tree whose self-edges all point one way is never reported, so
//    names only choose among edges the structure already put in a cycle.
//
//===----------------------------------------------------------------------===//

#ifndef REFCYCLE_CHECKER_CYCLEFINDER_H
#define REFCYCLE_CHECKER_CYCLEFINDER_H

#include "OwnershipGraph.h"

#include <string>
#include <vector>

namespace refcycle::graph {

/// The default words that mark a member as a back reference, ';'-separated:
/// the default of the check's BackReferenceNames option and of
/// refcycle-graph's --back-reference-names.
inline constexpr const char *DefaultBackReferenceNames =
    "parent;owner;prev;back;delegate;listener;observer;subject;manager;host;"
    "context";

/// Whether a member name is a back reference: one of Words (each one or more
/// identifier words, e.g. "parent" or "back_ref") appears as whole words of
/// the name. Words are split at '_' and lower-to-upper case changes and
/// compared case-insensitively; a trailing plural 's' on the name is ignored.
/// So "m_parent", "parentNode" and "listeners" match; "callback",
/// "transparent" and "hostname" do not.
bool isBackReferenceName(const std::string &Member,
                         const std::vector<std::string> &Words);

struct CyclePolicy {
  /// Words that mark a member as a back reference ("parent"); see
  /// isBackReferenceName.
  std::vector<std::string> BackReferenceNames;
  /// Most edges a type may inherit or compose from its bases and by-value
  /// members; beyond it the rest are ignored (keeps pathological graphs
  /// linear).
  unsigned MaxDerivedEdgesPerType = 4096;
};

/// One step of a cycle: Owner holds Owned through Edges, which are zero or
/// more Value edges (by-value members, outermost first) and then the owning
/// edge. Owner may be a class deriving from the first edge's owner, and Owned
/// a class deriving from the last edge's declared target.
struct CycleStep {
  unsigned Owner = 0;
  unsigned Owned = 0;
  std::vector<unsigned> Edges;
};

struct Cycle {
  /// The edge the warning is about: the member that should become weak.
  unsigned WeakEdge = 0;
  /// The owning edges of the other steps, in order, from the weak step's
  /// target back to its owner.
  std::vector<unsigned> Path;
  /// The weak step first, then the other steps in Path order.
  std::vector<CycleStep> Steps;
};

/// The cycles to report, one per strongly connected component at most, in a
/// stable order (that of the components' first edges).
std::vector<Cycle> findReportableCycles(const OwnershipGraph &Graph,
                                        const CyclePolicy &Policy);

/// The code gives up what an edge's member owns ('m.reset()', 'm.clear()',
/// 'm = nullptr', 'm = {}') in a destructor, constructor or copy/move
/// assignment operator of the type InSpecialMemberOf, or in any other
/// function (NotInSpecialMember).
constexpr unsigned NotInSpecialMember = ~0U;
///
/// RunOnlyByMembersOf: when the only code that runs the release is member
/// functions, the types they belong to (the releasing function's own class
/// and, through the calls the code shows, its callers' classes); empty when
/// other code runs it (a free function, a callback, a framework's virtual)
/// or may run it (its address is taken).
///
/// RunVia: with RunOnlyByMembersOf, the functions (by facts key) on the way
/// to the release; a call of one of them in another translation unit also
/// runs it (the whole-program merge adds those callers).
struct Release {
  unsigned Edge = 0;
  unsigned InSpecialMemberOf = NotInSpecialMember;
  std::vector<unsigned> RunOnlyByMembersOf;
  std::vector<std::string> RunVia;
};

/// The cycle is broken on purpose: one of its edges is released, and no
/// other owning edge between the same two types remains, by code outside the
/// cycle's types (the types its steps own or pass through by value, their
/// bases and derived types). Their special members run when the cycle's
/// objects begin, end or are overwritten, not to end the cycle; and a
/// release that only their own member functions run (a 'Reset()' or
/// 'detach()' that nothing outside the cycle calls) needs the cycle's
/// objects to begin it, so it does not free them once they are abandoned.
bool isTornDown(const OwnershipGraph &Graph, const Cycle &C,
                const std::vector<Release> &Releases);

/// "'A' -> 'B' -> 'A'": the cycle as users read it, starting at the target of
/// the weak step.
std::string describeCycle(const OwnershipGraph &Graph, const Cycle &C);

} // namespace refcycle::graph

#endif // REFCYCLE_CHECKER_CYCLEFINDER_H
