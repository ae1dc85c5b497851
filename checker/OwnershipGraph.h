//===--- OwnershipGraph.h - strong-ownership edges between record types ---===//
//
// The graph the cycle checks share: nodes are record types, an edge A -> B says
// that every A holds a strong owning reference to some B through one member.
//
//===----------------------------------------------------------------------===//

#ifndef REFCYCLE_CHECKER_OWNERSHIPGRAPH_H
#define REFCYCLE_CHECKER_OWNERSHIPGRAPH_H

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <vector>

namespace clang::tidy::refcycle {

enum class OwnershipKind { Shared, Unique };

struct OwnershipEdge {
  const CXXRecordDecl *Owner = nullptr;
  const CXXRecordDecl *Owned = nullptr;
  /// The member through which Owner holds Owned.
  const FieldDecl *Member = nullptr;
  OwnershipKind Kind = OwnershipKind::Shared;
};

class OwnershipGraph {
public:
  /// Records an edge; the same member adds the same edge only once.
  void addEdge(const OwnershipEdge &Edge);

  const std::vector<OwnershipEdge> &edges() const { return Edges; }

  /// Strongly connected components with at least two distinct record types,
  /// each as the indices (into edges()) of the edges inside it, in the order
  /// the edges were added. Iterative, so deep graphs cannot overflow the stack.
  std::vector<std::vector<unsigned>> multiTypeComponents() const;

private:
  std::vector<OwnershipEdge> Edges;
  llvm::DenseMap<const FieldDecl *, llvm::SmallVector<unsigned, 1>> EdgesByMember;
};

} // namespace clang::tidy::refcycle

#endif // REFCYCLE_CHECKER_OWNERSHIPGRAPH_H
