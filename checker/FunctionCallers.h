//===--- FunctionCallers.h - which code runs a function, in one TU --------===//
//
// An index of the program's references to its functions: who calls each
// one, and which are referenced without a call (their address bound,
// stored or passed on, so that code the translation unit cannot see may run
// them). Built by one walk over the program's code (system headers are
// skipped).
//
// refcycle-shared-ptr-cycle asks it whether a release of a cycle's member
// can run once the cycle's objects are abandoned: a release that only their
// own member functions run cannot, since nothing outside calls them any
// more.
//
//===----------------------------------------------------------------------===//

#ifndef REFCYCLE_CHECKER_FUNCTIONCALLERS_H
#define REFCYCLE_CHECKER_FUNCTIONCALLERS_H

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace clang {
class ASTContext;
class CXXMethodDecl;
class CXXRecordDecl;
class FunctionDecl;
class Stmt;
} // namespace clang

namespace clang::tidy::refcycle {

class FunctionCallers {
public:
  /// Walks the translation unit's code once.
  explicit FunctionCallers(ASTContext &Context);

  /// True when the only code of the translation unit that runs Code (a
  /// statement of Function) is member functions; Records are then their
  /// classes: Function's own and, through every call the code shows (also
  /// calls of a function that Function overrides), its callers' classes,
  /// transitively. A caller that calls it on 'this' adds no class (it runs
  /// on the same object), but its own callers do. False, and Records left empty, when other code runs or
  /// may run it: Code in a lambda (whoever holds the lambda runs it), a
  /// function that is not a member, a reference that does not call (an
  /// address bound or stored), a virtual function of a class in a system
  /// header that it overrides (the framework calls it), or a call chain too
  /// long to follow.
  /// Chain, if given, receives the functions on the way (Function, the
  /// member functions that call it, transitively, and the virtual functions
  /// they override): a call of any of them that another translation unit
  /// makes runs Code too.
  bool runOnlyByMembers(
      const Stmt &Code, const FunctionDecl *Function,
      llvm::SmallVectorImpl<const CXXRecordDecl *> &Records,
      llvm::SmallVectorImpl<const FunctionDecl *> *Chain = nullptr) const;

  /// Calls Visit(Callee, Caller) for each reference to a member function
  /// except calls on 'this': Caller is the member function whose code calls
  /// it, or null when other code runs it (see runOnlyByMembers).
  void forEachMemberCall(
      llvm::function_ref<void(const CXXMethodDecl *Callee,
                              const CXXMethodDecl *Caller)>
          Visit) const;

private:
  struct Reference {
    /// The function whose own code holds the reference; null in a lambda
    /// or an initializer outside functions.
    const FunctionDecl *From = nullptr;
    bool Calls = false;
    /// A member call on 'this' ('detach()', 'this->detach()').
    bool OnThis = false;
  };
  class Collector;

  ASTContext &Context;
  /// Keyed by the canonical declaration of the function referenced.
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<Reference, 2>>
      ReferencesTo;
};

} // namespace clang::tidy::refcycle

#endif // REFCYCLE_CHECKER_FUNCTIONCALLERS_H
