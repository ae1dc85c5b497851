// RUN: %check_clang_tidy %s refcycle-dangling-capture %t -- -- -std=c++17

// A callback that holds its own object, kept in a member of that object,
// loops until the member is emptied. Code that empties it on some path
// (`on_established_ = nullptr;` once the callback has run) does not break
// the loop for the objects that never take that path: a session
// terminated before it was established keeps its callback, and itself, for
// good. On the benchmark's dev projects, counting such an emptying as the
// end of the loop (as refcycle-shared-ptr-cycle counts a released member)
// silenced 4 real leaks for 3 false positives, so it does not count here:
// both are reported.

#include <functional>
#include <memory>

class Session : public std::enable_shared_from_this<Session> {
public:
  void setOnEstablished(std::function<void()> f) { on_established_ = std::move(f); }
  void established() {
    if (on_established_)
      on_established_();
    on_established_ = nullptr;
  }
  void close() {}

private:
  std::function<void()> on_established_;
};

class Peer : public std::enable_shared_from_this<Peer> {
public:
  void setOnClose(std::function<void()> f) { on_close_ = std::move(f); }
  ~Peer() { on_close_ = {}; }
  void drop() {}

private:
  std::function<void()> on_close_;
};

void connect(std::shared_ptr<Session> session, std::shared_ptr<Peer> peer) {
  session->setOnEstablished([session] { session->close(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: callback stored in 'Session::on_established_' holds 'session', a strong reference to the 'Session' that stores it; the 'Session' keeps itself alive and is never freed [refcycle-dangling-capture]
  peer->setOnClose([peer] { peer->drop(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: callback stored in 'Peer::on_close_' holds 'peer', a strong reference to the 'Peer' that stores it; the 'Peer' keeps itself alive and is never freed [refcycle-dangling-capture]
}
