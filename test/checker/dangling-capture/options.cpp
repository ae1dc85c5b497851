// RUN: %check_clang_tidy %s refcycle-dangling-capture %t -- \
// RUN:   -config="{CheckOptions: {refcycle-dangling-capture.CallbackTypes: '::ui::Callback', refcycle-dangling-capture.RegistrationFunctions: 'watch', refcycle-dangling-capture.ScopedConnectionTypes: '::ui::Guard', refcycle-dangling-capture.TeardownFunctions: 'forget', refcycle-dangling-capture.SelfDisconnectingReceiverBases: '::ui::Tracked'}}"

// Every option replaces its default list.

#include <functional>

namespace ui {
template <class Sig> class Callback {
public:
  template <class F> Callback(F f);
  Callback();
  template <class F> Callback &operator=(F f);
};
struct Token {};
struct Guard {
  Guard(Token);
};
struct Tracked {};
struct Widget {
  Callback<void()> on_change;
  std::function<void()> plain; // no longer a callback type
  Token watch(Callback<void()> f);
  // No longer a registration name. (Its parameter type is one Widget does
  // not keep, or its class's members would make it one.)
  Token connect(Callback<void(int)> f);
  void forget(Token);
  Token watch(const void *context, Callback<void()> f);
};
} // namespace ui

class Observer {
public:
  void customType(ui::Widget &w) {
    w.on_change = [this] { update(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: lambda captures 'this' and is stored in 'Widget::on_change', which may outlive this 'Observer'; bind through a weak reference [refcycle-dangling-capture]
    w.plain = [this] { update(); };
  }
  void customRegistration(ui::Widget &w) {
    w.watch([this] { update(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: lambda captures 'this' and is passed to 'Widget::watch', which may keep it after this 'Observer' is destroyed
    w.connect([this](int) { update(); });
  }
  void update();
};

// A custom scoped connection type.
class Guarded {
public:
  explicit Guarded(ui::Widget &w) : guard_(w.watch([this] { update(); })) {}
  void update();

private:
  ui::Guard guard_;
};

// A custom teardown name.
class Forgets {
public:
  explicit Forgets(ui::Widget &w) : w_(&w) { token_ = w_->watch([this] { update(); }); }
  ~Forgets() { w_->forget(token_); }
  void update();

private:
  ui::Widget *w_;
  ui::Token token_;
};

// A custom tracked base: registrations given such an object end with it;
// QObject is no longer one.
class QObject {};
class TrackedReceiver : public ui::Tracked {
public:
  void wire(ui::Widget &w) { w.watch(this, [this] { update(); }); }
  void update();
};
class QReceiver : public QObject {
public:
  void wire(ui::Widget &w) { w.watch(this, [this] { update(); }); }
  // CHECK-MESSAGES: :[[@LINE-1]]:44: warning: lambda captures 'this' and is passed to 'Widget::watch'
  void update();
};
