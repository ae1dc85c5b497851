//===--- SharedPtrCycleCheck.cpp - refcycle-shared-ptr-cycle --------------===//

#include "SharedPtrCycleCheck.h"
#include "BoolOption.h"
#include "ConstructionOnly.h"
#include "EscapeSupport.h"
#include "FactsFiles.h"
#include "MemberUses.h"
#include "OwnershipFacts.h"

#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/TypeLoc.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/Version.h"
#include "clang/Index/USRGeneration.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <cstdlib>

using namespace clang::ast_matchers;

namespace clang::tidy::refcycle {

using namespace uses;

namespace {
constexpr llvm::StringLiteral DefaultSharedPointerTypes =
    "::std::shared_ptr;::boost::shared_ptr";
constexpr llvm::StringLiteral DefaultUniquePointerTypes = "::std::unique_ptr";

std::vector<std::string> toStrings(const std::vector<StringRef> &List) {
  std::vector<std::string> Result;
  for (StringRef S : List)
    Result.push_back(S.str());
  return Result;
}

// The template a class is an implicit instantiation of: a conversion of
// Logger<int> is one of the pattern Logger<T> too, which is where a cycle
// that all instantiations share is reported.
const CXXRecordDecl *patternOf(const CXXRecordDecl *Record) {
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Record);
  if (!Spec || Spec->getSpecializationKind() != TSK_ImplicitInstantiation)
    return nullptr;
  const ClassTemplateDecl *Template = Spec->getSpecializedTemplate();
  const CXXRecordDecl *Pattern =
      Template ? Template->getTemplatedDecl() : nullptr;
  return Pattern && Pattern->hasDefinition() ? Pattern->getDefinition()
                                             : nullptr;
}

// A function that can change a container member of its class: not const,
// static, deleted, defaulted, pure, or a special member (those start, end
// or overwrite the object; isTornDown does not count them either).
bool mayChangeMembers(const CXXMethodDecl *M) {
  return !M->isImplicit() && !M->isDeleted() && !M->isDefaulted() &&
         !M->isPureVirtual() && !M->isConst() && !M->isStatic() &&
         !isa<CXXConstructorDecl, CXXDestructorDecl>(M) &&
         !M->isCopyAssignmentOperator() && !M->isMoveAssignmentOperator();
}

bool isSharedFromThis(const Expr *E) {
  if (!E)
    return false;
  E = E->IgnoreImplicit();
  if (const auto *Call = dyn_cast<CallExpr>(E))
    if (const auto *Callee = Call->getDirectCallee())
      if (Callee->getIdentifier() && Callee->getName() == "move" &&
          Call->getNumArgs() == 1)
        E = Call->getArg(0)->IgnoreImplicit();
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E))
    if (const auto *Method = Call->getMethodDecl())
      return Method->getIdentifier() && Method->getName() == "shared_from_this";
  return false;
}

// E's value is not used: E is a statement of its own (in a block, a branch,
// a loop body, a label), the left side of a comma, or cast to void.
bool isDiscarded(ASTContext &Context, const Expr *E) {
  const Stmt *Child = E;
  const Stmt *Parent = parentStmt(Context, *E);
  while (Parent && (isa<ExprWithCleanups>(Parent) || isa<ParenExpr>(Parent) ||
                    isa<ImplicitCastExpr>(Parent))) {
    Child = Parent;
    Parent = parentStmt(Context, *Parent);
  }
  if (!Parent)
    return false;
  if (isa<CompoundStmt>(Parent) || isa<SwitchCase>(Parent) ||
      isa<LabelStmt>(Parent))
    return true;
  if (const auto *Comma = dyn_cast<BinaryOperator>(Parent))
    return Comma->isCommaOp() && Comma->getLHS() == Child;
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(Parent))
    return Cast->getType()->isVoidType();
  if (const auto *If = dyn_cast<IfStmt>(Parent))
    return If->getThen() == Child || If->getElse() == Child;
  if (const auto *While = dyn_cast<WhileStmt>(Parent))
    return While->getBody() == Child;
  if (const auto *Do = dyn_cast<DoStmt>(Parent))
    return Do->getBody() == Child;
  if (const auto *For = dyn_cast<ForStmt>(Parent))
    return For->getBody() == Child || For->getInc() == Child;
  if (const auto *RangeFor = dyn_cast<CXXForRangeStmt>(Parent))
    return RangeFor->getBody() == Child;
  return false;
}

// T (or what the reference T refers to) is an owning pointer the classifier
// knows, or std::weak_ptr / boost::weak_ptr.
bool isPointerValueType(const OwnershipTypeClassifier &Classifier, QualType T) {
  T = T.getNonReferenceType();
  if (Classifier.isSharedPointerType(T))
    return true;
  const auto *Spec =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl());
  return Spec &&
         OwnershipTypeClassifier::isWeakPointer(Spec->getSpecializedTemplate());
}

// The parameter that the argument Arg of the call or construction Call
// initializes, or null (a variadic argument, a call through a pointer).
const ParmVarDecl *parameterFor(const Stmt *Call, const Stmt *Arg) {
  llvm::ArrayRef<const Expr *> Args;
  const FunctionDecl *Callee = nullptr;
  unsigned Shift = 0;
  if (const auto *C = dyn_cast<CallExpr>(Call)) {
    Args = llvm::ArrayRef(C->getArgs(), C->getNumArgs());
    Callee = C->getDirectCallee();
    // A member operator's first argument is its object.
    if (isa<CXXOperatorCallExpr>(C) && isa_and_nonnull<CXXMethodDecl>(Callee))
      Shift = 1;
  } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(Call)) {
    Args = llvm::ArrayRef(Construct->getArgs(), Construct->getNumArgs());
    Callee = Construct->getConstructor();
  }
  if (!Callee)
    return nullptr;
  for (unsigned I = Shift; I < Args.size(); ++I)
    if (Args[I] == Arg)
      return I - Shift < Callee->getNumParams()
                 ? Callee->getParamDecl(I - Shift)
                 : nullptr;
  return nullptr;
}

// 'std::make_shared<T>(a, m, b)' and 'std::make_unique<T>(...)' forward
// their arguments to a constructor of T. A temporary pointer in place of the
// member compiles there when T has no constructor template and every
// constructor that takes that many arguments takes this one by value or by
// const or rvalue reference.
bool forwardsTemporaryToConstructor(const CallExpr *Call, unsigned ArgIndex) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !Callee->isInStdNamespace() || !Callee->getIdentifier() ||
      (Callee->getName() != "make_shared" && Callee->getName() != "make_unique"))
    return false;
  const TemplateArgumentList *Args = Callee->getTemplateSpecializationArgs();
  if (!Args || Args->size() < 1 ||
      Args->get(0).getKind() != TemplateArgument::Type)
    return false;
  const CXXRecordDecl *Made = Args->get(0).getAsType()->getAsCXXRecordDecl();
  if (!Made || !Made->hasDefinition())
    return false;
  for (const Decl *D : Made->decls())
    if (isa<UsingDecl>(D) || isa<ConstructorUsingShadowDecl>(D) ||
        (isa<FunctionTemplateDecl>(D) &&
         isa<CXXConstructorDecl>(
             cast<FunctionTemplateDecl>(D)->getTemplatedDecl())))
      return false;
  bool Viable = false;
  for (const CXXConstructorDecl *Ctor : Made->ctors()) {
    // A pointer is not the object: copying and moving constructors are
    // not candidates.
    if (Ctor->isDeleted() || Ctor->isCopyOrMoveConstructor() ||
        Call->getNumArgs() > Ctor->getNumParams() ||
        Call->getNumArgs() < Ctor->getMinRequiredArguments())
      continue;
    // By value only: a constructor taking a reference may keep it, and the
    // temporary would be gone.
    if (Ctor->getParamDecl(ArgIndex)->getType()->isReferenceType())
      return false;
    Viable = true;
  }
  return Viable;
}

// Binding a temporary to Callee's const reference parameter is as good as
// binding the member: a comparison, or a plain function (no template, no
// overload an rvalue could pick instead, no constructor that could keep the
// reference, no reference or pointer returned that could point into it).
bool bindsTemporarySafely(const FunctionDecl *Callee) {
  if (!Callee)
    return false;
  switch (Callee->getOverloadedOperator()) {
  case OO_EqualEqual:
  case OO_ExclaimEqual:
  case OO_Less:
  case OO_Greater:
  case OO_LessEqual:
  case OO_GreaterEqual:
  case OO_Spaceship:
    return true;
  case OO_None:
    break;
  default:
    return false;
  }
  if (isa<CXXConstructorDecl>(Callee) ||
      Callee->getTemplatedKind() != FunctionDecl::TK_NonTemplate ||
      Callee->getReturnType()->isReferenceType() ||
      Callee->getReturnType()->isPointerType() || !Callee->getDeclName())
    return false;
  unsigned Overloads = 0;
  for (const NamedDecl *Found :
       Callee->getDeclContext()->getRedeclContext()->lookup(
           Callee->getDeclName()))
    if (isa<FunctionDecl>(Found->getUnderlyingDecl()) ||
        isa<FunctionTemplateDecl>(Found->getUnderlyingDecl()))
      if (Found->getUnderlyingDecl()->getCanonicalDecl() !=
          Callee->getCanonicalDecl())
        ++Overloads;
  return Overloads == 0;
}

// Use (a read of the member) needs the pointer's value as a shared pointer,
// not the member itself: it is copied or converted into another pointer (a
// local, a by-value parameter, a return value, a capture), assigned to
// another pointer, bound to a const reference parameter (a comparison
// included), or forwarded by make_shared to a constructor that takes it
// that way. 'm' -> 'm.lock()' gives each of them the same object while it
// lives, and an empty pointer after.
bool readsAsPointerValue(ASTContext &Context,
                         const OwnershipTypeClassifier &Classifier,
                         const Expr *Use) {
  const Stmt *Child = Use;
  const Stmt *Parent = parentStmt(Context, *Use);
  while (Parent && (isa<ImplicitCastExpr>(Parent) || isa<ParenExpr>(Parent))) {
    Child = Parent;
    Parent = parentStmt(Context, *Parent);
  }
  if (!Parent)
    return false;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Parent);
      Construct && Construct->getNumArgs() == 1 &&
      Construct->getArg(0) == Child &&
      isPointerValueType(Classifier, Construct->getType()))
    return true;
  if (const auto *Assign = dyn_cast<CXXOperatorCallExpr>(Parent);
      Assign && Assign->getOperator() == OO_Equal &&
      Assign->getNumArgs() == 2 && Assign->getArg(1) == Child &&
      isPointerValueType(Classifier, Assign->getArg(0)->getType()))
    return true;
  const ParmVarDecl *Param = parameterFor(Parent, Child);
  if (!Param)
    return false;
  const QualType Type = Param->getType();
  const FunctionDecl *Callee = nullptr;
  if (const auto *Call = dyn_cast<CallExpr>(Parent))
    Callee = Call->getDirectCallee();
  else if (const auto *Construct = dyn_cast<CXXConstructExpr>(Parent))
    Callee = Construct->getConstructor();
  if (Type->isLValueReferenceType() &&
      Type.getNonReferenceType().isConstQualified() &&
      isPointerValueType(Classifier, Type) && bindsTemporarySafely(Callee))
    return true;
  const auto *Call = dyn_cast<CallExpr>(Parent);
  return Call && Param->getFunctionScopeIndex() < Call->getNumArgs() &&
         forwardsTemporaryToConstructor(Call, Param->getFunctionScopeIndex());
}


} // namespace

struct SharedPtrCycleCheck::FixPlan {
  enum { None, OnWarning, OnNote } Where = None;
  std::string Reason;
  std::vector<FixItHint> Hints;
};

SharedPtrCycleCheck::SharedPtrCycleCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      SharedPointerTypes(utils::options::parseStringList(
          Options.get("SharedPointerTypes", DefaultSharedPointerTypes))),
      UniquePointerTypes(utils::options::parseStringList(
          Options.get("UniquePointerTypes", DefaultUniquePointerTypes))),
      BackReferenceNames(utils::options::parseStringList(
          Options.get("BackReferenceNames", graph::DefaultBackReferenceNames))),
      FactsDirectoryOption(Options.get("FactsDirectory", "").str()),
      FactsDirectory(factsDirectory(FactsDirectoryOption)),
      ReportTornDownCycles(boolOption(Options, "ReportTornDownCycles", false)),
      Inserter(Options.getLocalOrGlobal("IncludeStyle",
                                        utils::IncludeSorter::IS_LLVM),
               areDiagsSelfContained()),
      Classifier(toStrings(SharedPointerTypes), toStrings(UniquePointerTypes)) {}

void SharedPtrCycleCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "SharedPointerTypes",
                utils::options::serializeStringList(SharedPointerTypes));
  Options.store(Opts, "UniquePointerTypes",
                utils::options::serializeStringList(UniquePointerTypes));
  Options.store(Opts, "BackReferenceNames",
                utils::options::serializeStringList(BackReferenceNames));
  Options.store(Opts, "FactsDirectory", FactsDirectoryOption);
  Options.store(Opts, "ReportTornDownCycles",
                ReportTornDownCycles ? "true" : "false");
  Options.store(Opts, "IncludeStyle", Inserter.getStyle());
}

void SharedPtrCycleCheck::registerPPCallbacks(const SourceManager &SM,
                                              Preprocessor *PP,
                                              Preprocessor *ModuleExpanderPP) {
  Inserter.registerPreprocessor(PP);
  this->PP = PP;
}

void SharedPtrCycleCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      cxxRecordDecl(isDefinition(), unless(isExpansionInSystemHeader()))
          .bind("record"),
      this);
  // Pointer upcasts, in system headers too: 'shared_ptr<B> p =
  // make_shared<D>()' turns the D * into a B * inside the standard library.
  // Reaching a base's member through a derived pointer ('d->f()', 'd->*m')
  // converts too, but holds nothing: those casts are ruled out.
  const auto Upcast =
      castExpr(anyOf(hasCastKind(CK_DerivedToBase),
                     hasCastKind(CK_UncheckedDerivedToBase)),
               hasType(pointerType()));
  Finder->addMatcher(Upcast.bind("upcast"), this);
  Finder->addMatcher(
      memberExpr(isArrow(), hasObjectExpression(Upcast.bind("access"))), this);
  Finder->addMatcher(
      binaryOperator(hasOperatorName("->*"), hasLHS(Upcast.bind("access"))),
      this);
  // The same conversions where the program spells them, for a clang-tidy
  // that does not look into system headers at all (LLVM 21 and later skip
  // their declarations, template instantiations included): a smart pointer
  // to a base made, assigned or reset from a pointer to a derived class.
  const auto InUserCode = unless(isExpansionInSystemHeader());
  Finder->addMatcher(
      cxxConstructExpr(InUserCode, hasArgument(0, expr())).bind("convert"),
      this);
  Finder->addMatcher(
      cxxOperatorCallExpr(InUserCode, hasOverloadedOperatorName("="))
          .bind("convert"),
      this);
  Finder->addMatcher(
      cxxMemberCallExpr(InUserCode, callee(cxxMethodDecl(hasName("reset"))),
                        hasArgument(0, expr()))
          .bind("convert"),
      this);
  // Downcasts say the same from the other side: 'dynamic_cast<D *>(b)',
  // 'static_cast<D *>(b)' and 'std::dynamic_pointer_cast<D>(b)' expect D
  // objects behind pointers to the base (a zone looking up one kind of its
  // modificators). The pointer casts are matched where the program calls
  // them, for the clang-tidy that skips the system headers their casts are
  // in (as with the conversions above).
  Finder->addMatcher(
      castExpr(anyOf(hasCastKind(CK_BaseToDerived), hasCastKind(CK_Dynamic)),
               hasType(pointerType()))
          .bind("downcast"),
      this);
  Finder->addMatcher(
      callExpr(InUserCode, callee(functionDecl(hasAnyName(
                               "::std::dynamic_pointer_cast",
                               "::std::static_pointer_cast",
                               "::boost::dynamic_pointer_cast",
                               "::boost::static_pointer_cast"))),
               argumentCountIs(1))
          .bind("pointer-downcast"),
      this);
  // A strong reference to the object itself, in the function that makes it:
  // where it is stored can close a cycle on the same object.
  Finder->addMatcher(
      functionDecl(
          InUserCode, isDefinition(),
          unless(cxxMethodDecl(ofClass(cxxRecordDecl(isLambda())))),
          forEachDescendant(
              cxxMemberCallExpr(on(cxxThisExpr()),
                                callee(cxxMethodDecl(returns(hasDeclaration(
                                    classTemplateSpecializationDecl(
                                        hasAnyName("::std::shared_ptr",
                                                   "::boost::shared_ptr")))))))
                  .bind("self-ref")))
          .bind("self-fn"),
      this);
}

void SharedPtrCycleCheck::check(const MatchFinder::MatchResult &Result) {
  Context = Result.Context;
  if (const auto *Access = Result.Nodes.getNodeAs<CastExpr>("access")) {
    MemberAccessCasts.insert(Access);
    return;
  }
  if (const auto *Cast = Result.Nodes.getNodeAs<CastExpr>("upcast")) {
    addConversion(Cast);
    return;
  }
  if (const auto *E = Result.Nodes.getNodeAs<Expr>("convert")) {
    addConversion(E);
    return;
  }
  if (const auto *Cast = Result.Nodes.getNodeAs<CastExpr>("downcast")) {
    addDowncast(Cast->getSubExpr()->getType()->getPointeeCXXRecordDecl(),
                Cast->getType()->getPointeeCXXRecordDecl());
    return;
  }
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("pointer-downcast")) {
    addDowncast(pointeeOf(Call->getArg(0)->getType()),
                pointeeOf(Call->getType()));
    return;
  }
  if (const auto *Self = Result.Nodes.getNodeAs<Expr>("self-ref")) {
    const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("self-fn");
    if (Fn && !Fn->isDependentContext() &&
        escape::isSelfReference(Self))
      SelfReferences.push_back({Self, Fn});
    return;
  }
  const auto *Record = Result.Nodes.getNodeAs<CXXRecordDecl>("record");
  if (!Record || Record->isInvalidDecl() || Record->isLambda() ||
      Record->isUnion())
    return;
  addRecord(Record);
}

unsigned SharedPtrCycleCheck::nodeFor(const CXXRecordDecl *Record) {
  const CXXRecordDecl *Canonical = Record->getCanonicalDecl();
  auto It = NodeByDecl.find(Canonical);
  if (It != NodeByDecl.end())
    return It->second;
  const CXXRecordDecl *Definition = Record->getDefinition();
  const CXXRecordDecl *Shown = Definition ? Definition : Record;
  const unsigned Index = Graph.addNode(
      recordKey(Canonical, Context->getSourceManager()), recordDisplayName(Shown));
  if (Index == NodeDecls.size())
    NodeDecls.push_back(Shown);
  if (Definition && !Definition->isInvalidDecl())
    Graph.setPolymorphic(Index, Definition->isPolymorphic());
  NodeByDecl[Canonical] = Index;
  return Index;
}

void SharedPtrCycleCheck::addRecord(const CXXRecordDecl *Record) {
  const SourceManager &SM = Context->getSourceManager();
  const unsigned Owner = nodeFor(Record);
  for (const CXXBaseSpecifier &Base : Record->bases()) {
    const CXXRecordDecl *BaseRecord =
        OwnershipTypeClassifier::recordFor(Base.getType());
    if (!BaseRecord || !(BaseRecord = BaseRecord->getDefinition()) ||
        BaseRecord->isInvalidDecl() || isInSystemHeader(BaseRecord, SM))
      continue;
    Graph.addBase(Owner, nodeFor(BaseRecord));
  }
  for (const FieldDecl *Field : Record->fields()) {
    if (Field->isInvalidDecl())
      continue;
    llvm::SmallVector<OwnedRecord, 4> Owned;
    // Weak pointers own nothing (the cycle search skips them); they are
    // recorded only for the facts, where refcycle-graph draws them.
    Classifier.collect(Field->getType(), *Context, Owned,
                       /*IncludeWeak=*/!FactsDirectory.empty());
    // A raw pointer the class fills only with `new` owns its pointee, as a
    // unique_ptr would (the pimpl of a tree whose private part holds the
    // strong up-pointer).
    if (Owned.empty() && Field->getType()->isPointerType())
      if (const CXXRecordDecl *Pointee =
              Field->getType()->getPointeeType()->getAsCXXRecordDecl())
        if ((Pointee = Pointee->getDefinition()) &&
            !isInSystemHeader(Pointee, SM) && escape::ownsThroughNew(Field))
          Owned.push_back({Pointee, graph::OwnershipKind::Unique, nullptr,
                           /*ViaContainer=*/false});
    for (const OwnedRecord &O : Owned) {
      graph::Edge E;
      E.Owner = Owner;
      E.Owned = nodeFor(O.Record);
      E.Member = Graph.intern(Field->getName().empty()
                                  ? std::string("(anonymous)")
                                  : Field->getNameAsString());
      E.Kind = O.Kind;
      if (O.Pointer)
        E.PointerType = Graph.intern(
            OwnershipTypeClassifier::qualifiedName(O.Pointer).substr(2));
      E.ViaContainer = O.ViaContainer;
      const unsigned Before = Graph.edges().size();
      if (Graph.addEdge(std::move(E)) != Before)
        continue;
      EdgeMembers.push_back(Field);
      EdgeTargets.push_back(O.Record);
    }
  }
}

void SharedPtrCycleCheck::addConversion(const CastExpr *Cast) {
  addConversion(Cast->getSubExpr()->getType()->getPointeeCXXRecordDecl(),
                Cast->getType()->getPointeeCXXRecordDecl(), Cast);
}

void SharedPtrCycleCheck::addConversion(const Expr *E) {
  QualType To, From;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    if (Construct->getConstructor()->isCopyOrMoveConstructor())
      return;
    To = Construct->getType();
    From = Construct->getArg(0)->getType();
  } else if (const auto *Assign = dyn_cast<CXXOperatorCallExpr>(E)) {
    if (Assign->getNumArgs() != 2)
      return;
    To = Assign->getArg(0)->getType();
    From = Assign->getArg(1)->getType();
  } else if (const auto *Reset = dyn_cast<CXXMemberCallExpr>(E)) {
    // The object as written: libstdc++'s reset() is a member of the base
    // __shared_ptr, which the object is converted to first.
    To = Reset->getImplicitObjectArgument()->IgnoreParenImpCasts()->getType();
    if (To->isPointerType())
      To = To->getPointeeType();
    From = Reset->getArg(0)->getType();
  }
  const CXXRecordDecl *Derived = pointeeOf(From);
  const CXXRecordDecl *Base = pointeeOf(To);
  if (Derived && Base && Derived->hasDefinition() &&
      Derived->getDefinition()->isDerivedFrom(Base))
    addConversion(Derived, Base, nullptr);
}

const CXXRecordDecl *SharedPtrCycleCheck::pointeeOf(QualType T) const {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType();
  if (T->isPointerType())
    return T->getPointeeCXXRecordDecl();
  llvm::SmallVector<TemplateArgument, 2> Args;
  const TemplateDecl *Template = OwnershipTypeClassifier::templateOf(T, Args);
  if (!Template || Args.empty() || Args[0].getKind() != TemplateArgument::Type ||
      !(Classifier.isSharedPointer(Template) ||
        Classifier.isUniquePointer(Template) ||
        OwnershipTypeClassifier::isWeakPointer(Template)))
    return nullptr;
  return OwnershipTypeClassifier::recordFor(Args[0].getAsType());
}

void SharedPtrCycleCheck::addConversion(const CXXRecordDecl *From,
                                        const CXXRecordDecl *To,
                                        const CastExpr *Cast) {
  if (!From || !To || !(From = From->getDefinition()) ||
      !(To = To->getDefinition()) || From == To || From->isInvalidDecl() ||
      To->isInvalidDecl() || !To->isPolymorphic())
    return;
  // Only an edge to a class of the program reaches derived classes.
  const SourceManager &SM = Context->getSourceManager();
  if (isInSystemHeader(To, SM) || isInSystemHeader(From, SM))
    return;
  ConversionCasts.push_back({Cast, From, To});
}

void SharedPtrCycleCheck::addDowncast(const CXXRecordDecl *Base,
                                      const CXXRecordDecl *Derived) {
  if (Base && Derived && Derived->hasDefinition() &&
      Derived->getDefinition()->isDerivedFrom(Base))
    addConversion(Derived, Base, nullptr);
}

void SharedPtrCycleCheck::addConversionsToGraph() {
  for (const ConversionCast &C : ConversionCasts) {
    if (C.Cast && MemberAccessCasts.contains(C.Cast))
      continue;
    const unsigned From = nodeFor(C.From), To = nodeFor(C.To);
    Graph.addConversion(From, To);
    if (const CXXRecordDecl *FromPattern = patternOf(C.From)) {
      Graph.addConversion(nodeFor(FromPattern), To);
      if (const CXXRecordDecl *ToPattern = patternOf(C.To))
        Graph.addConversion(nodeFor(FromPattern), nodeFor(ToPattern));
    }
  }
}

bool SharedPtrCycleCheck::drainedElsewhere(const graph::Cycle &C) const {
  for (const graph::CycleStep &S : C.Steps)
    for (unsigned E : S.Edges) {
      // A public container is a data structure any code may change; a
      // private or protected one is managed by its class.
      if (!Graph.edges()[E].ViaContainer ||
          EdgeMembers[E]->getAccess() == AS_public)
        continue;
      const auto *Owner =
          dyn_cast<CXXRecordDecl>(EdgeMembers[E]->getParent());
      if (!Owner)
        continue;
      for (const Decl *D : Owner->decls()) {
        const auto *M = dyn_cast<CXXMethodDecl>(D);
        if (const auto *T = dyn_cast<FunctionTemplateDecl>(D))
          M = dyn_cast<CXXMethodDecl>(T->getTemplatedDecl());
        if (M && mayChangeMembers(M) && !M->hasBody())
          return true;
      }
    }
  return false;
}

std::string SharedPtrCycleCheck::memberName(unsigned Edge) const {
  const graph::Edge &E = Graph.edges()[Edge];
  return Graph.nodes()[E.Owner].Name + "::" + E.Member;
}

void SharedPtrCycleCheck::onEndOfTranslationUnit() {
  if (!Context) {
    reset();
    return;
  }
  addConversionsToGraph();
  addSelfStores();
  addClosingStores();
  graph::CyclePolicy Policy;
  for (StringRef Word : BackReferenceNames)
    Policy.BackReferenceNames.push_back(Word.str());
  std::vector<graph::Cycle> Cycles = graph::findReportableCycles(Graph, Policy);
  // Which members only constructors set is asked only of a TU with a cycle
  // (or facts to write): it walks every member function of their classes.
  if (!Cycles.empty() || !FactsDirectory.empty()) {
    if (markConstructionOnlyEdges() && !Cycles.empty())
      Cycles = graph::findReportableCycles(Graph, Policy);
  }
  // The facts need the releases of every member: another translation unit
  // may close a cycle through it.
  if (!Cycles.empty() || !FactsDirectory.empty())
    collectUses(Cycles, /*AllMembers=*/!FactsDirectory.empty());
  Releases = findReleases();

  // Cycles seen in a template pattern first: a cycle that every
  // instantiation repeats is then reported once, at the template.
  auto inPattern = [&](const graph::Cycle &C) {
    return llvm::any_of(C.Steps, [&](const graph::CycleStep &S) {
      return NodeDecls[S.Owner]->isDependentContext();
    });
  };
  std::vector<graph::Cycle> Reported;
  for (int Pass = 0; Pass < 2; ++Pass)
    for (const graph::Cycle &C : Cycles)
      if (inPattern(C) == (Pass == 0) &&
          (ReportTornDownCycles || (!graph::isTornDown(Graph, C, Releases) &&
                                    !drainedElsewhere(C))) &&
          report(C))
        Reported.push_back(C);
  if (!FactsDirectory.empty())
    writeFacts(Reported);
  reset();
}

void SharedPtrCycleCheck::writeFacts(
    const std::vector<graph::Cycle> &Reported) {
  const SourceManager &SM = Context->getSourceManager();
  // Paths in the facts are absolute: clang's are relative to the compile
  // command's directory, which refcycle-graph, run elsewhere, does not know.
  auto absolute = [&SM](StringRef Path) { return absoluteFactsPath(SM, Path); };
  std::vector<graph::EdgeSite> Sites;
  Sites.reserve(EdgeMembers.size());
  for (const FieldDecl *Member : EdgeMembers) {
    graph::EdgeSite Site;
    PresumedLoc Loc =
        SM.getPresumedLoc(SM.getSpellingLoc(Member->getLocation()));
    if (Loc.isValid()) {
      Site.File = absolute(Loc.getFilename());
      Site.Line = Loc.getLine();
      Site.Column = Loc.getColumn();
    }
    Sites.push_back(std::move(Site));
  }
  std::string MainFile;
  if (auto Entry = SM.getFileEntryRefForID(SM.getMainFileID()))
    MainFile = absolute(Entry->getName());
  std::string Error;
  if (!writeOwnershipFacts(FactsDirectory, MainFile, Graph, Sites, Reported,
                           Releases, memberCallFacts(), Error))
    configurationDiag("cannot write ownership facts to '%0': %1")
        << FactsDirectory << Error;
}

namespace {
// Collects the member expressions naming some fields, in user code only
// (declarations in system headers are skipped whole).
class UseCollector : public UserCodeVisitor<UseCollector> {
public:
  UseCollector(const SourceManager &SM,
               llvm::DenseMap<const FieldDecl *,
                              llvm::SmallVector<const Expr *, 2>> &Uses)
      : UserCodeVisitor(SM), Uses(Uses) {}

  bool VisitMemberExpr(MemberExpr *E) {
    record(E->getMemberDecl(), E);
    return true;
  }

  // '&C::m' and 'decltype(m)' at class scope name the member without a
  // member expression.
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    record(E->getDecl(), E);
    return true;
  }

private:
  void record(const ValueDecl *D, const Expr *E) {
    if (const auto *Field = dyn_cast_or_null<FieldDecl>(D)) {
      auto It = Uses.find(Field);
      if (It != Uses.end())
        It->second.push_back(E);
    }
  }

  llvm::DenseMap<const FieldDecl *, llvm::SmallVector<const Expr *, 2>> &Uses;
};
} // namespace

void SharedPtrCycleCheck::collectUses(const std::vector<graph::Cycle> &Cycles,
                                      bool AllMembers) {
  const auto &Edges = Graph.edges();
  if (AllMembers) {
    for (unsigned E = 0; E < Edges.size(); ++E)
      if (Edges[E].Kind != graph::OwnershipKind::Weak)
        Uses.try_emplace(EdgeMembers[E]);
  }
  // The cycle's edges, and the edges parallel to them: whether a release
  // breaks the cycle depends on whether those are released too. And the
  // containers of the objects whose members they are: taking one object
  // out of such a container detaches it alone (see removesOneHolder).
  for (const graph::Cycle &C : Cycles)
    for (const graph::CycleStep &S : C.Steps)
      for (unsigned E : S.Edges) {
        Uses.try_emplace(EdgeMembers[E]);
        for (unsigned P = 0; P < Edges.size(); ++P)
          if (P != E && Edges[P].Kind != graph::OwnershipKind::Weak &&
              ((Edges[P].Owner == Edges[E].Owner &&
                Edges[P].Owned == Edges[E].Owned) ||
               (Edges[P].ViaContainer && Edges[P].Owned == Edges[E].Owner)))
            Uses.try_emplace(EdgeMembers[P]);
      }
  if (Uses.empty())
    return;
  UseCollector(Context->getSourceManager(), Uses)
      .TraverseDecl(Context->getTranslationUnitDecl());
}

bool SharedPtrCycleCheck::markConstructionOnlyEdges() {
  bool Any = false;
  llvm::DenseMap<const FieldDecl *, bool> Known;
  const auto &Edges = Graph.edges();
  for (unsigned E = 0; E < Edges.size(); ++E) {
    if (Edges[E].Kind == graph::OwnershipKind::Weak ||
        Edges[E].Kind == graph::OwnershipKind::Value)
      continue;
    const auto [It, New] = Known.try_emplace(EdgeMembers[E], false);
    if (New)
      It->second = isSetOnlyAtConstruction(EdgeMembers[E]);
    if (It->second) {
      Graph.markConstructionOnly(E);
      Any = true;
    }
  }
  return Any;
}

void SharedPtrCycleCheck::addSelfStores() {
  // Only the escape analysis's generic parts run here: no callback types,
  // registration names or keep-alive types are needed to follow an owning
  // pointer into the object's own storage.
  const escape::Config Cfg;
  for (const SelfReference &Ref : SelfReferences) {
    std::optional<escape::Escape> Sink =
        escape::whereStored(Ref.Value, Ref.Function, *Context, Cfg, SelfStores);
    if (!Sink || !Sink->Own || !Sink->Field)
      continue;
    for (unsigned E = 0; E < EdgeMembers.size(); ++E)
      if (EdgeMembers[E]->getCanonicalDecl() ==
              Sink->Field->getCanonicalDecl() &&
          Graph.edges()[E].Kind == graph::OwnershipKind::Shared) {
        Graph.addEvidence(E);
        EvidenceSites.try_emplace(E, Ref);
      }
  }
}

void SharedPtrCycleCheck::addClosingStores() {
  // Only the members of a type-level loop can close one.
  llvm::DenseSet<const FieldDecl *> Fields;
  for (const std::vector<unsigned> &Component : Graph.componentEdgeSets())
    for (unsigned E : Component)
      Fields.insert(EdgeMembers[E]->getCanonicalDecl());
  if (Fields.empty())
    return;
  const auto &Edges = Graph.edges();
  auto edgesOf = [&](const FieldDecl *Field) {
    llvm::SmallVector<unsigned, 2> Found;
    for (unsigned E = 0; E < EdgeMembers.size(); ++E)
      if (EdgeMembers[E]->getCanonicalDecl() == Field->getCanonicalDecl() &&
          Edges[E].Kind != graph::OwnershipKind::Weak)
        Found.push_back(E);
    return Found;
  };
  for (const ClosingPair &Pair : findClosingPairs(*Context, Fields))
    for (unsigned A : edgesOf(Pair.First.Field))
      for (unsigned B : edgesOf(Pair.Second.Field)) {
        // The two edges point at each other's owner.
        if (Edges[A].Owned != Edges[B].Owner &&
            Edges[B].Owned != Edges[A].Owner)
          continue;
        for (auto [Edge, Partner] : {std::pair(A, B), std::pair(B, A)})
          if (Edges[Edge].Kind == graph::OwnershipKind::Shared) {
            Graph.addEvidence(Edge, Partner);
            PairSites.try_emplace(Edge, Pair);
          }
      }
}

void SharedPtrCycleCheck::reset() {
  SelfReferences.clear();
  EvidenceSites.clear();
  PairSites.clear();
  SelfStores.clear();
  Graph = graph::OwnershipGraph();
  EdgeMembers.clear();
  EdgeTargets.clear();
  NodeDecls.clear();
  NodeByDecl.clear();
  Uses.clear();
  Callers.reset();
  Releases.clear();
  ReleaseSites.clear();
  ReportedKeys.clear();
  ConversionCasts.clear();
  MemberAccessCasts.clear();
  Context = nullptr;
}

bool SharedPtrCycleCheck::report(const graph::Cycle &C) {
  const auto &Edges = Graph.edges();
  const auto &Nodes = Graph.nodes();

  // One report per set of member declarations: instantiations of the same
  // template share their members' locations.
  std::vector<unsigned> Locations;
  for (const graph::CycleStep &S : C.Steps)
    for (unsigned E : S.Edges)
      Locations.push_back(EdgeMembers[E]->getLocation().getRawEncoding());
  std::sort(Locations.begin(), Locations.end());
  std::string Key;
  for (unsigned L : Locations)
    Key += std::to_string(L) + ",";
  if (llvm::is_contained(ReportedKeys, Key))
    return false;
  ReportedKeys.push_back(Key);

  const FieldDecl *Weak = EdgeMembers[C.WeakEdge];
  FixPlan Plan = planFix(C.WeakEdge);
  // An object that owns itself: the cycle has one step and the program is
  // seen storing the object into it.
  const auto SelfSite = EvidenceSites.find(C.WeakEdge);
  const auto *SelfClass =
      C.Steps.size() == 1 && SelfSite != EvidenceSites.end()
          ? dyn_cast<CXXMethodDecl>(SelfSite->second.Function)
          : nullptr;
  {
    auto Diag =
        SelfClass
            ? diag(Weak->getLocation(),
                   "'%0' closes a shared_ptr ownership cycle: a '%1' stores a "
                   "strong reference to itself in it; the object is never "
                   "freed")
                  << memberName(C.WeakEdge)
                  << SelfClass->getParent()->getQualifiedNameAsString()
            : diag(Weak->getLocation(),
                   "'%0' closes a shared_ptr ownership cycle: %1; objects in "
                   "this cycle are never freed")
                  << memberName(C.WeakEdge) << graph::describeCycle(Graph, C);
    if (Plan.Where == FixPlan::OnWarning)
      for (const FixItHint &Hint : Plan.Hints)
        Diag << Hint;
  }

  const graph::CycleStep &WeakStep = C.Steps.front();
  if (WeakStep.Owned != Edges[C.WeakEdge].Owned)
    diag(Weak->getLocation(), "'%0' owns '%1' here through its base class '%2'",
         DiagnosticIDs::Note)
        << memberName(C.WeakEdge) << Nodes[WeakStep.Owned].Name
        << Nodes[Edges[C.WeakEdge].Owned].Name;
  for (size_t I = 0; I + 1 < WeakStep.Edges.size(); ++I)
    diag(EdgeMembers[WeakStep.Edges[I]]->getLocation(),
         "'%0' contains a '%1' by value here", DiagnosticIDs::Note)
        << memberName(WeakStep.Edges[I])
        << Nodes[Edges[WeakStep.Edges[I]].Owned].Name;

  for (size_t I = 1; I < C.Steps.size(); ++I) {
    const graph::CycleStep &S = C.Steps[I];
    const unsigned First = S.Edges.front();
    const unsigned Leaf = S.Edges.back();
    const SourceLocation Loc = EdgeMembers[First]->getLocation();
    if (S.Edges.size() > 1)
      diag(Loc, "'%0' owns '%1' here through '%2'", DiagnosticIDs::Note)
          << memberName(First) << Nodes[S.Owned].Name << memberName(Leaf);
    else if (S.Owned != Edges[Leaf].Owned)
      diag(Loc, "'%0' owns '%1' here through its base class '%2'",
           DiagnosticIDs::Note)
          << memberName(Leaf) << Nodes[S.Owned].Name
          << Nodes[Edges[Leaf].Owned].Name;
    else
      diag(Loc, "'%0' owns '%1' here", DiagnosticIDs::Note)
          << memberName(Leaf) << Nodes[S.Owned].Name;
  }

  noteEvidence(C);
  noteReleasesOnlyTheCycleRuns(C);

  if (Plan.Where == FixPlan::OnNote) {
    auto Diag = diag(Weak->getLocation(),
                     "make '%0' a weak pointer to break the cycle; its uses "
                     "then lock it first, and must handle an expired object",
                     DiagnosticIDs::Note)
                << memberName(C.WeakEdge);
    for (const FixItHint &Hint : Plan.Hints)
      Diag << Hint;
  } else if (Plan.Where == FixPlan::None) {
    diag(Weak->getLocation(),
         "make '%0' a weak pointer to break the cycle (no automatic fix: %1)",
         DiagnosticIDs::Note)
        << memberName(C.WeakEdge) << Plan.Reason;
  }
  return true;
}

void SharedPtrCycleCheck::noteEvidence(const graph::Cycle &C) {
  // The program stores a strong reference to an object in that object.
  for (const graph::CycleStep &S : C.Steps)
    for (unsigned E : S.Edges) {
      auto It = EvidenceSites.find(E);
      if (It == EvidenceSites.end())
        continue;
      const auto *Method = dyn_cast<CXXMethodDecl>(It->second.Function);
      diag(It->second.Value->getBeginLoc(),
           "'%0' stores a strong reference to this '%1' in '%2' here",
           DiagnosticIDs::Note)
          << It->second.Function->getQualifiedNameAsString()
          << (Method ? Method->getParent()->getQualifiedNameAsString()
                     : Graph.nodes()[S.Owned].Name)
          << memberName(E);
      return;
    }
  // The program stores two objects into each other.
  for (const graph::CycleStep &S : C.Steps)
    for (unsigned E : S.Edges) {
      auto It = PairSites.find(E);
      if (It == PairSites.end())
        continue;
      const MemberStore &First = It->second.First;
      const MemberStore &Second = It->second.Second;
      diag(First.Site->getBeginLoc(),
           "'%0' stores '%1' in '%2' of '%3' here",
           DiagnosticIDs::Note)
          << First.Function->getQualifiedNameAsString()
          << objectName(First.Stored) << First.Field->getName()
          << objectName(First.Into);
      diag(Second.Site->getBeginLoc(),
           "and '%0' in '%1' of '%2' here: the two objects own each other",
           DiagnosticIDs::Note)
          << objectName(Second.Stored) << Second.Field->getName()
          << objectName(Second.Into);
      return;
    }
  const FieldDecl *Weak = EdgeMembers[C.WeakEdge];
  auto WeakUses = Uses.find(Weak);
  if (WeakUses == Uses.end())
    return;
  for (const Expr *Use : WeakUses->second) {
    const CXXOperatorCallExpr *Assign = assignmentTo(*Context, Use);
    if (!Assign)
      continue;
    if (isSharedFromThis(Assign->getArg(1))) {
      diag(Assign->getBeginLoc(),
           "'%0' is set to 'shared_from_this()' here, so the objects of the "
           "cycle do own each other at run time",
           DiagnosticIDs::Note)
          << memberName(C.WeakEdge);
      return;
    }
  }
  // Both directions assigned in one function: 'a->b = b; b->a = a;'
  // (not 'a->b = nullptr; b->a = nullptr;', which unlinks them).
  for (const Expr *Use : WeakUses->second) {
    const CXXOperatorCallExpr *Assign = assignmentTo(*Context, Use);
    if (!Assign || releases(*Context, Use))
      continue;
    const FunctionDecl *Function = owningFunction(*Context, *Assign);
    if (!Function)
      continue;
    for (unsigned Other : C.Path) {
      auto OtherUses = Uses.find(EdgeMembers[Other]);
      if (OtherUses == Uses.end())
        continue;
      for (const Expr *OtherUse : OtherUses->second) {
        const CXXOperatorCallExpr *OtherAssign =
            assignmentTo(*Context, OtherUse);
        if (OtherAssign && !releases(*Context, OtherUse) &&
            owningFunction(*Context, *OtherAssign) == Function) {
          diag(Assign->getBeginLoc(),
               "'%0' and '%1' are both assigned in this function, so the "
               "objects of the cycle do own each other at run time",
               DiagnosticIDs::Note)
              << memberName(C.WeakEdge) << memberName(Other);
          return;
        }
      }
    }
  }
}

namespace {
// Finds where the owning pointer that names Target is spelled in a member's
// type: the range from its first token to its template name, to be replaced
// by the weak pointer's name. Looks into standard containers and arrays, not
// through aliases or macros.
class PointerSpellingFinder {
public:
  PointerSpellingFinder(const OwnershipTypeClassifier &Classifier,
                        const CXXRecordDecl *Target)
      : Classifier(Classifier), Target(Target->getCanonicalDecl()) {}

  bool find(TypeLoc TL, unsigned Depth = 0) {
    if (Depth > 12 || TL.isNull())
      return false;
    SourceLocation Begin;
    for (;;) {
      if (auto Q = TL.getAs<QualifiedTypeLoc>()) {
        TL = Q.getUnqualifiedLoc();
        continue;
      }
#if CLANG_VERSION_MAJOR < 22
      if (auto E = TL.getAs<ElaboratedTypeLoc>()) {
        if (Begin.isInvalid())
          Begin = E.getBeginLoc();
        TL = E.getNamedTypeLoc();
        continue;
      }
#endif
      break;
    }
    if (auto A = TL.getAs<ArrayTypeLoc>()) {
      Nested = true;
      return find(A.getElementLoc(), Depth + 1);
    }
    if (auto T = TL.getAs<TypedefTypeLoc>()) {
      // The member's whole type is an alias of the shared pointer itself
      // (`using Ptr = std::shared_ptr<Server>; Ptr owner_;`): the alias
      // stays, the member's type is written out instead.
      const CXXRecordDecl *Pointee = nullptr;
      QualType PointeeType;
      if (Depth == 0 && !TL.getBeginLoc().isMacroID() &&
          Classifier.isSharedPointerType(TL.getType().getCanonicalType())) {
        const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
            TL.getType().getCanonicalType()->getAsCXXRecordDecl());
        if (Spec && Spec->getTemplateArgs().size() >= 1 &&
            Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type) {
          PointeeType = Spec->getTemplateArgs()[0].getAsType();
          Pointee = OwnershipTypeClassifier::recordFor(PointeeType);
        }
      }
      if (Pointee && Pointee->getCanonicalDecl() == Target &&
          Pointee->getIdentifier() && !Pointee->isLambda() &&
          !Pointee->getDeclContext()->isFunctionOrMethod()) {
        Range = SourceRange(TL.getBeginLoc(), TL.getEndLoc());
        WholeType = PointeeType;
        return true;
      }
      noteReason("its type is spelled through the alias '" +
                 T.getTypePtr()->getDecl()->getNameAsString() + "'");
      return false;
    }
    if (TL.getAs<UsingTypeLoc>()) {
      noteReason("its type is spelled through a using-declaration");
      return false;
    }
    auto T = TL.getAs<TemplateSpecializationTypeLoc>();
    if (T.isNull())
      return false;
    const TemplateDecl *Template =
        T.getTypePtr()->getTemplateName().getAsTemplateDecl();
    if (!Template)
      return false;
    if (isa<TypeAliasTemplateDecl>(Template)) {
      noteReason("its type is spelled through the alias template '" +
                 Template->getNameAsString() + "'");
      return false;
    }
    if (Begin.isInvalid())
      Begin = T.getBeginLoc();
    if (Classifier.isSharedPointer(Template)) {
      if (T.getNumArgs() < 1 ||
          T.getArgLoc(0).getArgument().getKind() != TemplateArgument::Type)
        return false;
      QualType Pointee = T.getArgLoc(0).getArgument().getAsType();
      if (const ArrayType *AT = Pointee->getAsArrayTypeUnsafe())
        Pointee = AT->getElementType();
      const CXXRecordDecl *Named = OwnershipTypeClassifier::recordFor(Pointee);
      if (!Named || Named->getCanonicalDecl() != Target)
        return false;
      if (Begin.isMacroID() || T.getTemplateNameLoc().isMacroID()) {
        noteReason("its type is spelled inside a macro");
        return false;
      }
      Range = SourceRange(Begin, T.getTemplateNameLoc());
      return true;
    }
    bool Many = false;
    if (!OwnershipTypeClassifier::isStandardHolder(Template, Many))
      return false;
    for (unsigned I = 0; I < T.getNumArgs(); ++I) {
      const TemplateArgumentLoc &Arg = T.getArgLoc(I);
      if (Arg.getArgument().getKind() != TemplateArgument::Type ||
          !Arg.getTypeSourceInfo())
        continue;
      Nested = true;
      if (find(Arg.getTypeSourceInfo()->getTypeLoc(), Depth + 1))
        return true;
    }
    return false;
  }

  void noteReason(std::string Why) {
    if (Reason.empty())
      Reason = std::move(Why);
  }

  SourceRange Range;
  /// Set when Range is an alias of the whole pointer type: the pointee, to
  /// write the weak pointer's type out.
  QualType WholeType;
  bool Nested = false;
  std::string Reason;

private:
  const OwnershipTypeClassifier &Classifier;
  const CXXRecordDecl *Target;
};
} // namespace

namespace {
// The nodes from a use of the member up to the body of the function (or
// lambda, or block) that contains it, nearest first. Stops at anything that
// is not a statement, so that a local variable declared around the use is
// never visible from a nested lambda or local class.
llvm::SmallVector<const Stmt *, 8> ancestorsOf(ASTContext &Context,
                                               const Expr *Use) {
  llvm::SmallVector<const Stmt *, 8> Chain;
  const Stmt *S = Use;
  for (unsigned Depth = 0; Depth < 256; ++Depth) {
    const Stmt *Parent = parentStmt(Context, *S);
    if (!Parent || isa<LambdaExpr>(Parent) || isa<BlockExpr>(Parent))
      break;
    Chain.push_back(Parent);
    S = Parent;
  }
  return Chain;
}

// E tests the pointer Use for null: 'if (parent)', 'parent ? a : b'.
bool isNullTestOf(const Expr *E, const Expr *Use) {
  const auto *Call = dyn_cast<CXXMemberCallExpr>(E->IgnoreImplicit());
  if (!Call || !isa_and_nonnull<CXXConversionDecl>(Call->getMethodDecl()))
    return false;
  return Call->getImplicitObjectArgument()->IgnoreParenImpCasts() == Use;
}

bool containsWord(StringRef Text, StringRef Word) {
  auto isIdentifierChar = [](char C) { return llvm::isAlnum(C) || C == '_'; };
  for (size_t At = Text.find(Word); At != StringRef::npos;
       At = Text.find(Word, At + 1)) {
    const bool StartsWord = At == 0 || !isIdentifierChar(Text[At - 1]);
    const size_t End = At + Word.size();
    const bool EndsWord = End == Text.size() || !isIdentifierChar(Text[End]);
    if (StartsWord && EndsWord)
      return true;
  }
  return false;
}

// Rewrites the uses of a member that becomes a weak pointer, so that each
// dereference happens on a locked pointer that was checked first:
//   if (parent) parent->f();    ->  if (auto p = parent.lock()) p->f();
//   parent->f(x);               ->  if (auto p = parent.lock()) p->f(x);
// A use that no guard can cover (inside a return statement or an
// initializer, say) locks without a check: 'parent.lock()->f()'.
class LockedUseRewriter {
public:
  LockedUseRewriter(ASTContext &Context, const Preprocessor *PP,
                    StringRef MemberName)
      : Context(Context), SM(Context.getSourceManager()),
        LangOpts(Context.getLangOpts()), PP(PP), MemberName(MemberName) {}

  /// A use that changes the pointer: no guard may span it, or the uses
  /// after it would still see the old object.
  void addWrite(const Expr *Use) { Writes.push_back(Use); }

  /// A use that dereferences the pointer or tests it for null, or, with
  /// \p ValueOnly, one that only needs its value ('return m;', 'p = m;').
  void add(const Expr *Use, bool ValueOnly = false) {
    const unsigned Key = Use->getBeginLoc().getRawEncoding();
    if (!Seen.insert(Key).second)
      return;
    LockedUse U;
    U.Use = Use;
    U.ValueOnly = ValueOnly;
    U.Text = Lexer::getSourceText(
        CharSourceRange::getTokenRange(Use->getSourceRange()), SM, LangOpts);
    U.Ancestors = ancestorsOf(Context, Use);
    LockedUses.push_back(std::move(U));
  }

  std::vector<FixItHint> rewrite() {
    std::vector<FixItHint> Hints;
    guardIfStatements(Hints);
    guardExpressionStatements(Hints);
    for (LockedUse &U : LockedUses)
      if (!U.Covered)
        Hints.push_back(FixItHint::CreateInsertion(
            Lexer::getLocForEndOfToken(U.Use->getEndLoc(), 0, SM, LangOpts),
            ".lock()"));
    return Hints;
  }

private:
  struct LockedUse {
    const Expr *Use = nullptr;
    // The value is copied, not dereferenced: no reason to skip the
    // statement when the object is gone ('other = m.lock();' stays).
    bool ValueOnly = false;
    StringRef Text;
    llvm::SmallVector<const Stmt *, 8> Ancestors;
    bool Covered = false;
    /// The node just below Ancestors[I] on the way up from Use.
    const Stmt *childOf(size_t I) const {
      return I == 0 ? static_cast<const Stmt *>(Use) : Ancestors[I - 1];
    }
  };

  // 'if (parent) ...' (any C++ version) or, from C++17, any condition that
  // uses the member: 'if (auto p = parent.lock(); p && p->ready()) ...'.
  // The outermost such if statement guards every use of the same pointer in
  // it.
  void guardIfStatements(std::vector<FixItHint> &Hints) {
    for (LockedUse &U : LockedUses) {
      if (U.Covered)
        continue;
      const IfStmt *Outermost = nullptr;
      for (size_t I = 0; I < U.Ancestors.size(); ++I) {
        const auto *If = dyn_cast<IfStmt>(U.Ancestors[I]);
        if (If && guardable(If, U))
          Outermost = If;
      }
      if (!Outermost)
        continue;
      if (!GuardStatements.insert(Outermost).second ||
          !canGuard(Outermost, U.Text))
        continue;
      llvm::SmallVector<LockedUse *, 4> Guarded = usesInside(Outermost, U);
      std::string Name = localName(Outermost->getSourceRange());
      if (Name.empty())
        continue;
      const Expr *Cond = Outermost->getCond();
      if (isNullTestOf(Cond, conditionUse(Outermost, U)))
        Hints.push_back(FixItHint::CreateReplacement(
            CharSourceRange::getTokenRange(Cond->getSourceRange()),
            "auto " + Name + " = " + U.Text.str() + ".lock()"));
      else
        Hints.push_back(FixItHint::CreateInsertion(
            Cond->getBeginLoc(),
            "auto " + Name + " = " + U.Text.str() + ".lock(); "));
      for (LockedUse *G : Guarded) {
        G->Covered = true;
        if (isNullTestOf(Cond, G->Use))
          continue; // replaced with the whole condition
        Hints.push_back(FixItHint::CreateReplacement(
            CharSourceRange::getTokenRange(G->Use->getSourceRange()), Name));
      }
    }
  }

  // An expression statement that uses the member, directly in a block:
  // 'parent->f(x);' -> 'if (auto p = parent.lock()) p->f(x);'.
  void guardExpressionStatements(std::vector<FixItHint> &Hints) {
    for (LockedUse &U : LockedUses) {
      if (U.Covered || U.ValueOnly)
        continue;
      const Stmt *Statement = nullptr;
      for (size_t I = 0; I < U.Ancestors.size(); ++I) {
        if (isa<CompoundStmt>(U.Ancestors[I])) {
          // The last statement of '({ ... })' is its value: a guard would
          // make it void.
          if (I + 1 < U.Ancestors.size() && isa<StmtExpr>(U.Ancestors[I + 1]))
            break;
          const Stmt *Child = U.childOf(I);
          if (isa<Expr>(Child))
            Statement = Child;
          break;
        }
        if (!isa<Expr>(U.Ancestors[I]))
          break;
      }
      if (!Statement || Statement->getBeginLoc().isMacroID() ||
          Statement->getEndLoc().isMacroID())
        continue;
      llvm::SmallVector<LockedUse *, 4> Guarded = usesInside(Statement, U);
      // Another pointer (another object's member) dereferenced in the same
      // statement would need a second guard: lock each use instead.
      if (llvm::any_of(LockedUses, [&](const LockedUse &Other) {
            return !Other.Covered && Other.Text != U.Text &&
                   llvm::is_contained(Other.Ancestors, Statement);
          }))
        continue;
      if (!GuardStatements.insert(Statement).second ||
          !canGuard(Statement, U.Text))
        continue;
      std::string Name = localName(Statement->getSourceRange());
      if (Name.empty())
        continue;
      Hints.push_back(FixItHint::CreateInsertion(
          Statement->getBeginLoc(),
          "if (auto " + Name + " = " + U.Text.str() + ".lock()) "));
      for (LockedUse *G : Guarded) {
        G->Covered = true;
        Hints.push_back(FixItHint::CreateReplacement(
            CharSourceRange::getTokenRange(G->Use->getSourceRange()), Name));
      }
    }
  }

  // If's condition uses U's pointer (not a copy of it in a variable) and
  // the statement can take a declaration in its condition.
  bool guardable(const IfStmt *If, const LockedUse &U) const {
    if (If->getInit() || If->getConditionVariable() || If->isConstexpr() ||
        If->getBeginLoc().isMacroID() || If->getEndLoc().isMacroID())
      return false;
    const Expr *Use = conditionUse(If, U);
    if (!Use)
      return false;
    if (isNullTestOf(If->getCond(), Use))
      return true;
    // 'if (auto p = m.lock(); p && other.m->ok())': another object's
    // pointer in the condition would need a second initializer.
    return LangOpts.CPlusPlus17 &&
           llvm::none_of(LockedUses, [&](const LockedUse &Other) {
             return Other.Text != U.Text &&
                    llvm::is_contained(Other.Ancestors, If->getCond());
           }) &&
           llvm::none_of(LockedUses, [&](const LockedUse &Other) {
             return Other.Text != U.Text && Other.Use == If->getCond();
           });
  }

  // Nothing inside Guard writes the pointer, and no jump from outside lands
  // inside it (over the new declaration).
  bool canGuard(const Stmt *Guard, StringRef Text) const {
    // An if statement's guard covers its condition and then-branch only.
    SourceLocation End = Guard->getEndLoc();
    if (const auto *If = dyn_cast<IfStmt>(Guard))
      End = If->getThen()->getEndLoc();
    for (const Expr *W : Writes) {
      bool Invalid = false;
      StringRef WriteText = Lexer::getSourceText(
          CharSourceRange::getTokenRange(W->getSourceRange()), SM, LangOpts,
          &Invalid);
      if (!Invalid && WriteText == Text &&
          SM.isPointWithin(W->getBeginLoc(), Guard->getBeginLoc(), End))
        return false;
    }
    if (const auto *If = dyn_cast<IfStmt>(Guard))
      return !containsJumpTarget(If->getCond()) &&
             !containsJumpTarget(If->getThen());
    return !containsJumpTarget(Guard);
  }

  static bool containsJumpTarget(const Stmt *S) {
    if (!S)
      return false;
    if (isa<LabelStmt>(S) || isa<SwitchCase>(S))
      return true;
    if (isa<LambdaExpr>(S) || isa<BlockExpr>(S))
      return false;
    return llvm::any_of(S->children(),
                        [](const Stmt *C) { return containsJumpTarget(C); });
  }

  // The use of U's pointer in If's condition, reached from the condition
  // through expressions only.
  const Expr *conditionUse(const IfStmt *If, const LockedUse &U) const {
    for (const LockedUse &Other : LockedUses) {
      if (Other.Text != U.Text)
        continue;
      for (size_t I = 0; I < Other.Ancestors.size(); ++I) {
        if (Other.Ancestors[I] == If) {
          if (Other.childOf(I) == If->getCond())
            return Other.Use;
          break;
        }
        if (!isa<Expr>(Other.Ancestors[I]))
          break;
      }
    }
    return nullptr;
  }

  // The uncovered uses of U's pointer inside Guard; for an if statement,
  // in its condition and then-branch only (in the else branch the locked
  // pointer is null).
  llvm::SmallVector<LockedUse *, 4> usesInside(const Stmt *Guard,
                                                const LockedUse &U) {
    llvm::SmallVector<LockedUse *, 4> Inside;
    const auto *If = dyn_cast<IfStmt>(Guard);
    for (LockedUse &Other : LockedUses) {
      if (Other.Covered || Other.Text != U.Text)
        continue;
      if (Other.Use == Guard) {
        Inside.push_back(&Other);
        continue;
      }
      const auto *At = llvm::find(Other.Ancestors, Guard);
      if (At == Other.Ancestors.end())
        continue;
      const Stmt *Child = Other.childOf(At - Other.Ancestors.begin());
      if (If && Child != If->getCond() && Child != If->getThen())
        continue;
      Inside.push_back(&Other);
    }
    return Inside;
  }

  // A name for the locked pointer that means nothing yet inside the guarded
  // statement: 'room_' -> 'room', 'm_parent' -> 'parent', 'parent' ->
  // 'locked_parent'. Empty if the statement's text cannot be read.
  std::string localName(SourceRange Guard) const {
    bool Invalid = false;
    StringRef Text = Lexer::getSourceText(CharSourceRange::getTokenRange(Guard),
                                          SM, LangOpts, &Invalid);
    if (Invalid || Text.empty())
      return {};
    StringRef Base = MemberName;
    if (Base.starts_with("m_"))
      Base = Base.drop_front(2);
    Base = Base.trim('_');
    std::string Name = Base.str();
    if (Name.empty() || Name == MemberName)
      Name = "locked_" + Base.str();
    std::string Candidate = Name;
    for (unsigned Suffix = 2; Suffix < 100; ++Suffix) {
      if (!containsWord(Text, Candidate) && !isReserved(Candidate))
        return Candidate;
      Candidate = Name + std::to_string(Suffix);
    }
    return {};
  }

  bool isReserved(StringRef Name) const {
    if (!PP)
      return true;
    auto Known = PP->getIdentifierTable().find(Name);
    if (Known == PP->getIdentifierTable().end())
      return false;
    const IdentifierInfo *II = Known->second;
    return II->isKeyword(LangOpts) || II->hasMacroDefinition();
  }

  ASTContext &Context;
  const SourceManager &SM;
  const LangOptions &LangOpts;
  const Preprocessor *PP;
  StringRef MemberName;
  llvm::DenseSet<unsigned> Seen;
  std::vector<LockedUse> LockedUses;
  std::vector<const Expr *> Writes;
  llvm::DenseSet<const Stmt *> GuardStatements;
};
} // namespace

SharedPtrCycleCheck::FixPlan SharedPtrCycleCheck::planFix(unsigned Edge) {
  FixPlan Plan;
  const graph::Edge &E = Graph.edges()[Edge];
  const FieldDecl *Field = EdgeMembers[Edge];
  StringRef WeakName, Header;
  if (E.PointerType == "std::shared_ptr") {
    WeakName = "std::weak_ptr";
    Header = "<memory>";
  } else if (E.PointerType == "boost::shared_ptr") {
    WeakName = "boost::weak_ptr";
    Header = "<boost/weak_ptr.hpp>";
  } else {
    Plan.Reason = "'" + E.PointerType + "' has no known weak counterpart";
    return Plan;
  }
  const auto *Parent = dyn_cast<CXXRecordDecl>(Field->getParent());
  if (!Parent || Parent->getTemplateInstantiationPattern() ||
      isa<ClassTemplateSpecializationDecl>(Parent)) {
    Plan.Reason = "it is declared in a class template that other "
                  "instantiations share";
    return Plan;
  }
  // `= nullptr` (or NULL, or 0) becomes `= {}`: a weak pointer is not made
  // from a null pointer constant. Any other initializer stays a reason.
  std::optional<FixItHint> EmptyInitializer;
  if (const Expr *Init = Field->getInClassInitializer()) {
    const Expr *Value = Init->IgnoreImplicit();
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Value);
        Construct && Construct->getNumArgs() == 1 &&
        !Construct->isListInitialization())
      Value = Construct->getArg(0)->IgnoreImplicit();
    if (Value->isNullPointerConstant(*Context, Expr::NPC_NeverValueDependent) &&
        Value->getBeginLoc().isFileID() && Value->getEndLoc().isFileID() &&
        Field->getInClassInitStyle() == ICIS_CopyInit)
      EmptyInitializer = FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(Value->getSourceRange()), "{}");
    else if (!(isa<InitListExpr>(Value) &&
               cast<InitListExpr>(Value)->getNumInits() == 0) &&
             !(isa<CXXConstructExpr>(Value) &&
               cast<CXXConstructExpr>(Value)->getNumArgs() == 0)) {
      Plan.Reason = "it has a default member initializer";
      return Plan;
    }
  }
  const TypeSourceInfo *TSI = Field->getTypeSourceInfo();
  PointerSpellingFinder Finder(Classifier, EdgeTargets[Edge]);
  if (!TSI || !Finder.find(TSI->getTypeLoc())) {
    Plan.Reason = Finder.Reason.empty()
                      ? std::string("its type is not spelled in a way it can "
                                    "rewrite")
                      : Finder.Reason;
    return Plan;
  }

  // The uses of the member decide where the fix goes: if none changes
  // meaning, with the declaration alone; if each can be rewritten to lock the
  // pointer first, with a note; otherwise there is no fix.
  const SourceManager &SM = Context->getSourceManager();
  const LangOptions &LangOpts = Context->getLangOpts();
  LockedUseRewriter Rewriter(*Context, PP, Field->getName());
  llvm::DenseSet<unsigned> NullAssignments;
  bool NeedsRewrite = false;
  auto fail = [&](const char *Why) {
    Plan.Reason = Why;
    return Plan;
  };
  auto It = Uses.find(Field);
  if (It != Uses.end()) {
    for (const Expr *Use : It->second) {
      if (const FunctionDecl *Function = owningFunction(*Context, *Use)) {
        if (Function->isImplicit() || Function->isDefaulted())
          continue;
        // The template's text serves other types too, which may have a
        // member of the same name that stays a shared pointer.
        if (Function->isTemplateInstantiation() ||
            Function->isDependentContext())
          return fail("some of its uses are in templates");
      }
      if (Finder.Nested)
        return fail("it holds its pointers in a container whose uses "
                    "would change");
      const Stmt *User = userOf(*Context, Use);
      if (const CXXOperatorCallExpr *Assign = assignmentTo(*Context, Use)) {
        // A weak pointer's assignment yields a weak pointer.
        if (!isDiscarded(*Context, Assign))
          return fail("the value of an assignment to it is used");
        Rewriter.addWrite(Use);
        if (const Expr *Null = assignedNullConstant(*Context, Assign)) {
          // 'm = nullptr' -> 'm = {}': same meaning, and it compiles.
          if (!Use->getBeginLoc().isFileID() ||
              !Assign->getOperatorLoc().isFileID())
            return fail("some of its uses are inside macros");
          // The literal, or the NULL macro written in its place.
          CharSourceRange Range = SM.getExpansionRange(Null->getSourceRange());
          if (NullAssignments.insert(Range.getBegin().getRawEncoding()).second)
            Plan.Hints.push_back(FixItHint::CreateReplacement(Range, "{}"));
          continue;
        }
        if (Classifier.isSharedPointerType(
                Assign->getArg(1)->IgnoreImplicit()->getType()))
          continue;
        return fail("it is assigned something other than a shared pointer");
      }
      bool NeedsLock = false;
      if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(User)) {
        NeedsLock = Op->getNumArgs() >= 1 &&
                    Op->getArg(0)->IgnoreParenImpCasts() == Use &&
                    (Op->getOperator() == OO_Arrow ||
                     (Op->getOperator() == OO_Star && Op->getNumArgs() == 1));
      } else if (const auto *Dependent =
                     dyn_cast_or_null<CXXDependentScopeMemberExpr>(User)) {
        NeedsLock = Dependent->isArrow() && !Dependent->isImplicitAccess() &&
                    Dependent->getBase()->IgnoreParenImpCasts() == Use;
      } else if (const auto *Member = dyn_cast_or_null<MemberExpr>(User)) {
        const auto *Method =
            dyn_cast_or_null<CXXMethodDecl>(Member->getMemberDecl());
        // 'if (parent)': test the locked pointer instead.
        NeedsLock = !Member->isArrow() && isa_and_nonnull<CXXConversionDecl>(Method) &&
                    cast<CXXConversionDecl>(Method)->getConversionType()->isBooleanType();
        const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(
            parentStmt(*Context, *Member));
        if (!Member->isArrow() && Method && Method->getIdentifier() && Call &&
            Call->getNumArgs() == 0 &&
            (Method->getName() == "reset" || Method->getName() == "use_count")) {
          if (Method->getName() == "reset")
            Rewriter.addWrite(Use);
          continue;
        }
      }
      const bool ValueUse =
          !NeedsLock && readsAsPointerValue(*Context, Classifier, Use);
      if (!NeedsLock && !ValueUse)
        return fail("some of its uses need a manual change");
      if (Use->getEndLoc().isMacroID())
        return fail("some of its uses are inside macros");
      if (Use->getBeginLoc().isMacroID() ||
          Lexer::getLocForEndOfToken(Use->getEndLoc(), 0, SM, LangOpts)
              .isInvalid())
        return fail("some of its uses are inside macros");
      Rewriter.add(Use, ValueUse);
      NeedsRewrite = true;
    }
  }
  for (const CXXConstructorDecl *Ctor : Parent->ctors()) {
    for (const CXXCtorInitializer *Init : Ctor->inits()) {
      if (Init->getMember() != Field || !Init->isWritten())
        continue;
      const auto *Construct =
          dyn_cast_or_null<CXXConstructExpr>(Init->getInit()->IgnoreImplicit());
      if (!Construct ||
          (Construct->getNumArgs() == 1 &&
           !Classifier.isSharedPointerType(
               Construct->getArg(0)->IgnoreImplicit()->getType())) ||
          Construct->getNumArgs() > 1)
        return fail("a constructor initializes it from something other than "
                    "a shared pointer");
    }
  }

  if (Finder.WholeType.isNull()) {
    Plan.Hints.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(Finder.Range), WeakName));
  } else {
    PrintingPolicy Policy(LangOpts);
    Policy.FullyQualifiedName = true;
    Policy.SuppressScope = false;
    Policy.SuppressUnwrittenScope = true;
    Plan.Hints.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(Finder.Range),
        (WeakName + "<" + Finder.WholeType.getAsString(Policy) + ">").str()));
  }
  if (EmptyInitializer)
    Plan.Hints.push_back(*EmptyInitializer);
  if (auto Include = Inserter.createIncludeInsertion(
          SM.getFileID(SM.getExpansionLoc(Field->getLocation())), Header))
    Plan.Hints.push_back(*Include);
  Plan.Where = NeedsRewrite ? FixPlan::OnNote : FixPlan::OnWarning;
  if (NeedsRewrite)
    for (FixItHint &Hint : Rewriter.rewrite())
      Plan.Hints.push_back(std::move(Hint));
  return Plan;
}

} // namespace clang::tidy::refcycle
