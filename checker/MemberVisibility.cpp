//===--- MemberVisibility.cpp - is all code that can touch a name in sight ===//

#include "MemberVisibility.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclFriend.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::refcycle {

bool allCodeTouchingIsVisible(const ValueDecl *D) {
  if (const auto *Var = dyn_cast<VarDecl>(D)) {
    if (Var->isStaticLocal() || !Var->isExternallyVisible())
      return true;
    // A global of the main file that no header declares: another file
    // would have to declare it itself to reach it.
    if (!Var->isStaticDataMember() && Var->getDeclContext()->isFileContext()) {
      const SourceManager &SM = D->getASTContext().getSourceManager();
      return llvm::all_of(Var->redecls(), [&](const VarDecl *R) {
        return SM.isInMainFile(SM.getExpansionLoc(R->getLocation()));
      });
    }
    if (!Var->isStaticDataMember())
      return false;
  }
  // A member: visible when only this class can touch it and every member
  // function of the class is defined here.
  const auto *Record = dyn_cast<CXXRecordDecl>(D->getDeclContext());
  if (!Record || !Record->hasDefinition())
    return false;
  Record = Record->getDefinition();
  const AccessSpecifier Access = D->getAccess();
  if (Access != AS_private &&
      !(Access == AS_protected && Record->hasAttr<FinalAttr>()))
    return false;
  if (Record->friend_begin() != Record->friend_end())
    return false;
  for (const Decl *Member : Record->decls()) {
    if (const auto *Nested = dyn_cast<CXXRecordDecl>(Member)) {
      if (!Nested->isImplicit())
        return false; // nested classes may touch private members
      continue;
    }
    const FunctionDecl *F = nullptr;
    if (const auto *Template = dyn_cast<FunctionTemplateDecl>(Member))
      F = Template->getTemplatedDecl();
    else
      F = dyn_cast<FunctionDecl>(Member);
    if (!F || F->isImplicit() || F->isDeleted() || F->isDefaulted() ||
        F->isPureVirtual())
      continue;
    if (!F->isDefined())
      return false;
  }
  return true;
}

} // namespace clang::tidy::refcycle
