//===--- LifetimeFacts.cpp -------------------------------------------------===//

#include "LifetimeFacts.h"
#include "FactsFiles.h"

namespace clang::tidy::refcycle {

bool writeLifetimeFacts(llvm::StringRef Directory, llvm::StringRef MainFile,
                        const std::vector<ProgramLifetime> &Lifetimes,
                        const std::vector<std::string> &Released,
                        const std::vector<BoundFinding> &Bound,
                        std::string &Error) {
  return writeFactsFile(
      Directory, MainFile, "lifetimes",
      [&](llvm::raw_ostream &OS) {
        OS << "refcycle-lifetimes\t" << LifetimeFactsVersion << "\ntu\t";
        writeFactsField(OS, MainFile);
        OS << "\n";
        for (const ProgramLifetime &L : Lifetimes) {
          OS << "lifetime\t";
          writeFactsField(OS, L.ClassKey);
          OS << "\t";
          writeFactsField(OS, L.ClassName);
          OS << "\t";
          writeFactsField(OS, L.Variable);
          OS << "\t";
          writeFactsField(OS, L.UnlessReleased.empty() ? "-" : L.UnlessReleased);
          OS << "\n";
        }
        for (const std::string &Key : Released) {
          OS << "released\t";
          writeFactsField(OS, Key);
          OS << "\n";
        }
        for (const BoundFinding &B : Bound) {
          OS << "bound\t";
          writeFactsField(OS, B.ClassKey);
          OS << "\t";
          writeFactsField(OS, B.File);
          OS << "\t" << B.Line << "\t" << B.Column << "\n";
        }
      },
      Error);
}

} // namespace clang::tidy::refcycle
