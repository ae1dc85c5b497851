//===--- RearmedHandlers.cpp - handlers that keep their object and re-arm -===//

#include "RearmedHandlers.h"

#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <functional>

namespace clang::tidy::refcycle::escape {

namespace {

const FunctionDecl *canonical(const FunctionDecl *F) {
  if (!F)
    return nullptr;
  if (const FunctionDecl *Pattern = F->getTemplateInstantiationPattern())
    F = Pattern;
  return F->getCanonicalDecl();
}

bool reaches(const Stmt *S, const FunctionDecl *Start,
             const CXXRecordDecl *Owner, unsigned Depth,
             llvm::SmallPtrSetImpl<const FunctionDecl *> &Seen) {
  if (!S)
    return false;
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    const FunctionDecl *Callee = canonical(Call->getDirectCallee());
    if (Callee && Callee == Start)
      return true;
    const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callee);
    const FunctionDecl *Def = nullptr;
    if (Method && Depth < 3 &&
        Method->getParent()->getCanonicalDecl() == Owner->getCanonicalDecl() &&
        Method->hasBody(Def) && Def && Seen.insert(Callee).second &&
        reaches(Def->getBody(), Start, Owner, Depth + 1, Seen))
      return true;
  }
  return llvm::any_of(S->children(), [&](const Stmt *Child) {
    return reaches(Child, Start, Owner, Depth, Seen);
  });
}

} // namespace

const FieldDecl *memberOfThis(const Expr *Object, bool *ThroughArrow) {
  if (ThroughArrow)
    *ThroughArrow = false;
  if (!Object)
    return nullptr;
  Object = Object->IgnoreParenImpCasts();
  if (const auto *Arrow = dyn_cast<CXXOperatorCallExpr>(Object);
      Arrow && Arrow->getOperator() == OO_Arrow) {
    Object = Arrow->getArg(0)->IgnoreParenImpCasts();
    if (ThroughArrow)
      *ThroughArrow = true;
  }
  const auto *Member = dyn_cast<MemberExpr>(Object);
  if (!Member || !isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
    return nullptr;
  return dyn_cast<FieldDecl>(Member->getMemberDecl());
}

namespace {

// S stops the I/O object in On: a call of cancel/close/shutdown on it (also
// through a smart pointer's ->), or a reset or assignment of the member.
bool stops(const Stmt *S, const FieldDecl *On) {
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S)) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    if (!Method || !Method->getIdentifier())
      return false;
    const StringRef Name = Method->getName();
    bool ThroughArrow = false;
    if (memberOfThis(Call->getImplicitObjectArgument(), &ThroughArrow) != On)
      return false;
    if (Name == "cancel" || Name == "close" || Name == "shutdown" ||
        Name == "cancel_one")
      return true;
    // A smart pointer member let go of ('timer_.reset()').
    return Name == "reset" && !ThroughArrow;
  }
  if (const auto *Assign = dyn_cast<CXXOperatorCallExpr>(S)) {
    bool ThroughArrow = false;
    return Assign->getOperator() == OO_Equal && Assign->getNumArgs() == 2 &&
           memberOfThis(Assign->getArg(0), &ThroughArrow) == On &&
           !ThroughArrow;
  }
  return false;
}

void collectStops(const Stmt *S, const FieldDecl *On,
                  llvm::SmallVectorImpl<const Expr *> &Into) {
  if (!S)
    return;
  if (stops(S, On))
    Into.push_back(cast<Expr>(S));
  for (const Stmt *Child : S->children())
    collectStops(Child, On, Into);
}

} // namespace

bool reachesFunction(const Stmt *Handler, const FunctionDecl *Start,
                     const CXXRecordDecl *Owner) {
  llvm::SmallPtrSet<const FunctionDecl *, 8> Seen;
  return Handler && Start && Owner &&
         reaches(Handler, canonical(Start), Owner, 0, Seen);
}

StopSites stopsOf(const FieldDecl *On, const CXXRecordDecl *Owner) {
  StopSites Sites;
  if (!On || !Owner || !Owner->hasDefinition())
    return Sites;
  for (const Decl *D : Owner->getDefinition()->decls()) {
    const auto *Method = dyn_cast<CXXMethodDecl>(D);
    if (const auto *Template = dyn_cast<FunctionTemplateDecl>(D))
      Method = dyn_cast<CXXMethodDecl>(Template->getTemplatedDecl());
    const FunctionDecl *Def = nullptr;
    if (!Method || !Method->hasBody(Def) || !Def)
      continue;
    llvm::SmallVector<const Expr *, 2> Found;
    collectStops(Def->getBody(), On, Found);
    // A constructor runs before any handler is queued.
    if (isa<CXXConstructorDecl>(Method))
      continue;
    if (isa<CXXDestructorDecl>(Method))
      Sites.InDestructor.append(Found.begin(), Found.end());
    else if (!Found.empty())
      Sites.Elsewhere = true;
  }
  return Sites;
}

namespace {

void collectReadFields(const Stmt *S, const CXXRecordDecl *Owner,
                       llvm::SmallPtrSetImpl<const FieldDecl *> &Into) {
  if (!S)
    return;
  if (const auto *Member = dyn_cast<MemberExpr>(S))
    if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
        Field && Field->getParent()->getCanonicalDecl() ==
                     Owner->getCanonicalDecl())
      Into.insert(Field);
  for (const Stmt *Child : S->children())
    collectReadFields(Child, Owner, Into);
}

bool assignsAny(const Stmt *S,
                const llvm::SmallPtrSetImpl<const FieldDecl *> &Fields) {
  if (!S)
    return false;
  const Expr *Target = nullptr;
  if (const auto *Assign = dyn_cast<BinaryOperator>(S);
      Assign && Assign->isAssignmentOp())
    Target = Assign->getLHS();
  else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S);
           Op && Op->isAssignmentOp())
    Target = Op->getArg(0);
  else if (const auto *Unary = dyn_cast<UnaryOperator>(S);
           Unary && Unary->isIncrementDecrementOp())
    Target = Unary->getSubExpr();
  if (const auto *Member =
          dyn_cast_or_null<MemberExpr>(Target ? Target->IgnoreParenImpCasts()
                                              : nullptr))
    if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
        Field && Fields.contains(Field))
      return true;
  return llvm::any_of(S->children(),
                      [&](const Stmt *Child) { return assignsAny(Child, Fields); });
}

} // namespace

bool mayBeStoppedElsewhere(const Stmt *Handler, const CXXRecordDecl *Owner) {
  if (!Owner || !Owner->hasDefinition())
    return true;
  llvm::SmallPtrSet<const FieldDecl *, 8> Read;
  collectReadFields(Handler, Owner, Read);
  for (const CXXMethodDecl *Method : Owner->getDefinition()->methods()) {
    if (Method->isImplicit() || isa<CXXConstructorDecl>(Method) ||
        isa<CXXDestructorDecl>(Method) || Method->isDeleted() ||
        Method->isDefaulted())
      continue;
    const FunctionDecl *Def = nullptr;
    if (!Method->hasBody(Def) || !Def)
      return true; // its body is in another file
    if (assignsAny(Def->getBody(), Read))
      return true;
  }
  return false;
}

} // namespace clang::tidy::refcycle::escape
