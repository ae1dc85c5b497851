//===--- LifetimeFacts.cpp -------------------------------------------------===//

#include "LifetimeFacts.h"
#include "FactsFiles.h"

namespace clang::tidy::refcycle {

namespace {
void writeRecord(llvm::raw_ostream &OS, llvm::StringRef Kind,
                 std::initializer_list<llvm::StringRef> Fields) {
  OS << Kind;
  for (llvm::StringRef F : Fields) {
    OS << "\t";
    writeFactsField(OS, F);
  }
  OS << "\n";
}

} // namespace

bool writeLifetimeFacts(llvm::StringRef Directory, llvm::StringRef MainFile,
                        const LifetimeFacts &Facts, std::string &Error) {
  return writeFactsFile(
      Directory, MainFile, "lifetimes",
      [&](llvm::raw_ostream &OS) {
        OS << "refcycle-lifetimes\t" << LifetimeFactsVersion << "\n";
        writeRecord(OS, "tu", {MainFile});
        for (const ProgramLifetime &L : Facts.Lifetimes)
          writeRecord(OS, "lifetime",
                      {L.ClassKey, L.ClassName, L.Variable,
                       L.UnlessReleased.empty() ? "-" : L.UnlessReleased});
        for (const std::string &Key : Facts.Released)
          writeRecord(OS, "released", {Key});
        for (const BoundFinding &F : Facts.Bound)
          writeRecord(OS, "bound", {F.ClassKey, F.File, std::to_string(F.Line),
                                    std::to_string(F.Column)});
        for (const OwnedPart &O : Facts.Owned)
          writeRecord(OS, "owns",
                      {O.OwnerKey, O.PartKey, O.FieldKey, O.OwnerName});
        for (const std::string &Key : Facts.Reset)
          writeRecord(OS, "reset", {Key});
        for (const PartFinding &F : Facts.Parts)
          writeRecord(OS, "part", {F.OwnerKey, F.PartKey, F.File,
                                   std::to_string(F.Line),
                                   std::to_string(F.Column)});
      },
      Error);
}

} // namespace clang::tidy::refcycle
