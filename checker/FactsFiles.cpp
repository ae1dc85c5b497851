//===--- FactsFiles.cpp ----------------------------------------------------===//

#include "FactsFiles.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/PrettyPrinter.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <cctype>
#include <cstdint>
#include <cstdlib>

namespace clang::tidy::refcycle {

namespace {
// FNV-1a: stable across processes and LLVM versions.
std::uint64_t stableHash(llvm::StringRef Text) {
  std::uint64_t Hash = 0xcbf29ce484222325ULL;
  for (unsigned char C : Text) {
    Hash ^= C;
    Hash *= 0x100000001b3ULL;
  }
  return Hash;
}
} // namespace

std::string factsDirectory(const std::string &Option) {
  if (!Option.empty())
    return Option;
  const char *Env = std::getenv("REFCYCLE_FACTS_DIRECTORY");
  return Env ? Env : "";
}

std::string absoluteFactsPath(const SourceManager &SM, llvm::StringRef Path) {
  llvm::SmallString<256> Absolute(Path);
  SM.getFileManager().makeAbsolutePath(Absolute);
  llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
  return std::string(Absolute.str());
}

void writeFactsField(llvm::raw_ostream &OS, llvm::StringRef Text) {
  for (char C : Text) {
    switch (C) {
    case '\\':
      OS << "\\\\";
      break;
    case '\t':
      OS << "\\t";
      break;
    case '\n':
      OS << "\\n";
      break;
    case '\r':
      OS << "\\r";
      break;
    default:
      OS << C;
    }
  }
}

bool writeFactsFile(llvm::StringRef Directory, llvm::StringRef MainFile,
                    llvm::StringRef Extension,
                    llvm::function_ref<void(llvm::raw_ostream &)> Write,
                    std::string &Error) {
  if (std::error_code EC = llvm::sys::fs::create_directories(Directory)) {
    Error = "cannot create the facts directory '" + Directory.str() +
            "': " + EC.message();
    return false;
  }

  // One name per main file: rerunning clang-tidy on a TU replaces its facts
  // instead of leaving stale ones, and two processes on the same TU write the
  // same content, of which the last rename wins whole.
  llvm::SmallString<256> Absolute(MainFile);
  llvm::sys::fs::make_absolute(Absolute);
  std::string Stem = llvm::sys::path::filename(MainFile).str();
  for (char &C : Stem)
    if (!std::isalnum(static_cast<unsigned char>(C)) && C != '.' && C != '-' &&
        C != '_')
      C = '_';
  llvm::SmallString<256> Final(Directory);
  llvm::sys::path::append(Final, Stem + "-" +
                                     llvm::utohexstr(stableHash(Absolute)) +
                                     "." + Extension.str());

  llvm::SmallString<256> TempModel(Final);
  TempModel += ".%%%%%%%%.tmp";
  int FD = -1;
  llvm::SmallString<256> Temp;
  if (std::error_code EC =
          llvm::sys::fs::createUniqueFile(TempModel, FD, Temp)) {
    Error = "cannot create a facts file in '" + Directory.str() +
            "': " + EC.message();
    return false;
  }
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    Write(OS);
    OS.close();
    if (OS.has_error()) {
      Error = "cannot write the facts file '" + Temp.str().str() +
              "': " + OS.error().message();
      OS.clear_error();
      llvm::sys::fs::remove(Temp);
      return false;
    }
  }
  if (std::error_code EC = llvm::sys::fs::rename(Temp, Final)) {
    Error = "cannot rename '" + Temp.str().str() + "' to '" +
            Final.str().str() + "': " + EC.message();
    llvm::sys::fs::remove(Temp);
    return false;
  }
  return true;
}

std::string recordDisplayName(const CXXRecordDecl *RD) {
  std::string Name;
  llvm::raw_string_ostream OS(Name);
  PrintingPolicy Policy(RD->getASTContext().getLangOpts());
  Policy.SuppressUnwrittenScope = true;
  RD->getNameForDiagnostic(OS, Policy, /*Qualified=*/true);
  OS.flush();
  if (llvm::StringRef(Name).starts_with("::"))
    Name.erase(0, 2);
  return Name;
}

namespace {
/// The USR of \p D, or empty when clang cannot make one.
std::string usrOf(const Decl *D) {
  llvm::SmallString<128> USR;
  if (index::generateUSRForDecl(D, USR))
    return "";
  return std::string(USR.str());
}
} // namespace

std::string declKey(const NamedDecl *D) {
  std::string USR = usrOf(D);
  return USR.empty() ? "::" + D->getQualifiedNameAsString() : USR;
}

std::string recordKey(const CXXRecordDecl *RD, const SourceManager &SM) {
  if (std::string USR = usrOf(RD); !USR.empty())
    return USR;
  std::string Key = "::" + RD->getQualifiedNameAsString();
  // No USR: the qualified name, made unique by the declaration's place.
  PresumedLoc PLoc = SM.getPresumedLoc(SM.getExpansionLoc(RD->getLocation()));
  if (PLoc.isValid())
    Key += "@" + std::string(PLoc.getFilename()) + ":" +
           std::to_string(PLoc.getLine()) + ":" +
           std::to_string(PLoc.getColumn());
  return Key;
}

} // namespace clang::tidy::refcycle
