// RUN: %check_clang_tidy %s refcycle-dangling-capture %t

// A lambda capturing 'this' stored in the pointee of a std::shared_ptr member
// of 'this'. The pointee dies with the object when the member is the
// object's own helper: every value it gets is a fresh object, it is never
// copied out, it is not public, the object is not copied by an implicit
// constructor, every member function is defined here, and the pointee has
// no enable_shared_from_this. Otherwise the pointee may be shared and
// outlive 'this'.

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
class RefGetter : NonCopyable {
public:
  RefGetter() : helper_(std::make_shared<Helper>()) {}
  void wire() { helper_->on_done = [this] { done(); }; }
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: lambda captures 'this' and is stored in 'Helper::on_done', which may outlive this 'RefGetter'
  const std::shared_ptr<Helper> &helper() const { return helper_; }
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
