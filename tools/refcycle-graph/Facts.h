//===--- Facts.h - reading and merging per-TU ownership facts --------------===//
//
// refcycle-shared-ptr-cycle writes one facts file per translation unit when
// its FactsDirectory option is set (checker/OwnershipFacts.cpp). This reads
// many of them, deduplicates the nodes (by key, a USR) and edges (by owner,
// member and owned type) that several TUs saw, and rebuilds one
// OwnershipGraph for the whole program in a canonical order, so the result
// does not depend on the order the files are read in. The format is
// described in docs/whole-program.md.
//
//===----------------------------------------------------------------------===//

#ifndef REFCYCLE_TOOLS_REFCYCLE_GRAPH_FACTS_H
#define REFCYCLE_TOOLS_REFCYCLE_GRAPH_FACTS_H

#include "CycleFinder.h"
#include "IndexHashTable.h"
#include "OwnershipGraph.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace refcycle::facts {

/// The first line of every facts file is "refcycle-facts\t<version>".
constexpr unsigned FormatVersion = 5;

struct Site {
  unsigned File = 0; ///< Index into Program::Files.
  unsigned Line = 0;
  unsigned Column = 0;
};

/// A cycle a translation unit already reported, in whole-program edge
/// indices.
struct ReportedCycle {
  unsigned TU = 0;              ///< Index into Program::TranslationUnits.
  unsigned WeakEdge = 0;        ///< The edge its warning was about.
  std::vector<unsigned> Edges;  ///< All of its edges, sorted.
};

/// The merged whole-program graph.
struct Program {
  std::vector<std::string> Files;
  std::vector<std::string> TranslationUnits;
  graph::OwnershipGraph Graph;
  /// Per edge of Graph (same index): where its member is declared.
  std::vector<Site> Sites;
  std::vector<ReportedCycle> Reported;
  /// Where some TU gives up what an edge owns, deduplicated.
  std::vector<graph::Release> Releases;
  std::size_t EdgeFactsRead = 0; ///< Edges read, before deduplication.
};

/// Collects facts files one by one, then builds the Program.
class FactsMerger {
public:
  FactsMerger();
  /// Parses one facts file. On error returns false, sets Error to a message
  /// naming the file (and line), and adds nothing from that file.
  bool addFile(const std::string &Path, std::string &Error);
  /// Same for facts already in memory; Path only names them in errors.
  bool addText(std::string_view Text, const std::string &Path,
               std::string &Error);

  /// A hint: the facts files to come hold about this many bytes in all.
  void expectBytes(std::size_t Bytes);

  std::size_t filesRead() const { return TUNames.size(); }
  std::size_t edgeFactsRead() const { return Edges.size(); }

  /// Deduplicates the edges and builds the graph, edges ordered by source
  /// location (then by type keys and member), independent of file order.
  Program build() &&;

private:
  struct RawEdge {
    unsigned Owner, Owned, Member; // interned node key, node key, member
    unsigned Pointer;              // interned
    std::uint8_t Kind;
    bool ViaContainer;
    Site Where;
  };
  static constexpr unsigned NoRawNode = ~0U;
  struct RawRelease {
    unsigned Edge = 0;                     // index into Edges
    unsigned InSpecialMemberOf = NoRawNode;   // interned node key
    std::vector<unsigned> RunOnlyByMembersOf; // interned node keys
    std::vector<unsigned> RunVia;             // interned function keys
  };
  // A call of a member function (interned function key) from a member of
  // the class Caller (interned node key), or from other code (NoRawNode).
  struct RawCall {
    unsigned Function;
    unsigned Caller;
  };
  struct RawCycle {
    unsigned TU;
    std::vector<unsigned> Edges; // indices into Edges; the weak edge first
  };

  /// Holds the text of every interned string, in large blocks (one
  /// allocation per MiB, not one per string).
  class TextArena {
  public:
    std::string_view store(std::string_view Text);

  private:
    std::vector<std::unique_ptr<char[]>> Blocks;
    std::size_t Used = 0, Capacity = 0;
  };

  /// Distinct strings, numbered in the order they were first seen.
  struct StringTable {
    std::vector<std::string_view> Values; // views into the arena
    graph::IndexHashTable Index;          // into Values
    /// Interns Text: returns its index in Values.
    unsigned intern(std::string_view Text, TextArena &Arena);
  };

  TextArena Arena;
  StringTable NodeKeys, Members, Pointers, FileNames, Functions;
  std::vector<std::string_view> NodeNames; // by node key index
  std::vector<std::string> TUNames;
  std::vector<RawEdge> Edges; // every edge read, duplicates included
  std::vector<RawCycle> Cycles;
  std::vector<RawRelease> Releases;
  std::vector<RawCall> Calls;
  // Raw edges the program closes a cycle through, each with its partner
  // edge (itself for an object stored into itself).
  std::vector<std::pair<unsigned, unsigned>> Evidence;
  // Raw edges whose member a TU saw set only by constructors.
  std::vector<unsigned> ConstructionOnly;
  std::vector<bool> Polymorphic;                  // by node
  std::vector<std::pair<unsigned, unsigned>> Bases; // (derived, base)
  std::vector<std::pair<unsigned, unsigned>> Conversions; // (from, to)
  std::string ReadBuffer; // the file being parsed, reused between files
};

} // namespace refcycle::facts

#endif // REFCYCLE_TOOLS_REFCYCLE_GRAPH_FACTS_H
