// RUN: %check_clang_tidy --fix-notes --compile-fixed %s refcycle-dangling-capture %t

// The fix-its, applied with --fix-notes and compiled against the runtime.

#include <functional>
#include <memory>
// CHECK-FIXES: #include <refcycle/weak_method.hpp>

struct Button {
  std::function<void()> on_click;
  std::function<void(int)> on_value;
  void set_handler(std::function<void()> f) { handler_ = std::move(f); }
  std::function<void()> handler_;
};
struct Signal {
  int connect(std::function<void(int)> f);
};
struct Timer {
  std::function<void()> on_expire;
};

class Dialog : public std::enable_shared_from_this<Dialog> {
public:
  // A lambda that only forwards to a member function -> weak_method.
  void forwarding(Button &b) {
    b.on_click = [this] { close(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: lambda captures 'this' and is stored in 'Button::on_click', which may outlive this 'Dialog'; bind through a weak reference [refcycle-dangling-capture]
    // CHECK-FIXES: {{^}}    b.on_click = refcycle::weak_method(&Dialog::close, weak_from_this());{{$}}
  }
  // ... with its parameters, passed to a registration function.
  void forwardingArgs(Signal &s) {
    s.connect([this](int v) { this->set(v); });
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: lambda captures 'this' and is passed to 'Signal::connect'
    // CHECK-FIXES: {{^}}    s.connect(refcycle::weak_method(&Dialog::set, weak_from_this()));{{$}}
  }
  // std::bind(&C::m, this) -> weak_method.
  void bind(Button &b) {
    b.on_click = std::bind(&Dialog::close, this);
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: std::bind binds 'Dialog::close' to 'this'
    // CHECK-FIXES: {{^}}    b.on_click = refcycle::weak_method(&Dialog::close, weak_from_this());{{$}}
  }
  // ... with placeholders in order.
  void bindPlaceholder(Button &b) {
    b.on_value = std::bind(&Dialog::set, this, std::placeholders::_1);
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: std::bind binds 'Dialog::set' to 'this'
    // CHECK-FIXES: {{^}}    b.on_value = refcycle::weak_method(&Dialog::set, weak_from_this());{{$}}
  }
  // Any other void lambda: capture weak_from_this() and return early.
  void general(Button &b) {
    b.on_click = [this] { close(); set(1); };
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: lambda captures 'this' and is stored in 'Button::on_click'
    // CHECK-FIXES: {{^}}    b.on_click = [this, weak_this = weak_from_this()] {{{$}}
    // CHECK-FIXES-NEXT: {{^}}      auto self = weak_this.lock();{{$}}
    // CHECK-FIXES-NEXT: {{^}}      if (!self){{$}}
    // CHECK-FIXES-NEXT: {{^}}        return;{{$}}
    // CHECK-FIXES-NEXT: {{^}}      close(); set(1); };{{$}}
  }
  // ... with an implicit capture default.
  void implicitDefault(Button &b) {
    int n = 2;
    b.on_click = [=] { set(n); };
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: lambda captures 'this' and is stored in 'Button::on_click'
    // CHECK-FIXES: {{^}}    b.on_click = [=, weak_this = weak_from_this()] {{{$}}
    // CHECK-FIXES-NEXT: {{^}}      auto self = weak_this.lock();{{$}}
    // CHECK-FIXES-NEXT: {{^}}      if (!self){{$}}
    // CHECK-FIXES-NEXT: {{^}}        return;{{$}}
    // CHECK-FIXES-NEXT: {{^}}      set(n); };{{$}}
  }
  // ... through a storing callee.
  void setter(Button &b) {
    b.set_handler([this] { set(2); close(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: lambda captures 'this' and is stored in 'Button::handler_'
    // CHECK-FIXES: {{^}}    b.set_handler([this, weak_this = weak_from_this()] {{{$}}
    // CHECK-FIXES-NEXT: {{^}}      auto self = weak_this.lock();{{$}}
    // CHECK-FIXES-NEXT: {{^}}      if (!self){{$}}
    // CHECK-FIXES-NEXT: {{^}}        return;{{$}}
    // CHECK-FIXES-NEXT: {{^}}      set(2); close(); });{{$}}
  }
  // A constructor cannot use weak_from_this(): no fix-it, a note instead.
  explicit Dialog(Button &b) {
    b.on_click = [this] { close(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: lambda captures 'this' and is stored in 'Button::on_click'
    // CHECK-FIXES: {{^}}    b.on_click = [this] { close(); };{{$}}
  }
  void close();
  void set(int);
};

class Session : public std::enable_shared_from_this<Session> {
public:
  // The owning cycle: [self = shared_from_this()] -> weak capture + lock.
  void start() {
    timer_.on_expire = [self = shared_from_this()] { self->tick(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: callback stored in 'Session::timer_' holds a strong reference to its owner 'Session'; the session is never freed [refcycle-dangling-capture]
    // CHECK-FIXES: {{^}}    timer_.on_expire = [weak_self = weak_from_this()] {{{$}}
    // CHECK-FIXES-NEXT: {{^}}      auto self = weak_self.lock();{{$}}
    // CHECK-FIXES-NEXT: {{^}}      if (!self){{$}}
    // CHECK-FIXES-NEXT: {{^}}        return;{{$}}
    // CHECK-FIXES-NEXT: {{^}}      self->tick(); };{{$}}
  }
  void tick();

private:
  Timer timer_;
};

// A class template: the edit is made once for its instantiations, through
// 'this->weak_from_this()' (the base depends on the template's parameter).
template <class Model>
class View : public std::enable_shared_from_this<View<Model>> {
public:
  void wire(Button &b) {
    b.on_click = [this] {
      refresh();
      ++shown_;
    };
    // CHECK-MESSAGES: :[[@LINE-4]]:18: warning: lambda captures 'this' and is stored in 'Button::on_click', which may outlive this 'View'; bind through a weak reference [refcycle-dangling-capture]
    // CHECK-FIXES: {{^}}    b.on_click = [this, weak_this = this->weak_from_this()] {{{$}}
    // CHECK-FIXES-NEXT: {{^}}      auto self = weak_this.lock();{{$}}
    // CHECK-FIXES-NEXT: {{^}}      if (!self){{$}}
    // CHECK-FIXES-NEXT: {{^}}        return;{{$}}
    // CHECK-FIXES-NEXT: {{^}}      refresh();{{$}}
    // CHECK-FIXES-NEXT: {{^}}      ++shown_;{{$}}
    // CHECK-FIXES-NEXT: {{^}}    };{{$}}
    b.on_value = [this](int n) { shown_ = n; };
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: lambda captures 'this' and is stored in 'Button::on_value', which may outlive this 'View'; bind through a weak reference [refcycle-dangling-capture]
    // CHECK-FIXES: {{^}}    b.on_value = [this, weak_this = this->weak_from_this()](int n) {{{$}}
    // CHECK-FIXES-NEXT: {{^}}      auto self = weak_this.lock();{{$}}
    // CHECK-FIXES-NEXT: {{^}}      if (!self){{$}}
    // CHECK-FIXES-NEXT: {{^}}        return;{{$}}
    // CHECK-FIXES-NEXT: {{^}}      shown_ = n; };{{$}}
  }
  void refresh() { ++shown_; }

private:
  int shown_ = 0;
};
void showBoth(Button &a, Button &b) {
  std::make_shared<View<int>>()->wire(a);
  std::make_shared<View<char>>()->wire(b);
}
// A member of a base that depends on the template's parameters: '&Frame::m'
// would name the template, so no weak_method; the guard instead.
template <class T> class Frame {
public:
  void repaint() {}
};
template <class T>
class Pane : public Frame<T>, public std::enable_shared_from_this<Pane<T>> {
public:
  void wire(Button &b) {
    b.on_click = [this] { this->repaint(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: lambda captures 'this' and is stored in 'Button::on_click', which may outlive this 'Pane'; bind through a weak reference [refcycle-dangling-capture]
    // CHECK-FIXES: {{^}}    b.on_click = [this, weak_this = this->weak_from_this()] {{{$}}
    // CHECK-FIXES-NEXT: {{^}}      auto self = weak_this.lock();{{$}}
  }
};
void showPane(Button &b) { std::make_shared<Pane<int>>()->wire(b); }

// Not managed by shared_ptr: no fix-it.
class Plain {
public:
  void wire(Button &b) {
    b.on_click = [this] { run(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: lambda captures 'this' and is stored in 'Button::on_click', which may outlive this 'Plain'
    // CHECK-FIXES: {{^}}    b.on_click = [this] { run(); };{{$}}
  }
  void run();
};

// Running the check again on the fixed file leaves only the two findings
// without a fix-it.
// RUN: %clang_tidy --checks=-*,refcycle-dangling-capture %t.cpp -- -std=c++17 -I %runtime_include 2>&1 | %FileCheck %s -check-prefix=SECOND -implicit-check-not=warning:
// SECOND: :{{[0-9]+}}:18: warning: lambda captures 'this' and is stored in 'Button::on_click', which may outlive this 'Dialog'
// SECOND: :{{[0-9]+}}:18: warning: lambda captures 'this' and is stored in 'Button::on_click', which may outlive this 'Plain'
