//===--- MemberVisibility.h - is all code that can touch a name in sight --===//
//
// Several rules decide from every use of a variable or data member: a
// container that nothing shrinks, a pointer member that only constructors
// set. Such a decision holds only when this translation unit contains all
// the code that can name the entity: a static local or a global of the main
// file, or a private data member of a class without friends or nested
// classes whose member functions are all defined here.
//
//===----------------------------------------------------------------------===//

#ifndef REFCYCLE_CHECKER_MEMBERVISIBILITY_H
#define REFCYCLE_CHECKER_MEMBERVISIBILITY_H

#include "clang/AST/Decl.h"

namespace clang::tidy::refcycle {

/// Every piece of code that can name \p D is in this translation unit.
bool allCodeTouchingIsVisible(const ValueDecl *D);

} // namespace clang::tidy::refcycle

#endif // REFCYCLE_CHECKER_MEMBERVISIBILITY_H
