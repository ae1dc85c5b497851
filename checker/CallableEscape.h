//===--- CallableEscape.h - where bound callables end up ------------------===//
//
// Callable/escape analysis used by refcycle-dangling-capture: finds the
// callables of a function body that are bound to an object (a lambda that
// captures `this` or a raw pointer, std::bind of a member function) and
// follows each one to where it is stored: a member of some object, a
// container, a global, a registration function, a function of this
// translation unit that stores its parameter, or a detached std::thread.
//
// Everything works on one function body at a time with a parent map of that
// body only, so the analysis never builds the ASTContext-wide parent map.
//
//===----------------------------------------------------------------------===//

#ifndef REFCYCLE_CHECKER_CALLABLEESCAPE_H
#define REFCYCLE_CHECKER_CALLABLEESCAPE_H

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::refcycle::escape {

struct Config {
  llvm::ArrayRef<StringRef> CallbackTypes;         // "::std::function", ...
  llvm::ArrayRef<StringRef> RegistrationFunctions; // "connect", ...
  llvm::ArrayRef<StringRef> ScopedConnectionTypes; // RAII connections
  llvm::ArrayRef<StringRef> TeardownFunctions;     // "disconnect", ...
  // Classes whose objects the registration framework tracks: a registration
  // that is given such an object ends when the object is destroyed.
  llvm::ArrayRef<StringRef> SelfDisconnectingReceiverBases; // "::QObject"
  // Registration functions that queue a handler on an executor ("post",
  // "async_*"): the executor keeps it, whatever object the call is made on.
  llvm::ArrayRef<StringRef> QueuedHandlerFunctions;
  // Strong pointers (or templates of them) whose capture next to `this`,
  // pointing to the object's class, keeps the object alive.
  llvm::ArrayRef<StringRef> KeepAlivePointerTypes;
  // Guarded pointers that become null with their object (QPointer): a
  // callable that consults one does nothing once the object is gone.
  llvm::ArrayRef<StringRef> GuardedPointerTypes;
};

/// True if \p Name is one of \p Patterns; a pattern ending in `*` matches
/// every name with that prefix ("async_*").
bool matchesName(StringRef Name, llvm::ArrayRef<StringRef> Patterns);

enum class CallableKind {
  Lambda,
  Bind,
  MemberPair, // an object pointer and `&C::m` passed on together
  Thread,     // std::thread(&C::m, this): a thread running a member function
};

/// A callable bound to an object.
struct BoundCallable {
  const Expr *E = nullptr; // the LambdaExpr or the bind CallExpr
  CallableKind Kind = CallableKind::Lambda;
  bool CapturesThis = false;                  // raw `this` (not `*this`)
  const VarDecl *RawPointer = nullptr;        // a captured/bound raw pointer
  const CXXRecordDecl *Object = nullptr;      // class of *this or *RawPointer
  const CXXMethodDecl *BoundMethod = nullptr; // bind, pair: the member function
  std::string BindName;                       // "std::bind", "sigc::mem_fun"
  const VarDecl *SelfVar = nullptr;  // captured shared_ptr from shared_from_this()
  const LambdaCapture *SelfCapture = nullptr;
  const Expr *SelfBindArg = nullptr; // bind: shared_from_this() argument
  bool WeakGuarded = false;          // captures a weak_ptr that it locks
  bool KeepsAlive = false;           // captures a strong pointer to the class
  // Strong pointers (std::shared_ptr and the like) the callable holds: by
  // copy captures, or arguments std::bind copies. Stored into the object
  // one of them points to, the callable keeps that object alive.
  llvm::SmallVector<const VarDecl *, 2> HeldOwners;
  // A variable of the enclosing function (a local or a by-value parameter)
  // that a lambda captures by reference and uses: it is destroyed when the
  // function returns, whatever happens to any object.
  const VarDecl *LocalByRef = nullptr;
  const LambdaCapture *LocalCapture = nullptr;

  bool holdsOwner() const { return SelfVar || SelfBindArg; }
  bool danglingCandidate() const {
    return (CapturesThis || RawPointer) && !holdsOwner() && !WeakGuarded &&
           !KeepsAlive;
  }
};

enum class EscapeKind {
  Member,         // assigned to a member callback (or to a member holding
                  // what a function that keeps the callable returns)
  Container,      // inserted into a container of callbacks
  Global,         // assigned to / initializes a global or static
  Registration,   // passed to a function named in RegistrationFunctions
  StoringCallee,  // passed to a function of this TU that stores it
  DetachedThread, // runs on a detached std::thread
};

/// Where a bound callable is stored.
struct Escape {
  EscapeKind Kind = EscapeKind::Member;
  const Expr *Site = nullptr;             // the call or assignment
  const FieldDecl *Field = nullptr;       // the storage member, when known
  const VarDecl *Global = nullptr;        // the storage variable, when global
  const FunctionDecl *Callee = nullptr;   // registration / storing function
  const Stmt *CalleeStoreSite = nullptr;  // where that function stores it
  bool Own = false;                       // storage lives inside *this
  const FieldDecl *OwnMember = nullptr;   // first member of *this on the path
  const ValueDecl *RootDecl = nullptr;    // root of the destination expression
  const FieldDecl *ResultMember = nullptr; // member of *this given the call's result
  bool ScopedResult = false;              // ... and its type is a scoped connection
  // The storage is reached only through this shared_ptr member of *this
  // (`helper_->on_done = ...`): it dies with *this if the member is the
  // object's own helper (isOwnHelperMember).
  const FieldDecl *SharedMember = nullptr;
  QualType CallbackType;                  // the callback type, when known
  // The callable is kept by what this call returns (an owning pointer to an
  // event source that holds it), and the storage holds that result.
  const CallExpr *Carrier = nullptr;
  // Queued on an executor (QueuedHandlerFunctions): the executor keeps the
  // handler and runs it later, even once the object the call was made on
  // (a strand, a socket, a timer, which may be a member) is destroyed or
  // cancelled; only an executor the object owns dies with it.
  bool Queued = false;
  // Queued through an I/O object that is this member of *this (a socket,
  // acceptor or timer member): its operation is aborted when *this dies.
  const FieldDecl *QueuedOn = nullptr;
  // StoringCallee: the arguments of this call (and the object it is made
  // on) that the callee hands to the registration keeping the callable as
  // objects the framework tracks (StoreAnalysis::Result::ContextParams,
  // ContextThis).
  llvm::SmallVector<const Expr *, 2> Contexts;
  // The destination of the store as written (`owner_->keys`, a member
  // assigned, a container, the object a registration is made on); with
  // HolderPointee, a pointer to it. Null when the store has none.
  const Expr *Holder = nullptr;
  bool HolderPointee = false;
};

struct Finding {
  BoundCallable Callable;
  Escape Sink;
  // The framework drops the registration with the object the callable is
  // bound to (see SelfDisconnectingReceiverBases): that settles `this`,
  // not a local captured by reference, which dies with the call.
  bool TrackedWithObject = false;
};

/// Memoized "does this function store its N-th parameter" answers.
class StoreAnalysis;

/// Finds the bound callables of \p Fn that escape into storage.
std::vector<Finding> analyzeFunction(const FunctionDecl *Fn, ASTContext &Ctx,
                                     const Config &Cfg, StoreAnalysis &Stores);

/// The held owner of \p C (see BoundCallable::HeldOwners) that the storage
/// of \p Sink is reached through, or null: the callable is kept by the
/// object it holds a strong reference to.
const VarDecl *storedThroughHeldOwner(const BoundCallable &C,
                                      const Escape &Sink);

/// The class a smart pointer type points to (its first template argument),
/// or null.
const CXXRecordDecl *strongPointee(QualType T);

/// The weak counterpart of the strong pointer type \p T, spelled for a
/// fix-it ("std::weak_ptr<Session>", "boost::weak_ptr<Node>"), or empty when
/// it has none.
std::string weakPointerSpelling(QualType T);

/// `shared_from_this()` called on `this` (through temporaries, copies and
/// std::static_pointer_cast), or a member function of the object that
/// returns it on every path (`self()`).
bool isSelfReference(const Expr *E);

/// Where the owning pointer \p Value, computed in \p Fn, is stored: followed
/// as a callable is, into members, containers of owning pointers, globals,
/// and functions of this translation unit that store it. std::nullopt when
/// it is not stored, or only in a local.
std::optional<Escape> whereStored(const Expr *Value, const FunctionDecl *Fn,
                                  ASTContext &Ctx, const Config &Cfg,
                                  StoreAnalysis &Stores);

/// True if \p Record derives from std::enable_shared_from_this<Record>.
bool isSharedFromThisOf(const CXXRecordDecl *Record);
/// \p Record can call `shared_from_this()`: it derives from
/// std::enable_shared_from_this of itself, or of one public base reached
/// along one path (it then returns a pointer to that base, which keeps the
/// object alive all the same).
bool hasUsableSharedFromThis(const CXXRecordDecl *Record);
/// A raw pointer data member its class fills only with `new` (or null), in
/// the constructors and member functions this translation unit defines:
/// owned the old way, like a std::unique_ptr member (a pimpl).
bool ownsThroughNew(const FieldDecl *Field);
/// True if \p Record derives from any std::enable_shared_from_this.
bool derivesFromSharedFromThis(const CXXRecordDecl *Record);

/// True if the std::shared_ptr member \p Field is its object's own helper,
/// judged from the function definitions \p Functions of the translation
/// unit: every value it is given is a fresh object (std::make_shared, new, an
/// adopted raw pointer, a std::unique_ptr, a function of this translation
/// unit returning such a value), it is never copied out (only dereferenced,
/// tested, get(), reset to a fresh object), it is not public, its class is
/// not copied or moved by an implicit constructor and has every member
/// function defined in this translation unit, and its pointee cannot hand
/// out more owners (no std::enable_shared_from_this). Its pointee then dies
/// with the object.
bool isOwnHelperMember(const FieldDecl *Field,
                       llvm::ArrayRef<const FunctionDecl *> Functions);

/// Where a member function of \p Record among \p Functions passes a handler
/// that keeps its object alive (one that holds shared_from_this(),
/// weak_from_this() or a shared_ptr or weak_ptr to a \p Record) to a
/// function named in \p QueuedHandlerFunctions, when at least as many of
/// those calls keep it alive as bind `this` without: the class relies on
/// its handlers, not on its owner, for its lifetime. Null otherwise.
const Expr *keepAliveHandlerSite(const CXXRecordDecl *Record,
                                 llvm::ArrayRef<const FunctionDecl *> Functions,
                                 llvm::ArrayRef<StringRef> QueuedHandlerFunctions);

/// True if \p Record is a value type: copyable through a public copy
/// constructor and not polymorphic. Its objects are copies and temporaries
/// that come and go, not services an owner keeps alive.
bool isValueType(const CXXRecordDecl *Record);

/// True if \p Fn, after storing the callable at \p Sink, stores something
/// else in the same place before it returns: a later statement of the same
/// block, with no `return` in between, calls the same storing function or
/// assigns the same member (`pdef->setCallback(cb); ...;
/// pdef->setCallback(previous);`). The callable is only kept while \p Fn
/// runs.
bool restoredLater(const FunctionDecl *Fn, const Escape &Sink,
                   const SourceManager &SM);

/// True if \p Record owns an execution context: a data member (by value or
/// through an owning pointer) whose class is, or derives from, Asio's or
/// Boost.Asio's execution_context (an io_context, a thread_pool). Handlers
/// queued on it are destroyed unrun with it.
bool ownsExecutionContext(const CXXRecordDecl *Record);

/// True if the destructor of \p Record tears down the storage of \p Sink.
bool destructorTearsDown(const CXXRecordDecl *Record, const Escape &Sink,
                         const Config &Cfg);

class StoreAnalysis {
public:
  struct Result {
    const FieldDecl *Field = nullptr;      // member that receives it
    const VarDecl *Global = nullptr;       // or global
    const FunctionDecl *Registration = nullptr; // or forwarded to registration
    const Stmt *Site = nullptr;            // where
    int RootParam = -1; // storage reached through parameter N, -1: `this`
    // Another object the function reaches by itself (through a pointer
    // member, a temporary, a heap object it hands to code it cannot see):
    // neither the caller's object nor one of its arguments.
    bool Elsewhere = false;
    // Into an object the function makes and returns: the caller's use of
    // the result decides where the callable lives.
    bool IntoResult = false;
    // Forwarded to a function that queues it on an executor.
    bool Queued = false;
    // The registration that keeps it is also given objects of a class the
    // framework tracks (option SelfDisconnectingReceiverBases): parameters
    // of the function (bit N of ContextParams for parameter N) or the
    // function's own `this` (ContextThis). The registration ends when any
    // of them is destroyed (Qt's connect with its sender or context, and
    // QTimer::singleShot with a context, reached through a helper).
    uint32_t ContextParams = 0;
    bool ContextThis = false;
    bool tracked() const { return ContextParams != 0 || ContextThis; }
  };
  /// How \p FD stores its parameter \p Index; std::nullopt if it does not (or
  /// its body is not available).
  std::optional<Result> stores(const FunctionDecl *FD, unsigned Index,
                               ASTContext &Ctx, const Config &Cfg,
                               unsigned Depth = 0);
  /// True if the body of \p FD is available for the analysis.
  static bool analyzable(const FunctionDecl *FD, const SourceManager &SM);
  /// The arguments of \p Call to the function \p R describes (and the
  /// object the call is made on) that become its tracked objects
  /// (Result::ContextParams, ContextThis).
  static llvm::SmallVector<const Expr *, 2>
  contextArguments(const Result &R, const CallExpr *Call);
  void clear() { Cache.clear(); }

private:
  llvm::DenseMap<std::pair<const FunctionDecl *, unsigned>,
                 std::optional<Result>>
      Cache;
};

} // namespace clang::tidy::refcycle::escape

#endif // REFCYCLE_CHECKER_CALLABLEESCAPE_H
