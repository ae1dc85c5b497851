//===--- OwnerStorage.h - storage of the object that owns this one --------===//
//
// A part registers a callback bound to itself in storage of its owner: a
// panel adds its key handlers to the key table of the window that owns it,
// through the pointer to the window it was constructed with. The table
// outlives the panel only while the window is being destroyed: when the
// window owns the panel for life (a by-value member, or a std::unique_ptr or
// `new`-filled pointer member that only the window's constructors set) and
// made it with itself as the argument, and the panel's pointer to the
// window is only set by the panel's constructors, the two go together.
// Shared by refcycle-dangling-capture; decided from where the members are
// set, never from their names.
//
//===----------------------------------------------------------------------===//

#ifndef REFCYCLE_CHECKER_OWNERSTORAGE_H
#define REFCYCLE_CHECKER_OWNERSTORAGE_H

#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::refcycle {

/// The pointer or reference member of `*this`, or the pointer or reference
/// parameter, through which the destination \p Dest of a store is reached
/// (`owner_->keys`, `owner_.keys.table`, `owner->keys` in a constructor
/// given `owner`; with \p Pointee: `owner_` itself as the object a member
/// function is called through), when it is the only indirection on the
/// path; null otherwise.
const ValueDecl *linkToHolder(const Expr *Dest, bool Pointee);

/// True if the object of class \p Part that \p Link points to owns that
/// object for life: \p Link is a member of \p Part (or of a base) given a
/// value only by constructors, or a parameter of a constructor of \p Part;
/// and the class it points to has a member that holds a \p Part for life,
/// made in every one of its initializations with `this` as an argument.
bool linkedOwnerOwnsForLife(const CXXRecordDecl *Part, const ValueDecl *Link);

} // namespace clang::tidy::refcycle

#endif // REFCYCLE_CHECKER_OWNERSTORAGE_H
