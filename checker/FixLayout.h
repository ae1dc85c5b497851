//===--- FixLayout.h - how fix-its lay out the code they write ---*- C++ -*-===//
//
// Fix-its that add statements write each on its own line, indented like
// the code around them, so that applying a fix never joins two statements
// onto one line. The indentation is read from the file itself: the lines
// already there, and the step by which the file indents a block.
//
//===----------------------------------------------------------------------===//

#ifndef REFCYCLE_CHECKER_FIXLAYOUT_H
#define REFCYCLE_CHECKER_FIXLAYOUT_H

#include "clang/AST/Stmt.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace clang::tidy::refcycle::layout {

/// The blanks before \p Loc on its line when only blanks precede it;
/// std::nullopt when \p Loc does not start its line (or is in a macro).
std::optional<StringRef> indentationIfFirst(SourceLocation Loc,
                                            const SourceManager &SM);

/// The leading blanks of the line that holds \p Loc.
StringRef lineIndentation(SourceLocation Loc, const SourceManager &SM);

/// The step by which the file of \p Loc indents a block: the most common
/// growth of indentation from a line ending in '{' to the next line ("\t"
/// for a file that indents with tabs); two spaces when it has no block.
std::string indentationStep(SourceLocation Loc, const SourceManager &SM);

/// The line break of the line that holds \p Loc: "\r\n" in a file whose
/// lines end so, "\n" otherwise. Inserted lines use it.
StringRef lineBreak(SourceLocation Loc, const SourceManager &SM);

/// A line of code to write, \p Depth steps deeper than the block's own
/// statements (a `return;` under an `if` has depth 1).
struct Line {
  std::string Text;
  unsigned Depth = 0;
};

/// The edit right after the '{' of \p Body that puts \p Lines first in the
/// block, each on its own line at the indentation of the block's
/// statements. A statement that shared the brace's line moves onto its own
/// line; a comment that ends the brace's line stays there. std::nullopt
/// when the brace or that statement is in a macro, or a comment sits
/// between the two on one line.
std::optional<FixItHint> blockStartFix(const CompoundStmt *Body,
                                       llvm::ArrayRef<Line> Lines,
                                       const SourceManager &SM,
                                       const LangOptions &LO);

/// The edit that puts \p Lines before the statement \p S of \p Block, each
/// on its own line at the indentation of \p S: an insertion when \p S
/// starts its line, blockStartFix when it is the block's first statement
/// and shares the brace's line; std::nullopt otherwise.
std::optional<FixItHint> statementsBefore(const Stmt *S,
                                          const CompoundStmt *Block,
                                          llvm::ArrayRef<Line> Lines,
                                          const SourceManager &SM,
                                          const LangOptions &LO);

} // namespace clang::tidy::refcycle::layout

#endif // REFCYCLE_CHECKER_FIXLAYOUT_H
