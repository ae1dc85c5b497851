// RUN: %check_clang_tidy %s refcycle-dangling-capture %t

// A callback holding a shared_ptr to its owner, stored by that owner.

#include <functional>
#include <memory>
#include <vector>

struct Timer {
  std::function<void()> on_expire;
  void set_handler(std::function<void()> f) { handler_ = std::move(f); }
  std::function<void()> handler_;
};

class Session : public std::enable_shared_from_this<Session> {
public:
  // Stored in a member of an own member.
  void start() {
    timer_.on_expire = [self = shared_from_this()] { self->tick(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: callback stored in 'Session::timer_' holds a strong reference to its owner 'Session'; the session is never freed [refcycle-dangling-capture]
  }
  // Stored directly in an own member.
  void direct() {
    retry_ = [self = shared_from_this()] { self->tick(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: callback stored in 'Session::retry_' holds a strong reference to its owner 'Session'; the session is never freed
  }
  // A named shared_ptr captured by copy.
  void named() {
    auto self = shared_from_this();
    timer_.on_expire = [self] { self->tick(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: callback stored in 'Session::timer_' holds a strong reference
  }
  // Stored by an own member's function that keeps it.
  void viaSetter() {
    timer_.set_handler([self = shared_from_this()] { self->tick(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: callback stored in 'Session::timer_' holds a strong reference
  }
  // In an own container.
  void container() {
    pending_.push_back([self = shared_from_this()] { self->tick(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: callback stored in 'Session::pending_' holds a strong reference
  }
  // std::bind with shared_from_this().
  void bound() {
    timer_.on_expire = std::bind(&Session::tick, shared_from_this());
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: callback stored in 'Session::timer_' holds a strong reference
  }
  // Through a unique_ptr-owned object.
  void owned() {
    backup_->on_expire = [self = shared_from_this()] { self->tick(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: callback stored in 'Session::backup_' holds a strong reference
  }
  void tick();

private:
  Timer timer_;
  std::unique_ptr<Timer> backup_;
  std::function<void()> retry_;
  std::vector<std::function<void()>> pending_;
};

// A two-word class name in the message.
class ChatSession : public std::enable_shared_from_this<ChatSession> {
public:
  void start() {
    timer_.on_expire = [self = shared_from_this()] { self->tick(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: callback stored in 'ChatSession::timer_' holds a strong reference to its owner 'ChatSession'; the chat session is never freed [refcycle-dangling-capture]
  }
  void tick();

private:
  Timer timer_;
};
