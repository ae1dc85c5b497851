// RUN: %check_clang_tidy %s refcycle-dangling-capture %t
// RUN: %check_clang_tidy -check-suffix=STRICT %s refcycle-dangling-capture %t -- \
// RUN:   -config="{CheckOptions: {refcycle-dangling-capture.QueuedHandlerFunctions: ''}}"

// A handler queued to run once (option QueuedHandlerFunctions: Asio's post,
// dispatch, defer, async_wait, async_read, async_write) that captures
// 'this'. A service object whose owner keeps it while the executor runs is
// the normal Asio pattern and is not reported. It is reported when the
// class keeps itself alive in its handlers (at least as many keep it alive
// as bind 'this'; this one forgot to) or when it is a copyable value type
// (the object may be a temporary). With
// an empty QueuedHandlerFunctions every such handler is reported (STRICT).

#include <functional>
#include <memory>

namespace boost::asio {
struct io_context {};
template <class Executor, class Handler> void post(Executor &ex, Handler &&h);
template <class Executor, class Handler> void dispatch(Executor &ex, Handler &&h);
template <class Executor, class Handler> void defer(Executor &ex, Handler &&h);
} // namespace boost::asio
namespace asio = boost::asio;

struct Bus {
  void connect(std::function<void()> f);
};

// Not reported: a service that never keeps itself alive in a handler.
class DiskService {
public:
  explicit DiskService(asio::io_context &io) : io_(io) {}
  DiskService(const DiskService &) = delete;
  void completed() {
    asio::post(io_, [this] { callHandlers(); });
    // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:21: warning: lambda captures 'this' and is passed to 'boost::asio::post', which may keep it after this 'DiskService' is destroyed; bind through a weak reference [refcycle-dangling-capture]
    asio::dispatch(io_, [this] { callHandlers(); });
    // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:25: warning: lambda captures 'this' and is passed to 'boost::asio::dispatch'
    asio::defer(io_, std::bind(&DiskService::callHandlers, this));
    // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:22: warning: std::bind binds 'DiskService::callHandlers' to 'this' and is passed to 'boost::asio::defer'
  }
  // Other registrations are still reported.
  void wire(Bus &bus) {
    bus.connect([this] { callHandlers(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: lambda captures 'this' and is passed to 'Bus::connect', which may keep it after this 'DiskService' is destroyed; bind through a weak reference [refcycle-dangling-capture]
    // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:17: warning: lambda captures 'this' and is passed to 'Bus::connect'
  }
  void callHandlers() {}

private:
  asio::io_context &io_;
};

// Not reported: polymorphic (used through pointers, not copied), and
// enable_shared_from_this without a handler that keeps it alive.
struct Interface {
  virtual ~Interface() = default;
};
class Resolver final : public Interface {
public:
  explicit Resolver(asio::io_context &io) : io_(&io) {}
  void resolve() { asio::post(*io_, [this] { done(); }); }
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:37: warning: lambda captures 'this' and is passed to 'boost::asio::post'
  void done() {}

private:
  asio::io_context *io_;
};
class Session : public std::enable_shared_from_this<Session> {
public:
  Session(const Session &) = delete;
  explicit Session(asio::io_context &io) : io_(io) {}
  void start() { asio::post(io_, [this] { tick(); }); }
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:34: warning: lambda captures 'this' and is passed to 'boost::asio::post'
  std::shared_ptr<Session> handle() { return shared_from_this(); }
  void tick() {}

private:
  asio::io_context &io_;
};

// Not reported: one handler keeps the object alive (until abort runs), the
// many others rely on the owner (libtorrent's session_impl): the class
// follows the service convention.
class Engine : public std::enable_shared_from_this<Engine> {
public:
  Engine(const Engine &) = delete;
  explicit Engine(asio::io_context &io) : io_(io) {}
  void abortAll() {
    auto self = shared_from_this();
    asio::dispatch(io_, [self] { self->abort(); });
  }
  void tick() { asio::post(io_, [this] { onTick(); }); }
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:33: warning: lambda captures 'this' and is passed to 'boost::asio::post'
  void trigger() { asio::post(io_, [this] { onTrigger(); }); }
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:36: warning: lambda captures 'this' and is passed to 'boost::asio::post'
  void abort() {}
  void onTick() {}
  void onTrigger() {}

private:
  asio::io_context &io_;
};

// Reported: the class keeps itself alive in its other handlers.
class Connection : public std::enable_shared_from_this<Connection> {
public:
  Connection(const Connection &) = delete;
  explicit Connection(asio::io_context &io) : io_(io) {}
  void read() {
    asio::post(io_, [self = shared_from_this()] { self->onRead(); });
  }
  void write() {
    asio::post(io_, [this] { onWrite(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: lambda captures 'this' and is passed to 'boost::asio::post', which may keep it after this 'Connection' is destroyed; bind through a weak reference [refcycle-dangling-capture]
    // CHECK-MESSAGES: :[[@LINE-5]]:5: note: other handlers keep the 'Connection' alive with a shared_ptr to it, as here
    // CHECK-MESSAGES-STRICT: :[[@LINE-3]]:21: warning: lambda captures 'this' and is passed to 'boost::asio::post'
  }
  void onRead() {}
  void onWrite() {}

private:
  asio::io_context &io_;
};
class Peer : public std::enable_shared_from_this<Peer> {
public:
  Peer(const Peer &) = delete;
  explicit Peer(asio::io_context &io) : io_(io) {}
  void read() {
    auto self = shared_from_this();
    asio::dispatch(io_, [this, self] { onRead(); });
  }
  void write() {
    asio::dispatch(io_, std::bind(&Peer::onWrite, this));
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: std::bind binds 'Peer::onWrite' to 'this' and is passed to 'boost::asio::dispatch', which may keep it after this 'Peer' is destroyed; bind through a weak reference [refcycle-dangling-capture]
    // CHECK-MESSAGES: :[[@LINE-5]]:5: note: other handlers keep the 'Peer' alive with a shared_ptr to it, as here
    // CHECK-MESSAGES-STRICT: :[[@LINE-3]]:25: warning: std::bind binds 'Peer::onWrite' to 'this'
  }
  void onRead() {}
  void onWrite() {}

private:
  asio::io_context &io_;
};

// Reported: a copyable value type (a handle is often a temporary).
class Handle {
public:
  explicit Handle(asio::io_context &io) : io_(&io) {}
  void async_call() {
    asio::dispatch(*io_, [=] { report(id_); });
    // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: lambda captures 'this' and is passed to 'boost::asio::dispatch', which may keep it after this 'Handle' is destroyed; bind through a weak reference [refcycle-dangling-capture]
    // CHECK-MESSAGES: :[[@LINE-6]]:7: note: 'Handle' is a copyable value type: the object may be a copy or a temporary that is gone when the handler runs
    // CHECK-MESSAGES-STRICT: :[[@LINE-3]]:26: warning: lambda captures 'this' and is passed to 'boost::asio::dispatch'
  }
  static void report(int) {}

private:
  asio::io_context *io_;
  int id_ = 0;
};
