//===--- CycleFinder.cpp --------------------------------------------------===//

#include "CycleFinder.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <deque>
#include <unordered_map>
#include <unordered_set>

namespace refcycle::graph {

namespace {
// "m_parentNode" -> {"m", "parent", "node"}; "HTTPServer" -> {"http", "server"}.
std::vector<std::string> identifierWords(const std::string &Name) {
  std::vector<std::string> Words;
  std::string Current;
  auto flush = [&] {
    if (!Current.empty())
      Words.push_back(std::move(Current));
    Current.clear();
  };
  for (std::size_t I = 0; I < Name.size(); ++I) {
    const unsigned char C = Name[I];
    if (!std::isalnum(C)) {
      flush();
      continue;
    }
    const bool Upper = std::isupper(C);
    const bool PrevLower = I > 0 && std::islower((unsigned char)Name[I - 1]);
    const bool NextLower =
        I + 1 < Name.size() && std::islower((unsigned char)Name[I + 1]);
    const bool PrevUpper = I > 0 && std::isupper((unsigned char)Name[I - 1]);
    if (Upper && (PrevLower || (PrevUpper && NextLower)))
      flush();
    Current.push_back(static_cast<char>(std::tolower(C)));
  }
  flush();
  return Words;
}

bool sameWord(const std::string &NameWord, const std::string &Wanted,
              bool AllowPlural) {
  if (NameWord == Wanted)
    return true;
  return AllowPlural && NameWord.size() == Wanted.size() + 1 &&
         NameWord.back() == 's' && NameWord.compare(0, Wanted.size(), Wanted) == 0;
}
} // namespace

bool isBackReferenceName(const std::string &Member,
                         const std::vector<std::string> &Words) {
  const std::vector<std::string> NameWords = identifierWords(Member);
  for (const std::string &Entry : Words) {
    const std::vector<std::string> EntryWords = identifierWords(Entry);
    if (EntryWords.empty() || EntryWords.size() > NameWords.size())
      continue;
    for (std::size_t Start = 0; Start + EntryWords.size() <= NameWords.size();
         ++Start) {
      bool Match = true;
      for (std::size_t K = 0; K < EntryWords.size() && Match; ++K)
        Match = sameWord(NameWords[Start + K], EntryWords[K],
                         /*AllowPlural=*/K + 1 == EntryWords.size() &&
                             Start + K + 1 == NameWords.size());
      if (Match)
        return true;
    }
  }
  return false;
}

namespace {
/// An edge a type holds through its own members, its bases' members or its
/// by-value members: the owning declared edge (Leaf) and the Value edges it
/// is reached through.
struct HeldEdge {
  unsigned Leaf = 0;
  /// The Value edges, outermost first; null for none (most edges).
  const std::vector<unsigned> *Via = nullptr;
};

/// An effective edge after inheritance, composition and the polymorphic
/// rules: what the components are computed on.
struct EffectiveEdge {
  unsigned Owner = 0;
  unsigned Owned = 0;
  const HeldEdge *Held = nullptr;
};

class Deriver {
public:
  Deriver(const OwnershipGraph &Graph, const CyclePolicy &Policy)
      : Graph(Graph), Policy(Policy), Out(Graph.nodes().size()),
        Held(Graph.nodes().size()), State(Graph.nodes().size(), 0),
        Derived(Graph.nodes().size()) {
    const auto &Edges = Graph.edges();
    for (unsigned I = 0; I < Edges.size(); ++I)
      if (isOwning(Edges[I].Kind)) // weak edges own nothing
        Out[Edges[I].Owner].push_back(I);
    const auto &Nodes = Graph.nodes();
    for (unsigned N = 0; N < Nodes.size(); ++N)
      for (unsigned B : Nodes[N].Bases)
        Derived[B].push_back(N);
  }

  std::vector<EffectiveEdge> effectiveEdges() {
    const auto &Nodes = Graph.nodes();
    const auto &Edges = Graph.edges();
    std::vector<EffectiveEdge> Result;
    Result.reserve(Edges.size());
    for (unsigned Owner = 0; Owner < Nodes.size(); ++Owner) {
      for (const HeldEdge &H : held(Owner)) {
        const unsigned Target = Edges[H.Leaf].Owned;
        if (!Nodes[Target].Polymorphic) {
          Result.push_back({Owner, Target, &H});
          continue;
        }
        if (Owner == Target || derivesFrom(Owner, Target)) {
          Result.push_back({Target, Target, &H});
          continue;
        }
        Result.push_back({Owner, Target, &H});
        for (unsigned D : heldThrough(Target))
          Result.push_back({Owner, D, &H});
      }
    }
    return Result;
  }

private:
  // The owning edges a type holds, with memoization; a type being computed
  // (recursion through containers of itself) contributes nothing more.
  const std::vector<HeldEdge> &held(unsigned N) {
    if (State[N] != 0)
      return Held[N];
    State[N] = 1;
    std::vector<HeldEdge> Result;
    const auto &Edges = Graph.edges();
    auto full = [&] { return Result.size() >= Policy.MaxDerivedEdgesPerType; };
    for (unsigned I : Out[N]) {
      if (Edges[I].Kind != OwnershipKind::Value) {
        Result.push_back({I, {}});
        continue;
      }
      if (Edges[I].Owned == N) {
        // Containing its own type by value (std::vector<Node> children): a
        // self-edge that points down, like a shared one would.
        Result.push_back({I, {}});
        continue;
      }
      if (State[Edges[I].Owned] == 1)
        continue;
      for (const HeldEdge &Inner : held(Edges[I].Owned)) {
        if (full())
          break;
        std::vector<unsigned> &Via = ViaLists.emplace_back(1, I);
        if (Inner.Via)
          Via.insert(Via.end(), Inner.Via->begin(), Inner.Via->end());
        Result.push_back({Inner.Leaf, &Via});
      }
    }
    for (unsigned B : Graph.nodes()[N].Bases) {
      if (B == N || State[B] == 1)
        continue;
      for (const HeldEdge &Inner : held(B)) {
        if (full())
          break;
        Result.push_back(Inner);
      }
    }
    Held[N] = std::move(Result);
    State[N] = 2;
    return Held[N];
  }

  bool derivesFrom(unsigned N, unsigned Base) {
    std::vector<unsigned> Work{N};
    std::unordered_set<unsigned> Seen{N};
    while (!Work.empty()) {
      unsigned At = Work.back();
      Work.pop_back();
      for (unsigned B : Graph.nodes()[At].Bases) {
        if (B == Base)
          return true;
        if (Seen.insert(B).second)
          Work.push_back(B);
      }
    }
    return false;
  }

  const std::vector<unsigned> &descendants(unsigned N) {
    auto It = DescendantCache.find(N);
    if (It != DescendantCache.end())
      return It->second;
    std::vector<unsigned> Result;
    std::vector<unsigned> Work{N};
    std::unordered_set<unsigned> Seen{N};
    while (!Work.empty()) {
      unsigned At = Work.back();
      Work.pop_back();
      for (unsigned D : Derived[At])
        if (Seen.insert(D).second) {
          Result.push_back(D);
          Work.push_back(D);
        }
    }
    std::sort(Result.begin(), Result.end());
    return DescendantCache.emplace(N, std::move(Result)).first->second;
  }

  // The classes derived from Target that an edge to Target can hold: each
  // class the code converts to Target (or to a class between them), and the
  // classes between. The types alone allow any derived class; a class the
  // code never turns into a Target never sits behind a pointer to one.
  const std::vector<unsigned> &heldThrough(unsigned Target) {
    auto It = HeldThroughCache.find(Target);
    if (It != HeldThroughCache.end())
      return It->second;
    const std::vector<unsigned> &Below = descendants(Target); // sorted
    auto isBelow = [&](unsigned N) {
      return std::binary_search(Below.begin(), Below.end(), N);
    };
    std::vector<unsigned> Result;
    std::unordered_set<unsigned> Seen;
    for (unsigned Source : Below) {
      const std::vector<unsigned> &To = Graph.nodes()[Source].ConvertedTo;
      if (std::none_of(To.begin(), To.end(), [&](unsigned B) {
            return B == Target || isBelow(B);
          }))
        continue;
      std::vector<unsigned> Work{Source};
      while (!Work.empty()) {
        const unsigned At = Work.back();
        Work.pop_back();
        if (!Seen.insert(At).second)
          continue;
        Result.push_back(At);
        for (unsigned B : Graph.nodes()[At].Bases)
          if (isBelow(B))
            Work.push_back(B);
      }
    }
    std::sort(Result.begin(), Result.end());
    return HeldThroughCache.emplace(Target, std::move(Result)).first->second;
  }

  const OwnershipGraph &Graph;
  const CyclePolicy &Policy;
  std::vector<std::vector<unsigned>> Out;
  std::vector<std::vector<HeldEdge>> Held;
  std::deque<std::vector<unsigned>> ViaLists; // what HeldEdge::Via points to
  std::vector<unsigned char> State; // 0 new, 1 in progress, 2 done
  std::vector<std::vector<unsigned>> Derived;
  std::unordered_map<unsigned, std::vector<unsigned>> DescendantCache;
  std::unordered_map<unsigned, std::vector<unsigned>> HeldThroughCache;
};

CycleStep stepFor(const EffectiveEdge &E) {
  CycleStep S;
  S.Owner = E.Owner;
  S.Owned = E.Owned;
  if (E.Held->Via)
    S.Edges = *E.Held->Via;
  S.Edges.push_back(E.Held->Leaf);
  return S;
}

// Shortest path (by edge count) inside one component from From to To, as
// indices into Effective.
std::vector<unsigned> shortestPath(const std::vector<EffectiveEdge> &Effective,
                                   const std::vector<unsigned> &EdgeSet,
                                   unsigned From, unsigned To) {
  std::unordered_map<unsigned, std::vector<unsigned>> Out;
  for (unsigned I : EdgeSet)
    Out[Effective[I].Owner].push_back(I);
  std::unordered_map<unsigned, unsigned> Via; // node -> edge that reached it
  std::deque<unsigned> Queue{From};
  std::unordered_set<unsigned> Seen{From};
  while (!Queue.empty() && !Seen.count(To)) {
    unsigned At = Queue.front();
    Queue.pop_front();
    for (unsigned I : Out[At])
      if (Seen.insert(Effective[I].Owned).second) {
        Via[Effective[I].Owned] = I;
        Queue.push_back(Effective[I].Owned);
      }
  }
  std::vector<unsigned> Path;
  if (From == To || !Seen.count(To))
    return Path;
  for (unsigned At = To; At != From; At = Effective[Via[At]].Owner)
    Path.push_back(Via[At]);
  std::reverse(Path.begin(), Path.end());
  return Path;
}

Cycle makeCycle(const std::vector<EffectiveEdge> &Effective, unsigned Weak,
                const std::vector<unsigned> &PathEdges) {
  Cycle C;
  C.WeakEdge = Effective[Weak].Held->Leaf;
  C.Steps.push_back(stepFor(Effective[Weak]));
  for (unsigned I : PathEdges) {
    C.Path.push_back(Effective[I].Held->Leaf);
    C.Steps.push_back(stepFor(Effective[I]));
  }
  return C;
}
} // namespace

std::vector<Cycle> findReportableCycles(const OwnershipGraph &Graph,
                                        const CyclePolicy &Policy) {
  const auto &Edges = Graph.edges();
  Deriver D(Graph, Policy);
  const std::vector<EffectiveEdge> Effective = D.effectiveEdges();
  std::vector<std::pair<unsigned, unsigned>> Pairs;
  Pairs.reserve(Effective.size());
  for (const EffectiveEdge &E : Effective)
    Pairs.emplace_back(E.Owner, E.Owned);

  auto kindOf = [&](unsigned I) { return Edges[Effective[I].Held->Leaf].Kind; };
  auto leafOf = [&](unsigned I) { return Effective[I].Held->Leaf; };
  auto isBackReference = [&](unsigned I) {
    return isBackReferenceName(Edges[leafOf(I)].Member, Policy.BackReferenceNames);
  };
  auto proven = [&](unsigned I) {
    return kindOf(I) == OwnershipKind::Shared && Graph.hasEvidence(leafOf(I));
  };

  std::vector<Cycle> Cycles;
  for (const std::vector<unsigned> &EdgeSet :
       stronglyConnectedEdgeSets(Graph.nodes().size(), Pairs)) {
    if (std::none_of(EdgeSet.begin(), EdgeSet.end(), [&](unsigned I) {
          return kindOf(I) == OwnershipKind::Shared;
        }))
      continue;
    // Objects linked only by members their constructors set point only to
    // older objects: no loop of them closes.
    if (std::all_of(EdgeSet.begin(), EdgeSet.end(), [&](unsigned I) {
          return Graph.isConstructionOnly(leafOf(I));
        }))
      continue;
    std::unordered_set<unsigned> Types;
    for (unsigned I : EdgeSet)
      Types.insert(Effective[I].Owner);
    // A type that the loop reaches only through single unique pointers is
    // a part of its owner, as a by-value member would be: the private half
    // of a pimpl. When the parts hold many objects of their owner's type
    // (children), the loop is a tree of one type, judged as one. (With
    // single pointers only, a part's pointer to its owner's type is taken
    // to be its owner: an engine's car.)
    std::unordered_set<unsigned> SharedTargets;
    bool HoldsMany = false;
    for (unsigned I : EdgeSet)
      if (kindOf(I) != OwnershipKind::Unique || Edges[leafOf(I)].ViaContainer) {
        SharedTargets.insert(Effective[I].Owned);
        HoldsMany = HoldsMany || Edges[leafOf(I)].ViaContainer;
      }

    if (Types.size() == 1 ||
        (SharedTargets.size() == 1 && HoldsMany && Types.size() > 1)) {
      // Only self-type edges: an up/down pair on one type, or nothing.
      // Through a part, the way back is the path from the up edge's target
      // to its owner.
      auto backFrom = [&](unsigned Up, unsigned Down) {
        if (Effective[Up].Owner == Effective[Up].Owned)
          return std::vector<unsigned>{Down};
        return shortestPath(Effective, EdgeSet, Effective[Up].Owned,
                            Effective[Up].Owner);
      };
      const unsigned *Up = nullptr;
      const unsigned *Down = nullptr;
      for (const unsigned &I : EdgeSet) {
        if (isBackReference(I)) {
          if (!Up && kindOf(I) == OwnershipKind::Shared)
            Up = &I;
        } else if (!Down && SharedTargets.count(Effective[I].Owned)) {
          Down = &I;
        }
      }
      if (Up && Down && leafOf(*Up) != leafOf(*Down)) {
        Cycles.push_back(makeCycle(Effective, *Up, backFrom(*Up, *Down)));
        continue;
      }
      // The program stores two objects of the type into each other: the
      // single pointer of the pair is the way back (the other usually holds
      // many), whatever it is called.
      bool Closed = false;
      for (int Pass = 0; Pass < 2 && !Closed; ++Pass)
        for (unsigned I : EdgeSet) {
          const unsigned Partner = Graph.evidencePartner(leafOf(I));
          if (!proven(I) || Partner == leafOf(I) ||
              (Pass == 0 && Edges[leafOf(I)].ViaContainer))
            continue;
          const auto Back = std::find_if(
              EdgeSet.begin(), EdgeSet.end(),
              [&](unsigned J) { return leafOf(J) == Partner; });
          if (Back == EdgeSet.end())
            continue;
          Cycles.push_back(makeCycle(Effective, I, backFrom(I, *Back)));
          Closed = true;
          break;
        }
      if (Closed)
        continue;
      // The program closes the loop on the same object: it stores a strong
      // reference to the object into storage of the object itself.
      for (unsigned I : EdgeSet)
        if (proven(I) && Graph.evidencePartner(leafOf(I)) == leafOf(I)) {
          Cycles.push_back(makeCycle(
              Effective, I,
              shortestPath(Effective, EdgeSet, Effective[I].Owned,
                           Effective[I].Owner)));
          break;
        }
      continue;
    }

    // Candidates: Shared edges between distinct types, in declaration order
    // of their members.
    std::vector<unsigned> Candidates;
    for (unsigned I : EdgeSet)
      if (Effective[I].Owner != Effective[I].Owned &&
          kindOf(I) == OwnershipKind::Shared)
        Candidates.push_back(I);
    if (Candidates.empty())
      continue;
    std::stable_sort(Candidates.begin(), Candidates.end(),
                     [&](unsigned L, unsigned R) { return leafOf(L) < leafOf(R); });

    auto pick = [&]() -> unsigned {
      // The edge the program is seen closing the cycle through, first; of
      // two objects stored into each other, the back reference (by name),
      // else the single pointer (the other side usually holds many).
      for (unsigned I : Candidates)
        if (proven(I) && isBackReference(I))
          return I;
      for (unsigned I : Candidates)
        if (proven(I) && !Edges[leafOf(I)].ViaContainer)
          return I;
      for (unsigned I : Candidates)
        if (proven(I))
          return I;
      for (unsigned I : Candidates)
        if (isBackReference(I))
          return I;
      // A single reference back at a type that owns this one through a
      // container or a unique pointer: the owner is clear, this is the back
      // reference.
      std::unordered_set<std::uint64_t> OwnsMany;
      auto pairKey = [](unsigned Owner, unsigned Owned) {
        return (static_cast<std::uint64_t>(Owner) << 32) | Owned;
      };
      for (unsigned J : EdgeSet)
        if (Edges[leafOf(J)].ViaContainer || kindOf(J) == OwnershipKind::Unique)
          OwnsMany.insert(pairKey(Effective[J].Owner, Effective[J].Owned));
      for (unsigned I : Candidates)
        if (!Edges[leafOf(I)].ViaContainer &&
            OwnsMany.count(pairKey(Effective[I].Owned, Effective[I].Owner)))
          return I;
      return Candidates.back();
    };
    const unsigned Weak = pick();
    std::vector<unsigned> Path = shortestPath(
        Effective, EdgeSet, Effective[Weak].Owned, Effective[Weak].Owner);
    Cycles.push_back(makeCycle(Effective, Weak, Path));
  }
  return Cycles;
}

std::string describeCycle(const OwnershipGraph &Graph, const Cycle &C) {
  const auto &Nodes = Graph.nodes();
  if (C.Steps.empty())
    return "";
  const unsigned Start = C.Steps.front().Owned;
  std::string Text = "'" + Nodes[Start].Name + "'";
  for (unsigned I = 1; I < C.Steps.size(); ++I)
    Text += " -> '" + Nodes[C.Steps[I].Owned].Name + "'";
  Text += " -> '" + Nodes[Start].Name + "'";
  return Text;
}

bool isTornDown(const OwnershipGraph &Graph, const Cycle &C,
                const std::vector<Release> &Releases) {
  if (Releases.empty())
    return false;
  std::vector<unsigned> CycleEdges;
  std::vector<unsigned> CycleTypes;
  const auto &Nodes = Graph.nodes();
  const auto &Edges = Graph.edges();
  // The classes whose members and targets the steps name but that are only
  // bases of the cycle's objects: a member inherited from a base, the
  // declared target of an edge that holds a derived class. Their destructors
  // run with the cycle's objects, but a class deriving from one of them is
  // not thereby in the cycle (a server that is a Runnable, releasing the
  // threads that run other Runnables).
  std::vector<unsigned> BaseParts;
  for (const CycleStep &S : C.Steps) {
    CycleEdges.insert(CycleEdges.end(), S.Edges.begin(), S.Edges.end());
    CycleTypes.push_back(S.Owner);
    CycleTypes.push_back(S.Owned);
    // By-value parts die with their owner: their destructors are the
    // cycle's own.
    for (unsigned E : S.Edges) {
      BaseParts.push_back(Edges[E].Owner);
      if (E != S.Edges.back() || Edges[E].Owned == S.Owned)
        CycleTypes.push_back(Edges[E].Owned);
      else
        BaseParts.push_back(Edges[E].Owned);
    }
  }
  std::sort(CycleEdges.begin(), CycleEdges.end());
  auto contains = [](const std::vector<unsigned> &Set, unsigned Node) {
    return std::find(Set.begin(), Set.end(), Node) != Set.end();
  };
  // Types whose destructor runs only when an object of the cycle dies, and
  // whose member functions run only on the cycle's objects: the cycle's
  // types, their bases, and types deriving from them.
  std::vector<unsigned> WithBases = CycleTypes;
  WithBases.insert(WithBases.end(), BaseParts.begin(), BaseParts.end());
  for (std::size_t I = 0; I < WithBases.size(); ++I)
    for (unsigned Base : Nodes[WithBases[I]].Bases)
      if (!contains(WithBases, Base))
        WithBases.push_back(Base);
  auto isCycleObjectType = [&](unsigned Node) {
    if (contains(WithBases, Node))
      return true;
    std::vector<unsigned> Pending{Node}, Seen;
    while (!Pending.empty()) {
      const unsigned N = Pending.back();
      Pending.pop_back();
      if (contains(CycleTypes, N))
        return true;
      if (contains(Seen, N))
        continue;
      Seen.push_back(N);
      Pending.insert(Pending.end(), Nodes[N].Bases.begin(),
                     Nodes[N].Bases.end());
    }
    return false;
  };
  auto counts = [&](const Release &R) {
    if (R.InSpecialMemberOf != NotInSpecialMember)
      return R.InSpecialMemberOf < Nodes.size() &&
             !isCycleObjectType(R.InSpecialMemberOf);
    return R.RunOnlyByMembersOf.empty() ||
           std::any_of(R.RunOnlyByMembersOf.begin(),
                       R.RunOnlyByMembersOf.end(), [&](unsigned Node) {
                         return Node >= Nodes.size() ||
                                !isCycleObjectType(Node);
                       });
  };
  auto released = [&](unsigned Edge) {
    return std::any_of(Releases.begin(), Releases.end(),
                       [&](const Release &R) {
                         return R.Edge == Edge && counts(R);
                       });
  };
  for (const Release &R : Releases) {
    if (!std::binary_search(CycleEdges.begin(), CycleEdges.end(), R.Edge) ||
        !counts(R))
      continue;
    // 'children' cleared while 'pending' (also Parent -> Child) still
    // holds the children: the cycle is still there.
    const Edge &Cut = Edges[R.Edge];
    bool Parallel = false;
    for (unsigned E = 0; E < Edges.size() && !Parallel; ++E)
      Parallel = E != R.Edge && Edges[E].Owner == Cut.Owner &&
                 Edges[E].Owned == Cut.Owned && isOwning(Edges[E].Kind) &&
                 !released(E);
    if (!Parallel)
      return true;
  }
  return false;
}

} // namespace refcycle::graph
