// RUN: %check_clang_tidy %s refcycle-dangling-capture %t -- -- -std=c++20

// std::thread and std::jthread running a member function of 'this': a
// detached thread may still run after the object is destroyed. A thread
// kept in a member is joined (std::thread must be, std::jthread joins
// itself) before the object goes.

#include <memory>
#include <thread>

class Worker {
public:
  void fireAndForget() {
    std::thread(&Worker::loop, this).detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: std::thread runs 'Worker::loop' on this 'Worker' and is detached, so it may still run after the object is destroyed [refcycle-dangling-capture]
  }
  void later() {
    std::thread t(&Worker::step, this, 1);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: std::thread runs 'Worker::step' on this 'Worker' and is detached
    t.detach();
  }
  void lambda() {
    std::thread([this] { loop(); }).detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: lambda captures 'this' and runs on a detached std::thread, which may outlive this 'Worker'; bind through a weak reference [refcycle-dangling-capture]
  }
  // Not reported: kept and joined.
  void start() {
    thread_ = std::thread(&Worker::loop, this);
    jthread_ = std::jthread(&Worker::loop, this);
  }
  ~Worker() {
    if (thread_.joinable())
      thread_.join();
  }
  void loop() {}
  void step(int) {}

private:
  std::thread thread_;
  std::jthread jthread_;
};
