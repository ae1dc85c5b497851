// RUN: %check_clang_tidy %s refcycle-dangling-capture %t

// A lambda capturing 'this' stored in the pointee of a std::shared_ptr member
// of 'this'. The pointee dies with the object when the member is the
// object's own helper: every value it gets is a fresh object, it is never
// copied out, it is not public, the object is not copied by an implicit
// constructor (a polymorphic class only if this file copies it), every
// member function is defined here, and the pointee has no
// enable_shared_from_this. Otherwise the pointee may be shared and outlive
// 'this'. Not copying out: dereferencing, testing and comparing it, local
// references and copies used the same way (also swapped with another local),
// passing it to a function of this file whose parameter is used the same
// way, a getter returning a const reference (it lends access), and passing
// it to the constructor of an object kept in another private member.

#include <functional>
#include <memory>

struct Helper {
  std::function<void()> on_done;
  // A registration name without a body here.
  void connect(std::function<void()> f);
  // A function of this translation unit that stores its parameter.
  void setDistance(const std::function<int()> &f) { dist_ = f; }
  std::function<int()> dist_;
};
Helper *newHelper(int kind); // a factory returning a raw pointer
std::shared_ptr<Helper> sharedHelper(); // body not here: may be shared
std::shared_ptr<Helper> makeHelper() { return std::make_shared<Helper>(); }
void useHelper(std::shared_ptr<Helper> h);

struct NonCopyable {
  NonCopyable() = default;
  NonCopyable(const NonCopyable &) = delete;
  NonCopyable &operator=(const NonCopyable &) = delete;
};

// Must not warn: created with make_shared in the constructor.
class Owner1 : NonCopyable {
public:
  Owner1() : helper_(std::make_shared<Helper>()) {}
  void wire() {
    helper_->on_done = [this] { done(); };
    helper_->connect([this] { done(); });
    helper_->setDistance([this] { return size(); });
    // Uses that do not copy the shared_ptr out.
    if (helper_ && helper_ != nullptr && helper_.get())
      (*helper_).on_done();
  }
  // An uninstantiated template assigning a fresh object.
  template <class H> void replace() { helper_ = std::make_shared<H>(); }
  void done() {}
  int size() const { return 0; }

private:
  std::shared_ptr<Helper> helper_;
};

// Must not warn: the ompl TSRRT shape. A protected member reset to a raw
// pointer from a factory (adopted: the shared_ptr is its only owner), or to
// 'new' in an uninstantiated member template; make_unique, a factory of this
// translation unit returning make_shared, an in-class nullptr, reset().
class Planner : NonCopyable {
public:
  void setup() {
    if (!nn_)
      nn_.reset(newHelper(1));
    nn_->setDistance([this](){ return size(); });
  }
  template <class H> void setHelper() { nn_.reset(new H()); }
  void other() { nn_ = std::make_unique<Helper>(); }
  void third() { nn_ = makeHelper(); }
  void clear() { nn_.reset(); }
  int size() const { return 0; }

protected:
  std::shared_ptr<Helper> nn_ = nullptr;
};

// Warns: handed out by a getter (by value, by reference).
class Getter : NonCopyable {
public:
  Getter() : helper_(std::make_shared<Helper>()) {}
  void wire() { helper_->on_done = [this] { done(); }; }
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: lambda captures 'this' and is stored in 'Helper::on_done', which may outlive this 'Getter'; bind through a weak reference [refcycle-dangling-capture]
  std::shared_ptr<Helper> helper() const { return helper_; }
  void done() {}

private:
  std::shared_ptr<Helper> helper_;
};
// Warns: a getter returning a non-const reference (the caller can replace
// it, or copy it out).
class MutableRefGetter : NonCopyable {
public:
  MutableRefGetter() : helper_(std::make_shared<Helper>()) {}
  void wire() { helper_->on_done = [this] { done(); }; }
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: lambda captures 'this' and is stored in 'Helper::on_done', which may outlive this 'MutableRefGetter'
  std::shared_ptr<Helper> &helper() { return helper_; }
  void done() {}

private:
  std::shared_ptr<Helper> helper_;
};

// Must not warn: a const-reference getter lends access (ompl's PRM).
class RefGetter : NonCopyable {
public:
  RefGetter() : helper_(std::make_shared<Helper>()) {}
  void wire() { helper_->on_done = [this] { done(); }; }
  const std::shared_ptr<Helper> &helper() const { return helper_; }
  void done() {}

private:
  std::shared_ptr<Helper> helper_;
};

// Must not warn: local references and copies, comparisons, swaps with
// locals, member functions taking it by reference or by value, and a
// strategy object kept in another private member (ompl's RRTConnect,
// BiTRRT, BiEST, LazyPRM shapes).
struct Strategy {
  Strategy(int k, std::shared_ptr<Helper> h) : k(k), h(std::move(h)) {}
  int operator()() const { return k; }
  int k;
  std::shared_ptr<Helper> h;
};
class Trees : NonCopyable {
public:
  Trees() : start_(std::make_shared<Helper>()), goal_(std::make_shared<Helper>()) {}
  void wire() {
    start_->on_done = [this] { done(); };
    goal_->on_done = [this] { done(); };
  }
  void grow(bool fromStart) {
    std::shared_ptr<Helper> &tree = fromStart ? start_ : goal_;
    tree->on_done();
    bool isStart = (tree == start_) || (start_ != tree);
    std::shared_ptr<Helper> a = start_, b = goal_;
    for (int i = 0; i < 3; ++i) {
      add(a, isStart);
      std::swap(a, b);
    }
    count(goal_);
    strategy_ = Strategy(3, start_);
  }
  void add(const std::shared_ptr<Helper> &t, bool) { t->on_done(); }
  static int count(std::shared_ptr<Helper> t) { return t ? 1 : 0; }
  void done() {}

private:
  std::shared_ptr<Helper> start_, goal_;
  std::function<int()> strategy_;
};

// Must not warn: polymorphic, so used through pointers; this file does not
// copy it.
class Polymorphic {
public:
  Polymorphic() : helper_(std::make_shared<Helper>()) {}
  virtual ~Polymorphic() = default;
  void wire() { helper_->on_done = [this] { done(); }; }
  void done() {}

private:
  std::shared_ptr<Helper> helper_;
};

// Warns: a copy of a local reference goes out; a function of this file
// stores its parameter; a swap hands it to a reference parameter; a local
// swapped with it escapes in a later iteration of the loop; a strategy
// object kept in a public member; a polymorphic class copied here.
std::shared_ptr<Helper> kept;
void keep(const std::shared_ptr<Helper> &h) { kept = h; }
class ViaReference : NonCopyable {
public:
  ViaReference() : helper_(std::make_shared<Helper>()) {}
  void wire(std::shared_ptr<Helper> &out) {
    helper_->on_done = [this] { done(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: lambda captures 'this' and is stored in 'Helper::on_done', which may outlive this 'ViaReference'
    const auto &h = helper_;
    out = h;
  }
  void done() {}

private:
  std::shared_ptr<Helper> helper_;
};
class ViaStoringFunction : NonCopyable {
public:
  ViaStoringFunction() : helper_(std::make_shared<Helper>()) {}
  void wire() {
    helper_->on_done = [this] { done(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: lambda captures 'this' and is stored in 'Helper::on_done', which may outlive this 'ViaStoringFunction'
    keep(helper_);
  }
  void done() {}

private:
  std::shared_ptr<Helper> helper_;
};
class ViaSwap : NonCopyable {
public:
  ViaSwap() : helper_(std::make_shared<Helper>()) {}
  void wire(std::shared_ptr<Helper> &out) {
    helper_->on_done = [this] { done(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: lambda captures 'this' and is stored in 'Helper::on_done', which may outlive this 'ViaSwap'
    std::shared_ptr<Helper> local = helper_;
    std::swap(local, out);
  }
  void done() {}

private:
  std::shared_ptr<Helper> helper_;
};
class ViaLoopSwap : NonCopyable {
public:
  ViaLoopSwap() : helper_(std::make_shared<Helper>()) {}
  void wire() {
    helper_->on_done = [this] { done(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: lambda captures 'this' and is stored in 'Helper::on_done', which may outlive this 'ViaLoopSwap'
    std::shared_ptr<Helper> a = helper_, b;
    for (int i = 0; i < 2; ++i) {
      kept = b;
      std::swap(a, b);
    }
  }
  void done() {}

private:
  std::shared_ptr<Helper> helper_;
};
class ViaPublicStrategy : NonCopyable {
public:
  ViaPublicStrategy() : helper_(std::make_shared<Helper>()) {}
  void wire() {
    helper_->on_done = [this] { done(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: lambda captures 'this' and is stored in 'Helper::on_done', which may outlive this 'ViaPublicStrategy'
    strategy = Strategy(1, helper_);
  }
  void done() {}
  std::function<int()> strategy;

private:
  std::shared_ptr<Helper> helper_;
};
class CopiedPolymorphic {
public:
  CopiedPolymorphic() : helper_(std::make_shared<Helper>()) {}
  virtual ~CopiedPolymorphic() = default;
  void wire() { helper_->on_done = [this] { done(); }; }
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: lambda captures 'this' and is stored in 'Helper::on_done', which may outlive this 'CopiedPolymorphic'
  CopiedPolymorphic clone() const { return *this; }
  void done() {}

private:
  std::shared_ptr<Helper> helper_;
};

// Warns: passed to a function, captured by copy, copied to a local.
class Passed : NonCopyable {
public:
  Passed() : helper_(std::make_shared<Helper>()) {}
  void wire() {
    helper_->on_done = [this] { done(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: lambda captures 'this' and is stored in 'Helper::on_done', which may outlive this 'Passed'
    useHelper(helper_);
  }
  void done() {}

private:
  std::shared_ptr<Helper> helper_;
};
class Captured : NonCopyable {
public:
  Captured() : helper_(std::make_shared<Helper>()) {}
  void wire() {
    helper_->connect([this] { done(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: lambda captures 'this' and is passed to 'Helper::connect', which may keep it after this 'Captured' is destroyed
    auto keep = [h = helper_] {};
    keep();
  }
  void done() {}

private:
  std::shared_ptr<Helper> helper_;
};
class CopiedOut : NonCopyable {
public:
  CopiedOut() : helper_(std::make_shared<Helper>()) {}
  void wire(std::shared_ptr<Helper> &out) {
    helper_->on_done = [this] { done(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: lambda captures 'this' and is stored in 'Helper::on_done', which may outlive this 'CopiedOut'
    out = helper_;
  }
  void done() {}

private:
  std::shared_ptr<Helper> helper_;
};

// Warns: given a value that may be shared (a parameter, a factory whose body
// is not here).
class Injected : NonCopyable {
public:
  explicit Injected(std::shared_ptr<Helper> h) : helper_(std::move(h)) {}
  void wire() { helper_->on_done = [this] { done(); }; }
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: lambda captures 'this' and is stored in 'Helper::on_done', which may outlive this 'Injected'
  void done() {}

private:
  std::shared_ptr<Helper> helper_;
};
class Factory : NonCopyable {
public:
  Factory() : helper_(sharedHelper()) {}
  void wire() { helper_->on_done = [this] { done(); }; }
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: lambda captures 'this' and is stored in 'Helper::on_done', which may outlive this 'Factory'
  void done() {}

private:
  std::shared_ptr<Helper> helper_;
};

// Warns: a public member, a copyable object, a member function defined
// elsewhere, a pointee that can hand out owners of itself.
class Public : NonCopyable {
public:
  Public() : helper_(std::make_shared<Helper>()) {}
  void wire() { helper_->on_done = [this] { done(); }; }
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: lambda captures 'this' and is stored in 'Helper::on_done', which may outlive this 'Public'
  void done() {}
  std::shared_ptr<Helper> helper_;
};
class Copyable {
public:
  Copyable() : helper_(std::make_shared<Helper>()) {}
  void wire() { helper_->on_done = [this] { done(); }; }
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: lambda captures 'this' and is stored in 'Helper::on_done', which may outlive this 'Copyable'
  void done() {}

private:
  std::shared_ptr<Helper> helper_;
};
class Elsewhere : NonCopyable {
public:
  Elsewhere() : helper_(std::make_shared<Helper>()) {}
  void wire() { helper_->on_done = [this] { done(); }; }
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: lambda captures 'this' and is stored in 'Helper::on_done', which may outlive this 'Elsewhere'
  void moreWiring(); // defined in another translation unit
  void done() {}

private:
  std::shared_ptr<Helper> helper_;
};
// Must not warn: this file is the class's implementation (it defines member
// functions outside the class), so a member function it declares but does
// not define is defined nowhere (ompl's SPARSdb::checkForSolution).
class ImplementedHere : NonCopyable {
public:
  ImplementedHere();
  void wire();
  void neverDefined(int);
  void done() {}

private:
  std::shared_ptr<Helper> helper_;
};
ImplementedHere::ImplementedHere() : helper_(std::make_shared<Helper>()) {}
void ImplementedHere::wire() { helper_->on_done = [this] { done(); }; }
struct SharedHelper : std::enable_shared_from_this<SharedHelper> {
  std::function<void()> on_done;
};
class SelfSharing : NonCopyable {
public:
  SelfSharing() : helper_(std::make_shared<SharedHelper>()) {}
  void wire() { helper_->on_done = [this] { done(); }; }
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: lambda captures 'this' and is stored in 'SharedHelper::on_done', which may outlive this 'SelfSharing'
  void done() {}

private:
  std::shared_ptr<SharedHelper> helper_;
};

// Must not warn: a boost::scoped_ptr member, like a std::unique_ptr, is its
// pointee's only owner (ompl's STRIDE).
namespace boost {
template <class T> class scoped_ptr {
public:
  explicit scoped_ptr(T *p = nullptr);
  scoped_ptr(const scoped_ptr &) = delete;
  T *operator->() const;
};
} // namespace boost
class Scoped : NonCopyable {
public:
  Scoped() : tree_(new Helper) {}
  void wire() { tree_->on_done = [this] { done(); }; }
  void done() {}

private:
  boost::scoped_ptr<Helper> tree_;
};

// Must not warn: a friend class whose member functions are all defined here
// (their uses are judged too). Warns: a friend class with a member function
// defined elsewhere.
class WithFriend : NonCopyable {
public:
  WithFriend() : helper_(std::make_shared<Helper>()) {}
  void wire() { helper_->on_done = [this] { done(); }; }
  void done() {}

private:
  friend class Estimator;
  std::shared_ptr<Helper> helper_;
};
class Estimator {
public:
  explicit Estimator(WithFriend *owner) : owner_(owner) {}
  void run() { owner_->helper_->on_done(); }

private:
  WithFriend *owner_;
};
class Peeker;
class WithOpaqueFriend : NonCopyable {
public:
  WithOpaqueFriend() : helper_(std::make_shared<Helper>()) {}
  void wire() { helper_->on_done = [this] { done(); }; }
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: lambda captures 'this' and is stored in 'Helper::on_done', which may outlive this 'WithOpaqueFriend'
  void done() {}

private:
  friend class Peeker;
  std::shared_ptr<Helper> helper_;
};
class Peeker {
public:
  void peek(WithOpaqueFriend &w); // defined in another translation unit
};
// Must not warn: a friend class that nothing but the friend declaration
// names (ompl's LazyLBTRRT befriends a namespace-scope 'CostEstimatorApx'
// before declaring its nested class of that name; a test fixture the
// library never declares looks the same).
class WithNamedOnlyFriend : NonCopyable {
public:
  WithNamedOnlyFriend() : helper_(std::make_shared<Helper>()) {}
  void wire() { helper_->on_done = [this] { done(); }; }
  void done() {}

private:
  friend class WithNamedOnlyFriendTest;
  std::shared_ptr<Helper> helper_;
};
