//===--- FillGuards.h - fills that run only while a container is empty ---===//
//
// A table that a function fills only while it is empty is filled once: the
// first fill leaves it non-empty, and refcycle-unbounded-cache only judges
// tables that nothing shrinks, so it never becomes empty again. Such a table
// is bounded by what one fill adds (a file's lines, the configured fonts),
// not by how long the program runs. Two shapes of the guard:
//
//   if (table.empty()) { ... table.insert(x); ... }     // fill inside
//
//   if (!table.empty()) return table;                   // early exit,
//   ... table.insert(x); ...                            // then the fill
//
// The tests recognised are `empty()`, `isEmpty()` (Qt), and `size()`,
// `count()` or `length()` compared with zero or used as a truth value, with
// `!` and conjunctions (`empty() && ...` still guards the branch it enters;
// `!empty() || ...` still guards the exit).
//
//===----------------------------------------------------------------------===//

#ifndef REFCYCLE_CHECKER_FILLGUARDS_H
#define REFCYCLE_CHECKER_FILLGUARDS_H

#include "ContainerUsage.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::refcycle {

/// \p Site, a use that grows the container \p Container, runs only while
/// the container is empty: it is inside the branch of a test that the
/// container is empty, or after an exit taken whenever it is not, in the
/// same function.
bool isFilledOnlyWhenEmpty(const Expr *Site, const ValueDecl *Container,
                           const ParentIndex &Parents);

} // namespace clang::tidy::refcycle

#endif // REFCYCLE_CHECKER_FILLGUARDS_H
