//===--- ClosingStores.h - two objects stored into each other -------------===//
//
// Finds where a function makes two objects own each other: it stores one in
// a member of the other and the other in a member of the first.
//
//   void attach(std::shared_ptr<Entry> shelf, std::shared_ptr<Entry> item) {
//     item->holder = shelf;              // 'shelf' into 'item'
//     shelf->items.push_back(item);      // 'item' into 'shelf'
//   }
//
// An object is named by the variable or parameter that holds it, or by the
// function's `this` (spelled `this`, implicit, or `shared_from_this()`). A
// store is an assignment to the member, a call that grows a container
// member, or a call of a member function or constructor of this translation
// unit that stores its parameter into that member of its object (one call
// deep). Used by refcycle-shared-ptr-cycle as evidence that a type-level
// loop is closed on objects, whatever the members are called.
//
//===----------------------------------------------------------------------===//

#ifndef REFCYCLE_CHECKER_CLOSINGSTORES_H
#define REFCYCLE_CHECKER_CLOSINGSTORES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseSet.h"
#include <vector>

namespace clang::tidy::refcycle {

/// One object stored into a member of another, in one function.
struct MemberStore {
  const FunctionDecl *Function = nullptr;
  const FieldDecl *Field = nullptr;
  /// The object whose member receives the value: a variable, or Function
  /// for `this`.
  const Decl *Into = nullptr;
  /// The object stored: a variable, or Function for `this`.
  const Decl *Stored = nullptr;
  /// The assignment or call that stores it.
  const Expr *Site = nullptr;
};

/// Two stores of one function that make two objects hold each other.
struct ClosingPair {
  MemberStore First;  // the earlier in the source
  MemberStore Second; // Second.Into == First.Stored, and the other way round
};

/// The closing pairs among the stores into \p Fields (canonical
/// declarations) in the code outside system headers.
std::vector<ClosingPair>
findClosingPairs(ASTContext &Ctx,
                 const llvm::DenseSet<const FieldDecl *> &Fields);

/// How a store names \p Object: the variable's name, or "this".
std::string objectName(const Decl *Object);

} // namespace clang::tidy::refcycle

#endif // REFCYCLE_CHECKER_CLOSINGSTORES_H
