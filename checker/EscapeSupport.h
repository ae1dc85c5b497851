//===--- EscapeSupport.h - shared pieces of the escape analysis -----------===//
//
// The pieces the parts of refcycle-dangling-capture's escape analysis share:
// type predicates (callback types, smart pointers), stripping the
// expressions that only carry a callable along, a parent map over one
// function body, where a store's destination lives (the object's own
// storage or another object's), and argument/parameter helpers.
//
// Internal to the checker: the parts are CallableEscape.cpp (following a
// callable to its storage), BoundCallables.cpp (what a bound callable is),
// StoreSummaries.cpp (which functions store a parameter), OwnStorage.cpp
// (destinations) and OwnHelper.cpp (the own-helper proof).
//
//===----------------------------------------------------------------------===//

#ifndef REFCYCLE_CHECKER_ESCAPESUPPORT_H
#define REFCYCLE_CHECKER_ESCAPESUPPORT_H

#include "CallableEscape.h"

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/ArrayRef.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"

#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::refcycle::escape::detail {

// --- types ------------------------------------------------------------------

/// "::ns::Name" of \p D.
std::string qualified(const NamedDecl *D);
/// The class of \p T (through references), or null.
const CXXRecordDecl *recordOf(QualType T);
/// The template a record type is a specialization of, qualified with "::".
std::string templateName(QualType T);
/// \p T is a class (or a specialization of a class template) named in
/// \p Names ("::std::function").
bool isNamedType(QualType T, llvm::ArrayRef<StringRef> Names);
bool isCallbackType(QualType T, const Config &Cfg);
/// A container (any class template) with a callback type among its template
/// arguments, directly or nested (std::map<K, std::function<...>>).
bool holdsCallbacks(QualType T, const Config &Cfg, unsigned Depth = 0);
bool isWeakPtr(QualType T);
bool isSharedPtr(QualType T);
/// A pointer that is its pointee's only owner: std::unique_ptr, and the
/// non-copyable boost::scoped_ptr.
bool isUniquePtr(QualType T);
/// An owning smart pointer: what a function that keeps a callable may
/// return to own it.
bool isOwningPointer(QualType T);
/// The class a raw pointer type points to, or null.
const CXXRecordDecl *pointeeRecord(QualType T);
/// \p R, a class outside namespace std, or one of its bases, has a data
/// member of a callback type or holding callbacks: it keeps callables.
bool keepsCallables(const CXXRecordDecl *R, const Config &Cfg);
/// True if \p Record is, or derives from, a class named in \p Names.
bool isOrDerivesFrom(const CXXRecordDecl *Record,
                     llvm::ArrayRef<StringRef> Names);

// --- expressions --------------------------------------------------------------

bool isStdMoveOrForward(const CallExpr *Call);
/// A value that holds nothing: `nullptr`, `{}`, `T()`, `T{}`,
/// `std::shared_ptr<T>()`, `std::function<F>(nullptr)`.
bool isEmptyValue(const Expr *E, ASTContext &Ctx);
/// Strips the expressions that only carry a callable along (casts,
/// temporaries, std::move, the std::function converting constructor).
const Expr *strip(const Expr *E, const Config &Cfg);
/// True if \p Parent only carries \p Child along (see strip()).
bool isWrapper(const Stmt *Parent, const Config &Cfg);
/// The non-static member function named by `&C::m`, or null.
const CXXMethodDecl *memberFunctionPointer(const Expr *E);
/// True for 'p->f()': the implicit object argument is a pointer.
bool calledThroughPointer(const CallExpr *Call);
/// `this->shared_from_this()`, through temporaries, copies and
/// std::static_pointer_cast, or a member function of the object that returns
/// it on every path (`self()`, `shared_from_base<T>()`).
bool isSharedFromThisCall(const Expr *E);
/// \p S names \p D (a variable or a member).
bool mentionsDecl(const Stmt *S, const ValueDecl *D);
/// \p S uses `this`, explicitly or through an implicit member access.
bool usesThis(const Stmt *S);
/// \p S calls `V.lock()` or `V.expired()`.
bool locksVar(const Stmt *S, const VarDecl *V);
/// A call inserting into a container of callbacks (push_back, insert, ...),
/// or with \p OwningPointers into a container of owning pointers.
bool isContainerInsert(const CXXMemberCallExpr *Call, const Config &Cfg,
                       bool OwningPointers = false);
/// std::static_pointer_cast<T>(p) and its kin (std::, boost::): the result
/// is the same owner.
bool isPointerCast(const CallExpr *Call);

// --- calls and parameters --------------------------------------------------------

/// True if parameter \p Index of \p FD is declared `[[clang::noescape]]` on
/// any declaration of the function or of the template it comes from.
bool isNoEscapeParameter(const FunctionDecl *FD, unsigned Index);
/// A call that runs the callable it is given before it returns, whatever the
/// callee's body: Qt's `QMetaObject::invokeMethod` with `Qt::DirectConnection`
/// or `Qt::BlockingQueuedConnection` (the caller waits for the call).
bool runsBeforeReturning(const CallExpr *Call);
/// A parameter a registration function may keep: a callback type taken by
/// value or rvalue reference, or a forwarding/by-value template parameter.
bool isStoringParameter(const FunctionDecl *FD, unsigned Index,
                        const Config &Cfg);
/// A parameter a function named in RegistrationFunctions keeps: a callback
/// type or a template parameter, by value or by reference (a registration
/// taking `const std::function<...> &` copies it).
bool isRegisteredParameter(const FunctionDecl *FD, unsigned Index,
                           const Config &Cfg);
/// Parameter \p Index of a function named in QueuedHandlerFunctions that
/// takes a callable: the function queues it on an executor, whatever its
/// body (Asio's, or a copy of Asio bundled in the project).
bool isQueuedHandlerParameter(const FunctionDecl *FD, unsigned Index,
                              const Config &Cfg);
/// A member function whose body is not available (and not in a system
/// header) whose class, or a base, has a data member holding callables of
/// the type of parameter \p Index (an event loop with a queue of
/// std::function<void()> taking one by const reference): it keeps the
/// callable it is given.
bool keepsCallablesOfParameter(const FunctionDecl *FD, unsigned Index,
                               const Config &Cfg, const SourceManager &SM);
/// \p Call returns, by value, a class template specialization that holds
/// a \p Callable among its template arguments (nested up to three deep): a
/// wrapper such as asio::bind_executor or a strand's wrap() carries the
/// callable on.
bool returnsHolderOf(const CallExpr *Call, QualType Callable);
/// The argument index of \p Arg in \p Call as a parameter index of the callee.
std::optional<unsigned> parameterIndex(const CallExpr *Call, const Stmt *Arg);
/// The object a member call (or member operator call) is made on, or null.
const Expr *implicitObject(const CallExpr *Call);
/// True if the pointer parameter \p Index of \p FD (body available) may be
/// kept: any use other than calling through it or testing it.
bool keepsPointerParameter(const FunctionDecl *FD, unsigned Index);

// --- one function body ---------------------------------------------------------

/// A parent map over one function body (and its constructor initializers).
class BodyMap {
public:
  explicit BodyMap(const FunctionDecl *FD);

  const Stmt *parent(const Stmt *S) const { return Parents.lookup(S); }
  const CXXCtorInitializer *initializerOf(const Stmt *S) const {
    return InitOf.lookup(S);
  }
  llvm::ArrayRef<const DeclRefExpr *> uses(const ValueDecl *D) const {
    auto It = Uses.find(D);
    if (It == Uses.end())
      return {};
    return It->second;
  }
  llvm::ArrayRef<const Expr *> callables() const { return Callables; }
  /// Calls with a `&C::m` argument (candidates for a pointer-to-member pair).
  llvm::ArrayRef<const CallExpr *> pairCalls() const { return PairCalls; }

private:
  void visit(const Stmt *S, const Stmt *Parent);

  llvm::DenseMap<const Stmt *, const Stmt *> Parents;
  llvm::DenseMap<const Stmt *, const CXXCtorInitializer *> InitOf;
  llvm::DenseMap<const ValueDecl *, std::vector<const DeclRefExpr *>> Uses;
  std::vector<const Expr *> Callables;
  std::vector<const CallExpr *> PairCalls;
};

/// The parent of \p S in \p Map, skipping the nodes that only carry a
/// callable along; \p Child receives the node below it.
const Stmt *parentSkippingWrappers(const BodyMap &Map, const Stmt *S,
                                   const Config &Cfg, const Stmt **Child);

// --- destinations (OwnStorage.cpp) -------------------------------------------------

/// Where the destination of a store lives.
enum class Owner { This, Other, Unknown };
struct Destination {
  Owner Who = Owner::Unknown;
  const FieldDecl *FirstMember = nullptr; // member of the root on the path
  const FieldDecl *Field = nullptr;       // outermost member (the storage)
  const ValueDecl *Root = nullptr;        // root variable or member of this
  const VarDecl *Global = nullptr;
  const ParmVarDecl *Param = nullptr;
  const FieldDecl *SharedMember = nullptr; // the only indirection: this->sp_
};

/// Where a store into \p Dest lands: inside `*this` or another object, and
/// through which member. With \p Pointee, \p Dest is a raw pointer to the
/// destination (the object a member function is called on as
/// 'pool_->add(cb)').
Destination destinationOf(const Expr *Dest, bool Pointee = false);
/// The value of \p E points to storage inside `*this` (`this`, a member's
/// address, a std::unique_ptr member, a member filled with `new`, ...).
bool pointsIntoThis(const Expr *E, unsigned Depth);
/// The object the glvalue \p E designates lies inside `*this`.
bool placeInThis(const Expr *E, unsigned Depth);
/// A raw pointer member of `*this` that its class fills only with `new`.
bool isNewOwnedMember(const Expr *E);
/// A raw pointer data member its class fills only with `new` (or null):
/// owned the old way, like a std::unique_ptr member.
bool isNewOwnedField(const FieldDecl *Field);
/// \p Value is a call of a function whose every return gives a fresh `new`
/// object (`Gtk::make_managed<T>(...)`), judged from its body.
bool isNewResult(const Expr *Value);
/// A raw pointer data member its class fills only with values \p Allowed
/// accepts (or null), at least once.
bool fieldOnlyHolds(const FieldDecl *Field,
                    llvm::function_ref<bool(const Expr *)> Allowed);

// --- bound callables (BoundCallables.cpp) -------------------------------------------

/// A lambda bound to `this` (explicitly or through a default capture that
/// uses a member), to a raw pointer to a shared_ptr-managed object, or
/// holding its owner (a shared_ptr from shared_from_this()).
std::optional<BoundCallable> classifyLambda(const LambdaExpr *L,
                                            const CXXRecordDecl *ThisClass,
                                            const Config &Cfg);
/// A member function bound to such an object: std::bind, std::bind_front,
/// boost::bind, or any binder (isBinderCall) such as sigc::mem_fun.
std::optional<BoundCallable> classifyBind(const CallExpr *Call,
                                          const Config &Cfg);
/// \p Call takes `&C::m` (\p Method) and returns, by value, a class
/// template specialization whose type mentions C: the object it returns
/// holds the bound object (sigc::mem_fun(*this, &C::m)). A registration
/// that only takes the pair (Qt's connect, returning a connection) is not a
/// binder.
bool isBinderCall(const CallExpr *Call, const CXXMethodDecl *Method);
/// `std::thread(&C::m, this, ...)` (or std::jthread): a thread running a
/// member function of `this`.
std::optional<BoundCallable> classifyThread(const CXXConstructExpr *Thread,
                                            const Config &Cfg);
/// A callback object constructed from a member function and the object to
/// call it on, as a binder would be: `slot_type(&C::m, this, _1)` of
/// boost::signals2 (a type of the CallbackTypes option).
std::optional<BoundCallable>
classifyBindingConstruct(const CXXConstructExpr *Construct, const Config &Cfg);
/// A pointer-to-member pair handed on together to a registration function;
/// \p ObjectArg receives the argument index of the object pointer.
std::optional<BoundCallable> classifyPair(const CallExpr *Call,
                                          const CXXRecordDecl *ThisClass,
                                          const Config &Cfg,
                                          unsigned *ObjectArg);

} // namespace clang::tidy::refcycle::escape::detail

#endif // REFCYCLE_CHECKER_ESCAPESUPPORT_H
