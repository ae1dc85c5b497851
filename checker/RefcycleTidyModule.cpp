//===--- RefcycleTidyModule.cpp - the refcycle clang-tidy module ----------===//
//
// Registers the refcycle-* checks. Nothing else belongs in this file.
//
//===----------------------------------------------------------------------===//

#include "DanglingCaptureCheck.h"
#include "SharedPtrCycleCheck.h"
#include "UnboundedCacheCheck.h"
#include "VersionGuard.h"

#include "clang-tidy/ClangTidyModule.h"
#include "clang/Basic/Version.h"
#if CLANG_VERSION_MAJOR < 22
// LLVM 22 moved the registry into ClangTidyModule.h and deprecated this one.
#include "clang-tidy/ClangTidyModuleRegistry.h"
#endif

namespace clang::tidy {
namespace refcycle {

class RefcycleModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &CheckFactories) override {
    CheckFactories.registerCheck<SharedPtrCycleCheck>(
        "refcycle-shared-ptr-cycle");
    CheckFactories.registerCheck<DanglingCaptureCheck>(
        "refcycle-dangling-capture");
    CheckFactories.registerCheck<UnboundedCacheCheck>(
        "refcycle-unbounded-cache");
  }
};

namespace {
// A plugin built against one LLVM release cannot work inside the clang-tidy of
// another (the C++ ABI of clang's classes changes every release), so the
// module only registers itself when the host is the release it was built for.
bool registerModule() {
  if (!hostVersionMatches())
    return false;
  static ClangTidyModuleRegistry::Add<RefcycleModule> Module(
      "refcycle-module",
      "Finds shared_ptr ownership cycles, dangling callbacks and unbounded "
      "caches.");
  return true;
}
const bool ModuleRegistered = registerModule();
} // namespace

} // namespace refcycle

// Referenced by the standalone tools so that static linking keeps this module.
// NOLINTNEXTLINE(misc-use-internal-linkage)
volatile int RefcycleModuleAnchorSource = 0;

} // namespace clang::tidy
