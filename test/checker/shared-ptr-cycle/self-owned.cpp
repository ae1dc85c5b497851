// RUN: %check_clang_tidy --compile-fixed %s refcycle-shared-ptr-cycle %t -- -- -std=c++17

// An object that stores a strong reference to itself in its own storage
// (shared_from_this(), a helper that returns it, a std::static_pointer_cast
// of it) owns itself: the program shows the loop closing on one object,
// which the types alone leave open (one type, or a derived class reached
// through a polymorphic base, and no back-reference names).

#include <map>
#include <memory>
#include <vector>

// Through a setter of a by-value member, into a pointer to a polymorphic
// base; the member's class has a reset() of its own that does not release
// the pointer.
struct Connection {
  virtual ~Connection() = default;
};
class Request {
public:
  void attach(std::shared_ptr<Connection> c) { conn_ = std::move(c); }
  void reset() { body_.clear(); }

private:
  std::shared_ptr<Connection> conn_;
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'Request::conn_' closes a shared_ptr ownership cycle: a 'Session' stores a strong reference to itself in it; the object is never freed [refcycle-shared-ptr-cycle]
  // CHECK-FIXES: {{^}}  std::weak_ptr<Connection> conn_;{{$}}
  std::vector<char> body_;
};
class Session : public Connection, public std::enable_shared_from_this<Session> {
public:
  void start() {
    request_.attach(shared_from_this());
    request_.reset();
  }

private:
  Request request_;
};

// Into its own map, through a pointer cast and a helper.
class Server : public std::enable_shared_from_this<Server> {
public:
  std::shared_ptr<Server> self() { return std::static_pointer_cast<Server>(shared_from_this()); }
  void listen(int poller) { clones_[poller] = self(); }

private:
  std::map<int, std::shared_ptr<Server>> clones_;
  // CHECK-MESSAGES: :[[@LINE-1]]:42: warning: 'Server::clones_' closes a shared_ptr ownership cycle: a 'Server' stores a strong reference to itself in it; the object is never freed [refcycle-shared-ptr-cycle]
};

// Not reported: stored in another object, or in a local; or released again
// by a function that is not one of the class's special members, and that
// code outside the class calls.
class Peer : public std::enable_shared_from_this<Peer> {
public:
  void join(std::vector<std::shared_ptr<Peer>> &room) {
    room.push_back(shared_from_this());
    auto keep = shared_from_this();
  }
  void open() { pending_.push_back(shared_from_this()); }
  void close() { pending_.clear(); }

private:
  std::vector<std::shared_ptr<Peer>> pending_;
};
inline void hangUp(Peer &p) { p.close(); }
