// RUN: %check_clang_tidy %s refcycle-dangling-capture %t -- -- -std=c++17

// The destructor ends a registration: it calls a teardown function on the
// storage (option TeardownFunctions), or calls the function that stored the
// callback again, or its counterpart (ResetReceiver for SetReceiver), on an
// object of the same class (also when it reaches that object through another
// name); directly or in a member function it calls (Stop()).

#include <functional>
#include <memory>

struct Conn {
  void setCloseCallback(const std::function<void()> &cb) { close_ = cb; }
  bool closing() const;
  std::function<void()> close_;
};
using ConnPtr = std::shared_ptr<Conn>;

class Client {
public:
  void connected(ConnPtr c) {
    c->setCloseCallback(std::bind(&Client::onClose, this));
    conn_ = c;
  }
  ~Client() {
    ConnPtr c = conn_;
    if (c && c->closing())
      c->setCloseCallback(nullptr);
  }
  void onClose() {}

private:
  ConnPtr conn_;
};

// Without that line in the destructor it is reported.
class Forgetful {
public:
  void connected(ConnPtr c) {
    c->setCloseCallback(std::bind(&Forgetful::onClose, this));
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: std::bind binds 'Forgetful::onClose' to 'this' and is stored in 'Conn::close_', which may outlive this 'Forgetful'; bind through a weak reference [refcycle-dangling-capture]
    conn_ = c;
  }
  ~Forgetful() { conn_.reset(); }
  void onClose() {}

private:
  ConnPtr conn_;
};

// The storing function's counterpart (ResetReceiver for SetReceiver), called
// in the destructor, or in a member function the destructor calls, on an
// object of the class registered with (reached through another local).
struct Datagram {
  void SetReceiver(const std::function<void(int)> &r) { receiver_ = r; }
  void ResetReceiver();
  std::function<void(int)> receiver_;
};
struct Mailbox {
  void ResetReceiver();
};
struct Destination {
  std::shared_ptr<Datagram> datagram();
  std::shared_ptr<Mailbox> mailbox();
};

class Resolver {
public:
  explicit Resolver(std::shared_ptr<Destination> d) : dest_(d) {
    auto datagram = dest_->datagram();
    datagram->SetReceiver(std::bind(&Resolver::onRequest, this, std::placeholders::_1));
  }
  ~Resolver() {
    auto datagram = dest_->datagram();
    if (datagram)
      datagram->ResetReceiver();
  }
  void onRequest(int) {}

private:
  std::shared_ptr<Destination> dest_;
};

class Tunnel {
public:
  explicit Tunnel(std::shared_ptr<Destination> d) : dest_(d) {}
  ~Tunnel() { Stop(); }
  void Start() {
    auto dgram = dest_->datagram();
    dgram->SetReceiver(std::bind(&Tunnel::onReceived, this, std::placeholders::_1));
  }
  void Stop() { Detach(); }
  void Detach() {
    if (auto dgram = dest_->datagram())
      dgram->ResetReceiver();
  }
  void onReceived(int) {}

private:
  std::shared_ptr<Destination> dest_;
};

// The destructor's Stop() resets another class's receiver: reported.
class Mistaken {
public:
  explicit Mistaken(std::shared_ptr<Destination> d) : dest_(d) {}
  ~Mistaken() { Stop(); }
  void Start() {
    auto dgram = dest_->datagram();
    dgram->SetReceiver(std::bind(&Mistaken::onReceived, this, std::placeholders::_1));
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: std::bind binds 'Mistaken::onReceived' to 'this' and is stored in 'Datagram::receiver_', which may outlive this 'Mistaken'; bind through a weak reference [refcycle-dangling-capture]
  }
  void Stop() { dest_->mailbox()->ResetReceiver(); }
  void onReceived(int) {}

private:
  std::shared_ptr<Destination> dest_;
};
