// RUN: %check_clang_tidy --fix-notes --compile-fixed %s refcycle-dangling-capture %t -- -- -std=c++17

// A callable that holds a strong pointer (a by-copy capture, an argument
// std::bind copies) and is stored in the very object that pointer points to:
// the object owns a callable that owns the object, and is never freed.

#include <functional>
#include <map>
#include <memory>
#include <vector>

struct Socket {
  void setOnMessage(std::function<void(int)> f) { on_message_ = std::move(f); }
  void send(int);
  std::function<void()> on_close;

private:
  std::function<void(int)> on_message_;
};

// A signal that re-wraps what it is given before keeping it.
template <class... Args> class Signal {
public:
  template <class F> unsigned operator()(const F &f) {
    handlers_[++last_] = [f](Args... args) { f(args...); };
    return last_;
  }

private:
  unsigned last_ = 0;
  std::map<unsigned, std::function<void(Args...)>> handlers_;
};
struct Button {
  Signal<> onPress;
  void press();
};

// A list of callbacks that one is added to with +=.
class CallbackList {
public:
  CallbackList() = default;
  template <class F> CallbackList(const F &f) { funcs_.push_back(f); }
  CallbackList &operator+=(const CallbackList &other) {
    for (const auto &f : other.funcs_)
      funcs_.push_back(f);
    return *this;
  }

private:
  std::vector<std::function<void()>> funcs_;
};
struct Animation {
  CallbackList onReset;
};
void finished(std::shared_ptr<Animation> anim);

#define CAPTURE_ALL_AND_THIS [=, this]

class Server {
public:
  void accept(std::shared_ptr<Socket> socket) {
    socket->setOnMessage([socket](int m) { socket->send(m); });
    // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: callback stored in 'Socket::on_message_' holds 'socket', a strong reference to the 'Socket' that stores it; the 'Socket' keeps itself alive and is never freed [refcycle-dangling-capture]
    // CHECK-FIXES: {{^}}    socket->setOnMessage([weak_socket = std::weak_ptr<Socket>(socket)](int m) {{{$}}
    // CHECK-FIXES-NEXT: {{^}}      auto socket = weak_socket.lock();{{$}}
    // CHECK-FIXES-NEXT: {{^}}      if (!socket){{$}}
    // CHECK-FIXES-NEXT: {{^}}        return;{{$}}
    // CHECK-FIXES-NEXT: {{^}}      socket->send(m); });{{$}}
    socket->on_close = std::bind(&Socket::send, socket, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: callback stored in 'Socket::on_close' holds 'socket', a strong reference to the 'Socket' that stores it; the 'Socket' keeps itself alive and is never freed [refcycle-dangling-capture]
    // CHECK-FIXES: {{^}}    socket->on_close = [weak_socket = std::weak_ptr<Socket>(socket)](auto &&...) { if (auto socket = weak_socket.lock()) socket->send(0); };{{$}}
    // A placeholder: the call is not written out, no fix.
    socket->setOnMessage(std::bind(&Socket::send, socket, std::placeholders::_1));
    // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: callback stored in 'Socket::on_message_' holds 'socket', a strong reference to the 'Socket' that stores it; the 'Socket' keeps itself alive and is never freed [refcycle-dangling-capture]
    // CHECK-FIXES: {{^}}    socket->setOnMessage(std::bind(&Socket::send, socket, std::placeholders::_1));{{$}}
  }
  void wire(std::vector<std::shared_ptr<Button>> &buttons) {
    for (auto &button : buttons)
      button->onPress(CAPTURE_ALL_AND_THIS { clicked(button); });
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: callback stored in 'Signal::handlers_' holds 'button', a strong reference to the 'Button' that stores it; the 'Button' keeps itself alive and is never freed [refcycle-dangling-capture]
  }
  void animate(std::shared_ptr<Animation> anim) {
    anim->onReset += std::bind(&finished, anim);
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: callback stored in 'Animation::onReset' holds 'anim', a strong reference to the 'Animation' that stores it; the 'Animation' keeps itself alive and is never freed [refcycle-dangling-capture]
    // CHECK-FIXES: {{^}}    anim->onReset += [weak_anim = std::weak_ptr<Animation>(anim)](auto &&...) { if (auto anim = weak_anim.lock()) finished(anim); };{{$}}
  }
  // The free function re-arms itself with the same animation (the shape
  // of vcmi's creature animations): other bound arguments are captured by
  // copy, literals written in place.
  static void fidget(int times, std::shared_ptr<Animation> anim) {
    if (times > 0)
      anim->onReset += std::bind(&Server::fidget, times - 1, anim);
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: callback stored in 'Animation::onReset' holds 'anim', a strong reference to the 'Animation' that stores it; the 'Animation' keeps itself alive and is never freed [refcycle-dangling-capture]
    // CHECK-FIXES: {{^}}      anim->onReset += std::bind(&Server::fidget, times - 1, anim);{{$}}
    anim->onReset += std::bind(&Server::fidget, times, anim);
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: callback stored in 'Animation::onReset' holds 'anim', a strong reference to the 'Animation' that stores it; the 'Animation' keeps itself alive and is never freed [refcycle-dangling-capture]
    // CHECK-FIXES: {{^}}    anim->onReset += [times, weak_anim = std::weak_ptr<Animation>(anim)](auto &&...) { if (auto anim = weak_anim.lock()) Server::fidget(times, anim); };{{$}}
  }
  void clicked(const std::shared_ptr<Button> &);

  // Not reported: stored in another object; held weakly.
  void relay(std::shared_ptr<Socket> from, std::shared_ptr<Socket> to) {
    from->setOnMessage([to](int m) { to->send(m); });
    std::weak_ptr<Socket> weak = from;
    from->setOnMessage([weak](int m) {
      if (auto s = weak.lock())
        s->send(m);
    });
  }
};

// std::bind calls the lambda rewrite cannot repeat: no fix-it.
void takesCount(int &count, std::shared_ptr<Socket> s);
void takesValue(int count, std::shared_ptr<Socket> s);
int g_sent = 0;
const int g_limit = 3;
struct Base {
  void ping();
};
struct Peer : Base {
  void ping(int);
  template <class T> void sendAs();
  std::function<void()> on_close;
};
void bindLimits(std::shared_ptr<Socket> socket, std::shared_ptr<Peer> peer) {
  int count = 0;
  // The binder passes its own copy to a non-const reference.
  socket->on_close = std::bind(&takesCount, count, socket);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: callback stored in 'Socket::on_close' holds 'socket', a strong reference to the 'Socket' that stores it; the 'Socket' keeps itself alive and is never freed [refcycle-dangling-capture]
  // CHECK-FIXES: {{^}}  socket->on_close = std::bind(&takesCount, count, socket);{{$}}
  // A global the binder copied when it was made (a const one is the same
  // value later, and is written as is).
  socket->on_close = std::bind(&takesValue, g_sent, socket);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: callback stored in 'Socket::on_close' holds 'socket', a strong reference to the 'Socket' that stores it; the 'Socket' keeps itself alive and is never freed [refcycle-dangling-capture]
  // CHECK-FIXES: {{^}}  socket->on_close = std::bind(&takesValue, g_sent, socket);{{$}}
  ++g_sent;
  // A member of a base that the derived class hides; a member template.
  peer->on_close = std::bind(&Base::ping, peer);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: callback stored in 'Peer::on_close' holds 'peer', a strong reference to the 'Peer' that stores it; the 'Peer' keeps itself alive and is never freed [refcycle-dangling-capture]
  // CHECK-FIXES: {{^}}  peer->on_close = std::bind(&Base::ping, peer);{{$}}
}
void bindMore(std::shared_ptr<Socket> socket, std::shared_ptr<Peer> peer) {
  peer->on_close = std::bind(&Peer::sendAs<long>, peer);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: callback stored in 'Peer::on_close' holds 'peer', a strong reference to the 'Peer' that stores it; the 'Peer' keeps itself alive and is never freed [refcycle-dangling-capture]
  // CHECK-FIXES: {{^}}  peer->on_close = std::bind(&Peer::sendAs<long>, peer);{{$}}
  // A bound local already has the weak reference's name.
  int weak_socket = 1;
  socket->on_close = std::bind(&takesValue, weak_socket, socket);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: callback stored in 'Socket::on_close' holds 'socket', a strong reference to the 'Socket' that stores it; the 'Socket' keeps itself alive and is never freed [refcycle-dangling-capture]
  // CHECK-FIXES: {{^}}  socket->on_close = std::bind(&takesValue, weak_socket, socket);{{$}}
}
void bindConst(std::shared_ptr<Socket> socket) {
  socket->on_close = std::bind(&takesValue, g_limit, socket);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: callback stored in 'Socket::on_close' holds 'socket', a strong reference to the 'Socket' that stores it; the 'Socket' keeps itself alive and is never freed [refcycle-dangling-capture]
  // CHECK-FIXES: {{^}}  socket->on_close = [weak_socket = std::weak_ptr<Socket>(socket)](auto &&...) { if (auto socket = weak_socket.lock()) takesValue(g_limit, socket); };{{$}}
}

// A type in an anonymous namespace is spelled as the file writes it.
namespace {
struct Hidden {
  std::function<void()> cb;
};
void poke(std::shared_ptr<Hidden>);
} // namespace
void bindHidden(std::shared_ptr<Hidden> h) {
  h->cb = std::bind(&poke, h);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: callback stored in 'Hidden::cb' holds 'h', a strong reference to the 'Hidden' that stores it; the 'Hidden' keeps itself alive and is never freed [refcycle-dangling-capture]
  // CHECK-FIXES: {{^}}  h->cb = [weak_h = std::weak_ptr<Hidden>(h)](auto &&...) { if (auto h = weak_h.lock()) poke(h); };{{$}}
}
