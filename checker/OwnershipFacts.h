//===--- OwnershipFacts.h - per-TU ownership facts for refcycle-graph -----===//
//
// The map step of the whole-program analysis: with the check option
// refcycle-shared-ptr-cycle.FactsDirectory set, the check writes the
// ownership graph of each translation unit (types by USR, edges with their
// source locations, the cycles it reported) to one file in that directory.
// tools/refcycle-graph merges them. Format: docs/whole-program.md.
//
//===----------------------------------------------------------------------===//

#ifndef REFCYCLE_CHECKER_OWNERSHIPFACTS_H
#define REFCYCLE_CHECKER_OWNERSHIPFACTS_H

#include "CycleFinder.h"
#include "OwnershipGraph.h"

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace clang::tidy::refcycle {

/// A call of a member function of a class of the graph (by facts key) that
/// the translation unit makes, from a member function of the class of node
/// CallerNode, or from other code (OtherCode: a free function, a lambda, a
/// class outside the graph, a reference that does not call).
struct MemberCallFact {
  static constexpr unsigned OtherCode = ~0U;
  std::string Callee;
  unsigned CallerNode = OtherCode;
};

/// Writes the facts of one translation unit (main file MainFile) to a new
/// file in Directory, creating the directory if needed. The file appears
/// atomically (written under a temporary name, then renamed) under a name
/// unique to this process and TU, so concurrent clang-tidy runs never clash.
/// Sites has one entry per edge of Graph; Releases are the places the TU
/// gives up what an edge owns; Calls the calls of the graph's classes'
/// member functions, for the releases that only member functions run. Returns false and sets Error on
/// failure.
bool writeOwnershipFacts(llvm::StringRef Directory, llvm::StringRef MainFile,
                         const ::refcycle::graph::OwnershipGraph &Graph,
                         const std::vector<::refcycle::graph::EdgeSite> &Sites,
                         const std::vector<::refcycle::graph::Cycle> &ReportedCycles,
                         const std::vector<::refcycle::graph::Release> &Releases,
                         const std::vector<MemberCallFact> &Calls,
                         std::string &Error);

} // namespace clang::tidy::refcycle

#endif // REFCYCLE_CHECKER_OWNERSHIPFACTS_H
