//===--- RefcycleClangdMain.cpp - clangd with the refcycle module ---------===//
//
// The upstream clangd with the refcycle-* checks linked in. Enable them in a
// project's .clangd:
//
//   Diagnostics:
//     ClangTidy:
//       Add: [refcycle-*]
//       FastCheckFilter: None
//
// (clangd only runs checks it has timed unless FastCheckFilter is Loose or
// None.)
//
//===----------------------------------------------------------------------===//

namespace clang {
namespace tidy {
// Defined in checker/RefcycleTidyModule.cpp; using it keeps the module's
// static registration in the link.
// NOLINTNEXTLINE(readability-redundant-declaration)
extern volatile int RefcycleModuleAnchorSource;
} // namespace tidy
namespace clangd {
// Defined in clangd's tool/ClangdMain.cpp (libclangdMain.a); Debian ships no
// header for it.
int clangdMain(int argc, char *argv[]);
} // namespace clangd
} // namespace clang

int main(int argc, char *argv[]) {
  [[maybe_unused]] static int RefcycleModuleAnchorDestination =
      clang::tidy::RefcycleModuleAnchorSource;
  return clang::clangd::clangdMain(argc, argv);
}
