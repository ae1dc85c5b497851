// RUN: %check_clang_tidy %s refcycle-dangling-capture %t -- -- -std=c++17

// Registrations learned from what the program does, not from names: a
// function whose body is elsewhere, on a class that keeps callables of the
// parameter's type in its members; a function of this translation unit that
// moves the callable into a heap object it hands on, or that stores it into
// another object it reaches by itself.

#include <deque>
#include <functional>
#include <memory>
#include <mutex>

using Functor = std::function<void()>;

// An event loop defined in another file: deferToLoop's body is not here,
// but the loop keeps a queue of Functor, the parameter's type.
class EventLoop {
public:
  void deferToLoop(const Functor &f);
  void deferToLoop(Functor &&f);
  void repeatEvery(double seconds, const std::function<void(int)> &f);

private:
  std::mutex mutex_;
  std::deque<Functor> pending_;
};

class Connection : public std::enable_shared_from_this<Connection> {
public:
  explicit Connection(EventLoop *loop) : loop_(loop) {}
  void sendLater() {
    loop_->deferToLoop(std::bind(&Connection::flush, this));
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: std::bind binds 'Connection::flush' to 'this' and is passed to 'EventLoop::deferToLoop', which may keep it after this 'Connection' is destroyed; bind through a weak reference [refcycle-dangling-capture]
    const Functor task = [this] { flush(); };
    loop_->deferToLoop(task);
    // CHECK-MESSAGES: :[[@LINE-2]]:26: warning: lambda captures 'this' and is passed to 'EventLoop::deferToLoop'
  }
  // Not reported: the loop keeps no callable of this parameter's type, and
  // the name is no registration.
  void tickLater() { loop_->repeatEvery(1.0, [this](int) { flush(); }); }
  void flush() {}

private:
  EventLoop *loop_;
};

// A storing function of this translation unit that moves the callable into
// a heap object and hands it to code it cannot see.
struct Task {
  explicit Task(Functor f) : run(std::move(f)) {}
  Functor run;
};
void enqueue(Task *task); // defined in the scheduler's file
inline void schedule(Functor f) { enqueue(new Task(std::move(f))); }

// ... or that stores it into another object it reaches through a pointer.
struct Registry {
  std::deque<Functor> callbacks;
};
class Client {
public:
  explicit Client(Registry *registry) : registry_(registry) {}
  void watch(Functor f) { registry_->callbacks.push_back(std::move(f)); }

private:
  Registry *registry_;
};

class Job {
public:
  void start() {
    schedule([this] { finish(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: lambda captures 'this' and is passed to 'schedule', which may keep it after this 'Job' is destroyed; bind through a weak reference [refcycle-dangling-capture]
  }
  void observe(Client &client) {
    client.watch([this] { finish(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: lambda captures 'this' and is stored in 'Registry::callbacks', which may outlive this 'Job'; bind through a weak reference [refcycle-dangling-capture]
  }
  void finish() {}
};
