//===--- SiteGuards.h - what the tests before a use say about a container --===//
//
// A use of a container often runs only behind a test of that container:
//
//   if (table.empty()) { ... table.insert(x); ... }   // fills an empty table
//   if (!table.empty()) return table;                 // exits when filled,
//   ... table.insert(x); ...                          // so this fills once
//
//   if (names.count(id)) return names[id];            // id is there: the
//                                                     // operator[] finds it
//   if (names.find(id) == names.end()) return "";
//   return names[id];
//
// Both questions share one walk: a use is guarded by a property of the
// container when it sits in the branch of an `if` whose condition implies
// the property there (the then-branch when the condition holds, the else-
// branch when it fails), or after an `if` without else whose branch always
// leaves (return, throw, break, continue) and which is taken whenever the
// property fails, in the same function. Conditions combine with `!`, `&&`
// and `||`.
//
// Recognised tests: emptiness is `empty()`, `isEmpty()` (Qt), and
// `size()`, `count()` or `length()` compared with zero or used as a truth
// value; presence of a key is `count(k)` or `contains(k)` as a truth value
// or compared with zero, and `find(k)` compared with `end()`. Keys compare
// by structure (`id`, `req.id`), not by value.
//
//===----------------------------------------------------------------------===//

#ifndef REFCYCLE_CHECKER_SITEGUARDS_H
#define REFCYCLE_CHECKER_SITEGUARDS_H

#include "ContainerUsage.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::refcycle {

/// \p Site, a use of the container \p Container, runs only while the
/// container is empty.
bool isFilledOnlyWhenEmpty(const Expr *Site, const ValueDecl *Container,
                           const ParentIndex &Parents);

/// \p Site, a use of the container \p Container, runs only when the
/// container holds the key \p Key.
bool runsOnlyWithKey(const Expr *Site, const ValueDecl *Container,
                     const Expr *Key, const ParentIndex &Parents);

} // namespace clang::tidy::refcycle

#endif // REFCYCLE_CHECKER_SITEGUARDS_H
