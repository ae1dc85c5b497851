// RUN: %check_clang_tidy %s refcycle-dangling-capture %t -- -- -std=c++17

// A callback holding a shared_ptr to its owner, stored where the owner
// holds it strongly through a std::shared_ptr member: in the helper the
// member points to, or in the subscription object a registration returns
// and the owner keeps. The owner keeps the storage and the storage keeps
// the owner, however many others share the helper.

#include <functional>
#include <memory>
#include <vector>

struct Poller {
  std::function<void()> ready;
  void on_ready(std::function<void()> f) { ready = std::move(f); }
};

struct Model {
  std::function<void()> changed;
};

struct Subscription {
  std::function<void(int)> handler;
};

struct Bus {
  // Defined here: it keeps the handler in the subscription it returns.
  std::shared_ptr<Subscription> subscribe(std::function<void(int)> h) {
    auto s = std::make_shared<Subscription>();
    s->handler = std::move(h);
    return s;
  }
};

class Connection : public std::enable_shared_from_this<Connection> {
public:
  // The helper's function stores it.
  void start() {
    poller_->on_ready([this, keep = shared_from_this()] { read(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: callback stored in 'Connection::poller_' holds a strong reference to its owner 'Connection'; the connection is never freed [refcycle-dangling-capture]
  }
  // Assigned to the helper's member.
  void bind() {
    auto self = shared_from_this();
    model_->changed = [self] { self->read(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: callback stored in 'Connection::model_' holds a strong reference to its owner 'Connection'; the connection is never freed [refcycle-dangling-capture]
  }
  // Kept in the subscription the owner holds.
  void attach(Bus &bus) {
    auto self = shared_from_this();
    sub_ = bus.subscribe([self](int) { self->read(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: callback stored in 'Connection::sub_' holds a strong reference to its owner 'Connection'; the connection is never freed [refcycle-dangling-capture]
  }
  // Not reported: a weak reference.
  void weak() {
    poller_->on_ready([w = weak_from_this()] {
      if (auto self = w.lock())
        self->read();
    });
  }
  // Not reported: the subscription is dropped at once, and with it the
  // callback.
  void once(Bus &bus) {
    auto self = shared_from_this();
    bus.subscribe([self](int) { self->read(); });
  }
  // Not reported: a raw 'this' in the subscription the object keeps dies
  // with the object.
  void raw(Bus &bus) {
    sub_ = bus.subscribe([this](int) { read(); });
  }
  void read() {}

private:
  std::shared_ptr<Poller> poller_ = std::make_shared<Poller>();
  std::shared_ptr<Model> model_ = std::make_shared<Model>();
  std::shared_ptr<Subscription> sub_;
};

// Not reported: a helper reached through a local, not a member.
class Reader : public std::enable_shared_from_this<Reader> {
public:
  void start(const std::shared_ptr<Poller> &p) {
    p->on_ready([self = shared_from_this()] { self->read(); });
  }
  void read() {}
};

// Not reported as a loop: the registration keeps the handler in the hub
// the ticket points to, not in the ticket it returns.
struct Hub;
struct Ticket {
  Hub *hub = nullptr;
};
struct Hub {
  std::vector<std::function<void(int)>> handlers;
  std::shared_ptr<Ticket> join(std::function<void(int)> h) {
    auto t = std::make_shared<Ticket>();
    t->hub = this;
    t->hub->handlers.push_back(std::move(h));
    return t;
  }
};
class Member : public std::enable_shared_from_this<Member> {
public:
  void enter(Hub &hub) {
    ticket_ = hub.join([self = shared_from_this()](int) { self->read(); });
  }
  void read() {}

private:
  std::shared_ptr<Ticket> ticket_;
};
