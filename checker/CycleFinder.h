//===--- CycleFinder.h - which ownership cycles to report, and where ------===//
//
// Turns the strongly connected components of an OwnershipGraph into the
// cycles worth a warning: decides which shapes are leaks (and which are the
// usual trees and lists), which edge should become weak, and the path that
// explains the cycle. Clang-free, shared by the check and refcycle-graph.
//
//===----------------------------------------------------------------------===//

#ifndef REFCYCLE_CHECKER_CYCLEFINDER_H
#define REFCYCLE_CHECKER_CYCLEFINDER_H

#include "OwnershipGraph.h"

#include <string>
#include <vector>

namespace refcycle::graph {

struct CyclePolicy {
  /// Lower-case words that mark a member as a back reference ("parent").
  std::vector<std::string> BackReferenceNames;
};

struct Cycle {
  /// The edge the warning is about: the member that should become weak.
  unsigned WeakEdge = 0;
  /// The other edges of the cycle, in order, from the weak edge's target back
  /// to its owner.
  std::vector<unsigned> Path;
};

/// The cycles to report, one per strongly connected component at most, in a
/// stable order (that of the components' first edges).
std::vector<Cycle> findReportableCycles(const OwnershipGraph &Graph,
                                        const CyclePolicy &Policy);

/// "'A' -> 'B' -> 'A'": the cycle as users read it, starting at the owner of
/// the first edge on the path.
std::string describeCycle(const OwnershipGraph &Graph, const Cycle &C);

} // namespace refcycle::graph

#endif // REFCYCLE_CHECKER_CYCLEFINDER_H
