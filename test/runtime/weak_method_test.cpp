// Tests for refcycle::weak_method, grouped by concern.
#include "refcycle/weak_method.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include <gtest/gtest.h>

namespace {

class Counter : public std::enable_shared_from_this<Counter> {
 public:
  void bump() { ++count; }
  void add(int n) { count += n; }
  int get() const { return count; }
  int plus(int n) const noexcept { return count + n; }
  std::string name() & { return "lvalue"; }
  std::string const_name() const& { return "const lvalue"; }
  std::unique_ptr<int> make(int v) { return std::make_unique<int>(v); }
  void take(std::unique_ptr<int> p) { count += *p; }
  void append(std::string& out, const std::string& s) { out += s; }

  // The spellings the clang-tidy fix-its emit.
  std::function<void()> callback_weak() {
    return refcycle::weak_method(&Counter::bump, weak_from_this());
  }
  std::function<void(int)> callback_shared() {
    return refcycle::weak_method(&Counter::add, shared_from_this());
  }

  int count = 0;
};

class Base {
 public:
  virtual ~Base() = default;
  virtual int id() const { return 1; }
  int base_only() const { return 7; }
};
class Derived : public Base {
 public:
  int id() const override { return 2; }
};

// --- Construction and deduction -------------------------------------------

TEST(WeakMethodConstruction, DeducesFromWeakPtr) {
  auto c = std::make_shared<Counter>();
  refcycle::weak_method m(&Counter::bump, std::weak_ptr<Counter>(c));
  static_assert(std::is_same_v<decltype(m),
                               refcycle::weak_method<void (Counter::*)(), Counter>>);
  m();
  EXPECT_EQ(c->count, 1);
}

TEST(WeakMethodConstruction, DeducesFromSharedPtrWithoutOwning) {
  auto c = std::make_shared<Counter>();
  refcycle::weak_method m(&Counter::add, c);
  EXPECT_EQ(c.use_count(), 1);
  m(5);
  EXPECT_EQ(c->count, 5);
}

TEST(WeakMethodConstruction, DefaultIsExpired) {
  refcycle::weak_method<void (Counter::*)(), Counter> m;
  EXPECT_TRUE(m.expired());
  m();  // no-op
}

TEST(WeakMethodConstruction, MethodOfBaseClassOnDerivedPointer) {
  auto d = std::make_shared<Derived>();
  refcycle::weak_method m(&Base::base_only, d);
  EXPECT_EQ(m(), std::optional<int>(7));
  refcycle::weak_method v(&Base::id, d);  // virtual dispatch still applies
  EXPECT_EQ(v(), std::optional<int>(2));
}

// --- Calls ---------------------------------------------------------------------

TEST(WeakMethodCall, VoidCallIsNoOpAfterExpiry) {
  auto c = std::make_shared<Counter>();
  refcycle::weak_method m(&Counter::bump, c);
  m();
  EXPECT_EQ(c->count, 1);
  c.reset();
  EXPECT_TRUE(m.expired());
  m();  // must not crash
  static_assert(std::is_void_v<decltype(m())>);
}

TEST(WeakMethodCall, NonVoidReturnsOptional) {
  auto c = std::make_shared<Counter>();
  c->count = 3;
  refcycle::weak_method m(&Counter::get, c);
  static_assert(std::is_same_v<decltype(m()), std::optional<int>>);
  EXPECT_EQ(m(), std::optional<int>(3));
  c.reset();
  EXPECT_EQ(m(), std::nullopt);
}

TEST(WeakMethodCall, ConstAndRefQualifiedMethods) {
  auto c = std::make_shared<Counter>();
  EXPECT_EQ(refcycle::weak_method(&Counter::plus, c)(2), std::optional<int>(2));
  EXPECT_EQ(refcycle::weak_method(&Counter::name, c)(),
            std::optional<std::string>("lvalue"));
  EXPECT_EQ(refcycle::weak_method(&Counter::const_name, c)(),
            std::optional<std::string>("const lvalue"));
}

TEST(WeakMethodCall, ConstPointeeWithConstMethod) {
  std::shared_ptr<const Counter> c = std::make_shared<Counter>();
  refcycle::weak_method m(&Counter::get, c);
  EXPECT_EQ(m(), std::optional<int>(0));
}

TEST(WeakMethodCall, MoveOnlyArgumentsAndResults) {
  auto c = std::make_shared<Counter>();
  refcycle::weak_method take(&Counter::take, c);
  take(std::make_unique<int>(4));
  EXPECT_EQ(c->count, 4);
  refcycle::weak_method make(&Counter::make, c);
  std::optional<std::unique_ptr<int>> r = make(9);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(**r, 9);
}

TEST(WeakMethodCall, ReferenceArgumentsAreForwarded) {
  auto c = std::make_shared<Counter>();
  std::string out;
  refcycle::weak_method m(&Counter::append, c);
  m(out, "ab");
  EXPECT_EQ(out, "ab");
}

TEST(WeakMethodCall, KeepsObjectAliveForTheWholeCall) {
  struct SelfResetter : std::enable_shared_from_this<SelfResetter> {
    std::shared_ptr<SelfResetter>* owner = nullptr;
    bool alive_after_reset = false;
    void run() {
      owner->reset();  // drop the only external owner mid-call
      alive_after_reset = !weak_from_this().expired();
    }
  };
  auto s = std::make_shared<SelfResetter>();
  s->owner = &s;
  std::weak_ptr<SelfResetter> w = s;
  bool observed = false;
  {
    auto raw = s.get();
    refcycle::weak_method(&SelfResetter::run, w)();
    (void)raw;
  }
  observed = w.expired();
  EXPECT_TRUE(observed);  // destroyed once the call released it
}

TEST(WeakMethodCall, NoexceptPropagates) {
  auto c = std::make_shared<Counter>();
  refcycle::weak_method nothrow(&Counter::plus, c);
  refcycle::weak_method maythrow(&Counter::add, c);
  static_assert(noexcept(nothrow(1)));
  static_assert(!noexcept(maythrow(1)));
}

// --- Conversions ------------------------------------------------------------

TEST(WeakMethodConversion, ToStdFunctionFromInsideTheClass) {
  auto c = std::make_shared<Counter>();
  std::function<void()> f = c->callback_weak();
  std::function<void(int)> g = c->callback_shared();
  EXPECT_EQ(c.use_count(), 1) << "callbacks must not own the object";
  f();
  g(10);
  EXPECT_EQ(c->count, 11);
  c.reset();
  f();
  g(1);  // both no-ops now
}

TEST(WeakMethodConversion, NonVoidToStdFunction) {
  auto c = std::make_shared<Counter>();
  std::function<std::optional<int>(int)> f = refcycle::weak_method(&Counter::plus, c);
  std::function<void(int)> discard = refcycle::weak_method(&Counter::plus, c);
  EXPECT_EQ(f(1), std::optional<int>(1));
  discard(1);
}

// --- Observers and equality ---------------------------------------------------

TEST(WeakMethodObservers, LockAndAccessors) {
  auto c = std::make_shared<Counter>();
  refcycle::weak_method m(&Counter::bump, c);
  EXPECT_EQ(m.lock(), c);
  EXPECT_EQ(m.method(), &Counter::bump);
  EXPECT_EQ(m.object().lock(), c);
  c.reset();
  EXPECT_EQ(m.lock(), nullptr);
}

TEST(WeakMethodEquality, SameObjectAndSameMethod) {
  auto a = std::make_shared<Counter>();
  auto b = std::make_shared<Counter>();
  refcycle::weak_method a_bump(&Counter::bump, a);
  EXPECT_EQ(a_bump, refcycle::weak_method(&Counter::bump, std::weak_ptr<Counter>(a)));
  EXPECT_NE(a_bump, refcycle::weak_method(&Counter::bump, b));
}

TEST(WeakMethodEquality, DifferentMethodsOfSameSignature) {
  struct Two {
    void f() {}
    void g() {}
  };
  auto t = std::make_shared<Two>();
  EXPECT_NE(refcycle::weak_method(&Two::f, t), refcycle::weak_method(&Two::g, t));
}

TEST(WeakMethodEquality, StableAfterExpiry) {
  auto a = std::make_shared<Counter>();
  refcycle::weak_method m1(&Counter::bump, a);
  auto m2 = m1;
  auto other = std::make_shared<Counter>();
  refcycle::weak_method m3(&Counter::bump, other);
  a.reset();
  EXPECT_EQ(m1, m2);  // owner-based: still the same (dead) object
  EXPECT_NE(m1, m3);
}

TEST(WeakMethodEquality, AliasingPointersToDifferentObjectsDiffer) {
  auto owner = std::make_shared<std::pair<Counter, Counter>>();
  std::shared_ptr<Counter> first(owner, &owner->first);
  std::shared_ptr<Counter> second(owner, &owner->second);
  // Same owner, different objects: not the same bound method.
  EXPECT_NE(refcycle::weak_method(&Counter::bump, first),
            refcycle::weak_method(&Counter::bump, second));
  EXPECT_EQ(refcycle::weak_method(&Counter::bump, first),
            refcycle::weak_method(&Counter::bump, std::shared_ptr<Counter>(owner, &owner->first)));
}

}  // namespace
