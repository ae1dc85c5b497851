//===--- DestructorDisconnect.h - disconnect a kept connection on death ---===//
//
// A registration that returns a connection object (sigc::connection,
// boost::signals2::connection: anything with a `disconnect()` member
// function) kept in a data member of the object the callback is bound to
// is made safe by disconnecting that member in the object's destructor:
// the callback then cannot run once the object is gone. This is the fix
// for a class that is not managed by std::shared_ptr, where no weak
// reference can be taken. It edits the destructor the class has (its body
// in this translation unit, or its `= default`), or adds one when that
// cannot change how the class is copied or moved.
//
//===----------------------------------------------------------------------===//

#ifndef REFCYCLE_CHECKER_DESTRUCTORDISCONNECT_H
#define REFCYCLE_CHECKER_DESTRUCTORDISCONNECT_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <vector>

namespace clang::tidy::refcycle {

/// \p T is a class with a public member function `disconnect()` that takes
/// no arguments (looked up in its bases too).
bool hasDisconnect(QualType T);

/// The non-const data members of \p Owner (not inherited ones) of the
/// connection type \p Type, in declaration order. Only that type: another
/// class with a `disconnect()` (a database session) is not a connection.
llvm::SmallVector<const FieldDecl *, 4>
connectionMembers(const CXXRecordDecl *Owner, QualType Type);

/// The edits that make the destructor of \p Owner disconnect its
/// connection members (\p Connection among them) first: the same edits for
/// every member, so that the fixes of several findings on one class merge.
/// Nullopt when no edit is safe: the
/// destructor is defined in another file or in a macro, \p Owner is a
/// template, or adding a destructor would take away its implicit move
/// operations.
std::optional<std::vector<FixItHint>>
disconnectInDestructor(const CXXRecordDecl *Owner, const FieldDecl *Connection,
                       ASTContext &Context);

} // namespace clang::tidy::refcycle

#endif // REFCYCLE_CHECKER_DESTRUCTORDISCONNECT_H
