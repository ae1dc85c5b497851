// RUN: %check_clang_tidy %s refcycle-dangling-capture %t -- -- -std=c++17

// The destructor ends a registration: it calls a teardown function on the
// storage (option TeardownFunctions), or calls the function that stored the
// callback again on an object of the same class, which replaces it (also
// when it reaches that object through another name).

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
