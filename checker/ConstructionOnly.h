//===--- ConstructionOnly.h - members that only constructors set ----------===//
//
// A smart-pointer member that only its class's constructors give a value
// points to an object that existed before its holder could be shared: no
// std::shared_ptr to an object exists while the object is being constructed
// (shared_from_this() throws there), so the pointee cannot be the holder or
// anything made later. When every edge of a type-level loop is such a
// member, each object points only to older objects, and the objects cannot
// form a loop: the context tree or the expression tree built bottom-up.
//
// A member counts when all code that can name it is in this translation
// unit (see MemberVisibility.h) and that code, outside the constructors,
// only reads it: copies it, calls const member functions on it, moves out of
// it (which leaves it empty), or releases it. Lambdas written in a
// constructor run later, so their bodies count as outside. The class's
// copy and move assignment operators assign every member: if the program
// uses an implicit one, the member does not count.
//
//===----------------------------------------------------------------------===//

#ifndef REFCYCLE_CHECKER_CONSTRUCTIONONLY_H
#define REFCYCLE_CHECKER_CONSTRUCTIONONLY_H

#include "clang/AST/Decl.h"

namespace clang::tidy::refcycle {

/// Only the constructors of \p Field's class give it a value.
bool isSetOnlyAtConstruction(const FieldDecl *Field);

/// The weaker form: no code of this translation unit other than the
/// constructors of \p Field's class gives it a value (code in other files
/// may). The evidence that a member filled with `new` is owned the old way
/// has the same reach.
bool onlyConstructorsSetHere(const FieldDecl *Field);

} // namespace clang::tidy::refcycle

#endif // REFCYCLE_CHECKER_CONSTRUCTIONONLY_H
