//===--- VersionGuard.h - refuse to run inside another LLVM release -------===//

#ifndef REFCYCLE_CHECKER_VERSIONGUARD_H
#define REFCYCLE_CHECKER_VERSIONGUARD_H

namespace clang::tidy::refcycle {

/// True when the process that loaded this module runs the same LLVM major
/// release the module was compiled against. When it does not, an explanation
/// naming both releases has already been printed to stderr.
bool hostVersionMatches();

} // namespace clang::tidy::refcycle

#endif // REFCYCLE_CHECKER_VERSIONGUARD_H
