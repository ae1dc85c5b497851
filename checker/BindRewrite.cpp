//===--- BindRewrite.cpp - std::bind as a lambda that holds weakly --------===//

#include "BindRewrite.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

namespace clang::tidy::refcycle {

namespace {

StringRef textOf(const Expr *E, const ASTContext &Ctx) {
  if (E->getBeginLoc().isMacroID() || E->getEndLoc().isMacroID())
    return {};
  return Lexer::getSourceText(
      CharSourceRange::getTokenRange(E->getSourceRange()),
      Ctx.getSourceManager(), Ctx.getLangOpts());
}

// A bound argument, looked through the copies and conversions std::bind
// makes of it.
const Expr *bareArgument(const Expr *E) {
  E = E->IgnoreImplicit()->IgnoreParens();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
      Construct && Construct->getNumArgs() == 1 &&
      (Construct->getConstructor()->isCopyOrMoveConstructor() ||
       Construct->getConstructor()->isConvertingConstructor(false)))
    E = Construct->getArg(0)->IgnoreImplicit()->IgnoreParens();
  return E;
}

// T of a std::shared_ptr<T> (or another smart pointer's first argument).
const CXXRecordDecl *strongPointeeOf(QualType Type) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Type.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Spec || Spec->getTemplateArgs().size() < 1 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return nullptr;
  return Spec->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl();
}

bool isLiteral(const Expr *E) {
  return isa<IntegerLiteral, FloatingLiteral, CXXBoolLiteralExpr,
             StringLiteral, CharacterLiteral, CXXNullPtrLiteralExpr>(E);
}

} // namespace

std::optional<std::string> weakLambdaForBind(const CallExpr *Bind,
                                             const VarDecl *Held,
                                             StringRef WeakType,
                                             ASTContext &Ctx) {
  if (!Ctx.getLangOpts().CPlusPlus14 || WeakType.empty() ||
      Bind->getNumArgs() < 2 || Bind->getBeginLoc().isMacroID() ||
      Bind->getEndLoc().isMacroID() || !Held->getIdentifier())
    return std::nullopt;
  // The function: `f`, `&f`, `&C::f` (static), or `&C::m` called on the
  // first bound argument.
  const Expr *Callee = Bind->getArg(0)->IgnoreParenImpCasts();
  if (const auto *AddressOf = dyn_cast<UnaryOperator>(Callee);
      AddressOf && AddressOf->getOpcode() == UO_AddrOf)
    Callee = AddressOf->getSubExpr()->IgnoreParens();
  const auto *CalleeRef = dyn_cast<DeclRefExpr>(Callee);
  const auto *Function =
      CalleeRef ? dyn_cast<FunctionDecl>(CalleeRef->getDecl()) : nullptr;
  if (!Function || !Function->getReturnType()->isVoidType() ||
      Function->isVariadic())
    return std::nullopt;
  const auto *Method = dyn_cast<CXXMethodDecl>(Function);
  const bool OnObject = Method && !Method->isStatic();
  const unsigned Params = Function->getNumParams() + (OnObject ? 1 : 0);
  if (Bind->getNumArgs() - 1 != Params)
    return std::nullopt; // defaults or placeholders: not spelled out
  // Template arguments written after the name would be lost in a member
  // call; a member function template is left alone altogether.
  if (OnObject && (CalleeRef->hasExplicitTemplateArgs() ||
                   Function->getPrimaryTemplate()))
    return std::nullopt;

  const std::string Name = Held->getName().str();
  const std::string WeakName = "weak_" + Name;
  llvm::SmallVector<std::string, 4> Captures;
  llvm::SmallVector<std::string, 4> Arguments;
  bool HoldsIt = false;
  for (unsigned I = 1; I < Bind->getNumArgs(); ++I) {
    const Expr *Arg = bareArgument(Bind->getArg(I));
    // The binder passes its own copy, which the function may change; a
    // lambda's by-copy capture is const. A parameter taking a non-const
    // lvalue reference keeps the binder.
    const unsigned ParamIndex = I - 1 - (OnObject ? 1 : 0);
    if ((!OnObject || I > 1) && ParamIndex < Function->getNumParams()) {
      const QualType ParamType = Function->getParamDecl(ParamIndex)->getType();
      if (ParamType->isLValueReferenceType() &&
          !ParamType.getNonReferenceType().isConstQualified())
        return std::nullopt;
    }
    std::string Text;
    if (isa<CXXThisExpr>(Arg) && !Arg->getBeginLoc().isMacroID() &&
        Arg->getBeginLoc() == Arg->getEndLoc()) {
      Text = "this";
      if (!llvm::is_contained(Captures, Text))
        Captures.push_back(Text);
    } else if (const auto *Ref = dyn_cast<DeclRefExpr>(Arg)) {
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      if (!Var || !Var->getIdentifier() || Ref->getBeginLoc().isMacroID() ||
          Ref->hasQualifier() || Var->getType()->isReferenceType())
        return std::nullopt;
      Text = Var->getName().str();
      if (Var == Held) {
        HoldsIt = true;
      } else if (Var->hasLocalStorage()) {
        if (!llvm::is_contained(Captures, Text))
          Captures.push_back(Text);
      } else if (!Var->getType().isConstQualified()) {
        // The binder copied a global's value when it was made; the lambda
        // would read it when called.
        return std::nullopt;
      }
    } else if (isLiteral(Arg)) {
      Text = textOf(Arg, Ctx).str();
    } else {
      return std::nullopt; // a placeholder, a call, a member: kept out
    }
    if (Text.empty())
      return std::nullopt;
    Arguments.push_back(Text);
  }
  // The weak reference's name must be new among the captures.
  if (!HoldsIt || llvm::is_contained(Captures, WeakName))
    return std::nullopt;

  std::string Call;
  if (OnObject) {
    // The object: a pointer, the held one among them.
    const Expr *Object = bareArgument(Bind->getArg(1));
    const QualType Type = Object->getType();
    const bool Pointer = Type->isPointerType() ||
                         (isa<DeclRefExpr>(Object) &&
                          cast<DeclRefExpr>(Object)->getDecl() == Held);
    if (!Pointer || !Method->getIdentifier())
      return std::nullopt;
    // 'p->m(..)' names m in the class p points to: only the same function
    // when m is declared there, once (not a base's member that a derived
    // class hides or overloads).
    const QualType Pointee =
        Type->isPointerType() ? Type->getPointeeType() : QualType();
    const CXXRecordDecl *Class =
        !Pointee.isNull() ? Pointee->getAsCXXRecordDecl()
                          : (Held->getType()->getAsCXXRecordDecl()
                                 ? strongPointeeOf(Held->getType())
                                 : nullptr);
    if (!Class || Class->getCanonicalDecl() !=
                      Method->getParent()->getCanonicalDecl())
      return std::nullopt;
    const DeclContext::lookup_result Found =
        Class->lookup(Method->getDeclName());
    if (std::distance(Found.begin(), Found.end()) != 1)
      return std::nullopt;
    Call = Arguments.front() + "->" + Method->getName().str() + "(";
    Arguments.erase(Arguments.begin());
  } else {
    const StringRef Written = textOf(CalleeRef, Ctx);
    if (Written.empty())
      return std::nullopt;
    Call = Written.str() + "(";
  }
  Call += llvm::join(Arguments, ", ") + ")";

  Captures.push_back(WeakName + " = " + WeakType.str() + "(" + Name + ")");
  return "[" + llvm::join(Captures, ", ") + "](auto &&...) { if (auto " + Name +
         " = " + WeakName + ".lock()) " + Call + "; }";
}

} // namespace clang::tidy::refcycle
