//===--- AbortedHandlers.cpp - completion handlers on an aborted operation ===//

#include "AbortedHandlers.h"
#include "CallableEscape.h"
#include "EscapeSupport.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::refcycle::escape {

using namespace detail;

namespace {

enum class Truth { False, True, Unknown };

Truth negate(Truth T) {
  return T == Truth::Unknown ? T : (T == Truth::True ? Truth::False : Truth::True);
}

bool isErrorCodeType(QualType T) {
  const CXXRecordDecl *R = recordOf(T.getNonReferenceType());
  return R && R->getIdentifier() && R->getName() == "error_code" &&
         isNamedType(T.getNonReferenceType(),
                     {"::std::error_code", "::boost::system::error_code",
                      "::asio::error_code"});
}

bool refersToParam(const Expr *E, const ParmVarDecl *Param) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return Ref->getDecl() == Param;
  // Contextual conversion: `ec.operator bool()` (or unspecified_bool_type).
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E))
    if (isa_and_nonnull<CXXConversionDecl>(Call->getMethodDecl()))
      return refersToParam(Call->getImplicitObjectArgument(), Param);
  return false;
}

// Does E name the aborted error (true), another error (false), or
// something else (nullopt)?
std::optional<bool> namesAbortedError(const Expr *E) {
  if (!E)
    return std::nullopt;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
    if (isa<EnumConstantDecl>(Ref->getDecl()) && Ref->getDecl()->getIdentifier()) {
      const StringRef Name = Ref->getDecl()->getName();
      return Name == "operation_aborted" || Name == "operation_canceled";
    }
  // make_error_code(error::operation_aborted), error_code(...) and the like.
  for (const Stmt *Child : E->children())
    if (const auto *ChildExpr = dyn_cast_or_null<Expr>(Child))
      if (auto Found = namesAbortedError(ChildExpr))
        return Found;
  return std::nullopt;
}

Truth evaluate(const Expr *Cond, const ParmVarDecl *EC) {
  Cond = Cond->IgnoreParenImpCasts();
  if (refersToParam(Cond, EC))
    return Truth::True; // an aborted operation's error code is set
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(Cond))
    if (const CXXMethodDecl *M = Call->getMethodDecl();
        M && M->getIdentifier() && M->getName() == "failed" &&
        refersToParam(Call->getImplicitObjectArgument(), EC))
      return Truth::True;
  if (const auto *Not = dyn_cast<UnaryOperator>(Cond))
    if (Not->getOpcode() == UO_LNot)
      return negate(evaluate(Not->getSubExpr(), EC));
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Cond))
    if (Op->getOperator() == OO_Exclaim && Op->getNumArgs() == 1)
      return negate(evaluate(Op->getArg(0), EC));
  const Expr *L = nullptr;
  const Expr *R = nullptr;
  bool Equal = true;
  if (const auto *Binary = dyn_cast<BinaryOperator>(Cond)) {
    if (Binary->isLogicalOp()) {
      const Truth A = evaluate(Binary->getLHS(), EC);
      const Truth B = evaluate(Binary->getRHS(), EC);
      const bool And = Binary->getOpcode() == BO_LAnd;
      if (And && (A == Truth::False || B == Truth::False))
        return Truth::False;
      if (!And && (A == Truth::True || B == Truth::True))
        return Truth::True;
      return A == Truth::Unknown || B == Truth::Unknown ? Truth::Unknown : A;
    }
    if (Binary->getOpcode() != BO_EQ && Binary->getOpcode() != BO_NE)
      return Truth::Unknown;
    L = Binary->getLHS();
    R = Binary->getRHS();
    Equal = Binary->getOpcode() == BO_EQ;
  } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Cond)) {
    if ((Op->getOperator() != OO_EqualEqual &&
         Op->getOperator() != OO_ExclaimEqual) ||
        Op->getNumArgs() != 2)
      return Truth::Unknown;
    L = Op->getArg(0);
    R = Op->getArg(1);
    Equal = Op->getOperator() == OO_EqualEqual;
  } else if (const auto *Rewritten = dyn_cast<CXXRewrittenBinaryOperator>(Cond)) {
    const auto Form = Rewritten->getDecomposedForm();
    if (Form.Opcode != BO_EQ && Form.Opcode != BO_NE)
      return Truth::Unknown;
    L = Form.LHS;
    R = Form.RHS;
    Equal = Form.Opcode == BO_EQ;
  } else {
    return Truth::Unknown;
  }
  if (refersToParam(R, EC))
    std::swap(L, R);
  if (!refersToParam(L, EC))
    return Truth::Unknown;
  const std::optional<bool> Aborted = namesAbortedError(R);
  if (!Aborted)
    return Truth::Unknown;
  return *Aborted == Equal ? Truth::True : Truth::False;
}

// Walks S with the error code holding operation_aborted. False when some
// path may touch `this`; Returned tells whether every path returned.
bool safeWhenAborted(const Stmt *S, const ParmVarDecl *EC, bool &Returned) {
  Returned = false;
  if (!S)
    return true;
  if (const auto *Block = dyn_cast<CompoundStmt>(S)) {
    for (const Stmt *Child : Block->body()) {
      if (!safeWhenAborted(Child, EC, Returned))
        return false;
      if (Returned)
        return true;
    }
    return true;
  }
  if (const auto *Return = dyn_cast<ReturnStmt>(S)) {
    Returned = true;
    return !usesThis(Return->getRetValue());
  }
  if (const auto *If = dyn_cast<IfStmt>(S)) {
    if (If->getInit() || If->getConditionVariable() ||
        usesThis(If->getCond()))
      return false;
    const Truth T = evaluate(If->getCond(), EC);
    bool ThenReturned = false, ElseReturned = false;
    if (T != Truth::False && !safeWhenAborted(If->getThen(), EC, ThenReturned))
      return false;
    if (T != Truth::True && !safeWhenAborted(If->getElse(), EC, ElseReturned))
      return false;
    Returned = T == Truth::True    ? ThenReturned
               : T == Truth::False ? ElseReturned
                                   : ThenReturned && ElseReturned;
    return true;
  }
  return !usesThis(S);
}

} // namespace

bool leavesObjectWhenAborted(const FunctionDecl *Handler) {
  const FunctionDecl *Def = Handler ? Handler->getDefinition() : nullptr;
  if (!Def || !Def->getBody())
    return false;
  const ParmVarDecl *EC = nullptr;
  for (const ParmVarDecl *Param : Def->parameters())
    if (isErrorCodeType(Param->getType())) {
      EC = Param;
      break;
    }
  bool Returned = false;
  return EC && safeWhenAborted(Def->getBody(), EC, Returned);
}

bool diesWithObject(const FieldDecl *F) {
  if (!F)
    return false;
  const QualType T = F->getType();
  if (T->isReferenceType())
    return false;
  if (T->isPointerType())
    return isNewOwnedField(F);
  return isUniquePtr(T) || !isOwningPointer(T);
}

bool queuesOnExecutor(const FieldDecl *F) {
  if (!F)
    return true;
  QualType T = F->getType().getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  if (isUniquePtr(T))
    if (const auto *Spec =
            dyn_cast_or_null<ClassTemplateSpecializationDecl>(recordOf(T));
        Spec && Spec->getTemplateArgs().size() > 0 &&
        Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
      T = Spec->getTemplateArgs()[0].getAsType();
  const CXXRecordDecl *R = recordOf(T);
  if (!R || !R->hasDefinition())
    return true; // unknown: assume the worst
  R = R->getDefinition();
  // Asio's own types, also a copy bundled under another namespace
  // (`clmdep_asio`): a strand is an executor itself.
  if (StringRef(R->getQualifiedNameAsString()).contains("asio::"))
    return true;
  // What an I/O object or executor of any Asio version answers.
  IdentifierTable &Idents = R->getASTContext().Idents;
  auto Has = [&](const CXXRecordDecl *C) {
    for (StringRef Name : {"get_executor", "get_io_service", "get_io_context",
                           "get_inner_executor"})
      if (!C->lookup(&Idents.get(Name)).empty())
        return true;
    return false;
  };
  if (Has(R))
    return true;
  bool Found = false;
  R->forallBases([&](const CXXRecordDecl *Base) {
    Found |= Has(Base);
    return !Found;
  });
  return Found;
}

} // namespace clang::tidy::refcycle::escape
