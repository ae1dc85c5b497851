// RUN: %check_clang_tidy %s refcycle-dangling-capture %t -- -- -std=c++17

// A callback that holds its own object, kept in a member of that object,
// loops: unless the code empties the member on purpose once the callback
// has done its work (`on_established_ = nullptr;` in a member function), as
// refcycle-shared-ptr-cycle judges a released member. Emptying it in the
// destructor does not count: the destructor never runs while the loop
// holds the object.

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
  // Silent: established() empties the member that keeps it.
  session->setOnEstablished([session] { session->close(); });
  // Only the destructor empties it.
  peer->setOnClose([peer] { peer->drop(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: callback stored in 'Peer::on_close_' holds 'peer', a strong reference to the 'Peer' that stores it; the 'Peer' keeps itself alive and is never freed [refcycle-dangling-capture]
}
