//===--- MemberUses.h - what the code does with a member ------------------===//
//
// The questions refcycle-shared-ptr-cycle asks of one use of a member (a
// member expression): which function it is in, whether it assigns, grows,
// releases or takes single elements out of the member, whether it acts on
// an object the function has just made. Shared by the check's cycle rules
// (SharedPtrCycleCheck.cpp) and its teardown rules (CycleReleases.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef REFCYCLE_CHECKER_MEMBERUSES_H
#define REFCYCLE_CHECKER_MEMBERUSES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::refcycle::uses {

/// The one parent of S in the AST, if it has exactly one.
const Stmt *parentStmt(ASTContext &Context, const Stmt &S);

/// The function whose code S is part of, looking through the initializers
/// of local variables and lambdas (a lambda in a destructor runs as part of
/// it, or later: either way not as a function of its own).
const FunctionDecl *owningFunction(ASTContext &Context, const Stmt &S);

/// The expression that uses the member: the member expression itself, or
/// the implicit conversions and parentheses around it.
const Stmt *userOf(ASTContext &Context, const Expr *Use);

/// 'm = v': the assignment to the member, if Use is its left side.
const CXXOperatorCallExpr *assignmentTo(ASTContext &Context, const Expr *Use);

/// 'children.push_back(c)', 'm.emplace(k, v)': the use adds to the
/// container.
bool growsContainer(ASTContext &Context, const Expr *Use);

/// 'm = nullptr' (or NULL, or 0): the null pointer constant the assigned
/// shared pointer is made from. A weak pointer has no such assignment.
const Expr *assignedNullConstant(ASTContext &Context,
                                 const CXXOperatorCallExpr *Assign);

/// Use gives up what the member owns: 'm.reset()', 'm.clear()',
/// 'm = nullptr', 'm = {}', and a queue's 'm.pop()' / 'm.pop_front()' (a
/// queue of pending work drains as the work completes). 'm.erase(x)' and
/// 'm.pop_back()' let go of one chosen element and are not releases.
bool releases(ASTContext &Context, const Expr *Use);

/// 'm.erase(it)', 'm.remove(x)', 'm.extract(k)', 'm.pop_back()': the
/// container lets go of one element (or some), not of all.
bool removesOneElement(ASTContext &Context, const Expr *Use);

/// 'auto copy = std::make_shared<Node>(*this); copy->kids.clear();': Use
/// names a member of an object that Function has just made (with 'new',
/// make_shared, make_unique or allocate_shared) in a local variable.
bool onFreshObject(const Expr *Use, const FunctionDecl *Function);

/// An empty pointer passed as an argument: 'nullptr', '{}',
/// 'std::shared_ptr<T>()'.
bool isEmptyPointerArgument(ASTContext &Context, const Expr *Arg);

/// The parameter 'm = p' assigns when it is a plain setter's: a member
/// function (not a constructor or assignment operator) that assigns its
/// parameter to the member; Setter is set to that function.
const ParmVarDecl *setterParameter(ASTContext &Context, const Expr *Use,
                                   const CXXMethodDecl *&Setter);

inline bool isInSystemHeader(const Decl *D, const SourceManager &SM) {
  SourceLocation Loc = D->getLocation();
  return Loc.isValid() && SM.isInSystemHeader(SM.getExpansionLoc(Loc));
}

/// Visits the code of the translation unit outside system headers, and the
/// template instantiations it uses.
template <class Derived>
class UserCodeVisitor : public RecursiveASTVisitor<Derived> {
public:
  explicit UserCodeVisitor(const SourceManager &SM) : SM(SM) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) && isInSystemHeader(D, SM))
      return true;
    return RecursiveASTVisitor<Derived>::TraverseDecl(D);
  }

private:
  const SourceManager &SM;
};

} // namespace clang::tidy::refcycle::uses

#endif // REFCYCLE_CHECKER_MEMBERUSES_H
