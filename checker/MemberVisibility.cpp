//===--- MemberVisibility.cpp - is all code that can touch a name in sight ===//

#include "MemberVisibility.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclFriend.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::refcycle {

namespace {

// Is \p Loc spelled inside an expansion of one of the macros \p Names
// (at any depth)?
bool inExpansionOf(SourceLocation Loc, const SourceManager &SM,
                   const LangOptions &LangOpts,
                   std::initializer_list<StringRef> Names) {
  for (unsigned Depth = 0; Loc.isMacroID() && Depth < 8; ++Depth) {
    const StringRef Macro = Lexer::getImmediateMacroName(Loc, SM, LangOpts);
    if (llvm::is_contained(Names, Macro))
      return true;
    Loc = SM.getImmediateMacroCallerLoc(Loc);
  }
  return false;
}

// Qt's moc writes, in another file, the bodies of what `Q_OBJECT` and
// `Q_GADGET` declare (metaObject, qt_metacast, qt_metacall,
// qt_static_metacall) and of every signal. They call the class's own
// member functions and QMetaObject::activate; the only data member they
// touch is one a `Q_PROPERTY(... MEMBER m ...)` names.
bool definedByMoc(const FunctionDecl *F, bool InSignals,
                  const SourceManager &SM, const LangOptions &LangOpts) {
  return InSignals || inExpansionOf(F->getLocation(), SM, LangOpts,
                                    {"Q_OBJECT", "Q_GADGET"});
}

// `Q_PROPERTY(... MEMBER <name> ...)` in the class's text: moc reads and
// writes that member itself.
bool namedByMemberProperty(const CXXRecordDecl *Record, StringRef Name) {
  const ASTContext &Ctx = Record->getASTContext();
  const SourceManager &SM = Ctx.getSourceManager();
  const CharSourceRange Range = CharSourceRange::getTokenRange(
      SM.getExpansionRange(Record->getSourceRange()).getAsRange());
  const StringRef Text = Lexer::getSourceText(Range, SM, Ctx.getLangOpts());
  for (size_t At = Text.find("MEMBER"); At != StringRef::npos;
       At = Text.find("MEMBER", At + 6)) {
    const StringRef After = Text.drop_front(At + 6).ltrim();
    if (After.starts_with(Name) &&
        (After.size() == Name.size() ||
         !isAsciiIdentifierContinue(After[Name.size()])))
      return true;
  }
  return false;
}

// No friends, and every member function of \p Record, and of its nested
// classes, defined in this translation unit (or written by Qt's moc, see
// definedByMoc). A nested class can touch the private members of its
// enclosing class, but only through member functions of its own: one
// without any (Qt's `QPrivateSignal` tag, a plain struct) touches nothing.
bool allMembersDefinedHere(const CXXRecordDecl *Record) {
  if (Record->friend_begin() != Record->friend_end())
    return false;
  const SourceManager &SM = Record->getASTContext().getSourceManager();
  const LangOptions &LangOpts = Record->getASTContext().getLangOpts();
  // Inside `signals:` / `Q_SIGNALS:` (until the next access specifier).
  bool InSignals = false;
  for (const Decl *Member : Record->decls()) {
    if (const auto *Access = dyn_cast<AccessSpecDecl>(Member)) {
      InSignals = inExpansionOf(Access->getLocation(), SM, LangOpts,
                                {"signals", "Q_SIGNALS"});
      continue;
    }
    if (const auto *Nested = dyn_cast<CXXRecordDecl>(Member)) {
      if (Nested->isImplicit())
        continue;
      const CXXRecordDecl *Def = Nested->getDefinition();
      if (!Def || !allMembersDefinedHere(Def))
        return false;
      continue;
    }
    if (isa<ClassTemplateDecl>(Member))
      return false; // its members may be defined with its instantiations
    const FunctionDecl *F = nullptr;
    if (const auto *Template = dyn_cast<FunctionTemplateDecl>(Member))
      F = Template->getTemplatedDecl();
    else
      F = dyn_cast<FunctionDecl>(Member);
    if (!F || F->isImplicit() || F->isDeleted() || F->isDefaulted() ||
        F->isPureVirtual())
      continue;
    if (!F->isDefined() && !definedByMoc(F, InSignals, SM, LangOpts))
      return false;
  }
  return true;
}

} // namespace

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
  if (!allMembersDefinedHere(Record))
    return false;
  return !D->getIdentifier() || !namedByMemberProperty(Record, D->getName());
}

} // namespace clang::tidy::refcycle
