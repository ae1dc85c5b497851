//===--- Report.h - the cycles of the whole program, and their outputs ----===//

#ifndef REFCYCLE_TOOLS_REFCYCLE_GRAPH_REPORT_H
#define REFCYCLE_TOOLS_REFCYCLE_GRAPH_REPORT_H

#include "CycleFinder.h"
#include "Facts.h"

#include <ostream>
#include <string>
#include <vector>

namespace refcycle::report {

/// One whole-program cycle to report.
struct Finding {
  graph::Cycle Cycle;
  /// The translation units (indices into Program::TranslationUnits) whose
  /// check already reported this cycle: the same member, or the same edges.
  std::vector<unsigned> ReportedIn;
};

/// The cycles of the whole program, as the check would report them. Cycles
/// that some TU releases on purpose (graph::isTornDown) are left out unless
/// ReportTornDown, like the check's option ReportTornDownCycles.
std::vector<Finding> findCycles(const facts::Program &P,
                                const graph::CyclePolicy &Policy,
                                bool ReportTornDown);

/// "Child::parent".
std::string memberName(const facts::Program &P, unsigned Edge);
/// "file:line:col".
std::string siteText(const facts::Program &P, unsigned Edge);
/// The warning text the per-TU check prints for this cycle (without the
/// check name).
std::string warningMessage(const facts::Program &P, const Finding &F);

/// A note that explains one step of a cycle, at the declaration of Edge.
struct CycleNote {
  unsigned Edge;
  std::string Message;
};
/// The notes the per-TU check attaches to the warning, step by step.
std::vector<CycleNote> cycleNotes(const facts::Program &P, const Finding &F);

/// clang-style diagnostics, one warning with notes per finding.
void writeText(std::ostream &OS, const facts::Program &P,
               const std::vector<Finding> &Findings);

/// Graphviz DOT: the whole graph with the cycles highlighted, or with
/// CyclesOnly just the cycles, one cluster each. Weak edges are dashed (with
/// CyclesOnly, those between the types of a cycle).
void writeDot(std::ostream &OS, const facts::Program &P,
              const std::vector<Finding> &Findings, bool CyclesOnly);

/// The weak edges of the graph, by owner (index into nodes()).
std::vector<std::vector<unsigned>> weakEdgesByOwner(const facts::Program &P);

/// One cycle alone, laid out for reading, as DOT (for the HTML report); the
/// weak edges (WeakOut, by owner) between its types dashed.
void writeCycleDot(std::ostream &OS, const facts::Program &P,
                   const Finding &F,
                   const std::vector<std::vector<unsigned>> &WeakOut);

/// A stable identity of the finding (its weak edge), for baselines.
std::string fingerprint(const facts::Program &P, const Finding &F);

/// SARIF 2.1.0 in the shape scripts/refcycle_sarif.py (refcycle-lint's
/// writer) gives it; files under Root are written relative to it (uriBaseId
/// SRCROOT). Adds properties.crossTranslationUnit and reportedIn per result.
void writeSarif(std::ostream &OS, const facts::Program &P,
                const std::vector<Finding> &Findings, const std::string &Root,
                const std::string &Version);

/// The findings as the JSON list refcycle_sarif.py reads on stdin.
void writeFindingsJson(std::ostream &OS, const facts::Program &P,
                       const std::vector<Finding> &Findings);

/// Writes Dir/index.html and Dir/cycle-N.svg, running DotProgram to render
/// each cycle. Returns false and sets Error when that fails.
bool writeHtml(const std::string &Dir, const std::string &DotProgram,
               const facts::Program &P, const std::vector<Finding> &Findings,
               std::string &Error);

} // namespace refcycle::report

#endif // REFCYCLE_TOOLS_REFCYCLE_GRAPH_REPORT_H
