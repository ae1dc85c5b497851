//===--- FixLayout.cpp - how fix-its lay out the code they write ----------===//

#include "FixLayout.h"

#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"

namespace clang::tidy::refcycle::layout {

namespace {

StringRef bufferOf(SourceLocation Loc, const SourceManager &SM,
                   unsigned &Offset) {
  const std::pair<FileID, unsigned> Where = SM.getDecomposedLoc(Loc);
  bool Invalid = false;
  const StringRef Buffer = SM.getBufferData(Where.first, &Invalid);
  Offset = Where.second;
  return Invalid ? StringRef() : Buffer;
}

StringRef leadingBlanks(StringRef Line) {
  return Line.take_while([](char C) { return C == ' ' || C == '\t'; });
}

} // namespace

std::optional<StringRef> indentationIfFirst(SourceLocation Loc,
                                            const SourceManager &SM) {
  if (Loc.isInvalid() || Loc.isMacroID())
    return std::nullopt;
  unsigned Offset = 0;
  const StringRef Buffer = bufferOf(Loc, SM, Offset);
  if (Buffer.empty() || Offset > Buffer.size())
    return std::nullopt;
  // StringRef::rfind(C, From) looks at the characters before From.
  const size_t LineStart = Buffer.rfind('\n', Offset);
  const size_t First = LineStart == StringRef::npos ? 0 : LineStart + 1;
  const StringRef Indent = Buffer.slice(First, Offset);
  if (!Indent.trim().empty())
    return std::nullopt;
  return Indent;
}

StringRef lineIndentation(SourceLocation Loc, const SourceManager &SM) {
  unsigned Offset = 0;
  const StringRef Buffer = bufferOf(SM.getExpansionLoc(Loc), SM, Offset);
  if (Buffer.empty() || Offset > Buffer.size())
    return StringRef();
  const size_t LineStart = Buffer.rfind('\n', Offset);
  const size_t First = LineStart == StringRef::npos ? 0 : LineStart + 1;
  return leadingBlanks(Buffer.substr(First));
}

std::string indentationStep(SourceLocation Loc, const SourceManager &SM) {
  unsigned Offset = 0;
  const StringRef Buffer = bufferOf(SM.getExpansionLoc(Loc), SM, Offset);
  llvm::DenseMap<unsigned, unsigned> Growths;
  unsigned Tabs = 0;
  StringRef Rest = Buffer;
  StringRef Previous;
  while (!Rest.empty()) {
    const auto [Line, Tail] = Rest.split('\n');
    Rest = Tail;
    if (Line.trim().empty())
      continue;
    if (Previous.rtrim().ends_with("{")) {
      const StringRef Outer = leadingBlanks(Previous);
      const StringRef Inner = leadingBlanks(Line);
      if (Inner.size() > Outer.size() && Inner.starts_with(Outer)) {
        const StringRef Step = Inner.drop_front(Outer.size());
        if (Step.starts_with("\t"))
          ++Tabs;
        else if (Step.size() <= 8)
          ++Growths[Step.size()];
      }
    }
    Previous = Line;
  }
  unsigned Best = 0, BestCount = 0;
  for (const auto &[Width, Count] : Growths)
    if (Count > BestCount || (Count == BestCount && Width < Best)) {
      Best = Width;
      BestCount = Count;
    }
  if (Tabs > BestCount)
    return "\t";
  return std::string(BestCount ? Best : 2, ' ');
}

namespace {

// Where the text after Loc on its line ends when that rest holds only
// blanks and comments (a '// note' or a closed '/* note */' after a brace):
// the offset of its line break, or of the end of the buffer. std::nullopt
// when code follows on the line.
std::optional<unsigned> restOfLineIsComment(SourceLocation Loc,
                                            const SourceManager &SM) {
  unsigned Offset = 0;
  const StringRef Buffer = bufferOf(Loc, SM, Offset);
  if (Buffer.empty() || Offset > Buffer.size())
    return std::nullopt;
  StringRef Rest = Buffer.substr(Offset);
  const size_t End = Rest.find_first_of("\r\n");
  StringRef Line = Rest.substr(0, End);
  while (true) {
    Line = Line.ltrim(" \t");
    if (Line.empty())
      return Offset + (End == StringRef::npos ? Rest.size() : End);
    if (Line.starts_with("//"))
      return Offset + (End == StringRef::npos ? Rest.size() : End);
    if (!Line.starts_with("/*"))
      return std::nullopt;
    const size_t Close = Line.find("*/", 2);
    if (Close == StringRef::npos)
      return std::nullopt; // a comment that goes on to the next lines
    Line = Line.drop_front(Close + 2);
  }
}

} // namespace

StringRef lineBreak(SourceLocation Loc, const SourceManager &SM) {
  unsigned Offset = 0;
  const StringRef Buffer = bufferOf(SM.getExpansionLoc(Loc), SM, Offset);
  if (Buffer.empty() || Offset > Buffer.size())
    return "\n";
  const size_t End = Buffer.find('\n', Offset);
  return End != StringRef::npos && End > 0 && Buffer[End - 1] == '\r'
             ? StringRef("\r\n")
             : StringRef("\n");
}

std::optional<FixItHint> blockStartFix(const CompoundStmt *Body,
                                       llvm::ArrayRef<Line> Lines,
                                       const SourceManager &SM,
                                       const LangOptions &LO) {
  const SourceLocation Brace = Body->getLBracLoc();
  if (Brace.isInvalid() || Brace.isMacroID())
    return std::nullopt;
  const SourceLocation AfterBrace = Brace.getLocWithOffset(1);
  const std::string Step = indentationStep(Brace, SM);
  const std::string NL = lineBreak(Brace, SM).str();
  // The block's statements already sit on lines of their own: write at
  // their indentation. Otherwise one step in from the brace's line, and the
  // first statement moves to a line of its own after the new ones.
  std::optional<StringRef> Own;
  const Stmt *First = Body->body_empty() ? nullptr : Body->body_front();
  if (First) {
    if (First->getBeginLoc().isMacroID())
      return std::nullopt;
    Own = indentationIfFirst(First->getBeginLoc(), SM);
  }
  const std::string Indent =
      Own ? Own->str() : lineIndentation(Brace, SM).str() + Step;
  std::string Text;
  for (const Line &L : Lines) {
    Text += NL + Indent;
    for (unsigned I = 0; I < L.Depth; ++I)
      Text += Step;
    Text += L.Text;
  }
  // A comment after the brace stays on the brace's line: the new lines go
  // after it.
  const std::optional<unsigned> LineEnd = restOfLineIsComment(AfterBrace, SM);
  const SourceLocation AfterComment =
      LineEnd ? SM.getComposedLoc(SM.getFileID(Brace), *LineEnd) : AfterBrace;
  if (!First) {
    const SourceLocation Close = Body->getRBracLoc();
    if (indentationIfFirst(Close, SM))
      return FixItHint::CreateInsertion(AfterComment, Text);
    // '{}', '{ }': the brace closes on a line of its own.
    if (AfterComment != Close) {
      bool Invalid = false;
      const StringRef Gap = Lexer::getSourceText(
          CharSourceRange::getCharRange(AfterComment, Close), SM, LO, &Invalid);
      if (Invalid || !Gap.trim().empty())
        return std::nullopt;
    }
    return FixItHint::CreateReplacement(
        CharSourceRange::getCharRange(AfterComment, Close),
        Text + NL + lineIndentation(Close, SM).str());
  }
  if (Own)
    return FixItHint::CreateInsertion(AfterComment, Text);
  // '{ first();' -> '{' NEW... '\n' INDENT 'first();': the blanks between
  // the brace and the statement go.
  bool Invalid = false;
  const StringRef Gap = Lexer::getSourceText(
      CharSourceRange::getCharRange(AfterBrace, First->getBeginLoc()), SM, LO,
      &Invalid);
  if (Invalid || !Gap.trim().empty())
    return std::nullopt;
  return FixItHint::CreateReplacement(
      CharSourceRange::getCharRange(AfterBrace, First->getBeginLoc()),
      Text + NL + Indent);
}

std::optional<FixItHint> statementsBefore(const Stmt *S,
                                          const CompoundStmt *Block,
                                          llvm::ArrayRef<Line> Lines,
                                          const SourceManager &SM,
                                          const LangOptions &LO) {
  const SourceLocation Begin = S->getBeginLoc();
  if (Begin.isInvalid() || Begin.isMacroID() || Lines.empty())
    return std::nullopt;
  if (std::optional<StringRef> Indent = indentationIfFirst(Begin, SM)) {
    const std::string Step = indentationStep(Begin, SM);
    const StringRef NL = lineBreak(Begin, SM);
    std::string Text;
    for (const Line &L : Lines) {
      if (!Text.empty())
        Text += Indent->str();
      for (unsigned I = 0; I < L.Depth; ++I)
        Text += Step;
      Text += L.Text + NL.str();
    }
    return FixItHint::CreateInsertion(Begin, Text + Indent->str());
  }
  if (Block && !Block->body_empty() && Block->body_front() == S)
    return blockStartFix(Block, Lines, SM, LO);
  return std::nullopt;
}

} // namespace clang::tidy::refcycle::layout
