//===--- OwnershipTypes.h - which records a type owns ----------------------===//
//
// Classifies the type of a data member: which record types an object of that
// type keeps alive, and how (shared or unique owning pointer, or by value).
// Looks through the standard containers, std::array, C arrays, optional,
// variant, pair and tuple, recursively, and through aliases and typedefs;
// works on template patterns too (a dependent std::shared_ptr<Node<T>> owns
// the pattern of Node). Shared analysis: checks that need to know whether a
// member owns a type use this instead of matching smart pointers themselves.
//
//===----------------------------------------------------------------------===//

#ifndef REFCYCLE_CHECKER_OWNERSHIPTYPES_H
#define REFCYCLE_CHECKER_OWNERSHIPTYPES_H

#include "OwnershipGraph.h"

#include "clang/AST/Type.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace clang {
class ASTContext;
class CXXRecordDecl;
class NamedDecl;
class TemplateDecl;
} // namespace clang

namespace clang::tidy::refcycle {

/// One record a member type owns.
struct OwnedRecord {
  /// The owned record's definition (a template pattern in dependent code).
  const CXXRecordDecl *Record = nullptr;
  /// Shared or Unique (through an owning pointer) or Value (by value); Weak
  /// (through std::weak_ptr or boost::weak_ptr) only when asked for.
  ::refcycle::graph::OwnershipKind Kind = ::refcycle::graph::OwnershipKind::Value;
  /// The (owning or weak) pointer template, null for Value.
  const TemplateDecl *Pointer = nullptr;
  /// Reached through a container or array: the member may own many.
  bool ViaContainer = false;
};

class OwnershipTypeClassifier {
public:
  /// The pointer templates are fully qualified names ("::std::shared_ptr").
  OwnershipTypeClassifier(std::vector<std::string> SharedPointerTypes,
                          std::vector<std::string> UniquePointerTypes);

  /// Appends the records a member of type T owns. Records that are declared
  /// in system headers, or only forward-declared, are left out; so are
  /// pointers, references and weak pointers (anything not configured).
  /// With IncludeWeak, a std::weak_ptr or boost::weak_ptr (also inside
  /// containers) is reported too, as a record of Kind Weak: it owns
  /// nothing, and callers that look for ownership must skip it.
  void collect(QualType T, const ASTContext &Context,
               llvm::SmallVectorImpl<OwnedRecord> &Out,
               bool IncludeWeak = false) const;

  /// The template is one of the shared / unique owning pointer templates.
  bool isSharedPointer(const NamedDecl *Template) const;
  bool isUniquePointer(const NamedDecl *Template) const;
  /// The template is std::weak_ptr or boost::weak_ptr.
  static bool isWeakPointer(const NamedDecl *Template);
  /// T (through sugar) is a specialization of a shared owning pointer.
  bool isSharedPointerType(QualType T) const;

  /// "::std::vector": the fully qualified name without inline namespaces.
  static std::string qualifiedName(const NamedDecl *D);
  /// A standard container or wrapper whose type arguments it holds by value
  /// (vector, map, array, optional, variant, pair, tuple, ...). ManyElements
  /// is set for the ones that hold any number of elements.
  static bool isStandardHolder(const NamedDecl *Template, bool &ManyElements);
  /// The record T names: a complete class, or in dependent code the pattern
  /// of the class template it names. Null if none.
  static const CXXRecordDecl *recordFor(QualType T);
  /// The template T is a specialization of (through sugar and aliases), and
  /// its arguments as written or deduced.
  static const TemplateDecl *
  templateOf(QualType T, llvm::SmallVectorImpl<TemplateArgument> &Args);

private:
  void collect(QualType T, const ASTContext &Context, bool ViaContainer,
               unsigned Depth, bool IncludeWeak,
               llvm::SmallVectorImpl<OwnedRecord> &Out) const;

  std::vector<std::string> SharedPointerTypes;
  std::vector<std::string> UniquePointerTypes;
};

} // namespace clang::tidy::refcycle

#endif // REFCYCLE_CHECKER_OWNERSHIPTYPES_H
