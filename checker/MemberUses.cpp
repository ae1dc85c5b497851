//===--- MemberUses.cpp - what the code does with a member ----------------===//

#include "MemberUses.h"
#include "EscapeSupport.h"

#include "clang/AST/ParentMapContext.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::refcycle::uses {

const Stmt *parentStmt(ASTContext &Context, const Stmt &S) {
  DynTypedNodeList Parents = Context.getParents(S);
  if (Parents.size() != 1)
    return nullptr;
  return Parents[0].get<Stmt>();
}

const FunctionDecl *owningFunction(ASTContext &Context, const Stmt &S) {
  DynTypedNode Node = DynTypedNode::create(S);
  for (unsigned Depth = 0; Depth < 512; ++Depth) {
    DynTypedNodeList Parents = Context.getParents(Node);
    if (Parents.empty())
      return nullptr;
    Node = Parents[0];
    if (const auto *Function = Node.get<FunctionDecl>()) {
      const auto *Method = dyn_cast<CXXMethodDecl>(Function);
      if (!Method || !Method->getParent()->isLambda())
        return Function;
    }
  }
  return nullptr;
}

const Stmt *userOf(ASTContext &Context, const Expr *Use) {
  const Stmt *Parent = parentStmt(Context, *Use);
  while (Parent && (isa<ImplicitCastExpr>(Parent) || isa<ParenExpr>(Parent)))
    Parent = parentStmt(Context, *Parent);
  return Parent;
}

const CXXOperatorCallExpr *assignmentTo(ASTContext &Context, const Expr *Use) {
  const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(userOf(Context, Use));
  if (Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
      Op->getArg(0)->IgnoreParenImpCasts() == Use)
    return Op;
  return nullptr;
}

bool growsContainer(ASTContext &Context, const Expr *Use) {
  const auto *Member = dyn_cast_or_null<MemberExpr>(userOf(Context, Use));
  const auto *Method =
      Member ? dyn_cast<CXXMethodDecl>(Member->getMemberDecl()) : nullptr;
  if (!Method || !Method->getIdentifier())
    return false;
  return llvm::is_contained(
      {"push_back", "emplace_back", "push_front", "emplace_front", "insert",
       "emplace", "emplace_hint", "try_emplace", "insert_or_assign", "push"},
      Method->getName());
}

const Expr *assignedNullConstant(ASTContext &Context,
                                 const CXXOperatorCallExpr *Assign) {
  const auto *Construct =
      dyn_cast<CXXConstructExpr>(Assign->getArg(1)->IgnoreImplicit());
  if (!Construct || Construct->getNumArgs() != 1)
    return nullptr;
  const Expr *Arg = Construct->getArg(0);
  if (Arg->isValueDependent() ||
      !Arg->isNullPointerConstant(Context, Expr::NPC_ValueDependentIsNotNull))
    return nullptr;
  return Arg;
}

bool releases(ASTContext &Context, const Expr *Use) {
  const Stmt *User = userOf(Context, Use);
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(User)) {
    const auto *Call =
        dyn_cast_or_null<CXXMemberCallExpr>(parentStmt(Context, *Member));
    const auto *Method =
        dyn_cast_or_null<CXXMethodDecl>(Member->getMemberDecl());
    return !Member->isArrow() && Call && Call->getNumArgs() == 0 && Method &&
           Method->getIdentifier() &&
           (Method->getName() == "reset" || Method->getName() == "clear" ||
            Method->getName() == "pop" || Method->getName() == "pop_front");
  }
  const CXXOperatorCallExpr *Assign = assignmentTo(Context, Use);
  if (!Assign)
    return false;
  if (assignedNullConstant(Context, Assign))
    return true;
  const Expr *Value = Assign->getArg(1)->IgnoreImplicit();
  if (const auto *List = dyn_cast<CXXStdInitializerListExpr>(Value))
    Value = List->getSubExpr()->IgnoreImplicit();
  if (const auto *Init = dyn_cast<InitListExpr>(Value))
    return Init->getNumInits() == 0;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Value))
    return Construct->getNumArgs() == 0;
  return false;
}
bool removesOneElement(ASTContext &Context, const Expr *Use) {
  const auto *Member = dyn_cast_or_null<MemberExpr>(userOf(Context, Use));
  if (!Member || Member->isArrow())
    return false;
  const auto *Call =
      dyn_cast_or_null<CXXMemberCallExpr>(parentStmt(Context, *Member));
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Member->getMemberDecl());
  return Call && Method && Method->getIdentifier() &&
         llvm::is_contained({StringRef("erase"), StringRef("remove"),
                             StringRef("remove_if"), StringRef("extract"),
                             StringRef("pop_back")},
                            Method->getName());
}

bool onFreshObject(const Expr *Use, const FunctionDecl *Function) {
  const auto *Member = dyn_cast<MemberExpr>(Use);
  if (!Member || !Function)
    return false;
  const Expr *Base = Member->getBase()->IgnoreParenImpCasts();
  if (const auto *Arrow = dyn_cast<CXXOperatorCallExpr>(Base))
    if (Arrow->getOperator() == OO_Arrow && Arrow->getNumArgs() == 1)
      Base = Arrow->getArg(0)->IgnoreParenImpCasts();
  const auto *Ref = dyn_cast<DeclRefExpr>(Base);
  const auto *Local = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Local || !Local->hasLocalStorage() || isa<ParmVarDecl>(Local) ||
      Local->getDeclContext() != Function || !Local->getInit())
    return false;
  const Expr *Init = Local->getInit()->IgnoreImplicit();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Init))
    if (Construct->getNumArgs() == 1)
      Init = Construct->getArg(0)->IgnoreImplicit();
  if (isa<CXXNewExpr>(Init))
    return true;
  const auto *Call = dyn_cast<CallExpr>(Init);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  return Callee && Callee->getIdentifier() &&
         llvm::is_contained({StringRef("make_shared"), StringRef("make_unique"),
                             StringRef("allocate_shared")},
                            Callee->getName());
}

bool isEmptyPointerArgument(ASTContext &Context, const Expr *Arg) {
  return escape::detail::isEmptyValue(Arg, Context);
}

const ParmVarDecl *setterParameter(ASTContext &Context, const Expr *Use,
                                   const CXXMethodDecl *&Setter) {
  const CXXOperatorCallExpr *Assign = assignmentTo(Context, Use);
  if (!Assign)
    return nullptr;
  const Expr *Value = Assign->getArg(1)->IgnoreImplicit();
  if (const auto *Call = dyn_cast<CallExpr>(Value))
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      if (Callee->isInStdNamespace() && Callee->getIdentifier() &&
          Callee->getName() == "move" && Call->getNumArgs() == 1)
        Value = Call->getArg(0)->IgnoreImplicit();
  const auto *Ref = dyn_cast<DeclRefExpr>(Value);
  const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
  Setter = dyn_cast_or_null<CXXMethodDecl>(owningFunction(Context, *Use));
  if (!Param || !Setter || Param->getDeclContext() != Setter ||
      isa<CXXConstructorDecl, CXXDestructorDecl>(Setter) ||
      Setter->isCopyAssignmentOperator() || Setter->isMoveAssignmentOperator())
    return nullptr;
  return Param;
}

} // namespace clang::tidy::refcycle::uses
