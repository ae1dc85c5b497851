//===--- LifetimeFacts.h - program-lifetime objects, for the whole program ===//
//
// refcycle-dangling-capture stays silent on a callback bound to an object
// that lives as long as the program (StaticLifetime.h). Which objects do is
// often decided in another file: the global, the leaky singleton or the
// local of `main` that makes the object is in main.cpp, the callback in the
// class's own file. With a facts directory (the check's FactsDirectory
// option, or $REFCYCLE_FACTS_DIRECTORY, which refcycle-lint --whole-program
// sets), each translation unit writes which classes it gives such an object
// (`lifetime` records; for a global pointer given a `new` object that other
// files can name, on the condition that no file releases it, with
// `released` records from the files that do) and which of its findings that
// would silence (`bound` records: the finding's place and the class of its
// object). refcycle-lint drops a finding whose class has such a record in
// any file. Format: docs/whole-program.md.
//
//===----------------------------------------------------------------------===//

#ifndef REFCYCLE_CHECKER_LIFETIMEFACTS_H
#define REFCYCLE_CHECKER_LIFETIMEFACTS_H

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace clang::tidy::refcycle {

/// The first line of a lifetimes file is "refcycle-lifetimes\t<version>".
constexpr unsigned LifetimeFactsVersion = 2;

struct ProgramLifetime {
  std::string ClassKey;  // recordKey()
  std::string ClassName; // for people reading the file
  std::string Variable;  // the variable that gives it that lifetime
  // Set for a global pointer other files can name (variableKey()): the
  // object is the program's only if no file releases that pointer.
  std::string UnlessReleased;
};

/// A finding that the whole program may drop: where its warning is, and
/// the class of the object its callback is bound to.
struct BoundFinding {
  std::string ClassKey; // recordKey()
  std::string File;     // absolute
  unsigned Line = 0;
  unsigned Column = 0;
};

/// A class whose constructors (here) make a part of another class with
/// `this` and keep it for life in a member (OwnerStorage.h).
struct OwnedPart {
  std::string OwnerKey; // recordKey()
  std::string PartKey;  // recordKey()
  std::string FieldKey; // declKey() of the member
  std::string OwnerName;
};

/// A finding on a part that registered a callback in the storage of the
/// object it was made by: dropped when that object's class owns the part's
/// class for life (an `owns` record whose member no file resets).
struct PartFinding {
  std::string OwnerKey;
  std::string PartKey;
  std::string File; // absolute
  unsigned Line = 0;
  unsigned Column = 0;
};

/// What a translation unit tells the whole program.
struct LifetimeFacts {
  std::vector<ProgramLifetime> Lifetimes;
  /// Keys of the global pointers this file deletes, resets or reassigns.
  std::vector<std::string> Released;
  /// Callbacks bound to an object, silent if it lives as long as the
  /// program.
  std::vector<BoundFinding> Bound;
  std::vector<OwnedPart> Owned;
  /// Keys of the pointer members this file gives a value outside their
  /// class's constructors.
  std::vector<std::string> Reset;
  std::vector<PartFinding> Parts;
};

/// Writes the lifetimes file of \p MainFile into \p Directory (see
/// writeFactsFile). Returns false and sets \p Error on failure.
bool writeLifetimeFacts(llvm::StringRef Directory, llvm::StringRef MainFile,
                        const LifetimeFacts &Facts, std::string &Error);

} // namespace clang::tidy::refcycle

#endif // REFCYCLE_CHECKER_LIFETIMEFACTS_H
