// RUN: %check_clang_tidy %s refcycle-dangling-capture %t

// The shapes of a bound callable: implicit captures, std::bind with
// placeholders, nested lambdas, conversions, templates.

#include <functional>
#include <memory>

struct Button {
  std::function<void()> on_click;
  std::function<void(int)> on_value;
  std::function<void(int, int)> on_pair;
};

class Panel {
public:
  // [=] captures 'this' implicitly when the body uses a member.
  void copyDefault(Button &b) {
    b.on_click = [=] { refresh(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: lambda captures 'this' and is stored in 'Button::on_click', which may outlive this 'Panel'; bind through a weak reference [refcycle-dangling-capture]
  }
  // [&] too.
  void refDefault(Button &b) {
    b.on_click = [&] { ++count_; };
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: lambda captures 'this' and is stored in 'Button::on_click'
  }
  // std::bind of a member function with 'this'.
  void bind(Button &b) {
    b.on_click = std::bind(&Panel::refresh, this);
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: std::bind binds 'Panel::refresh' to 'this' and is stored in 'Button::on_click', which may outlive this 'Panel'; bind through a weak reference [refcycle-dangling-capture]
  }
  // ... with placeholders.
  void bindPlaceholders(Button &b) {
    using namespace std::placeholders;
    b.on_value = std::bind(&Panel::set, this, _1);
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: std::bind binds 'Panel::set' to 'this' and is stored in 'Button::on_value'
    b.on_pair = std::bind(&Panel::resize, this, _2, _1);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: std::bind binds 'Panel::resize' to 'this' and is stored in 'Button::on_pair'
  }
  // A lambda nested in a lambda: the inner one is stored.
  void nested(Button &b) {
    auto install = [this, &b] {
      b.on_click = [this] { refresh(); };
      // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: lambda captures 'this' and is stored in 'Button::on_click'
    };
    install();
  }
  // The outer lambda is stored and captures 'this' for the inner one.
  void nestedOuter(Button &b) {
    b.on_click = [this] { [this] { refresh(); }(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: lambda captures 'this' and is stored in 'Button::on_click'
  }
  // Explicitly converted to the callback type first.
  void converted(Button &b) {
    b.on_click = std::function<void()>([this] { refresh(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: lambda captures 'this' and is stored in 'Button::on_click'
  }
  // Moved into place.
  void moved(Button &b) {
    std::function<void()> f = [this] { refresh(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: lambda captures 'this' and is stored in 'Button::on_click'
    b.on_click = std::move(f);
  }
  void refresh();
  void set(int);
  void resize(int, int);

private:
  int count_ = 0;
};

// A class template: reported once, for its instantiation.
template <class T> class Holder {
public:
  void wire(Button &b) {
    b.on_click = [this] { value_ = T(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: lambda captures 'this' and is stored in 'Button::on_click', which may outlive this 'Holder'; bind through a weak reference [refcycle-dangling-capture]
  }

private:
  T value_;
};
template class Holder<int>;

// A function template storing its callable argument.
template <class F> void install(Button &b, F f) { b.on_click = f; }
class User {
public:
  void go(Button &b) {
    install(b, [this] { run(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: lambda captures 'this' and is stored in 'Button::on_click', which may outlive this 'User'
  }
  void run();
};
