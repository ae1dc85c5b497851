// RUN: %check_clang_tidy --fix-notes --compile-fixed %s refcycle-dangling-capture %t -- -- -std=c++17
// RUN: %clang_tidy %s --checks='-*,refcycle-dangling-capture' -- -std=c++17 2>&1 | %FileCheck %s --check-prefix=NOTES

// A handler that holds its object and starts the operation again each time
// it runs keeps the object alive for as long as the event loop runs, until
// something stops the timer. Stopped only in the destructor, it is never
// stopped: the destructor cannot run while a pending handler holds the
// object. With the real Asio headers (standalone asio, libasio-dev).

#include <asio.hpp>

#include <chrono>
#include <functional>
#include <memory>

class Heartbeat : public std::enable_shared_from_this<Heartbeat> {
public:
  explicit Heartbeat(asio::io_context &io) : timer_(io) {}
  ~Heartbeat() { timer_.cancel(); }
  void beat() {
    timer_.expires_after(std::chrono::seconds(1));
    timer_.async_wait([self = shared_from_this()](const asio::error_code &ec) {
      if (!ec)
        self->beat();
    });
    // CHECK-MESSAGES: :[[@LINE-4]]:23: warning: handler queued on 'Heartbeat::timer_' holds a strong reference to its owner 'Heartbeat' and starts the operation again when it runs; the heartbeat lives as long as the event loop [refcycle-dangling-capture]
    // NOTES: :[[@LINE-5]]:24: note: 'self' is a shared_ptr to this 'Heartbeat'
    // NOTES: :[[@LINE-9]]:18: note: only the destructor of 'Heartbeat' stops 'timer_', and it cannot run while a pending handler holds the heartbeat
    // NOTES: :[[@LINE-7]]:23: note: capture 'weak_from_this()' instead and lock it in the callback
    // CHECK-FIXES: {{^}}    timer_.async_wait([weak_self = weak_from_this()](const asio::error_code &ec) {{{$}}
    // CHECK-FIXES-NEXT: {{^}}      auto self = weak_self.lock();{{$}}
    // CHECK-FIXES-NEXT: {{^}}      if (!self){{$}}
    // CHECK-FIXES-NEXT: {{^}}        return;{{$}}
    // CHECK-FIXES-NEXT: {{^}}      if (!ec){{$}}
  }

private:
  asio::steady_timer timer_;
};

// Through std::bind and a timer held by a shared_ptr member: the re-arming
// is one call away, in the bound member function.
class Poll : public std::enable_shared_from_this<Poll> {
public:
  explicit Poll(asio::io_context &io)
      : timer_(std::make_shared<asio::steady_timer>(io)) {}
  ~Poll() { timer_->cancel(); }
  void arm() {
    timer_->expires_after(std::chrono::milliseconds(100));
    timer_->async_wait(std::bind(&Poll::onExpiry, shared_from_this(),
                                 std::placeholders::_1));
    // CHECK-MESSAGES: :[[@LINE-2]]:24: warning: handler queued on 'Poll::timer_' holds a strong reference to its owner 'Poll' and starts the operation again when it runs; the poll lives as long as the event loop [refcycle-dangling-capture]
  }
  void onExpiry(const asio::error_code &ec) {
    if (!ec)
      arm();
  }

private:
  std::shared_ptr<asio::steady_timer> timer_;
};

// Not reported: stop() cancels the timer from outside the destructor.
class Stoppable : public std::enable_shared_from_this<Stoppable> {
public:
  explicit Stoppable(asio::io_context &io) : timer_(io) {}
  ~Stoppable() { timer_.cancel(); }
  void stop() { timer_.cancel(); }
  void beat() {
    timer_.expires_after(std::chrono::seconds(1));
    timer_.async_wait([self = shared_from_this()](const asio::error_code &ec) {
      if (!ec)
        self->beat();
    });
  }

private:
  asio::steady_timer timer_;
};

// Not reported: the handler does not start the operation again; it runs
// once and lets the object go.
class Once : public std::enable_shared_from_this<Once> {
public:
  explicit Once(asio::io_context &io) : timer_(io) {}
  ~Once() { timer_.cancel(); }
  void start() {
    timer_.expires_after(std::chrono::seconds(1));
    timer_.async_wait([self = shared_from_this()](const asio::error_code &) {
      self->done();
    });
  }
  void done() {}

private:
  asio::steady_timer timer_;
};

// Not reported: stop() is defined in another file, where it may cancel the
// timer.
class Remote : public std::enable_shared_from_this<Remote> {
public:
  explicit Remote(asio::io_context &io) : timer_(io) {}
  ~Remote() { timer_.cancel(); }
  void stop();
  void beat() {
    timer_.expires_after(std::chrono::seconds(1));
    timer_.async_wait([self = shared_from_this()](const asio::error_code &ec) {
      if (!ec)
        self->beat();
    });
  }

private:
  asio::steady_timer timer_;
};

// Not reported: the handler re-arms only while a flag that halt() clears
// is set.
class Flagged : public std::enable_shared_from_this<Flagged> {
public:
  explicit Flagged(asio::io_context &io) : timer_(io) {}
  ~Flagged() { timer_.cancel(); }
  void halt() { running_ = false; }
  void beat() {
    timer_.expires_after(std::chrono::seconds(1));
    timer_.async_wait([self = shared_from_this()](const asio::error_code &ec) {
      if (!ec && self->running_)
        self->beat();
    });
  }

private:
  bool running_ = true;
  asio::steady_timer timer_;
};
