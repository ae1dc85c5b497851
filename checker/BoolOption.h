//===--- BoolOption.h - read a boolean check option -----------------------===//
//
// OptionsView::get<bool> is defined out of line in clang-tidy and its
// mangled name differs between GCC and Clang, so a GCC-built plugin cannot
// call it: the checks parse their booleans with this instead.
//
//===----------------------------------------------------------------------===//

#ifndef REFCYCLE_CHECKER_BOOLOPTION_H
#define REFCYCLE_CHECKER_BOOLOPTION_H

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::refcycle {

/// The option's value as a boolean ("true"/"false" in any case, "1"/"0"),
/// or Default when it is not set or not a boolean.
inline bool boolOption(const ClangTidyCheck::OptionsView &Options,
                       StringRef Name, bool Default) {
  const std::optional<StringRef> Value = Options.get(Name);
  if (!Value)
    return Default;
  const StringRef V = Value->trim();
  if (V.equals_insensitive("true") || V == "1")
    return true;
  if (V.equals_insensitive("false") || V == "0")
    return false;
  return Default;
}

} // namespace clang::tidy::refcycle

#endif // REFCYCLE_CHECKER_BOOLOPTION_H
