//===--- VersionGuard.cpp - refuse to run inside another LLVM release -----===//

#include "VersionGuard.h"

#include "clang/Basic/Version.h"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace clang::tidy::refcycle {

namespace {
// getClangFullVersion() is resolved in the host process, CLANG_VERSION_MAJOR
// was fixed when this module was compiled. The host's string looks like
// "Debian clang version 19.1.7 (3~deb12u1)".
int hostMajorVersion() {
  const std::string Full = getClangFullVersion();
  const std::string::size_type At = Full.find("version ");
  if (At == std::string::npos)
    return -1;
  return std::atoi(Full.c_str() + At + 8);
}
} // namespace

bool hostVersionMatches() {
  const int Host = hostMajorVersion();
  if (Host == CLANG_VERSION_MAJOR)
    return true;
  // Plain stdio: LLVM's streams belong to the mismatched host.
  std::fprintf(stderr,
               "error: refcycle: this plugin was built for clang-tidy %d but "
               "was loaded into clang-tidy %d; load the librefcycle_tidy.so "
               "built against LLVM %d, or rebuild refcycle with "
               "-DREFCYCLE_LLVM_VERSION=%d\n",
               CLANG_VERSION_MAJOR, Host, Host, Host);
  return false;
}

} // namespace clang::tidy::refcycle
