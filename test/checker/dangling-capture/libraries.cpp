// RUN: %check_clang_tidy %s refcycle-dangling-capture %t -- --quiet -- -std=c++20

// std::bind_front, boost::bind and boost::function (Boost declarations
// reduced to what the test needs, so the test does not need Boost).

#include <functional>

namespace boost {
template <class Sig> class function {
public:
  function();
  template <class F> function(F f);
  template <class F> function &operator=(F f);
};
template <class R, class T, class A> std::function<R()> bind(R (T::*f)(), A a);
} // namespace boost

struct Button {
  std::function<void()> on_click;
  boost::function<void()> on_hover;
};

class Panel {
public:
  void bindFront(Button &b) {
    b.on_click = std::bind_front(&Panel::refresh, this);
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: std::bind_front binds 'Panel::refresh' to 'this' and is stored in 'Button::on_click', which may outlive this 'Panel'; bind through a weak reference [refcycle-dangling-capture]
  }
  void boostBind(Button &b) {
    b.on_click = boost::bind(&Panel::refresh, this);
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: boost::bind binds 'Panel::refresh' to 'this' and is stored in 'Button::on_click'
  }
  void boostFunction(Button &b) {
    b.on_hover = [this] { refresh(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: lambda captures 'this' and is stored in 'Button::on_hover'
  }
  void refresh();
};
