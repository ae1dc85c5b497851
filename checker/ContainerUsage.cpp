//===--- ContainerUsage.cpp - how an expression uses a container ----------===//

#include "ContainerUsage.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::refcycle {

namespace {

struct MemberKind {
  llvm::StringLiteral Name;
  ContainerUseKind Kind;
};

// Member functions of the standard containers (and look-alikes) by effect.
constexpr MemberKind MemberKinds[] = {
    {"insert", ContainerUseKind::Grow},
    {"emplace", ContainerUseKind::Grow},
    {"emplace_hint", ContainerUseKind::Grow},
    {"try_emplace", ContainerUseKind::Grow},
    {"insert_or_assign", ContainerUseKind::Grow},
    {"push_back", ContainerUseKind::Grow},
    {"emplace_back", ContainerUseKind::Grow},
    {"push_front", ContainerUseKind::Grow},
    {"emplace_front", ContainerUseKind::Grow},
    {"insert_after", ContainerUseKind::Grow},
    {"emplace_after", ContainerUseKind::Grow},
    {"insert_range", ContainerUseKind::Grow},
    {"append_range", ContainerUseKind::Grow},
    {"prepend_range", ContainerUseKind::Grow},
    {"splice", ContainerUseKind::Grow},
    {"merge", ContainerUseKind::Grow},
    {"erase", ContainerUseKind::Shrink},
    {"clear", ContainerUseKind::Shrink},
    {"pop_back", ContainerUseKind::Shrink},
    {"pop_front", ContainerUseKind::Shrink},
    {"extract", ContainerUseKind::Shrink},
    {"swap", ContainerUseKind::Shrink},
    {"resize", ContainerUseKind::Shrink},
    {"assign", ContainerUseKind::Shrink},
    {"erase_after", ContainerUseKind::Shrink},
    {"remove", ContainerUseKind::Shrink},
    {"remove_if", ContainerUseKind::Shrink},
    {"unique", ContainerUseKind::Shrink},
    {"erase_if", ContainerUseKind::Shrink},
    {"find", ContainerUseKind::Lookup},
    {"count", ContainerUseKind::Lookup},
    {"contains", ContainerUseKind::Lookup},
    {"at", ContainerUseKind::Lookup},
    {"equal_range", ContainerUseKind::Lookup},
    {"lower_bound", ContainerUseKind::Lookup},
    {"upper_bound", ContainerUseKind::Lookup},
    {"begin", ContainerUseKind::Read},
    {"end", ContainerUseKind::Read},
    {"rbegin", ContainerUseKind::Read},
    {"rend", ContainerUseKind::Read},
    {"cbegin", ContainerUseKind::Read},
    {"cend", ContainerUseKind::Read},
    {"crbegin", ContainerUseKind::Read},
    {"crend", ContainerUseKind::Read},
    {"before_begin", ContainerUseKind::Read},
    {"cbefore_begin", ContainerUseKind::Read},
    {"front", ContainerUseKind::Read},
    {"back", ContainerUseKind::Read},
    {"data", ContainerUseKind::Read},
    {"size", ContainerUseKind::Read},
    {"empty", ContainerUseKind::Read},
    {"max_size", ContainerUseKind::Read},
    {"capacity", ContainerUseKind::Read},
    {"get_allocator", ContainerUseKind::Read},
    {"reserve", ContainerUseKind::Read},
    {"rehash", ContainerUseKind::Read},
    {"shrink_to_fit", ContainerUseKind::Read},
    {"bucket_count", ContainerUseKind::Read},
    {"load_factor", ContainerUseKind::Read},
    {"max_load_factor", ContainerUseKind::Read},
    {"key_comp", ContainerUseKind::Read},
    {"value_comp", ContainerUseKind::Read},
    {"hash_function", ContainerUseKind::Read},
    {"key_eq", ContainerUseKind::Read},
    // Qt's containers (QHash, QMap, QSet, QList, QVector, QQueue, QStack).
    {"append", ContainerUseKind::Grow},
    {"prepend", ContainerUseKind::Grow},
    {"insertMulti", ContainerUseKind::Grow},
    {"unite", ContainerUseKind::Grow},
    {"enqueue", ContainerUseKind::Grow},
    {"push", ContainerUseKind::Grow},
    {"removeAll", ContainerUseKind::Shrink},
    {"removeOne", ContainerUseKind::Shrink},
    {"removeAt", ContainerUseKind::Shrink},
    {"removeFirst", ContainerUseKind::Shrink},
    {"removeLast", ContainerUseKind::Shrink},
    {"removeIf", ContainerUseKind::Shrink},
    {"take", ContainerUseKind::Shrink},
    {"takeAt", ContainerUseKind::Shrink},
    {"takeFirst", ContainerUseKind::Shrink},
    {"takeLast", ContainerUseKind::Shrink},
    {"dequeue", ContainerUseKind::Shrink},
    {"pop", ContainerUseKind::Shrink},
    {"subtract", ContainerUseKind::Shrink},
    {"intersect", ContainerUseKind::Shrink},
    {"value", ContainerUseKind::Lookup},
    {"constFind", ContainerUseKind::Lookup},
    {"key", ContainerUseKind::Read},
    {"keys", ContainerUseKind::Read},
    {"values", ContainerUseKind::Read},
    {"uniqueKeys", ContainerUseKind::Read},
    {"constBegin", ContainerUseKind::Read},
    {"constEnd", ContainerUseKind::Read},
    {"isEmpty", ContainerUseKind::Read},
    {"length", ContainerUseKind::Read},
    {"first", ContainerUseKind::Read},
    {"last", ContainerUseKind::Read},
    {"indexOf", ContainerUseKind::Read},
    {"lastIndexOf", ContainerUseKind::Read},
    {"squeeze", ContainerUseKind::Read},
};

ContainerUseKind kindOfMember(StringRef Name) {
  for (const MemberKind &M : MemberKinds)
    if (M.Name == Name)
      return M.Kind;
  // Anything else (a method of a custom container type) is unknown.
  return ContainerUseKind::Escape;
}

const Expr *parentExpr(const DynTypedNode &Node, const ParentIndex &Parents,
                       DynTypedNode &Parent) {
  Parent = Parents.parent(Node);
  return Parent.get<Expr>();
}

bool isConstReference(QualType T) {
  return T->isReferenceType() && T->getPointeeType().isConstQualified();
}

// A call argument: what the callee may do with the container.
ContainerUse classifyArgument(const CallExpr *Call, const Expr *Arg,
                              ContainerUse Use) {
  Use.Site = Call;
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return Use; // Escape: unknown callee
  const std::string Name = Callee->getQualifiedNameAsString();
  if (Name == "std::erase" || Name == "std::erase_if" || Name == "std::swap" ||
      Name == "std::move" || Name == "std::exchange") {
    Use.Kind = ContainerUseKind::Shrink;
    Use.Operation = Name == "std::move" ? "std::move" : "std::erase";
    return Use;
  }
  if (Name == "std::back_inserter" || Name == "std::front_inserter" ||
      Name == "std::inserter") {
    Use.Kind = ContainerUseKind::Grow;
    Use.Operation = "inserter";
    return Use;
  }
  unsigned Index = 0;
  const unsigned NumArgs = Call->getNumArgs();
  while (Index < NumArgs && Call->getArg(Index) != Arg)
    ++Index;
  if (Index == NumArgs)
    return Use;
  // A member operator called as an operator: argument 0 is the object.
  if (isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee)) {
    if (Index == 0) {
      if (cast<CXXMethodDecl>(Callee)->isConst())
        Use.Kind = ContainerUseKind::Read;
      return Use;
    }
    --Index;
  }
  if (Index >= Callee->getNumParams())
    return Use; // variadic: unknown
  const QualType ParamType = Callee->getParamDecl(Index)->getType();
  if (!ParamType->isReferenceType() || isConstReference(ParamType))
    Use.Kind = ContainerUseKind::Read;
  return Use;
}

} // namespace

namespace {
ContainerUse classifyUse(const Expr *Ref, bool IsMap,
                         const ParentIndex &Context, bool &MadeConst) {
  ContainerUse Use;
  Use.Site = Ref;
  const Expr *Current = Ref;
  DynTypedNode Parent;
  const Expr *P = parentExpr(DynTypedNode::create(*Current), Context, Parent);
  // Look through parentheses and casts that do not change the object.
  while (P) {
    if (isa<ParenExpr>(P) || isa<MaterializeTemporaryExpr>(P)) {
      Current = P;
    } else if (const auto *Cast = dyn_cast<ImplicitCastExpr>(P)) {
      if (Cast->getCastKind() == CK_NoOp && Cast->getType().isConstQualified())
        MadeConst = true;
      if (Cast->getCastKind() != CK_NoOp &&
          Cast->getCastKind() != CK_DerivedToBase &&
          Cast->getCastKind() != CK_UncheckedDerivedToBase)
        break;
      Current = P;
    } else {
      break;
    }
    P = parentExpr(DynTypedNode::create(*Current), Context, Parent);
  }

  if (!P) {
    // A declaration initialised with the container.
    if (const auto *Var = Parent.get<VarDecl>()) {
      const QualType T = Var->getType();
      if (!T->isReferenceType() || isConstReference(T) || Var->isImplicit())
        Use.Kind = ContainerUseKind::Read; // a copy, or a range-for
    }
    // A reference returned, or anything else: escapes.
    return Use;
  }

  if (const auto *Member = dyn_cast<MemberExpr>(P)) {
    if (Member->getBase()->IgnoreParenImpCasts() !=
        Current->IgnoreParenImpCasts())
      return Use;
    DynTypedNode CallNode;
    const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(
        parentExpr(DynTypedNode::create(*Member), Context, CallNode));
    const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl());
    if (!Call || !Method || Call->getCallee()->IgnoreParens() != Member)
      return Use;
    Use.Site = Call;
    if (!Method->getDeclName().isIdentifier()) {
      if (Method->getOverloadedOperator() == OO_Subscript && IsMap) {
        Use.Kind = ContainerUseKind::Grow;
        Use.Operation = "operator[]";
        Use.InsertingLookup = true;
      } else if (Method->isConst()) {
        Use.Kind = ContainerUseKind::Read;
      }
      return Use;
    }
    Use.Operation = Method->getName();
    Use.Kind = kindOfMember(Use.Operation);
    // try_emplace finds the existing entry or inserts: a memo lookup.
    Use.InsertingLookup = Use.Operation == "try_emplace";
    if (Use.Kind == ContainerUseKind::Escape && Method->isConst())
      Use.Kind = ContainerUseKind::Read;
    return Use;
  }

  // Templates: the member is resolved only in the instantiation, which is
  // classified on its own; in the pattern go by the name alone.
  if (const auto *Unresolved = dyn_cast<UnresolvedMemberExpr>(P)) {
    if (Unresolved->getMemberName().isIdentifier()) {
      Use.Operation =
          Unresolved->getMemberName().getAsIdentifierInfo()->getName();
      Use.Kind = kindOfMember(Use.Operation);
    }
    return Use;
  }
  if (const auto *Dependent = dyn_cast<CXXDependentScopeMemberExpr>(P)) {
    if (Dependent->getMember().isIdentifier()) {
      Use.Operation = Dependent->getMember().getAsIdentifierInfo()->getName();
      Use.Kind = kindOfMember(Use.Operation);
    }
    return Use;
  }

  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(P)) {
    if (Op->getNumArgs() > 0 && Op->getArg(0) == Current) {
      Use.Site = Op;
      switch (Op->getOperator()) {
      case OO_Subscript:
        Use.Operation = "operator[]";
        if (IsMap) {
          Use.Kind = ContainerUseKind::Grow;
          Use.InsertingLookup = true;
        } else {
          Use.Kind = ContainerUseKind::Read;
        }
        return Use;
      case OO_Equal:
      case OO_PlusEqual:
      case OO_MinusEqual:
      case OO_PipeEqual:
      case OO_AmpEqual:
      case OO_CaretEqual:
        Use.Kind = ContainerUseKind::Shrink;
        Use.Operation = "operator=";
        return Use;
      case OO_LessLess:
        // A container's own operator<< appends (Qt's `list << item`).
        if (isa_and_nonnull<CXXMethodDecl>(Op->getDirectCallee())) {
          Use.Kind = ContainerUseKind::Grow;
          Use.Operation = "operator<<";
          return Use;
        }
        break;
      case OO_EqualEqual:
      case OO_ExclaimEqual:
      case OO_Less:
      case OO_Greater:
      case OO_LessEqual:
      case OO_GreaterEqual:
      case OO_Spaceship:
        Use.Kind = ContainerUseKind::Read;
        return Use;
      default:
        break;
      }
    }
    return classifyArgument(Op, Current, Use);
  }

  if (const auto *Call = dyn_cast<CallExpr>(P))
    return classifyArgument(Call, Current, Use);

  if (const auto *Construct = dyn_cast<CXXConstructExpr>(P)) {
    Use.Site = Construct;
    const CXXConstructorDecl *Ctor = Construct->getConstructor();
    for (unsigned I = 0, N = Construct->getNumArgs(); I < N; ++I) {
      if (Construct->getArg(I) != Current)
        continue;
      if (Ctor && I < Ctor->getNumParams()) {
        const QualType T = Ctor->getParamDecl(I)->getType();
        if (!T->isReferenceType() || isConstReference(T))
          Use.Kind = ContainerUseKind::Read;
      }
    }
    return Use;
  }

  if (isa<UnaryExprOrTypeTraitExpr>(P) || isa<CXXTypeidExpr>(P)) {
    Use.Kind = ContainerUseKind::Read;
    return Use;
  }
  // Address taken, conditional operator, reference returned, ...: unknown.
  return Use;
}

} // namespace

ContainerUse classifyContainerUse(const Expr *Ref, bool IsMap,
                                  const ParentIndex &Context) {
  bool MadeConst = false;
  ContainerUse Use = classifyUse(Ref, IsMap, Context, MadeConst);
  // Made const: nothing can change the size through it (const_cast aside).
  if (MadeConst && Use.Kind != ContainerUseKind::Lookup) {
    Use.Kind = ContainerUseKind::Read;
    Use.InsertingLookup = false;
  }
  return Use;
}

} // namespace clang::tidy::refcycle
