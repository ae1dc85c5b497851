// RUN: %check_clang_tidy %s refcycle-dangling-capture %t

// A parameter declared [[clang::noescape]] (or __attribute__((noescape)))
// promises that the callee does not keep the callable: never reported, even
// when the callee's name is in RegistrationFunctions or its body stores it.
// (In C++ the attribute is part of the function type, so every declaration
// of the function repeats it.)

#include <functional>
#include <utility>

using Callback = std::function<void()>;

struct Source {
  // Registration names, bodies not in this translation unit.
  void connect(Callback &&f [[clang::noescape]]);
  void subscribe(__attribute__((noescape)) Callback &&f);
  template <class Handler> void async_wait(Handler &&h [[clang::noescape]]);
  // The same name without the attribute: still reported.
  void on(Callback &&f);

  // Declared here, defined below with a body that stores the parameter.
  void set_callback(Callback &&f [[clang::noescape]]);

  Callback stored_;
};

// Free functions: a registration name (template, body not here), and one of
// this translation unit that stores its parameter, declared twice.
template <class Executor, class Handler>
void post(Executor &ex, Handler &&h [[clang::noescape]]);
Callback g_stored;
void keep(Callback &&f [[clang::noescape]]);
void keep(Callback &&f [[clang::noescape]]);
// Forwards to a noescape parameter: does not store either.
void relay(Callback &&f) { keep(std::move(f)); }
// A template of this translation unit that stores its noescape parameter.
template <class F> void hold(F &&f [[clang::noescape]]) { g_stored = std::forward<F>(f); }

class View {
public:
  void wire(Source &s) {
    s.connect([this] { update(); });
    s.subscribe([this] { update(); });
    s.async_wait([this] { update(); });
    s.set_callback([this] { update(); });
    post(s, [this] { update(); });
    keep([this] { update(); });
    relay([this] { update(); });
    hold([this] { update(); });
    s.connect(std::bind(&View::update, this));
    s.on([this] { update(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: lambda captures 'this' and is passed to 'Source::on', which may keep it after this 'View' is destroyed; bind through a weak reference [refcycle-dangling-capture]
  }
  void update();
};

void Source::set_callback(Callback &&f [[clang::noescape]]) { stored_ = std::move(f); }
void keep(Callback &&f [[clang::noescape]]) { g_stored = std::move(f); }
