// RUN: %check_clang_tidy %s refcycle-dangling-capture %t

// Every default name of option RegistrationFunctions, on a function of
// another object whose body is not in this translation unit; `connect*` and
// `async_*` match every name with that prefix. A registration's callable may
// be taken by value, by rvalue reference or by const reference (copied into
// the registration). The names also in QueuedHandlerFunctions queue it.

#include <functional>

using Callback = std::function<void()>;

struct Source {
  int connect(Callback f);
  int subscribe(Callback f);
  void add_listener(Callback f);
  void addListener(Callback f);
  void add_observer(Callback f);
  void on(const char *event, Callback f);
  void set_callback(Callback &&f);
  void register_callback(Callback f);
  void post(Callback f);
  void defer(Callback f);
  void dispatch(Callback f);
  template <class Handler> void async_wait(Handler &&h);
  template <class Buffer, class Handler> void async_read(Buffer b, Handler &&h);
  template <class Buffer, class Handler> void async_write(Buffer b, Handler h);
  Source &then(Callback f);
  int connect_once(const Callback &f);
  template <class Handler> void async_accept(Handler h);
  void singleShot(int msec, Callback f);
  void invokeMethod(Callback f);
  // An event loop's queue and timers (muduo, trantor, evpp).
  void runInLoop(const Callback &f);
  void queueInLoop(const Callback &f);
  void RunInLoop(const Callback &f);
  void QueueInLoop(const Callback &f);
  void run_in_loop(const Callback &f);
  void queue_in_loop(const Callback &f);
  void runAfter(double seconds, Callback f);
  void runEvery(double seconds, Callback f);
  void RunAfter(double seconds, Callback f);
  void RunEvery(double seconds, Callback f);
};

// A free function with a registration name and a handler parameter.
template <class Executor, class Handler> void post(Executor &ex, Handler &&h);

class View {
public:
  void wire(Source &s) {
    s.connect([this] { update(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: lambda captures 'this' and is passed to 'Source::connect', which may keep it after this 'View' is destroyed; bind through a weak reference [refcycle-dangling-capture]
    s.subscribe([this] { update(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: lambda captures 'this' and is passed to 'Source::subscribe', which may keep it after this 'View' is destroyed
    s.add_listener([this] { update(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: lambda captures 'this' and is passed to 'Source::add_listener'
    s.addListener([this] { update(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: lambda captures 'this' and is passed to 'Source::addListener'
    s.add_observer([this] { update(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: lambda captures 'this' and is passed to 'Source::add_observer'
    s.on("ready", [this] { update(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: lambda captures 'this' and is passed to 'Source::on'
    s.set_callback([this] { update(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: lambda captures 'this' and is passed to 'Source::set_callback'
    s.register_callback([this] { update(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: lambda captures 'this' and is passed to 'Source::register_callback'
    s.post([this] { update(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: lambda captures 'this' and is queued by 'Source::post'
    s.defer([this] { update(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: lambda captures 'this' and is queued by 'Source::defer'
    s.dispatch([this] { update(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: lambda captures 'this' and is queued by 'Source::dispatch'
    s.async_wait([this] { update(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: lambda captures 'this' and is queued by 'Source::async_wait'
    s.async_read(0, [this] { update(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: lambda captures 'this' and is queued by 'Source::async_read'
    s.async_write(0, [this] { update(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: lambda captures 'this' and is queued by 'Source::async_write'
    s.then([this] { update(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: lambda captures 'this' and is passed to 'Source::then'
    post(s, [this] { update(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: lambda captures 'this' and is queued by 'post'
    s.connect_once([this] { update(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: lambda captures 'this' and is passed to 'Source::connect_once'
    s.async_accept([this] { update(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: lambda captures 'this' and is queued by 'Source::async_accept'
    s.singleShot(0, [this] { update(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: lambda captures 'this' and is passed to 'Source::singleShot'
    s.invokeMethod([this] { update(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: lambda captures 'this' and is passed to 'Source::invokeMethod'
    s.runInLoop([this] { update(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: lambda captures 'this' and is queued by 'Source::runInLoop'
    s.queueInLoop([this] { update(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: lambda captures 'this' and is queued by 'Source::queueInLoop'
    s.RunInLoop([this] { update(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: lambda captures 'this' and is queued by 'Source::RunInLoop'
    s.QueueInLoop([this] { update(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: lambda captures 'this' and is queued by 'Source::QueueInLoop'
    s.run_in_loop([this] { update(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: lambda captures 'this' and is queued by 'Source::run_in_loop'
    s.queue_in_loop([this] { update(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: lambda captures 'this' and is queued by 'Source::queue_in_loop'
    s.runAfter(1.0, [this] { update(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: lambda captures 'this' and is queued by 'Source::runAfter'
    s.runEvery(1.0, [this] { update(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: lambda captures 'this' and is queued by 'Source::runEvery'
    s.RunAfter(1.0, [this] { update(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: lambda captures 'this' and is queued by 'Source::RunAfter'
    s.RunEvery(1.0, [this] { update(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: lambda captures 'this' and is queued by 'Source::RunEvery'
  }
  void update();
};
