// RUN: %check_clang_tidy --compile-fixed %s refcycle-shared-ptr-cycle %t -- -- -std=c++17

// Fix-its for members whose type is spelled through an alias of the shared
// pointer, or that have a null default member initializer: the alias stays
// (other code uses it), the member's type is written out; `= nullptr`
// becomes `= {}`, since a weak pointer is not made from a null pointer.

#include <memory>
#include <vector>

namespace net {
class Listener : public std::enable_shared_from_this<Listener> {
public:
  using Ptr = std::shared_ptr<Listener>;
  void clone() {
    Ptr copy = std::make_shared<Listener>();
    copy->parent_ = shared_from_this();
    clones_.push_back(copy);
  }

private:
  Ptr parent_;
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'net::Listener::parent_' closes a shared_ptr ownership cycle: 'net::Listener' -> 'net::Listener' -> 'net::Listener'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-FIXES: {{^}}  std::weak_ptr<net::Listener> parent_;{{$}}
  std::vector<Ptr> clones_;
};
} // namespace net

struct Manager;
struct Socket {
  std::shared_ptr<Manager> manager = nullptr;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Socket::manager' closes a shared_ptr ownership cycle: 'Manager' -> 'Socket' -> 'Manager'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-FIXES: {{^}}  std::weak_ptr<Manager> manager = {};{{$}}
};
struct Manager : std::enable_shared_from_this<Manager> {
  std::vector<std::shared_ptr<Socket>> sockets;
  void add(const std::shared_ptr<Socket> &s) {
    s->manager = shared_from_this();
    sockets.push_back(s);
  }
};

// Another initializer still has no fix.
struct Hub;
struct Port {
  std::shared_ptr<Hub> hub = std::make_shared<Hub>();
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'Port::hub' closes a shared_ptr ownership cycle: 'Hub' -> 'Port' -> 'Hub'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
};
struct Hub : std::enable_shared_from_this<Hub> {
  std::vector<std::shared_ptr<Port>> ports;
  void add(const std::shared_ptr<Port> &p) {
    p->hub = shared_from_this();
    ports.push_back(p);
  }
};
