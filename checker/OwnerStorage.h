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
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

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

/// The class \p Link points to when \p Link is a link to its owner that
/// the part was made with (a member of \p Part only constructors set, or a
/// parameter of a constructor of \p Part), or null. Whether that class owns
/// the part for life may be decided in another file (ownedParts()).
const CXXRecordDecl *linkedOwner(const CXXRecordDecl *Part,
                                 const ValueDecl *Link);

/// Adds to \p Fields the pointer and std::unique_ptr members (of any
/// object) that \p Body gives a value, resets or releases (`m = ...`,
/// `p->m = ...`, `m.reset(...)`).
void membersReplacedIn(const Stmt *Body,
                       llvm::SmallPtrSetImpl<const FieldDecl *> &Fields);

/// The members of \p Owner that hold a part for life, made in every one of
/// the initializations this translation unit shows with `this` as an
/// argument, and the part's class.
void ownedParts(
    const CXXRecordDecl *Owner,
    llvm::SmallVectorImpl<std::pair<const FieldDecl *, const CXXRecordDecl *>>
        &Parts);

} // namespace clang::tidy::refcycle

#endif // REFCYCLE_CHECKER_OWNERSTORAGE_H
