// RUN: %check_clang_tidy %s refcycle-dangling-capture %t -- -- -std=c++17

// `this` handed to a C library as the context of a callback it keeps, with
// the real libevent, libuv and pthread headers. The library calls back with
// that pointer until the registration is freed, stopped or closed; a class
// that never does so leaves it dangling when the object goes away.

#include <event2/bufferevent.h>
#include <event2/event.h>
#include <pthread.h>
#include <uv.h>

#include <memory>

// libevent: the event is kept in a member but never freed.
class Reader {
public:
  Reader(event_base *base, evutil_socket_t fd)
      : ev_(event_new(base, fd, EV_READ | EV_PERSIST, &Reader::onRead, this)) {
    // CHECK-MESSAGES: :[[@LINE-1]]:72: warning: 'this' is handed to 'event_new' as the context of a C callback; nothing in 'Reader' frees, stops or closes 'Reader::ev_', so the library can call back after this 'Reader' is destroyed [refcycle-dangling-capture]
    event_add(ev_, nullptr);
  }

private:
  static void onRead(evutil_socket_t, short, void *arg) {
    static_cast<Reader *>(arg)->read();
  }
  void read() {}
  event *ev_;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: note: 'Reader::ev_' holds the registration; free, stop or close it in the destructor of 'Reader'
};

// libevent: freed in the destructor: silent.
class Writer {
public:
  Writer(event_base *base, evutil_socket_t fd) {
    ev_ = event_new(base, fd, EV_WRITE, &Writer::onWrite, this);
  }
  ~Writer() { event_free(ev_); }

private:
  static void onWrite(evutil_socket_t, short, void *) {}
  event *ev_;
};

// A bufferevent whose callbacks are reset in close(): silent.
class Session {
public:
  explicit Session(bufferevent *bev) : bev_(bev) {
    bufferevent_setcb(bev_, &Session::onData, nullptr, nullptr, this);
  }
  void close() { bufferevent_free(bev_); }

private:
  static void onData(bufferevent *, void *) {}
  bufferevent *bev_;
};

// An owning smart pointer with event_free as its deleter frees it: silent.
struct EventFree {
  void operator()(event *e) const { event_free(e); }
};
class Ticker {
public:
  explicit Ticker(event_base *base)
      : ev_(event_new(base, -1, EV_PERSIST, &Ticker::onTick, this)) {}

private:
  static void onTick(evutil_socket_t, short, void *) {}
  std::unique_ptr<event, EventFree> ev_;
};

// libuv: the handle's data points at the object; never stopped or closed.
class Poller {
public:
  explicit Poller(uv_loop_t *loop) {
    uv_timer_init(loop, &timer_);
    timer_.data = this;
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'this' is handed to a 'data' field as the context of a C callback; nothing in 'Poller' frees, stops or closes 'Poller::timer_', so the library can call back after this 'Poller' is destroyed [refcycle-dangling-capture]
    uv_timer_start(&timer_, &Poller::onTimer, 100, 100);
  }

private:
  static void onTimer(uv_timer_t *t) { static_cast<Poller *>(t->data)->poll(); }
  void poll() {}
  uv_timer_t timer_;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: note: 'Poller::timer_' holds the registration; free, stop or close it in the destructor of 'Poller'
};

// libuv: stopped in the destructor: silent.
class Heartbeat {
public:
  explicit Heartbeat(uv_loop_t *loop) {
    uv_timer_init(loop, &timer_);
    timer_.data = this;
    uv_timer_start(&timer_, &Heartbeat::onTimer, 100, 100);
  }
  ~Heartbeat() { uv_timer_stop(&timer_); }

private:
  static void onTimer(uv_timer_t *) {}
  uv_timer_t timer_;
};

// pthread: a thread started on this and joined in the destructor: silent.
class Worker {
public:
  Worker() { pthread_create(&thread_, nullptr, &Worker::run, this); }
  ~Worker() { pthread_join(thread_, nullptr); }

private:
  static void *run(void *) { return nullptr; }
  pthread_t thread_;
};

// Not reported (a limitation): a registration no member of the object holds.
// A one-shot callback may run after the object is gone, but the same shape
// registers into storage the class manages elsewhere (`event_assign(
// &sock->ev, ...)`, ended with event_del(&sock->ev)), which is safe.
class Delayed {
public:
  void later(event_base *base) {
    timeval tv{1, 0};
    event_base_once(base, -1, EV_TIMEOUT, &Delayed::fire, this, &tv);
  }

private:
  static void fire(evutil_socket_t, short, void *) {}
};

// An object that lives as long as the program: silent.
class Service {
public:
  void start(event_base *base) {
    ev_ = event_new(base, -1, EV_PERSIST, &Service::onTick, this);
  }

private:
  static void onTick(evutil_socket_t, short, void *) {}
  event *ev_ = nullptr;
};
static Service service;
