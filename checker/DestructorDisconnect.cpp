//===--- DestructorDisconnect.cpp - disconnect a kept connection on death -===//

#include "DestructorDisconnect.h"

#include "FixLayout.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

#include <string>

namespace clang::tidy::refcycle {

namespace {

bool declaresDisconnect(const CXXRecordDecl *RD, unsigned Depth) {
  if (!RD || !RD->hasDefinition() || Depth > 8)
    return false;
  RD = RD->getDefinition();
  for (const CXXMethodDecl *M : RD->methods())
    if (M->getIdentifier() && M->getName() == "disconnect" &&
        !M->isStatic() && M->getMinRequiredArguments() == 0 &&
        M->getAccess() == AS_public)
      return true;
  for (const CXXBaseSpecifier &Base : RD->bases())
    if (Base.getAccessSpecifier() == AS_public &&
        declaresDisconnect(Base.getType()->getAsCXXRecordDecl(), Depth + 1))
      return true;
  return false;
}

// An object of RD can be neither copied nor moved by its implicit
// constructors: a base or member has a deleted copy constructor and no move
// constructor of its own (std::mutex, a class with a Q_DISABLE_COPY-style
// base), or is such a class through its own bases and members.
bool isPinned(const CXXRecordDecl *RD, unsigned Depth) {
  if (!RD || !RD->hasDefinition() || Depth > 4)
    return false;
  RD = RD->getDefinition();
  auto pinnedPart = [&](QualType T) {
    const CXXRecordDecl *Part =
        T->getBaseElementTypeUnsafe()->getAsCXXRecordDecl();
    if (!Part || !Part->hasDefinition())
      return false;
    Part = Part->getDefinition();
    if (Part->hasUserDeclaredCopyConstructor()) {
      bool CopyDeleted = false, MoveUsable = false;
      for (const CXXConstructorDecl *Ctor : Part->ctors()) {
        if (Ctor->isCopyConstructor() && Ctor->isDeleted())
          CopyDeleted = true;
        if (Ctor->isMoveConstructor() && !Ctor->isDeleted())
          MoveUsable = true;
      }
      return CopyDeleted && !MoveUsable;
    }
    return !Part->hasUserDeclaredMoveConstructor() && isPinned(Part, Depth + 1);
  };
  for (const CXXBaseSpecifier &Base : RD->bases())
    if (pinnedPart(Base.getType()))
      return true;
  for (const FieldDecl *Field : RD->fields())
    if (pinnedPart(Field->getType()))
      return true;
  return false;
}

// Adding a user-declared destructor removes the implicit move constructor
// and move assignment. That changes nothing when the class declares a copy
// or move operation itself (then it has no implicit move already) or when
// it can be neither copied nor moved anyway.
bool destructorKeepsMoves(const CXXRecordDecl *RD) {
  if (RD->hasUserDeclaredCopyConstructor() ||
      RD->hasUserDeclaredCopyAssignment() ||
      RD->hasUserDeclaredMoveConstructor() ||
      RD->hasUserDeclaredMoveAssignment())
    return true;
  return isPinned(RD, 0);
}

} // namespace

bool hasDisconnect(QualType T) {
  return declaresDisconnect(T.getNonReferenceType()->getAsCXXRecordDecl(), 0);
}

llvm::SmallVector<const FieldDecl *, 4>
connectionMembers(const CXXRecordDecl *Owner, QualType Type) {
  llvm::SmallVector<const FieldDecl *, 4> Members;
  if (!Owner || !Owner->hasDefinition())
    return Members;
  const QualType Wanted = Type.getCanonicalType().getUnqualifiedType();
  for (const FieldDecl *F : Owner->getDefinition()->fields())
    if (F->getIdentifier() && !F->getType().isConstQualified() &&
        F->getType().getCanonicalType().getUnqualifiedType() == Wanted &&
        hasDisconnect(F->getType()))
      Members.push_back(F);
  return Members;
}

std::optional<std::vector<FixItHint>>
disconnectInDestructor(const CXXRecordDecl *Owner, const FieldDecl *Connection,
                       ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  const LangOptions &LangOpts = Context.getLangOpts();
  if (!Owner || !Owner->hasDefinition() || Owner->isDependentContext() ||
      isa<ClassTemplateSpecializationDecl>(Owner) ||
      Owner->getTemplateInstantiationPattern() || !Connection->getIdentifier())
    return std::nullopt;
  Owner = Owner->getDefinition();
  // Every finding on this class makes the same edit, which disconnects all
  // of its connection members of that type: two findings' different edits at one place
  // would both be applied (two destructors), identical ones are merged.
  // Disconnecting a connection when its object dies is what a scoped
  // connection does; it is safe for each of them.
  llvm::SmallVector<const FieldDecl *, 4> Kept =
      connectionMembers(Owner, Connection->getType());
  if (!llvm::is_contained(Kept, Connection))
    return std::nullopt;
  llvm::SmallVector<layout::Line, 4> Calls;
  for (const FieldDecl *F : Kept)
    Calls.push_back({(F->getName() + ".disconnect();").str()});
  // A body holding the calls, for a declaration whose line is indented by
  // Indent: '{ m.disconnect(); }' for one, one call per line for more.
  const std::string NL = layout::lineBreak(Owner->getLocation(), SM).str();
  auto bodyText = [&](StringRef Indent, StringRef Step) {
    if (Calls.size() == 1)
      return "{ " + Calls.front().Text + " }";
    std::string Text = "{";
    for (const layout::Line &Call : Calls)
      Text += NL + Indent.str() + Step.str() + Call.Text;
    return Text + NL + Indent.str() + "}";
  };

  const CXXDestructorDecl *Dtor = Owner->getDestructor();
  if (Dtor && !Dtor->isImplicit()) {
    if (Dtor->isDeleted())
      return std::nullopt;
    // '~C() = default;' (in the class or out of it): the default becomes
    // a body.
    for (const FunctionDecl *Redecl : Dtor->redecls()) {
      if (!Redecl->isExplicitlyDefaulted())
        continue;
      const SourceRange Range = Redecl->getSourceRange();
      if (Range.getBegin().isMacroID() || Range.getEnd().isMacroID())
        return std::nullopt;
      bool Invalid = false;
      const StringRef Text = Lexer::getSourceText(
          CharSourceRange::getTokenRange(Range), SM, LangOpts, &Invalid);
      const size_t Equals = Text.rfind('=');
      SourceLocation From, To;
      if (!Invalid && Equals != StringRef::npos &&
          Text.drop_front(Equals + 1).trim() == "default") {
        From = Range.getBegin().getLocWithOffset(Equals);
        To = Range.getEnd();
      } else {
        // Out of the class ('C::~C() = default;') the declaration's range
        // ends at its ')': the '= default' follows it.
        std::optional<Token> Assign =
            Lexer::findNextToken(Range.getEnd(), SM, LangOpts);
        std::optional<Token> Default =
            Assign ? Lexer::findNextToken(Assign->getLocation(), SM, LangOpts)
                   : std::nullopt;
        // The lexer runs raw here: 'default' comes as an identifier.
        const bool IsDefault =
            Default && (Default->is(tok::kw_default) ||
                        (Default->is(tok::raw_identifier) &&
                         Default->getRawIdentifier() == "default"));
        if (!Assign || !Assign->is(tok::equal) || !IsDefault ||
            Assign->getLocation().isMacroID())
          return std::nullopt;
        From = Assign->getLocation();
        To = Default->getLocation();
      }
      // The declaration's ';' goes too: a body ends the definition.
      if (std::optional<Token> Next =
              Lexer::findNextToken(To, SM, LangOpts);
          Next && Next->is(tok::semi))
        To = Next->getLocation();
      return std::vector<FixItHint>{FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(From, To),
          bodyText(layout::lineIndentation(From, SM),
                   layout::indentationStep(From, SM)))};
    }
    // A body in this translation unit: the call goes first.
    const FunctionDecl *Definition = nullptr;
    if (!Dtor->hasBody(Definition) || !Definition)
      return std::nullopt;
    const auto *Body = dyn_cast_or_null<CompoundStmt>(Definition->getBody());
    if (!Body || Body->getLBracLoc().isMacroID() ||
        Body->getRBracLoc().isMacroID())
      return std::nullopt;
    std::optional<FixItHint> Fix =
        layout::blockStartFix(Body, Calls, SM, LangOpts);
    if (!Fix)
      return std::nullopt;
    return std::vector<FixItHint>{*Fix};
  }

  // No destructor yet: add one, next to the last public constructor
  // declared in the class, or at the end of the class.
  if (!destructorKeepsMoves(Owner))
    return std::nullopt;
  const std::string Step = layout::indentationStep(Owner->getLocation(), SM);
  auto destructor = [&](StringRef Indent) {
    return "~" + Owner->getName().str() + "() " + bodyText(Indent, Step);
  };
  const CXXConstructorDecl *LastPublic = nullptr;
  for (const CXXConstructorDecl *Ctor : Owner->ctors())
    if (!Ctor->isImplicit() && Ctor->getAccess() == AS_public &&
        Ctor->getLexicalDeclContext() == Owner &&
        (!LastPublic || SM.isBeforeInTranslationUnit(LastPublic->getBeginLoc(),
                                                     Ctor->getBeginLoc())))
      LastPublic = Ctor;
  if (LastPublic && LastPublic->getBeginLoc().isFileID() &&
      LastPublic->getEndLoc().isFileID()) {
    // After its ';' ('C();', 'C() = default;'), or after its body.
    SourceLocation End = LastPublic->getEndLoc();
    if (std::optional<Token> Next = Lexer::findNextToken(End, SM, LangOpts);
        Next && Next->is(tok::semi))
      End = Next->getLocation();
    std::optional<StringRef> Indent =
        layout::indentationIfFirst(LastPublic->getBeginLoc(), SM);
    const SourceLocation After =
        Lexer::getLocForEndOfToken(End, 0, SM, LangOpts);
    if (Indent && After.isValid())
      return std::vector<FixItHint>{FixItHint::CreateInsertion(
          After, NL + Indent->str() + destructor(*Indent))};
  }
  const SourceLocation Close = Owner->getBraceRange().getEnd();
  if (Close.isInvalid() || Close.isMacroID())
    return std::nullopt;
  std::optional<StringRef> Indent = layout::indentationIfFirst(Close, SM);
  if (!Indent)
    return std::nullopt; // the brace does not start its line
  const std::string Inner = Indent->str() + Step;
  return std::vector<FixItHint>{FixItHint::CreateInsertion(
      Close, "public:" + NL + Inner + destructor(Inner) + NL + Indent->str())};
}

} // namespace clang::tidy::refcycle
