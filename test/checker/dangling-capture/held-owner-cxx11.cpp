// RUN: %check_clang_tidy --fix-notes --compile-fixed %s refcycle-dangling-capture %t -- -- -std=c++11

// Before C++14 there are no init-captures: the fix for a callback that holds
// the object it is stored in declares the weak reference on a line of its
// own above the statement that makes the callback, and captures that.

#include <functional>
#include <memory>

struct Socket {
  void setOnMessage(std::function<void(int)> f) { on_message_ = std::move(f); }
  void send(int);

private:
  std::function<void(int)> on_message_;
};

void serve(std::function<void(std::shared_ptr<Socket>)> accept);

void echo() {
  serve([](std::shared_ptr<Socket> socket) {
    socket->setOnMessage([socket](int message) { socket->send(message); });
    // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: callback stored in 'Socket::on_message_' holds 'socket', a strong reference to the 'Socket' that stores it; the 'Socket' keeps itself alive and is never freed [refcycle-dangling-capture]
    // CHECK-FIXES: {{^}}    std::weak_ptr<Socket> weak_socket = socket;{{$}}
    // CHECK-FIXES-NEXT: {{^}}    socket->setOnMessage([weak_socket](int message) {{{$}}
    // CHECK-FIXES-NEXT: {{^}}      auto socket = weak_socket.lock();{{$}}
    // CHECK-FIXES-NEXT: {{^}}      if (!socket){{$}}
    // CHECK-FIXES-NEXT: {{^}}        return;{{$}}
    // CHECK-FIXES-NEXT: {{^}}      socket->send(message); });{{$}}
  });
}

// Not a statement of its own (a declaration's initializer): no place for
// the local, so no fix; the note still says what to do.
void listen(const std::shared_ptr<Socket> &socket) {
  bool registered = (socket->setOnMessage([socket](int m) { socket->send(m); }), true);
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: callback stored in 'Socket::on_message_' holds 'socket', a strong reference to the 'Socket' that stores it; the 'Socket' keeps itself alive and is never freed [refcycle-dangling-capture]
  (void)registered;
}
