// RUN: %check_clang_tidy --allow-compile-errors %s refcycle-dangling-capture %t
// RUN: %check_clang_tidy --allow-compile-errors %s refcycle-dangling-capture %t.cxx17 -- -- -std=c++17

// Macros, templates that are never instantiated and invalid code: no
// warning, no crash.

#include <functional>

struct Button {
  std::function<void()> on_click;
};

// A lambda written inside a macro is not reported (its fix could not be
// applied to the macro's users).
#define WIRE(button) (button).on_click = [this] { run(); }
class Macro {
public:
  void wire(Button &b) { WIRE(b); }
  void run();
};

// A template that is never instantiated: nothing to analyse.
template <class T> class Uninstantiated {
public:
  void wire(Button &b) { b.on_click = [this] { T::run(); }; }
};

// The storage's type does not exist.
class Broken {
public:
  void wire(Unknown &b) { b.on_click = [this] { run(); }; }
  void run();
};

// The callback type is incomplete.
struct Incomplete;
struct Holder {
  Incomplete *target;
};
class Broken2 {
public:
  void wire(Holder &h) { h.target->on_click = [this] { run(); }; }
  void run();
};

// A pointer-to-member pair whose class or registration does not exist.
struct Signal {
  template <class T> int connect(T *object, void (T::*method)());
};
class BrokenPair {
public:
  void wire(Signal &s) {
    s.connect(this, &Missing::run);
    undeclared(this, &BrokenPair::run);
  }
  void run();
};

// A shared_ptr member assigned from something that does not compile.
#include <memory>
class BrokenHelper {
public:
  BrokenHelper() : helper_(makeMissing()) {}
  void wire() { helper_->on_click = [this] { run(); }; }
  void run() {}

private:
  BrokenHelper(const BrokenHelper &) = delete;
  std::shared_ptr<Button> helper_;
};

// noescape on a parameter that is not a reference (ignored by the compiler).
void byValue(std::function<void()> f [[clang::noescape]]);
