//===--- UnboundedCacheCheck.cpp - refcycle-unbounded-cache ---------------===//

#include "UnboundedCacheCheck.h"
#include "BoolOption.h"
#include "EntryLifetimes.h"
#include "FixLayout.h"
#include "SiteGuards.h"
#include "MemberVisibility.h"

#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/QualTypeNames.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang::ast_matchers;

namespace clang::tidy::refcycle {

namespace {

// The standard containers that can grow (std::array cannot).
constexpr llvm::StringLiteral StandardContainers[] = {
    "map",    "unordered_map", "multimap", "unordered_multimap",
    "set",    "unordered_set", "multiset", "unordered_multiset",
    "vector", "deque",         "list",     "forward_list",
};
// Qt's containers that can grow (Qt 5 and 6; QCache is bounded already).
constexpr llvm::StringLiteral QtContainers[] = {
    "QHash", "QMultiHash",  "QMap",   "QMultiMap", "QSet",
    "QList", "QVector",     "QQueue", "QStack",    "QLinkedList",
};
// Names of one-time set-up functions: only a fallback for a function none of
// whose callers this translation unit shows (a library's
// `register_handler`, called by its users at start-up). A registry that
// grows through such a call at run time shows that call.
constexpr llvm::StringLiteral DefaultStartupFunctions =
    "main;init;init_*;initialize;initialise;Init*;Initialize*;register*;"
    "Register*;install*;setup;setUp;Setup;configure;load_config";

// How many growth sites are listed in notes.
constexpr unsigned MaxGrowthNotes = 3;
// How deep "only called from start-up code" is followed through callers.
constexpr unsigned MaxStartupDepth = 3;

enum class CacheKind {
  Memo,
  Identity,
  RawRegistry,
  SharedRegistry,
  WeakRegistry,
  Plain
};

const ClassTemplateSpecializationDecl *containerSpec(QualType T) {
  T = T.getNonReferenceType();
  return dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T->getAsCXXRecordDecl());
}

QualType templateTypeArg(const ClassTemplateSpecializationDecl *Spec,
                         unsigned I) {
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  if (I >= Args.size() || Args[I].getKind() != TemplateArgument::Type)
    return {};
  return Args[I].getAsType();
}

// bool, enums and 8-bit characters: a key space this small is a table. A
// thread id is reused once its thread ends: a table keyed by it holds one
// entry per live thread.
bool isSmallKeySpace(QualType Key) {
  if (Key.isNull())
    return false;
  if (const auto *Typedef = Key->getAs<TypedefType>())
    if (Typedef->getDecl()->getName() == "pthread_t")
      return true;
  Key = Key.getCanonicalType();
  if (const CXXRecordDecl *Record = Key->getAsCXXRecordDecl())
    if (Record->getIdentifier() &&
        (Record->getName() == "id" || Record->getName() == "__thread_id")) {
      const std::string Name = Record->getQualifiedNameAsString();
      if (Name == "std::thread::id" || Name == "boost::thread::id" ||
          llvm::StringRef(Name).ends_with("__thread_id"))
        return true;
    }
  if (Key->isBooleanType() || Key->isEnumeralType())
    return true;
  if (const auto *Builtin = Key->getAs<BuiltinType>())
    return Builtin->isCharType() || Builtin->getKind() == BuiltinType::Char8 ||
           Builtin->getKind() == BuiltinType::UChar ||
           Builtin->getKind() == BuiltinType::SChar;
  return false;
}

bool isSharedPtr(QualType T, const CXXRecordDecl *&Pointee) {
  const auto *Spec = containerSpec(T);
  if (!Spec || !Spec->isInStdNamespace() || Spec->getName() != "shared_ptr")
    return false;
  const QualType Arg = templateTypeArg(Spec, 0);
  Pointee = Arg.isNull() ? nullptr : Arg->getAsCXXRecordDecl();
  return Pointee != nullptr;
}

bool isRawPointer(QualType T, const CXXRecordDecl *&Pointee) {
  if (T.isNull() || !T->isPointerType())
    return false;
  Pointee = T->getPointeeType()->getAsCXXRecordDecl();
  return Pointee != nullptr;
}

std::string displayName(const ValueDecl *D) {
  if (const auto *Record = dyn_cast<CXXRecordDecl>(D->getDeclContext()))
    return (Record->getName() + "::" + D->getName()).str();
  return D->getName().str();
}

SourceLocation siteLocation(const Expr *Site) {
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(Site))
    if (const auto *Member = dyn_cast<MemberExpr>(Call->getCallee()))
      return Member->getMemberLoc();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Site))
    if (Op->getOperator() != OO_Subscript)
      return Op->getOperatorLoc();
  return Site->getBeginLoc();
}

// The function whose body contains S, or null when S runs as part of the
// initialisation of a variable with static storage duration (GlobalInit).
// Lambdas are looked through: a lambda runs where it is written.
const FunctionDecl *enclosingFunction(const Stmt *S, const ParentIndex &Parents,
                                      bool &GlobalInit) {
  GlobalInit = false;
  DynTypedNode Node = DynTypedNode::create(*S);
  for (unsigned Steps = 0; Steps < 256; ++Steps) {
    const DynTypedNode Next = Parents.parent(Node);
    if (Next.getNodeKind().isNone())
      return nullptr;
    if (const auto *F = Next.get<FunctionDecl>()) {
      const auto *Method = dyn_cast<CXXMethodDecl>(F);
      if (!Method || !Method->getParent()->isLambda())
        return F;
    }
    // A lambda runs where it is written only when it is called right there
    // (`[&] { ... }()`); one that is stored or handed on runs whenever its
    // holder calls it: its own call operator is the function.
    if (const auto *L = Next.get<LambdaExpr>()) {
      DynTypedNode Up = Parents.parent(Next);
      while (Up.get<ImplicitCastExpr>() || Up.get<MaterializeTemporaryExpr>() ||
             Up.get<CXXBindTemporaryExpr>() || Up.get<ParenExpr>())
        Up = Parents.parent(Up);
      const auto *Call = Up.get<CXXOperatorCallExpr>();
      if (!Call || Call->getNumArgs() < 1 ||
          Call->getArg(0)->IgnoreImplicit()->IgnoreParens() != L)
        return L->getCallOperator();
    }
    if (const auto *Var = Next.get<VarDecl>()) {
      if (Var->hasGlobalStorage() && !Var->isStaticLocal()) {
        GlobalInit = true;
        return nullptr;
      }
    }
    if (Next.get<TranslationUnitDecl>())
      return nullptr;
    Node = Next;
  }
  return nullptr;
}

// --- Fix-its ---------------------------------------------------------------

StringRef sourceText(SourceRange Range, const ASTContext &Ctx) {
  if (Range.isInvalid() || Range.getBegin().isMacroID())
    return {};
  const SourceManager &SM = Ctx.getSourceManager();
  if (Range.getEnd().isMacroID()) {
    // The first half of a `>>` split in two closing template brackets.
    const SourceLocation End = SM.getExpansionLoc(Range.getEnd());
    if (!SM.getCharacterData(End) || *SM.getCharacterData(End) != '>' ||
        SM.getCharacterData(End)[1] != '>')
      return {};
    return Lexer::getSourceText(CharSourceRange::getCharRange(
                                    Range.getBegin(), End.getLocWithOffset(1)),
                                SM, Ctx.getLangOpts());
  }
  return Lexer::getSourceText(CharSourceRange::getTokenRange(Range), SM,
                              Ctx.getLangOpts());
}

StringRef sourceText(const Expr *E, const ASTContext &Ctx) {
  return E ? sourceText(E->getSourceRange(), Ctx) : StringRef();
}

const Expr *stripCopies(const Expr *E) {
  E = E->IgnoreImplicit();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    if (Construct->getNumArgs() == 1 && !Construct->isListInitialization())
      return Construct->getArg(0)->IgnoreImplicit();
  return E;
}

bool refersTo(const Expr *E, const Decl *D) {
  const auto *Ref =
      dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
  return Ref && Ref->getDecl()->getCanonicalDecl() == D->getCanonicalDecl();
}

// `C.Name(...)` called on the container.
const CXXMemberCallExpr *containerCall(const Expr *E, const ValueDecl *C,
                                       StringRef Name, unsigned NumArgs) {
  const auto *Call =
      dyn_cast_or_null<CXXMemberCallExpr>(E ? E->IgnoreImplicit() : nullptr);
  if (!Call || !refersTo(Call->getImplicitObjectArgument(), C) ||
      Call->getNumArgs() != NumArgs)
    return nullptr;
  const CXXMethodDecl *Method = Call->getMethodDecl();
  if (!Method || !Method->getDeclName().isIdentifier() ||
      Method->getName() != Name)
    return nullptr;
  for (const Expr *Arg : Call->arguments())
    if (isa<CXXDefaultArgExpr>(Arg))
      return nullptr;
  return Call;
}

const Stmt *onlyStatement(const Stmt *S) {
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(S))
    return Block->size() == 1 ? Block->body_front() : nullptr;
  return S;
}

bool isNotEqual(const Expr *Cond, const Expr *&L, const Expr *&R) {
  Cond = Cond->IgnoreImplicit();
  if (const auto *Rewritten = dyn_cast<CXXRewrittenBinaryOperator>(Cond)) {
    const auto Form = Rewritten->getDecomposedForm();
    if (Form.Opcode != BO_NE)
      return false;
    L = Form.LHS;
    R = Form.RHS;
    return true;
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Cond)) {
    if (Op->getOperator() != OO_ExclaimEqual || Op->getNumArgs() != 2)
      return false;
    L = Op->getArg(0);
    R = Op->getArg(1);
    return true;
  }
  if (const auto *Op = dyn_cast<BinaryOperator>(Cond)) {
    if (Op->getOpcode() != BO_NE)
      return false;
    L = Op->getLHS();
    R = Op->getRHS();
    return true;
  }
  return false;
}

DynTypedNode parentNode(const DynTypedNode &Node, const ParentIndex &Parents) {
  return Parents.parent(Node);
}

// The statement-level parent of E, looking through full-expression wrappers.
const Stmt *statementParent(const Expr *E, const ParentIndex &Parents) {
  DynTypedNode Node = DynTypedNode::create(*E);
  for (;;) {
    Node = parentNode(Node, Parents);
    if (const auto *Cleanups = Node.get<ExprWithCleanups>()) {
      (void)Cleanups;
      continue;
    }
    return Node.get<Stmt>();
  }
}

/// A lookup that returns on a hit, in one of the shapes
///   auto it = c.find(k); if (it != c.end()) return it->second;
///   if (auto it = c.find(k); it != c.end()) return it->second;
///   if (c.count(k)) return c.at(k);   (or c[k], or contains)
struct LookupIf {
  SourceLocation Begin; // start of the replaced text
  const Stmt *Then = nullptr;
  const Expr *Key = nullptr;
  const Expr *Returned = nullptr;
  llvm::SmallVector<const Expr *, 3> ContainerRefs;
};

const Expr *objectRef(const CXXMemberCallExpr *Call) {
  return Call->getImplicitObjectArgument()->IgnoreParenImpCasts();
}

std::optional<LookupIf> matchLookupIf(const IfStmt *If, const ValueDecl *C,
                                      ASTContext &Ctx,
                                      const ParentIndex &Parents) {
  if (!If || If->getElse() || If->getConditionVariable() || !If->getCond())
    return std::nullopt;
  const auto *Return =
      dyn_cast_or_null<ReturnStmt>(onlyStatement(If->getThen()));
  if (!Return || !Return->getRetValue())
    return std::nullopt;
  const Expr *Returned = stripCopies(Return->getRetValue());
  LookupIf Result;
  Result.Then = If->getThen();
  Result.Returned = Returned;

  // Iterator shape.
  const DeclStmt *IterDecl = dyn_cast_or_null<DeclStmt>(If->getInit());
  Result.Begin = If->getBeginLoc();
  if (!IterDecl && !If->getInit()) {
    // The declaration right before the if.
    if (const auto *Block = dyn_cast_or_null<CompoundStmt>(
            parentNode(DynTypedNode::create(*If), Parents).get<Stmt>())) {
      const Stmt *Prev = nullptr;
      for (const Stmt *S : Block->body()) {
        if (S == If)
          break;
        Prev = S;
      }
      IterDecl = dyn_cast_or_null<DeclStmt>(Prev);
      if (IterDecl)
        Result.Begin = IterDecl->getBeginLoc();
    }
  }
  const Expr *L = nullptr, *R = nullptr;
  if (IterDecl && IterDecl->isSingleDecl() && isNotEqual(If->getCond(), L, R)) {
    const auto *It = dyn_cast<VarDecl>(IterDecl->getSingleDecl());
    const CXXMemberCallExpr *Find =
        It && It->getInit() ? containerCall(It->getInit(), C, "find", 1)
                            : nullptr;
    if (!Find)
      return std::nullopt;
    if (!refersTo(L, It))
      std::swap(L, R);
    const CXXMemberCallExpr *End = containerCall(R, C, "end", 0);
    if (!refersTo(L, It) || !End)
      return std::nullopt;
    // return it->second;
    const auto *Second = dyn_cast<MemberExpr>(Returned);
    if (!Second || !Second->getMemberDecl()->getDeclName().isIdentifier() ||
        Second->getMemberDecl()->getName() != "second")
      return std::nullopt;
    const auto *Arrow =
        dyn_cast<CXXOperatorCallExpr>(Second->getBase()->IgnoreImplicit());
    if (!Arrow || Arrow->getOperator() != OO_Arrow ||
        !refersTo(Arrow->getArg(0), It))
      return std::nullopt;
    // The iterator is used nowhere else in its scope.
    const Stmt *Scope =
        If->getInit()
            ? static_cast<const Stmt *>(If)
            : parentNode(DynTypedNode::create(*If), Parents).get<Stmt>();
    if (!Scope)
      return std::nullopt;
    const auto Uses =
        match(findAll(declRefExpr(to(varDecl(equalsNode(It)))).bind("use")),
              *Scope, Ctx);
    if (Uses.size() != 2)
      return std::nullopt;
    Result.Key = Find->getArg(0);
    Result.ContainerRefs = {objectRef(Find), objectRef(End)};
    return Result;
  }
  if (If->getInit())
    return std::nullopt;
  Result.Begin = If->getBeginLoc();
  // count/contains shape.
  const CXXMemberCallExpr *Test = containerCall(If->getCond(), C, "count", 1);
  if (!Test)
    Test = containerCall(If->getCond(), C, "contains", 1);
  if (!Test)
    return std::nullopt;
  const StringRef Key = sourceText(Test->getArg(0), Ctx);
  const Expr *Again = nullptr;
  if (const CXXMemberCallExpr *At = containerCall(Returned, C, "at", 1)) {
    if (sourceText(At->getArg(0), Ctx) == Key)
      Again = objectRef(At);
  } else if (const auto *Sub = dyn_cast<CXXOperatorCallExpr>(Returned)) {
    if (Sub->getOperator() == OO_Subscript && Sub->getNumArgs() == 2 &&
        refersTo(Sub->getArg(0), C) && sourceText(Sub->getArg(1), Ctx) == Key)
      Again = Sub->getArg(0)->IgnoreParenImpCasts();
  }
  if (!Again || Key.empty())
    return std::nullopt;
  Result.Key = Test->getArg(0);
  Result.ContainerRefs = {objectRef(Test), Again};
  return Result;
}

// A statement `c.emplace(k, v);`, `c[k] = v;`, `c.insert({k, v});`, ...:
// the key, the value and the range of the whole expression.
bool matchInsertStatement(const ContainerUse &Use, const ValueDecl *C,
                          ASTContext &Ctx, const ParentIndex &Parents,
                          const Expr *&Key, const Expr *&Value,
                          SourceRange &Range) {
  const Expr *Whole = Use.Site;
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(Use.Site)) {
    const StringRef Name = Use.Operation;
    if ((Name == "emplace" || Name == "try_emplace" ||
         Name == "insert_or_assign") &&
        containerCall(Call, C, Name, 2)) {
      Key = Call->getArg(0);
      Value = Call->getArg(1);
    } else if (Name == "insert" && containerCall(Call, C, Name, 1)) {
      const Expr *Arg = Call->getArg(0)->IgnoreImplicit();
      if (const auto *List = dyn_cast<InitListExpr>(Arg)) {
        if (List->getNumInits() != 2)
          return false;
        Key = List->getInit(0);
        Value = List->getInit(1);
      } else if (const auto *Pair = dyn_cast<CXXConstructExpr>(Arg)) {
        if (!Pair->isListInitialization() || Pair->getNumArgs() != 2)
          return false;
        Key = Pair->getArg(0);
        Value = Pair->getArg(1);
      } else {
        return false;
      }
    } else {
      return false;
    }
  } else if (const auto *Sub = dyn_cast<CXXOperatorCallExpr>(Use.Site)) {
    if (Sub->getOperator() != OO_Subscript || Sub->getNumArgs() != 2)
      return false;
    const auto Assign = parentNode(DynTypedNode::create(*Sub), Parents);
    if (const auto *Op = Assign.get<CXXOperatorCallExpr>()) {
      if (Op->getOperator() != OO_Equal || Op->getNumArgs() != 2 ||
          Op->getArg(0)->IgnoreImplicit() != Sub)
        return false;
      Whole = Op;
      Value = Op->getArg(1);
    } else if (const auto *Op = Assign.get<BinaryOperator>()) {
      if (Op->getOpcode() != BO_Assign || Op->getLHS()->IgnoreImplicit() != Sub)
        return false;
      Whole = Op;
      Value = Op->getRHS();
    } else {
      return false;
    }
    Key = Sub->getArg(1);
  } else {
    return false;
  }
  if (!isa_and_nonnull<CompoundStmt>(statementParent(Whole, Parents)))
    return false;
  Range = Whole->getSourceRange();
  return !sourceText(Key, Ctx).empty() && !sourceText(Value, Ctx).empty() &&
         !sourceText(Range, Ctx).empty();
}

// std::hash exists for these keys, so the unordered runtime types take them.
bool isHashableKey(QualType Key) {
  Key = Key.getCanonicalType();
  if (Key->isIntegralOrEnumerationType() || Key->isPointerType() ||
      Key->isRealFloatingType())
    return true;
  const auto *Spec = containerSpec(Key);
  return Spec && Spec->isInStdNamespace() && Spec->getName() == "basic_string";
}

bool isCopyable(QualType T) {
  const CXXRecordDecl *Record = T->getAsCXXRecordDecl();
  if (!Record)
    return T->isScalarType();
  if (!Record->hasDefinition())
    return false;
  Record = Record->getDefinition();
  if (Record->needsImplicitCopyConstructor())
    return !Record->defaultedCopyConstructorIsDeleted();
  for (const CXXConstructorDecl *Ctor : Record->ctors())
    if (Ctor->isCopyConstructor() && !Ctor->isDeleted())
      return true;
  return false;
}

using UseList = llvm::SmallVector<std::pair<const Expr *, ContainerUse>, 8>;

// Finds the lookup-if a find/count/contains call belongs to.
std::optional<LookupIf> lookupIfAround(const Expr *Site, const ValueDecl *C,
                                       ASTContext &Ctx,
                                       const ParentIndex &Parents) {
  DynTypedNode Node = DynTypedNode::create(*Site);
  for (unsigned Steps = 0; Steps < 8; ++Steps) {
    const DynTypedNode Parent = parentNode(Node, Parents);
    if (const auto *If = Parent.get<IfStmt>())
      return matchLookupIf(If, C, Ctx, Parents);
    if (const auto *Block = Parent.get<CompoundStmt>()) {
      const Stmt *From = Node.get<Stmt>();
      for (auto I = Block->body_begin(), E = Block->body_end(); I != E; ++I)
        if (*I == From && std::next(I) != E)
          return matchLookupIf(dyn_cast<IfStmt>(*std::next(I)), C, Ctx,
                               Parents);
      return std::nullopt;
    }
    if (Parent.get<Decl>() && !Parent.get<VarDecl>())
      return std::nullopt;
    Node = Parent;
  }
  return std::nullopt;
}

/// Rewrites a memo cache into refcycle::lru_cache (or an identity cache into
/// refcycle::weak_value_map) when every use maps onto the runtime API.
bool buildRuntimeFix(const VarDecl *Var,
                     const ClassTemplateSpecializationDecl *Spec, bool Identity,
                     unsigned Capacity, const UseList &Uses, ASTContext &Ctx,
                     const ParentIndex &Parents,
                     utils::IncludeInserter &Inserter,
                     std::vector<FixItHint> &Fixes) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  if (!Var || Var->isStaticDataMember() || Var->getPreviousDecl() ||
      Var->getMostRecentDecl() != Var || Var->getType()->isReferenceType() ||
      Var->getLocation().isMacroID())
    return false;
  if (const auto *F = dyn_cast<FunctionDecl>(Var->getDeclContext()))
    if (F->isTemplateInstantiation() || F->isTemplated())
      return false;
  if (!Spec->isInStdNamespace() ||
      (Spec->getName() != "unordered_map" && Spec->getName() != "map"))
    return false;
  const TypeSourceInfo *TSI = Var->getTypeSourceInfo();
  if (!TSI)
    return false;
  const TypeLoc Written = TSI->getTypeLoc();
  const auto Args = Written.getAsAdjusted<TemplateSpecializationTypeLoc>();
  if (!Args || Args.getNumArgs() != 2)
    return false;
  const StringRef KeyText = sourceText(Args.getArgLoc(0).getSourceRange(), Ctx);
  StringRef ValueText = sourceText(Args.getArgLoc(1).getSourceRange(), Ctx);
  const StringRef TypeText = sourceText(Written.getSourceRange(), Ctx);
  if (KeyText.empty() || ValueText.empty() || TypeText.empty() ||
      !isHashableKey(templateTypeArg(Spec, 0)))
    return false;
  if (Identity) {
    const TypeSourceInfo *ValueInfo =
        Args.getArgLoc(1).getArgument().getKind() == TemplateArgument::Type
            ? Args.getArgLoc(1).getTypeSourceInfo()
            : nullptr;
    const auto Shared =
        ValueInfo ? ValueInfo->getTypeLoc()
                        .getAsAdjusted<TemplateSpecializationTypeLoc>()
                  : TemplateSpecializationTypeLoc();
    if (!Shared || Shared.getNumArgs() != 1)
      return false;
    ValueText = sourceText(Shared.getArgLoc(0).getSourceRange(), Ctx);
    if (ValueText.empty())
      return false;
  } else if (!isCopyable(templateTypeArg(Spec, 1))) {
    return false;
  }
  // `static std::map<K, V> name;`: one declarator, no initializer.
  const std::optional<Token> Next =
      Lexer::findNextToken(Var->getLocation(), SM, LO);
  if (!Next || !Next->is(tok::semi))
    return false;

  const std::string Name = Var->getName().str();
  llvm::SmallPtrSet<const Expr *, 8> Done;
  for (const auto &[Ref, Use] : Uses) {
    if (Done.count(Ref->IgnoreParenImpCasts()))
      continue;
    if (Use.Kind == ContainerUseKind::Lookup &&
        (Use.Operation == "find" || Use.Operation == "count" ||
         Use.Operation == "contains")) {
      if (std::optional<LookupIf> Hit =
              lookupIfAround(Use.Site, Var, Ctx, Parents);
          Hit &&
          llvm::is_contained(Hit->ContainerRefs, Ref->IgnoreParenImpCasts())) {
        const StringRef Key = sourceText(Hit->Key, Ctx);
        bool GlobalInit = false;
        const FunctionDecl *F =
            enclosingFunction(Hit->Then, Parents, GlobalInit);
        if (Key.empty() || Key.contains("hit") || !F ||
            F->getReturnType()->isReferenceType() || Hit->Begin.isMacroID() ||
            Hit->Then->getBeginLoc().isMacroID() ||
            sourceText(Hit->Returned, Ctx).empty())
          return false;
        Fixes.push_back(FixItHint::CreateReplacement(
            CharSourceRange::getCharRange(Hit->Begin, Hit->Then->getBeginLoc()),
            (llvm::Twine("if (auto hit = ") + Name +
             (Identity ? ".find(" : ".get(") + Key + ")) ")
                .str()));
        Fixes.push_back(FixItHint::CreateReplacement(
            Hit->Returned->getSourceRange(), Identity ? "hit" : "*hit"));
        for (const Expr *E : Hit->ContainerRefs)
          Done.insert(E);
        continue;
      }
      if (Use.Operation == "count") {
        const auto *Call = dyn_cast<CXXMemberCallExpr>(Use.Site);
        const auto *Member =
            Call ? dyn_cast<MemberExpr>(Call->getCallee()) : nullptr;
        if (!Member || Member->getMemberLoc().isMacroID())
          return false;
        Fixes.push_back(FixItHint::CreateReplacement(
            CharSourceRange::getTokenRange(Member->getMemberLoc()),
            "contains"));
        continue;
      }
      if (Use.Operation == "contains")
        continue;
      return false;
    }
    if (Use.Kind == ContainerUseKind::Grow) {
      const Expr *Key = nullptr, *Value = nullptr;
      SourceRange Range;
      if (!matchInsertStatement(Use, Var, Ctx, Parents, Key, Value, Range))
        return false;
      Fixes.push_back(FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(Range),
          (llvm::Twine(Name) + (Identity ? ".insert_or_assign(" : ".put(") +
           sourceText(Key, Ctx) + ", " + sourceText(Value, Ctx) + ")")
              .str()));
      continue;
    }
    if (Use.Kind == ContainerUseKind::Read &&
        (Use.Operation == "size" || Use.Operation == "empty") && !Identity)
      continue;
    return false;
  }

  Fixes.push_back(FixItHint::CreateReplacement(
      CharSourceRange::getTokenRange(Written.getSourceRange()),
      (llvm::Twine(Identity ? "refcycle::weak_value_map<"
                            : "refcycle::lru_cache<") +
       KeyText + ", " + ValueText + ">")
          .str()));
  if (!Identity)
    Fixes.push_back(FixItHint::CreateInsertion(
        Lexer::getLocForEndOfToken(Var->getLocation(), 0, SM, LO),
        "{" + std::to_string(Capacity) + "}"));
  if (std::optional<FixItHint> Include = Inserter.createIncludeInsertion(
          SM.getFileID(Var->getLocation()),
          Identity ? "<refcycle/weak_value_map.hpp>"
                   : "<refcycle/lru_cache.hpp>"))
    Fixes.push_back(*Include);
  return true;
}

std::vector<std::string> qualifiedNames(const std::vector<StringRef> &Names) {
  std::vector<std::string> Result;
  for (StringRef Name : Names) {
    Name.consume_front("::");
    if (!Name.empty())
      Result.push_back(Name.str());
  }
  return Result;
}

// A standard container, or one of the ContainerTypes (fully qualified, with
// or without the leading "::"). Runs on every DeclRefExpr of the translation
// unit, so the cheap tests come first.
bool isContainerType(QualType T, const std::vector<std::string> &Extra) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Spec || !Spec->getIdentifier())
    return false;
  const StringRef Name = Spec->getName();
  if (llvm::is_contained(StandardContainers, Name) && Spec->isInStdNamespace())
    return true;
  // Qt's, in the global namespace or Qt's configured one (QT_NAMESPACE).
  if (llvm::is_contained(QtContainers, Name) &&
      Spec->getDeclContext()->getRedeclContext()->isFileContext())
    return true;
  for (const std::string &Qualified : Extra)
    if (StringRef(Qualified).ends_with(Name) &&
        Spec->getQualifiedNameAsString() == Qualified)
      return true;
  return false;
}

// A class template with the interface of a keyed standard container
// (`insert`, `erase`, and `find` or `count`): llvm::SmallSet,
// absl::flat_hash_map, boost::unordered_map. Whether it is bounded is its
// own business, so it is judged only for entries one function loses.
bool hasKeyedInterface(QualType T) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Spec || !Spec->hasDefinition() || Spec->isInStdNamespace())
    return false;
  IdentifierTable &Idents = Spec->getASTContext().Idents;
  auto Has = [&](StringRef Name) {
    return !Spec->getDefinition()->lookup(&Idents.get(Name)).empty();
  };
  return Has("insert") && Has("erase") && (Has("find") || Has("count"));
}

bool isWeakPtr(QualType T) {
  const auto *Record = T.isNull() ? nullptr : T->getAsCXXRecordDecl();
  return Record && Record->isInStdNamespace() && Record->getIdentifier() &&
         Record->getName() == "weak_ptr";
}

// Elements (or a map's mapped values) that are std::weak_ptr.
bool hasWeakEntries(QualType T) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Spec)
    return false;
  const QualType First = templateTypeArg(Spec, 0);
  const QualType Second = templateTypeArg(Spec, 1);
  const StringRef Name = Spec->getName();
  const bool IsMap =
      Name.contains_insensitive("map") || Name.ends_with("Hash");
  return isWeakPtr(IsMap ? Second : First);
}

// Collects the references to long-lived containers in user code: variables
// with static storage duration and, when asked, data members.
class ReferenceCollector : public RecursiveASTVisitor<ReferenceCollector> {
  using Base = RecursiveASTVisitor<ReferenceCollector>;

public:
  using RefMap =
      llvm::MapVector<const ValueDecl *, llvm::SmallVector<const Expr *, 8>>;
  using ExprMap =
      llvm::DenseMap<const Decl *, llvm::SmallVector<const Expr *, 2>>;
  ReferenceCollector(RefMap &Refs, ExprMap &FunctionRefs, ExprMap &MethodRefs,
                     ExprMap &Constructions, ParentIndex &Parents,
                     llvm::DenseSet<const ValueDecl *> &KeyedOnly,
                     const std::vector<std::string> &Extra, bool Members)
      : Refs(Refs), FunctionRefs(FunctionRefs), MethodRefs(MethodRefs),
        Constructions(Constructions),
        Parents(Parents), KeyedOnly(KeyedOnly), Extra(Extra),
        Members(Members) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }

  // Parents are recorded on the way down (no data recursion: the override
  // without a queue parameter turns it off, as in ParentMapContext).
  bool TraverseStmt(Stmt *S) {
    if (!S)
      return true;
    return within(DynTypedNode::create(*S),
                  [&] { return Base::TraverseStmt(S); });
  }
  bool TraverseDecl(Decl *D) {
    if (!D)
      return true;
    return within(DynTypedNode::create(*D),
                  [&] { return Base::TraverseDecl(D); });
  }

  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (const auto *Var = dyn_cast<VarDecl>(E->getDecl())) {
      if (Var->hasGlobalStorage())
        record(Var, E);
    } else if (const auto *F = dyn_cast<FunctionDecl>(E->getDecl())) {
      // `decltype(&C::f)` names f without calling it or handing it on.
      if (E->isNonOdrUse() != NOUR_Unevaluated)
        FunctionRefs[F->getCanonicalDecl()].push_back(E);
    }
    return true;
  }
  bool VisitMemberExpr(MemberExpr *E) {
    if (Members)
      if (const auto *Field = dyn_cast<FieldDecl>(E->getMemberDecl()))
        record(Field, E);
    if (const auto *Method = dyn_cast<CXXMethodDecl>(E->getMemberDecl()))
      MethodRefs[Method->getCanonicalDecl()].push_back(E);
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    if (const CXXConstructorDecl *Ctor = E->getConstructor())
      Constructions[Ctor->getParent()->getCanonicalDecl()].push_back(E);
    return true;
  }

private:
  template <class F> bool within(const DynTypedNode &Node, F Traverse) {
    if (!Stack.empty())
      Parents.add(Node, Stack.back());
    Stack.push_back(Node);
    const bool Result = Traverse();
    Stack.pop_back();
    return Result;
  }
  void record(const ValueDecl *D, const Expr *E) {
    D = cast<ValueDecl>(D->getCanonicalDecl());
    auto [It, Inserted] = Known.try_emplace(D, false);
    if (Inserted) {
      It->second = isContainerType(D->getType(), Extra);
      if (!It->second && hasKeyedInterface(D->getType())) {
        It->second = true;
        KeyedOnly.insert(D);
      }
    }
    if (It->second)
      Refs[D].push_back(E);
  }
  RefMap &Refs;
  ExprMap &FunctionRefs;
  ExprMap &MethodRefs;
  ExprMap &Constructions;
  ParentIndex &Parents;
  llvm::DenseSet<const ValueDecl *> &KeyedOnly;
  const std::vector<std::string> &Extra;
  const bool Members;
  llvm::DenseMap<const ValueDecl *, bool> Known;
  llvm::SmallVector<DynTypedNode, 32> Stack;
};

} // namespace

UnboundedCacheCheck::UnboundedCacheCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      CheckMemberContainers(
          boolOption(Options, "CheckMemberContainers", false)),
      ContainerTypes(
          utils::options::parseStringList(Options.get("ContainerTypes", ""))),
      AssumeWholeProgram(boolOption(Options, "AssumeWholeProgram", false)),
      StartupFunctions(utils::options::parseStringList(
          Options.get("StartupFunctions", DefaultStartupFunctions))),
      DefaultCacheCapacity(Options.get("DefaultCacheCapacity", 128U)),
      ExtraContainers(qualifiedNames(ContainerTypes)),
      Inserter(Options.getLocalOrGlobal("IncludeStyle",
                                        utils::IncludeSorter::IS_LLVM),
               areDiagsSelfContained()) {}

void UnboundedCacheCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "CheckMemberContainers",
                CheckMemberContainers ? "true" : "false");
  Options.store(Opts, "ContainerTypes",
                utils::options::serializeStringList(ContainerTypes));
  Options.store(Opts, "AssumeWholeProgram",
                AssumeWholeProgram ? "true" : "false");
  Options.store(Opts, "StartupFunctions",
                utils::options::serializeStringList(StartupFunctions));
  Options.store(Opts, "DefaultCacheCapacity", DefaultCacheCapacity);
  Options.store(Opts, "IncludeStyle", Inserter.getStyle());
}

void UnboundedCacheCheck::registerPPCallbacks(const SourceManager &SM,
                                              Preprocessor *PP,
                                              Preprocessor *ModuleExpanderPP) {
  Inserter.registerPreprocessor(PP);
}

void UnboundedCacheCheck::registerMatchers(MatchFinder *Finder) {
  // One match per translation unit: check() walks the user code (not the
  // system headers, which cannot reference user containers) once. Matching
  // every reference or declaration instead costs far more on large headers.
  Finder->addMatcher(translationUnitDecl().bind("tu"), this);
}

void UnboundedCacheCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *TU = Result.Nodes.getNodeAs<TranslationUnitDecl>("tu");
  if (!TU)
    return;
  Ctx = Result.Context;
  // Members are collected always: those of an object that lives as long as
  // the program are judged like static containers.
  ReferenceCollector Collector(Candidates, FunctionRefs, MethodRefs,
                               Constructions, Parents, KeyedOnly,
                               ExtraContainers, /*Members=*/true);
  const SourceManager &SM = Ctx->getSourceManager();
  for (Decl *D : TU->decls())
    if (!SM.isInSystemHeader(D->getLocation()))
      Collector.TraverseDecl(D);
  StaticInstances.collect(TU, SM);
  for (const auto &Entry : Candidates) {
    if (const FunctionDecl *Accessor = accessorOf(Entry.first, Entry.second)) {
      // The container is used through the accessor's calls.
      llvm::SmallVector<const Expr *, 8> Calls;
      for (const Expr *Ref : FunctionRefs.lookup(Accessor->getCanonicalDecl()))
        if (isCallee(Ref))
          if (const Expr *Call = Parents.parent(DynTypedNode::create(*Ref))
                                     .get<Expr>())
            Calls.push_back(callOf(Call));
      analyze(Entry.first, Calls, Accessor);
      continue;
    }
    reportLostEntries(Entry.first, Entry.second);
    if (!KeyedOnly.contains(Entry.first))
      analyze(Entry.first, Entry.second);
  }
  Candidates.clear();
  KeyedOnly.clear();
  ReportedEntries.clear();
  FunctionRefs.clear();
  MethodRefs.clear();
  Constructions.clear();
  Parents = ParentIndex();
  StartupMemo.clear();
  StaticInstances.clear();
}

const Expr *UnboundedCacheCheck::callOf(const Expr *E) const {
  // From the callee's implicit cast up to the call itself.
  DynTypedNode Node = DynTypedNode::create(*E);
  for (unsigned Steps = 0; Steps < 4 && !isa<CallExpr>(E); ++Steps) {
    Node = Parents.parent(Node);
    const auto *Up = Node.get<Expr>();
    if (!Up)
      break;
    E = Up;
  }
  return E;
}

const FunctionDecl *
UnboundedCacheCheck::accessorOf(const ValueDecl *D,
                                llvm::ArrayRef<const Expr *> Refs) const {
  // `static Table &table() { static Table t; return t; }`: a function-local
  // static whose function only hands it out by non-const reference.
  const auto *Var = dyn_cast<VarDecl>(D);
  if (!Var || !Var->isStaticLocal())
    return nullptr;
  const auto *F = dyn_cast<FunctionDecl>(Var->getDeclContext());
  if (!F || F->isDependentContext())
    return nullptr;
  const QualType Ret = F->getReturnType();
  if (!Ret->isLValueReferenceType() ||
      Ret.getNonReferenceType().isConstQualified() ||
      !Ctx->hasSameUnqualifiedType(Ret.getNonReferenceType(), Var->getType()))
    return nullptr;
  for (const Expr *Ref : Refs) {
    DynTypedNode Node = DynTypedNode::create(*Ref);
    DynTypedNode Up = Parents.parent(Node);
    while (Up.get<ImplicitCastExpr>() || Up.get<ParenExpr>())
      Up = Parents.parent(Up);
    if (!Up.get<ReturnStmt>())
      return nullptr;
  }
  // Its callers are all visible: not callable from another file.
  if (!AssumeWholeProgram && F->isExternallyVisible())
    return nullptr;
  return F;
}

bool UnboundedCacheCheck::matchesStartupName(StringRef Name) const {
  for (StringRef Pattern : StartupFunctions) {
    if (Pattern.ends_with("*")) {
      if (Name.starts_with(Pattern.drop_back()))
        return true;
    } else if (Name == Pattern) {
      return true;
    }
  }
  return false;
}

bool UnboundedCacheCheck::isStartupSite(const Stmt *Site, unsigned Depth,
                                        bool ByName) {
  bool GlobalInit = false;
  const FunctionDecl *F = enclosingFunction(Site, Parents, GlobalInit);
  if (GlobalInit)
    return true;
  if (!F || !isStartupFunction(F, Depth, ByName))
    return false;
  if (!F->isMain())
    return true;
  // In main, a loop that runs until something stops it (an event or request loop:
  // `while`, `do`, `for (;;)`) runs for the program's life: what it grows is
  // not filled once. A counted or range `for` ends with its input.
  for (DynTypedNode Node = DynTypedNode::create(*Site);;) {
    Node = Parents.parent(Node);
    if (Node.getNodeKind().isNone() || Node.get<FunctionDecl>() ||
        Node.get<LambdaExpr>())
      return true;
    if (Node.get<WhileStmt>() || Node.get<DoStmt>())
      return false;
    if (const auto *For = Node.get<ForStmt>(); For && !For->getCond())
      return false;
  }
}

bool UnboundedCacheCheck::isStartupFunction(const FunctionDecl *F,
                                            unsigned Depth, bool ByName) {
  F = F->getCanonicalDecl();
  if (F->isMain())
    return true;
  // The name decides only for a function whose callers are not in sight;
  // calls that can be seen are the evidence.
  if (ByName && F->getDeclName().isIdentifier() &&
      matchesStartupName(F->getName()) && FunctionRefs.lookup(F).empty() &&
      MethodRefs.lookup(F).empty())
    return true;
  if (Depth >= MaxStartupDepth)
    return false;
  const StartupKey Key(F, ByName);
  const auto Known = StartupMemo.find(Key);
  if (Known != StartupMemo.end())
    return Known->second;
  StartupMemo[Key] = false; // recursion guard
  bool Startup = false;
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(F)) {
    // A constructor is start-up code when every object of its class is a
    // global (the "registrar" idiom).
    const auto It = Constructions.find(Ctor->getParent()->getCanonicalDecl());
    Startup = It != Constructions.end() && !It->second.empty() &&
              llvm::all_of(It->second, [&](const Expr *C) {
                return isStartupSite(C, Depth + 1, ByName);
              });
  } else if (!isa<CXXMethodDecl>(F) || cast<CXXMethodDecl>(F)->isStatic()) {
    // A function only called from start-up code.
    // Every reference calls it, from start-up code: a function whose address
    // is handed on (a handler, a callback) runs whenever its holder calls it.
    Startup = onlyCalledFromStartup(FunctionRefs.lookup(F), Depth, ByName);
  } else if (!cast<CXXMethodDecl>(F)->isVirtual() &&
             FunctionRefs.lookup(F).empty()) {
    // A member function (`app.route("/")` in main): the same, through its
    // calls on objects. `&C::f` (a DeclRefExpr) hands it on; a virtual one
    // may be called through a base.
    Startup = onlyCalledFromStartup(MethodRefs.lookup(F), Depth, ByName);
  }
  StartupMemo[Key] = Startup;
  return Startup;
}

bool UnboundedCacheCheck::inInstantiatedPattern(const Stmt *Site) const {
  bool GlobalInit = false;
  const FunctionDecl *F = enclosingFunction(Site, Parents, GlobalInit);
  if (!F || !F->isDependentContext())
    return false;
  const FunctionTemplateDecl *Template = F->getDescribedFunctionTemplate();
  if (!Template)
    if (const auto *Method = dyn_cast<CXXMethodDecl>(F))
      if (const auto *Record = Method->getParent())
        if (const ClassTemplateDecl *Class =
                Record->getDescribedClassTemplate())
          return !Class->specializations().empty();
  return Template && !Template->specializations().empty();
}

bool UnboundedCacheCheck::onlyCalledFromStartup(
    llvm::ArrayRef<const Expr *> Refs, unsigned Depth, bool ByName) {
  return !Refs.empty() && llvm::all_of(Refs, [&](const Expr *R) {
    return isCallee(R) && isStartupSite(R, Depth + 1, ByName);
  });
}

bool UnboundedCacheCheck::runsOnlyWhileConstructing(
    const Stmt *Site, const CXXRecordDecl *Owner, unsigned Depth) const {
  bool GlobalInit = false;
  const FunctionDecl *F = enclosingFunction(Site, Parents, GlobalInit);
  if (!F || !Owner)
    return false;
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(F))
    return Ctor->getParent()->getCanonicalDecl() == Owner->getCanonicalDecl();
  // A helper of the constructors (`init()`): a private, non-virtual member
  // of the same class that only they call (no other file can call a private
  // one). A function whose address is handed on runs whenever its holder
  // calls it.
  const auto *Method = dyn_cast<CXXMethodDecl>(F);
  if (Depth >= MaxStartupDepth || !Method || Method->isVirtual() ||
      Method->getAccess() != AS_private ||
      Method->getParent()->getCanonicalDecl() != Owner->getCanonicalDecl())
    return false;
  // `&C::init` is a DeclRefExpr: its address is handed on.
  if (FunctionRefs.count(F->getCanonicalDecl()))
    return false;
  const auto It = MethodRefs.find(F->getCanonicalDecl());
  return It != MethodRefs.end() && !It->second.empty() &&
         llvm::all_of(It->second, [&](const Expr *Ref) {
           return isCallee(Ref) &&
                  runsOnlyWhileConstructing(Ref, Owner, Depth + 1);
         });
}

bool UnboundedCacheCheck::isCallee(const Expr *Ref) const {
  DynTypedNode Node = DynTypedNode::create(*Ref);
  const Expr *Child = Ref;
  for (unsigned Steps = 0; Steps < 4; ++Steps) {
    const DynTypedNode Up = Parents.parent(Node);
    if (const auto *Call = Up.get<CallExpr>())
      return Call->getCallee() == Child;
    const auto *Wrapper = Up.get<Expr>();
    if (!Wrapper || !isa<ImplicitCastExpr, ParenExpr>(Wrapper))
      return false;
    Child = Wrapper;
    Node = Up;
  }
  return false;
}

bool UnboundedCacheCheck::isFullyVisible(const ValueDecl *D) const {
  return AssumeWholeProgram || allCodeTouchingIsVisible(D);
}

/// The element that \p Access (operator[] or at()) returns has its address
/// or its data pointer (`&m[k]`, `m[k].c_str()`, `m[k].data()`) passed to a
/// function: code outside points into the container (putenv keeps the
/// string it is given), so the container is storage, and evicting an entry
/// would leave that pointer dangling.
static bool elementPointerHandedOut(const Expr *Access,
                                    const ParentIndex &Parents) {
  auto Parent = [&](const Expr *E) {
    return Parents.parent(DynTypedNode::create(*E)).get<Expr>();
  };
  const Expr *E = Access;
  const Expr *P = Parent(E);
  while (P && isa<ImplicitCastExpr, ParenExpr, MaterializeTemporaryExpr>(P)) {
    E = P;
    P = Parent(E);
  }
  if (!P)
    return false;
  const Expr *Pointer = nullptr;
  if (const auto *Op = dyn_cast<UnaryOperator>(P)) {
    if (Op->getOpcode() == UO_AddrOf)
      Pointer = Op;
  } else if (const auto *ME = dyn_cast<MemberExpr>(P)) {
    const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(Parent(ME));
    const NamedDecl *M = ME->getMemberDecl();
    if (Call && M->getIdentifier() &&
        (M->getName() == "c_str" || M->getName() == "data"))
      Pointer = Call;
  }
  if (!Pointer)
    return false;
  E = Pointer;
  P = Parent(E);
  while (P && isa<ImplicitCastExpr, ParenExpr, ExplicitCastExpr>(P)) {
    E = P;
    P = Parent(E);
  }
  const auto *Call = dyn_cast_or_null<CallExpr>(P);
  if (!Call)
    return false;
  const unsigned First = isa<CXXOperatorCallExpr>(Call) ? 1 : 0;
  for (unsigned I = First; I < Call->getNumArgs(); ++I)
    if (Call->getArg(I) == E)
      return true;
  return false;
}

void UnboundedCacheCheck::analyze(const ValueDecl *D,
                                  llvm::ArrayRef<const Expr *> Refs,
                                  const FunctionDecl *Accessor) {
  if (D->isInvalidDecl() || D->getType().isNull() ||
      D->getType()->isDependentType() ||
      D->getDeclContext()->isDependentContext())
    return;
  // A data member: of every object with CheckMemberContainers, by default
  // only of an object that lives as long as the program.
  // A container of weak references, by default too: its entries outlive
  // the objects they name, so growing without removal leaves one dead entry
  // per object for as long as the owner lives.
  const VarDecl *Lifetime = nullptr;
  const bool WeakEntries = hasWeakEntries(D->getType());
  if (const auto *Field = dyn_cast<FieldDecl>(D)) {
    Lifetime = StaticInstances.instanceOf(
        dyn_cast<CXXRecordDecl>(Field->getParent()));
    if (!CheckMemberContainers && !Lifetime && !WeakEntries)
      return;
  }
  const auto *Var = dyn_cast<VarDecl>(D);
  // Report at the definition when this translation unit has it.
  const ValueDecl *Where = D;
  if (Var) {
    if (const VarDecl *Def = Var->getDefinition())
      Where = Def;
  }
  const SourceManager &SM = Ctx->getSourceManager();
  if (Where->getLocation().isInvalid() ||
      SM.isInSystemHeader(Where->getLocation()))
    return;
  const QualType Type = D->getType();
  if (Type.getNonReferenceType().isConstQualified())
    return;
  if (Type->isReferenceType()) {
    // Only the leaky-singleton idiom `static auto &m = *new Map;`.
    const VarDecl *Def = Var ? Var->getDefinition() : nullptr;
    const auto *Deref =
        Def && Def->getInit()
            ? dyn_cast<UnaryOperator>(Def->getInit()->IgnoreParenImpCasts())
            : nullptr;
    if (!Deref || Deref->getOpcode() != UO_Deref ||
        !isa<CXXNewExpr>(Deref->getSubExpr()->IgnoreParenImpCasts()))
      return;
  }
  const auto *Spec = containerSpec(Type);
  if (!Spec)
    return;
  if (!isFullyVisible(D))
    return;

  const StringRef TemplateName = Spec->getName();
  // std::map, QMap, QHash: operator[] inserts.
  const bool IsMap = TemplateName.contains_insensitive("map") ||
                     TemplateName.ends_with("Hash");
  const bool IsKeyed = IsMap || TemplateName.contains_insensitive("set");
  if (IsKeyed && isSmallKeySpace(templateTypeArg(Spec, 0)))
    return;

  llvm::SmallVector<ContainerUse, 8> Growth;
  UseList Uses;
  bool HasLookup = false;
  for (const Expr *Ref : Refs) {
    const ContainerUse Use = classifyContainerUse(Ref, IsMap, Parents);
    Uses.emplace_back(Ref, Use);
    switch (Use.Kind) {
    case ContainerUseKind::Shrink:
    case ContainerUseKind::Escape:
      return;
    case ContainerUseKind::Grow:
      Growth.push_back(Use);
      HasLookup |= Use.InsertingLookup;
      break;
    case ContainerUseKind::Lookup:
      HasLookup = true;
      break;
    case ContainerUseKind::Read:
      break;
    }
  }
  // `c[k]` behind a test that c holds k finds the entry; it inserts nothing.
  llvm::erase_if(Growth, [&](const ContainerUse &Use) {
    const auto *Subscript = dyn_cast_or_null<CXXOperatorCallExpr>(Use.Site);
    return Use.InsertingLookup && Subscript &&
           Subscript->getOperator() == OO_Subscript &&
           Subscript->getNumArgs() == 2 &&
           runsOnlyWithKey(Subscript, D, Subscript->getArg(1), Parents);
  });
  if (Growth.empty())
    return;
  for (const auto &[Ref, Use] : Uses)
    if ((Use.Operation == "operator[]" || Use.Operation == "at") && Use.Site &&
        elementPointerHandedOut(Use.Site, Parents))
      return;
  // Configuration tables filled at start-up are bounded by the program. Weak
  // entries say that their objects die while the registry lives: a
  // registration function's name is no evidence that it runs only at
  // start-up, only its visible callers are.
  // A fill that runs only while the table is empty runs once: nothing
  // shrinks it, so after the first fill it never is empty again.
  // A member filled while its object is constructed is filled once per
  // object.
  const auto *Owner =
      isa<FieldDecl>(D) ? dyn_cast<CXXRecordDecl>(D->getDeclContext()) : nullptr;
  llvm::SmallVector<ContainerUse, 8> RuntimeGrowth;
  for (const ContainerUse &Use : Growth)
    if (!inInstantiatedPattern(Use.Site) &&
        !isStartupSite(Use.Site, 0, /*ByName=*/!WeakEntries) &&
        !isFilledOnlyWhenEmpty(Use.Site, D, Parents) &&
        !(Owner && runsOnlyWhileConstructing(Use.Site, Owner, 0)))
      RuntimeGrowth.push_back(Use);
  if (RuntimeGrowth.empty())
    return;

  // Classify.
  const QualType Element = templateTypeArg(Spec, IsMap ? 1 : 0);
  CacheKind Kind = CacheKind::Plain;
  const CXXRecordDecl *Object = nullptr;
  const CXXRecordDecl *Pointee = nullptr;
  const bool Raw = isRawPointer(Element, Pointee);
  if (Raw || isSharedPtr(Element, Pointee)) {
    Pointee = Pointee->getCanonicalDecl();
    for (const ContainerUse &Use : RuntimeGrowth) {
      bool GlobalInit = false;
      const FunctionDecl *F = enclosingFunction(Use.Site, Parents, GlobalInit);
      if (!F)
        continue;
      const auto *Method = dyn_cast<CXXMethodDecl>(F);
      const bool InClass =
          Method && Method->getParent()->getCanonicalDecl() == Pointee;
      const bool Factory =
          !F->getReturnType().isNull() &&
          Ctx->hasSameUnqualifiedType(F->getReturnType(), Element);
      if ((InClass && !HasLookup) || (Factory && !HasLookup)) {
        Kind = Raw ? CacheKind::RawRegistry : CacheKind::SharedRegistry;
        Object = Pointee;
        break;
      }
    }
  }
  if (WeakEntries) {
    Kind = CacheKind::WeakRegistry;
    Object = templateTypeArg(Spec, IsMap ? 1 : 0)->getAsCXXRecordDecl();
    const QualType Pointee =
        Object ? templateTypeArg(cast<ClassTemplateSpecializationDecl>(Object),
                                 0)
               : QualType();
    Object = Pointee.isNull() ? nullptr : Pointee->getAsCXXRecordDecl();
  }
  if (Kind == CacheKind::Plain && IsMap && HasLookup) {
    const CXXRecordDecl *Shared = nullptr;
    Kind = isSharedPtr(Element, Shared) ? CacheKind::Identity : CacheKind::Memo;
  }

  const unsigned Storage = isa<FieldDecl>(D) ? 1 : 0;
  const std::string Name = displayName(D);
  switch (Kind) {
  case CacheKind::Memo:
    diag(Where->getLocation(),
         "%select{static|member}0 cache '%1' grows without bound: every "
         "distinct key stays forever; use a bounded refcycle::lru_cache")
        << Storage << Name;
    break;
  case CacheKind::Identity:
    diag(Where->getLocation(),
         "%select{static|member}0 cache '%1' keeps every object it hands out "
         "alive forever: entries are never removed; use "
         "refcycle::weak_value_map so that an entry goes away with its last "
         "user")
        << Storage << Name;
    break;
  case CacheKind::RawRegistry:
    diag(Where->getLocation(),
         "instance registry '%0' grows without bound and dangles: every '%1' "
         "is added but never removed, so its pointer stays after the object "
         "is destroyed; derive '%1' from refcycle::tracked<%1>")
        << Name << Object->getName();
    break;
  case CacheKind::SharedRegistry:
    diag(Where->getLocation(),
         "instance registry '%0' keeps every '%1' alive forever: entries are "
         "added but never removed; use refcycle::weak_set<%1>")
        << Name << Object->getName();
    break;
  case CacheKind::WeakRegistry:
    diag(Where->getLocation(),
         "%select{static|member}0 registry '%1' keeps an entry for every "
         "%select{object|'%3'}2 it is given, also after the object is gone: "
         "expired weak references are never removed")
        << Storage << Name << (Object != nullptr)
        << (Object ? Object->getName() : StringRef());
    break;
  case CacheKind::Plain:
    diag(Where->getLocation(),
         "%select{static|member}0 container '%1' grows without bound: "
         "elements are added but never removed")
        << Storage << Name;
    break;
  }
  // Why it lives as long as a static one.
  if (Accessor)
    diag(Accessor->getLocation(),
         "'%0' hands out '%1' by reference; it grows through its calls",
         DiagnosticIDs::Note)
        << Accessor->getQualifiedNameAsString() << Name;
  if (Lifetime)
    diag(Lifetime->getLocation(),
         "the '%0' that holds '%1' lives as long as the program: '%2' is one",
         DiagnosticIDs::Note)
        << cast<FieldDecl>(D)->getParent()->getName() << Name
        << Lifetime->getQualifiedNameAsString();
  unsigned Notes = 0;
  for (const ContainerUse &Use : RuntimeGrowth) {
    if (Notes++ == MaxGrowthNotes)
      break;
    diag(siteLocation(Use.Site), "'%0' grows here", DiagnosticIDs::Note)
        << Name;
  }
  if ((Kind == CacheKind::Memo || Kind == CacheKind::Identity) &&
      !Ctx->getLangOpts().CPlusPlus17) {
    diag(Where->getLocation(),
         "bound '%0' (evict entries past a capacity, or when their users are "
         "gone); the refcycle runtime needs C++17, so no automatic fix is "
         "offered",
         DiagnosticIDs::Note)
        << Name;
  } else if (Kind == CacheKind::Memo || Kind == CacheKind::Identity) {
    const bool Identity = Kind == CacheKind::Identity;
    std::vector<FixItHint> Fixes;
    // Through an accessor the uses are its calls: no rewrite maps them.
    if (!Accessor &&
        buildRuntimeFix(Var, Spec, Identity, DefaultCacheCapacity, Uses, *Ctx,
                        Parents, Inserter, Fixes)) {
      if (Identity)
        diag(Where->getLocation(),
             "replace '%0' with a refcycle::weak_value_map: it hands out the "
             "same objects but does not keep them alive",
             DiagnosticIDs::Note)
            << Name << Fixes;
      else
        diag(Where->getLocation(),
             "replace '%0' with a refcycle::lru_cache that keeps the %1 most "
             "recently used entries",
             DiagnosticIDs::Note)
            << Name << DefaultCacheCapacity << Fixes;
    } else if (Identity) {
      diag(Where->getLocation(),
           "declare '%0' as refcycle::weak_value_map<K, T> and use "
           "get_or_create(key, factory) or find(key); its uses here do not "
           "map onto that API mechanically, so no automatic fix is offered",
           DiagnosticIDs::Note)
          << Name;
    } else {
      diag(Where->getLocation(),
           "declare '%0' as refcycle::lru_cache<K, V> with a capacity (e.g. "
           "%1) and use get(key)/put(key, value) or get_or_insert_with(key, "
           "compute); its uses here do not map onto that API mechanically, so "
           "no automatic fix is offered",
           DiagnosticIDs::Note)
          << Name << DefaultCacheCapacity;
    }
  }
  if (Kind == CacheKind::WeakRegistry)
    reportWeakRegistryFix(D, RuntimeGrowth.front().Site);
  if (Kind == CacheKind::RawRegistry) {
    const CXXRecordDecl *Def = Object->getDefinition();
    if (const CXXDestructorDecl *Dtor = Def ? Def->getDestructor() : nullptr;
        Dtor && !Dtor->isImplicit())
      diag(Dtor->getLocation(), "'%0' does not remove the object from '%1'",
           DiagnosticIDs::Note)
          << Dtor->getNameAsString() << Name;
  }
}

// `erase;` on a line of its own before \p Return. A return that is the
// branch of an `if` or the body of a loop gets braces around the two, laid
// out as blocks are in the file.
std::optional<FixItHint>
UnboundedCacheCheck::removeBeforeReturn(const Stmt *Return, StringRef EraseText,
                                        SourceLocation AfterReturn) {
  const SourceManager &SM = Ctx->getSourceManager();
  const LangOptions &LO = Ctx->getLangOpts();
  const SourceLocation Begin = Return->getBeginLoc();
  const DynTypedNode Parent = Parents.parent(DynTypedNode::create(*Return));
  if (const auto *Block = Parent.get<CompoundStmt>()) {
    const layout::Line Erase[] = {{(EraseText + ";").str()}};
    return layout::statementsBefore(Return, Block, Erase, SM, LO);
  }
  // The token the return follows, and the statement whose line gives the
  // block's indentation: an if's ')' or 'else', a loop's ')'.
  SourceLocation Before, Head;
  if (const auto *If = Parent.get<IfStmt>()) {
    if (If->getThen() == Return) {
      Before = If->getRParenLoc();
      Head = If->getBeginLoc();
    } else if (If->getElse() == Return) {
      Before = Head = If->getElseLoc();
    }
  } else if (const auto *While = Parent.get<WhileStmt>();
             While && While->getBody() == Return) {
    Before = While->getRParenLoc();
    Head = While->getBeginLoc();
  } else if (const auto *For = Parent.get<ForStmt>();
             For && For->getBody() == Return) {
    Before = For->getRParenLoc();
    Head = For->getBeginLoc();
  } else if (const auto *Range = Parent.get<CXXForRangeStmt>();
             Range && Range->getBody() == Return) {
    Before = Range->getRParenLoc();
    Head = Range->getBeginLoc();
  }
  if (Before.isInvalid() || Before.isMacroID() || Head.isMacroID())
    return std::nullopt;
  const SourceLocation From = Lexer::getLocForEndOfToken(Before, 0, SM, LO);
  bool Invalid = false;
  const StringRef Gap = Lexer::getSourceText(
      CharSourceRange::getCharRange(From, Begin), SM, LO, &Invalid);
  const StringRef ReturnText = Lexer::getSourceText(
      CharSourceRange::getCharRange(Begin, AfterReturn), SM, LO, &Invalid);
  if (Invalid || !Gap.trim().empty() || ReturnText.empty())
    return std::nullopt; // a comment between the two would be lost
  const std::string Outer = layout::lineIndentation(Head, SM).str();
  const std::string Inner = Outer + layout::indentationStep(Begin, SM);
  const std::string NL = layout::lineBreak(Begin, SM).str();
  return FixItHint::CreateReplacement(
      CharSourceRange::getCharRange(From, AfterReturn),
      (" {" + NL + Inner + EraseText + ";" + NL + Inner + ReturnText + NL +
       Outer + "}")
          .str());
}

void UnboundedCacheCheck::reportLostEntries(const ValueDecl *D,
                                            llvm::ArrayRef<const Expr *> Refs) {
  if (D->isInvalidDecl() || D->getType().isNull() ||
      D->getType()->isDependentType() ||
      D->getDeclContext()->isDependentContext())
    return;
  const SourceManager &SM = Ctx->getSourceManager();
  if (D->getLocation().isInvalid() || SM.isInSystemHeader(D->getLocation()))
    return;
  const auto *Spec = containerSpec(D->getType());
  if (!Spec)
    return;
  const StringRef TemplateName = Spec->getName();
  const bool IsMap = TemplateName.contains_insensitive("map") ||
                     TemplateName.ends_with("Hash");
  if (!IsMap && !TemplateName.contains_insensitive("set"))
    return;
  UseList Uses;
  for (const Expr *Ref : Refs)
    Uses.emplace_back(Ref, classifyContainerUse(Ref, IsMap, Parents));
  // One report per site: a class template's instantiations share them.
  auto FirstReport = [&](SourceLocation Loc) {
    return ReportedEntries.insert(Loc.getRawEncoding()).second;
  };
  const std::string Name = displayName(D);
  for (const KeptEntry &Kept : findKeptEntries(D, Uses, Parents)) {
    const SourceLocation Loc = Kept.Keeps->getBeginLoc();
    if (Loc.isMacroID() || !FirstReport(Loc))
      continue;
    diag(Loc, "this return keeps '%0' in '%1' forever: another return with "
              "the same result removes it first")
        << Kept.Key->getName() << Name;
    diag(siteLocation(Kept.Insert), "'%0' is added to '%1' here",
         DiagnosticIDs::Note)
        << Kept.Key->getName() << Name;
    diag(siteLocation(Kept.Erase), "and removed here before that return",
         DiagnosticIDs::Note);
    // Copy the removal when it names the key itself (not an iterator).
    const auto *Erase = dyn_cast<CXXMemberCallExpr>(Kept.Erase);
    const StringRef EraseText =
        Erase && Erase->getNumArgs() == 1 &&
                refersTo(Erase->getArg(0), Kept.Key)
            ? sourceText(Erase, *Ctx)
            : StringRef();
    const SourceLocation AfterReturn =
        Lexer::findLocationAfterToken(Kept.Keeps->getEndLoc(), tok::semi, SM,
                                      Ctx->getLangOpts(), false);
    auto Note = diag(Loc, "remove '%0' before returning, as that return does",
                     DiagnosticIDs::Note)
                << Kept.Key->getName();
    if (EraseText.empty() || AfterReturn.isInvalid() ||
        Kept.Keeps->getEndLoc().isMacroID())
      continue;
    if (std::optional<FixItHint> Fix =
            removeBeforeReturn(Kept.Keeps, EraseText, AfterReturn))
      Note << *Fix;
  }
  if (!IsMap)
    return;
  const std::vector<Reinsertion> Reinsertions =
      findReinsertions(D, Uses, Parents);
  // One erase may be followed by several reads: the first finding's fix
  // copies the element once and replaces them all; a second insertion of
  // the same copy would declare it twice.
  llvm::SmallPtrSet<const Expr *, 4> ErasesFixed;
  for (const Reinsertion &Again : Reinsertions) {
    const auto *Subscript = dyn_cast<CXXOperatorCallExpr>(Again.Subscript);
    const SourceLocation Loc = Again.Subscript->getBeginLoc();
    if (!Subscript || Loc.isMacroID() || !FirstReport(Loc))
      continue;
    diag(Loc, "'%0' inserts '%1' into '%2' again right after it was erased: "
              "operator[] adds a default entry for a missing key, and this "
              "one stays")
        << sourceText(Subscript, *Ctx) << Again.Key->getName() << Name;
    diag(siteLocation(Again.Erase), "'%0' is erased from '%1' here",
         DiagnosticIDs::Note)
        << Again.Key->getName() << Name;
    // The subscript reads a default-constructed value. What the code
    // means is the value the erase removed: read it first. Otherwise spell
    // the default value.
    const StringRef Object = sourceText(Subscript->getArg(0), *Ctx);
    auto Note = diag(Loc,
                     "this reads a default-constructed value; read the "
                     "element before erasing it, or use that value without "
                     "inserting it",
                     DiagnosticIDs::Note);
    llvm::SmallVector<const CXXOperatorCallExpr *, 2> Reads;
    for (const Reinsertion &Other : Reinsertions)
      if (Other.Erase == Again.Erase)
        if (const auto *Read = dyn_cast<CXXOperatorCallExpr>(Other.Subscript))
          Reads.push_back(Read);
    if (std::optional<std::vector<FixItHint>> ReadFirst =
            readBeforeErase(D, Again.Erase, Subscript, Reads)) {
      if (ErasesFixed.insert(Again.Erase).second)
        for (const FixItHint &Hint : *ReadFirst)
          Note << Hint;
      continue;
    }
    if (!Object.empty() && !D->getType()->isReferenceType() &&
        Ctx->getLangOpts().CPlusPlus11 && !Subscript->getEndLoc().isMacroID())
      Note << FixItHint::CreateReplacement(
          Subscript->getSourceRange(),
          ("decltype(" + Object + ")::mapped_type()").str());
  }
}

// The mapped type of the map D as its declaration writes it ('std::string',
// not its canonical spelling), or empty.
static std::string writtenMappedType(const ValueDecl *D,
                                     const ASTContext &Ctx) {
  const auto *Spec = D->getType()->getAs<TemplateSpecializationType>();
  if (!Spec || Spec->template_arguments().size() < 2 ||
      Spec->template_arguments()[1].getKind() != TemplateArgument::Type)
    return {};
  const QualType Mapped = Spec->template_arguments()[1].getAsType();
  if (Mapped->isDependentType() || Mapped->isReferenceType())
    return {};
  // A class private to another class cannot be named where the copy goes.
  if (const auto *Tag = Mapped->getAsTagDecl();
      Tag && Tag->getAccess() != AS_public && Tag->getAccess() != AS_none)
    return {};
  // Copying it must compile.
  if (const CXXRecordDecl *RD = Mapped->getAsCXXRecordDecl()) {
    if (!RD->hasDefinition())
      return {};
    RD = RD->getDefinition();
    if (RD->hasUserDeclaredCopyConstructor()) {
      if (llvm::none_of(RD->ctors(), [](const CXXConstructorDecl *C) {
            return C->isCopyConstructor() && !C->isDeleted() &&
                   C->getAccess() == AS_public;
          }))
        return {};
    } else if (RD->defaultedCopyConstructorIsDeleted() ||
               RD->hasUserDeclaredMoveConstructor() ||
               RD->hasUserDeclaredMoveAssignment()) {
      return {};
    }
  }
  // Spelled in full, so that it names the type wherever the function is.
  PrintingPolicy Policy(Ctx.getLangOpts());
  Policy.SuppressUnwrittenScope = true;
  return TypeName::getFullyQualifiedName(Mapped, Ctx, Policy);
}

std::optional<std::vector<FixItHint>>
UnboundedCacheCheck::readBeforeErase(
    const ValueDecl *D, const Expr *Erase, const CXXOperatorCallExpr *Subscript,
    llvm::ArrayRef<const CXXOperatorCallExpr *> Reads) {
  // 'c.erase(k); ... c[k] ...' -> 'const V erased_value = c[k];
  // c.erase(k); ... erased_value ...': the erase is a statement of its own
  // that starts its line, and the value type is copyable.
  const SourceManager &SM = Ctx->getSourceManager();
  DynTypedNode Parent = Parents.parent(DynTypedNode::create(*Erase));
  if (Parent.get<ExprWithCleanups>())
    Parent = Parents.parent(Parent);
  if (!Parent.get<CompoundStmt>() || Erase->getBeginLoc().isMacroID() ||
      Subscript->getNumArgs() != 2)
    return std::nullopt;
  for (const CXXOperatorCallExpr *Read : Reads)
    if (Read->getBeginLoc().isMacroID() || Read->getEndLoc().isMacroID() ||
        sourceText(Read, *Ctx) != sourceText(Subscript, *Ctx))
      return std::nullopt;
  // The key must mean the same element when the copy is made: no other use
  // of a key variable after the erase (it may be given another value).
  const auto *KeyRef = dyn_cast<DeclRefExpr>(Subscript->getArg(1)->IgnoreParenImpCasts());
  const ValueDecl *KeyVar = KeyRef ? KeyRef->getDecl() : nullptr;
  // Later reads of the same element in the block (the first read inserted
  // it again, so they are not reported) must use the copy too; any other
  // use of the container there would see a different map: no fix.
  llvm::SmallVector<const CXXOperatorCallExpr *, 4> AllReads(Reads.begin(),
                                                            Reads.end());
  // The erase as a statement of its block: the call, or its full expression.
  const Stmt *EraseStmt = Erase;
  if (const auto *Cleanups = Parents.parent(DynTypedNode::create(*Erase))
                                 .get<ExprWithCleanups>())
    EraseStmt = Cleanups;
  {
    const auto *Block = Parent.get<CompoundStmt>();
    const StringRef ReadText = sourceText(Subscript, *Ctx);
    bool After = false, Foreign = false;
    std::function<void(const Stmt *, bool)> Visit = [&](const Stmt *S,
                                                        bool InRead) {
      if (!S || Foreign)
        return;
      // A lambda may run later, when the copy is out of scope.
      if (isa<LambdaExpr>(S)) {
        Foreign = true;
        return;
      }
      if (const auto *Ref = dyn_cast<DeclRefExpr>(S);
          Ref && KeyVar && !InRead && Ref->getDecl() == KeyVar) {
        Foreign = true;
        return;
      }
      const auto *Op = dyn_cast<CXXOperatorCallExpr>(S);
      const bool Read = Op && Op->getOperator() == OO_Subscript &&
                        sourceText(Op, *Ctx) == ReadText;
      if (Read && !InRead) {
        const DynTypedNode Up = Parents.parent(DynTypedNode::create(*Op));
        const auto *Assign = Up.get<CXXOperatorCallExpr>();
        const auto *Builtin = Up.get<BinaryOperator>();
        if ((Assign && Assign->isAssignmentOp() && Assign->getArg(0) == Op) ||
            (Builtin && Builtin->isAssignmentOp() && Builtin->getLHS() == Op) ||
            Op->getBeginLoc().isMacroID() || !onlyReadsElement(Op, Parents)) {
          Foreign = true;
          return;
        }
        if (!llvm::is_contained(AllReads, Op))
          AllReads.push_back(Op);
      }
      const ValueDecl *Named = nullptr;
      if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
        Named = Ref->getDecl();
      else if (const auto *Member = dyn_cast<MemberExpr>(S))
        Named = Member->getMemberDecl();
      if (!InRead && !Read && Named &&
          Named->getCanonicalDecl() == D->getCanonicalDecl()) {
        Foreign = true;
        return;
      }
      for (const Stmt *Child : S->children())
        Visit(Child, InRead || Read);
    };
    for (const Stmt *Statement : Block->body()) {
      if (Statement == EraseStmt) {
        After = true;
        continue;
      }
      if (After)
        Visit(Statement, false);
    }
    if (Foreign)
      return std::nullopt;
  }
  const StringRef Read = sourceText(Subscript, *Ctx);
  const std::string Type = writtenMappedType(D, *Ctx);
  if (Read.empty() || Type.empty())
    return std::nullopt;
  // A name the function does not use yet.
  const FunctionDecl *Function = nullptr;
  for (DynTypedNode N = Parent; !N.getNodeKind().isNone() && !Function;
       N = Parents.parent(N))
    Function = N.get<FunctionDecl>();
  const StringRef Body =
      Function ? sourceText(Function->getSourceRange(), *Ctx) : StringRef();
  if (Body.empty())
    return std::nullopt;
  std::string Name = "erased_value";
  for (unsigned Suffix = 2; Body.contains(Name) && Suffix < 100; ++Suffix)
    Name = "erased_value" + std::to_string(Suffix);
  const layout::Line Copy[] = {
      {("const " + Type + " " + Name + " = " + Read + ";").str()}};
  std::optional<FixItHint> Declare = layout::statementsBefore(
      EraseStmt, Parent.get<CompoundStmt>(), Copy, SM, Ctx->getLangOpts());
  if (!Declare)
    return std::nullopt; // the erase shares its line with other code
  std::vector<FixItHint> Hints{*Declare};
  for (const CXXOperatorCallExpr *Each : AllReads)
    Hints.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(Each->getSourceRange()), Name));
  return Hints;
}

void UnboundedCacheCheck::reportWeakRegistryFix(const ValueDecl *D,
                                                const Expr *Growth) {
  // The upstream fix of this bug, as a fix-it: drop the expired entries
  // each time one is added. Offered for a sequence container grown by a
  // statement of its own (vector, deque: erase-remove; list: remove_if).
  const auto *Call = dyn_cast<CXXMemberCallExpr>(Growth);
  const auto *Spec = containerSpec(D->getType());
  const DynTypedNode Parent =
      Call ? Parents.parent(DynTypedNode::create(*Call)) : DynTypedNode();
  // The statement in its block: the call, or its full expression.
  const Stmt *Statement = Call;
  const CompoundStmt *Block = Parent.get<CompoundStmt>();
  if (const auto *Cleanups = Parent.get<ExprWithCleanups>()) {
    Statement = Cleanups;
    Block = Parents.parent(Parent).get<CompoundStmt>();
  }
  const bool OwnStatement = Block != nullptr;
  const StringRef Object =
      Call ? sourceText(Call->getImplicitObjectArgument(), *Ctx) : StringRef();
  const StringRef Kind = Spec ? Spec->getName() : StringRef();
  const bool Sequence = Kind == "vector" || Kind == "deque" ||
                        Kind == "QVector" || Kind == "QList";
  const bool List = Kind == "list";
  // Before C++14 a lambda's parameter needs its type: the element type,
  // spelled in full.
  std::string Element = "auto";
  if (!Ctx->getLangOpts().CPlusPlus14 && Spec &&
      Spec->getTemplateArgs().size() >= 1 &&
      Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type) {
    PrintingPolicy Policy(Ctx->getLangOpts());
    Policy.FullyQualifiedName = true;
    Policy.SuppressScope = false;
    Policy.SuppressUnwrittenScope = true;
    Element = Spec->getTemplateArgs()[0].getAsType().getAsString(Policy);
  }
  const std::string Expired =
      "[](const " + Element + " &Entry) { return Entry.expired(); }";
  auto Note = diag(siteLocation(Growth),
                   "remove the expired entries of '%0' before adding one",
                   DiagnosticIDs::Note)
              << displayName(D);
  if (!OwnStatement || Object.empty() || (!Sequence && !List) ||
      !Ctx->getLangOpts().CPlusPlus11 || Call->getBeginLoc().isMacroID())
    return;
  const layout::Line Removal[] = {
      {List ? (Object + ".remove_if(" + Expired + ");").str()
            : (Object + ".erase(std::remove_if(" + Object + ".begin(), " +
               Object + ".end(), " + Expired + "), " + Object + ".end());")
                  .str()}};
  const SourceManager &SM = Ctx->getSourceManager();
  const SourceLocation Begin = Call->getBeginLoc();
  std::optional<FixItHint> Fix = layout::statementsBefore(
      Statement, Block, Removal, SM, Ctx->getLangOpts());
  if (!Fix)
    return; // the statement shares its line with other code
  Note << *Fix;
  if (!List)
    if (auto Include = Inserter.createIncludeInsertion(
            SM.getFileID(SM.getExpansionLoc(Begin)), "<algorithm>"))
      Note << *Include;
}

} // namespace clang::tidy::refcycle
