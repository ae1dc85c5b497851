//===--- CycleReleases.cpp - refcycle-shared-ptr-cycle's teardown rules ---===//
//
// Where the translation unit releases the members of the ownership graph,
// and which of those releases can break a cycle (graph::isTornDown decides
// with what is recorded here): not one in a special member, one that
// replaces or refills the member, one that detaches a single object or
// builds a fresh one; and, through FunctionCallers, whether only the
// cycle's own member functions run it.
//
//===----------------------------------------------------------------------===//

#include "FactsFiles.h"
#include "MemberUses.h"
#include "SharedPtrCycleCheck.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"

#include <tuple>

namespace clang::tidy::refcycle {

using namespace uses;

namespace {
// The calls of some member functions in the translation unit (outside
// system headers).
class CallCollector : public UserCodeVisitor<CallCollector> {
public:
  CallCollector(const SourceManager &SM,
                const llvm::DenseMap<const FunctionDecl *,
                                     llvm::SmallVector<std::pair<unsigned, unsigned>, 1>>
                    &Functions)
      : UserCodeVisitor(SM), Functions(Functions) {}
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    if (const CXXMethodDecl *M = Call->getMethodDecl())
      if (Functions.count(M->getCanonicalDecl()))
        Calls.push_back(Call);
    return true;
  }
  std::vector<const CXXMemberCallExpr *> Calls;

private:
  const llvm::DenseMap<const FunctionDecl *,
                       llvm::SmallVector<std::pair<unsigned, unsigned>, 1>>
      &Functions;
};
} // namespace

bool SharedPtrCycleCheck::removesOneHolder(unsigned Edge,
                                           const FunctionDecl *Function) {
  // '(*it)->block = nullptr; values.erase(it);': the function takes one
  // object out of a container of objects of the released member's class.
  // The objects still in it keep their links: the structure is edited, not
  // torn down.
  const auto &Edges = Graph.edges();
  for (unsigned C = 0; C < Edges.size(); ++C) {
    if (!Edges[C].ViaContainer || Edges[C].Owned != Edges[Edge].Owner)
      continue;
    auto It = Uses.find(EdgeMembers[C]);
    if (It == Uses.end())
      continue;
    for (const Expr *Use : It->second)
      if (removesOneElement(*Context, Use) &&
          owningFunction(*Context, *Use) == Function)
        return true;
  }
  return false;
}

std::vector<graph::Release> SharedPtrCycleCheck::findReleases() {
  std::vector<graph::Release> Found;
  const unsigned EdgeCount = Graph.edges().size();
  for (unsigned E = 0; E < EdgeCount; ++E) {
    // A by-value member's own reset() or clear() is a function of its class,
    // not the release of a pointer: what it lets go of is judged at the
    // members it changes.
    if (Graph.edges()[E].Kind == graph::OwnershipKind::Value)
      continue;
    auto It = Uses.find(EdgeMembers[E]);
    if (It == Uses.end())
      continue;
    for (const Expr *Use : It->second) {
      if (!releases(*Context, Use))
        continue;
      const FunctionDecl *Function = owningFunction(*Context, *Use);
      // 'parent.reset(); parent = p;' replaces the pointer, and
      // 'children.clear(); ... children.push_back(c);' refills the
      // container: neither lets go of what the member holds.
      if (Function && llvm::any_of(It->second, [&](const Expr *Other) {
            return Other != Use &&
                   (assignmentTo(*Context, Other) ||
                    growsContainer(*Context, Other)) &&
                   !releases(*Context, Other) &&
                   owningFunction(*Context, *Other) == Function;
          }))
        continue;
      if (Function &&
          (removesOneHolder(E, Function) || onFreshObject(Use, Function)))
        continue;
      Found.push_back(releaseIn(E, Function, *Use));
    }
  }
  // 'iot->setThread(std::shared_ptr<Thread>())': a setter called with an
  // empty pointer releases the member where it is called.
  llvm::DenseMap<const FunctionDecl *,
                 llvm::SmallVector<std::pair<unsigned, unsigned>, 1>>
      Setters;
  for (unsigned E = 0; E < EdgeCount; ++E) {
    auto It = Uses.find(EdgeMembers[E]);
    if (It == Uses.end())
      continue;
    for (const Expr *Use : It->second) {
      const CXXMethodDecl *Setter = nullptr;
      if (const ParmVarDecl *Param = setterParameter(*Context, Use, Setter))
        Setters[Setter->getCanonicalDecl()].push_back(
            {E, Param->getFunctionScopeIndex()});
    }
  }
  if (Setters.empty())
    return Found;
  CallCollector Collector(Context->getSourceManager(), Setters);
  Collector.TraverseDecl(Context->getTranslationUnitDecl());
  auto setsEmpty = [&](const CXXMemberCallExpr *Call, unsigned Index) {
    return Index < Call->getNumArgs() &&
           isEmptyPointerArgument(*Context, Call->getArg(Index));
  };
  for (const CXXMemberCallExpr *Call : Collector.Calls) {
    const FunctionDecl *Setter = Call->getMethodDecl()->getCanonicalDecl();
    const FunctionDecl *Function = owningFunction(*Context, *Call);
    for (const auto &[Edge, Index] : Setters.lookup(Setter)) {
      if (!setsEmpty(Call, Index))
        continue;
      // 'setThread(nullptr); setThread(t);' replaces the pointer.
      const bool Replaced = llvm::any_of(
          Collector.Calls, [&](const CXXMemberCallExpr *Other) {
            return Other != Call &&
                   Other->getMethodDecl()->getCanonicalDecl() == Setter &&
                   !setsEmpty(Other, Index) &&
                   owningFunction(*Context, *Other) == Function;
          });
      if (!Replaced)
        Found.push_back(releaseIn(Edge, Function, *Call));
    }
  }
  return Found;
}

const FunctionCallers &SharedPtrCycleCheck::callers() {
  if (!Callers)
    Callers = std::make_unique<FunctionCallers>(*Context);
  return *Callers;
}

graph::Release SharedPtrCycleCheck::releaseIn(unsigned Edge,
                                              const FunctionDecl *Function,
                                              const Stmt &Code) {
  graph::Release R;
  R.Edge = Edge;
  ReleaseSites.push_back({Function, &Code});
  // The special members of a type run when its objects begin or end (or
  // are overwritten), not to end a cycle they are part of.
  if (const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Function))
    if (isa<CXXDestructorDecl>(Method) || isa<CXXConstructorDecl>(Method) ||
        Method->isCopyAssignmentOperator() ||
        Method->isMoveAssignmentOperator()) {
      R.InSpecialMemberOf = nodeFor(Method->getParent());
      return R;
    }
  // Which code runs the release: graph::isTornDown does not count one that
  // only the cycle's own member functions run.
  llvm::SmallVector<const CXXRecordDecl *, 4> Records;
  llvm::SmallVector<const FunctionDecl *, 8> Chain;
  if (!callers().runOnlyByMembers(Code, Function, Records, &Chain))
    return R;
  for (const CXXRecordDecl *Record : Records) {
    auto It = NodeByDecl.find(Record->getCanonicalDecl());
    // A class with no node owns nothing the graph knows: not a cycle's.
    if (It == NodeByDecl.end()) {
      R.RunOnlyByMembersOf.clear();
      return R;
    }
    R.RunOnlyByMembersOf.push_back(It->second);
  }
  if (!FactsDirectory.empty())
    for (const FunctionDecl *F : Chain)
      R.RunVia.push_back(declKey(F));
  return R;
}

void SharedPtrCycleCheck::noteReleasesOnlyTheCycleRuns(
    const graph::Cycle &C) {
  // One note per member: the first release of it that only the cycle's own
  // member functions run (a reported cycle has no release that counts,
  // unless ReportTornDownCycles reports it anyway).
  llvm::SmallVector<unsigned, 4> Noted;
  for (unsigned I = 0; I < Releases.size(); ++I) {
    const graph::Release &R = Releases[I];
    if (R.RunOnlyByMembersOf.empty() || llvm::is_contained(Noted, R.Edge) ||
        !llvm::any_of(C.Steps, [&](const graph::CycleStep &S) {
          return llvm::is_contained(S.Edges, R.Edge);
        }))
      continue;
    Noted.push_back(R.Edge);
    const auto &[Function, Code] = ReleaseSites[I];
    diag(Code->getBeginLoc(),
         "'%0' releases '%1' here, but only member functions of the "
         "cycle's classes run it, and nothing calls them once the cycle's "
         "objects are abandoned",
         DiagnosticIDs::Note)
        << Function->getQualifiedNameAsString() << memberName(R.Edge);
  }
}

std::vector<MemberCallFact> SharedPtrCycleCheck::memberCallFacts() {
  // Calls of the graph's classes' member functions that may end something:
  // not const, static or special members.
  std::vector<MemberCallFact> Calls;
  llvm::DenseSet<std::pair<const CXXMethodDecl *, unsigned>> Seen;
  callers().forEachMemberCall([&](const CXXMethodDecl *Callee,
                                 const CXXMethodDecl *Caller) {
    if (Callee->isConst() || Callee->isStatic() ||
        isa<CXXConstructorDecl, CXXDestructorDecl>(Callee) ||
        !NodeByDecl.count(Callee->getParent()->getCanonicalDecl()))
      return;
    unsigned Node = MemberCallFact::OtherCode;
    if (Caller) {
      auto It = NodeByDecl.find(Caller->getParent()->getCanonicalDecl());
      if (It != NodeByDecl.end())
        Node = It->second;
    }
    if (Seen.insert({Callee, Node}).second)
      Calls.push_back({declKey(Callee), Node});
  });
  // The index is keyed by pointers: sort, so that the same TU writes the
  // same facts every time.
  llvm::sort(Calls, [](const MemberCallFact &A, const MemberCallFact &B) {
    return std::tie(A.Callee, A.CallerNode) < std::tie(B.Callee, B.CallerNode);
  });
  return Calls;
}

} // namespace clang::tidy::refcycle
