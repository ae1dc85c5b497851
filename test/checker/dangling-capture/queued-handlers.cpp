// RUN: %check_clang_tidy --fix-notes --compile-fixed %s refcycle-dangling-capture %t -- -- -std=c++17

// Handlers queued on an executor (option QueuedHandlerFunctions: post,
// dispatch, defer, async_*), with the real Boost.Asio headers. The executor
// keeps a queued handler and runs it later, even once the strand, socket or
// timer it was queued through is destroyed or cancelled (a cancelled
// operation still completes, with operation_aborted): a handler bound to a
// raw 'this' dangles unless it keeps the object alive, the object owns the
// executor, or it returns on operation_aborted without touching the object
// (aborted-handlers.cpp). A class managed by shared_ptr gets the keep-alive capture.

#include <boost/asio.hpp>
#include <functional>
#include <memory>

namespace asio = boost::asio;
using boost::system::error_code;

// Reported: a handler on the object's own timer. Destroying the timer (with
// the object) cancels the wait, and the handler still runs.
class Heartbeat : public std::enable_shared_from_this<Heartbeat> {
public:
  explicit Heartbeat(asio::io_context &io) : timer_(io) {}
  void arm() {
    timer_.async_wait([this](const error_code &ec) { beat(ec); });
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: lambda captures 'this' and is queued by 'basic_waitable_timer::async_wait', which runs it later even if this 'Heartbeat' is destroyed first; keep the object alive in the handler [refcycle-dangling-capture]
    // CHECK-FIXES: {{^}}    timer_.async_wait([this, self = shared_from_this()](const error_code &ec) { beat(ec); });{{$}}
  }
  // cancel() in the destructor does not help: the handler still runs.
  ~Heartbeat() { timer_.cancel(); }
  void beat(const error_code &) {}

private:
  asio::steady_timer timer_;
};

// The same when enable_shared_from_this is a base's: shared_from_this()
// returns a pointer to that base, which keeps the object alive all the same.
class Writer0 : public std::enable_shared_from_this<Writer0> {
public:
  virtual ~Writer0() = default;
};
class Session0 : public Writer0 {
public:
  explicit Session0(asio::io_context &io) : io_(io) {}
  void close() {
    asio::post(io_, [this] { closed_ = true; });
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: lambda captures 'this' and is queued by 'boost::asio::post', which runs it later even if this 'Session0' is destroyed first; keep the object alive in the handler [refcycle-dangling-capture]
    // CHECK-FIXES: {{^}}    asio::post(io_, [this, self = shared_from_this()] { closed_ = true; });{{$}}
  }

private:
  asio::io_context &io_;
  bool closed_ = false;
};

// Reported: a strand member, post() through it, and std::bind.
class Writer : public std::enable_shared_from_this<Writer> {
public:
  explicit Writer(asio::io_context &io) : strand_(io.get_executor()), socket_(io) {}
  void send() {
    asio::post(strand_, [this] { flush(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: lambda captures 'this' and is queued by 'boost::asio::post', which runs it later even if this 'Writer' is destroyed first; keep the object alive in the handler [refcycle-dangling-capture]
    // CHECK-FIXES: {{^}}    asio::post(strand_, [this, self = shared_from_this()] { flush(); });{{$}}
  }
  void read() {
    socket_.async_read_some(asio::buffer(buf_),
                            std::bind(&Writer::onRead, this, std::placeholders::_1,
                                      std::placeholders::_2));
    // CHECK-MESSAGES: :[[@LINE-2]]:29: warning: std::bind binds 'Writer::onRead' to 'this' and is queued by 'basic_stream_socket::async_read_some', which runs it later even if this 'Writer' is destroyed first; keep the object alive in the handler [refcycle-dangling-capture]
    // CHECK-FIXES: {{^}}                            std::bind(&Writer::onRead, shared_from_this(), std::placeholders::_1,{{$}}
  }
  // A handler wrapped by bind_executor goes where the wrapper goes.
  void write() {
    asio::async_write(socket_, asio::buffer(buf_),
                      asio::bind_executor(strand_, [this](const error_code &, std::size_t) {
                        flush();
                      }));
    // CHECK-MESSAGES: :[[@LINE-3]]:52: warning: lambda captures 'this' and is queued by 'boost::asio::async_write', which runs it later even if this 'Writer' is destroyed first; keep the object alive in the handler [refcycle-dangling-capture]
    // CHECK-FIXES: {{^}}                      asio::bind_executor(strand_, [this, self = shared_from_this()](const error_code &, std::size_t) {{{$}}
  }
  void flush() {}
  void onRead(const error_code &, std::size_t n) { received_ += n; }

private:
  asio::strand<asio::io_context::executor_type> strand_;
  asio::ip::tcp::socket socket_;
  char buf_[64] = {};
  std::size_t received_ = 0;
};

// Reported without a fix-it: not managed by shared_ptr, so the note says
// how to end the wait before the object goes.
class Poller {
public:
  explicit Poller(asio::io_context &io) : timer_(io) {}
  void poll() { timer_.async_wait([this](const error_code &) { poll(); }); }
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: lambda captures 'this' and is queued by 'basic_waitable_timer::async_wait', which runs it later even if this 'Poller' is destroyed first; keep the object alive in the handler [refcycle-dangling-capture]

private:
  asio::steady_timer timer_;
};

// Reported: the class keeps itself alive in its other handlers; a note
// points at one.
class Peer : public std::enable_shared_from_this<Peer> {
public:
  explicit Peer(asio::io_context &io) : io_(io) {}
  void read() {
    auto self = shared_from_this();
    asio::dispatch(io_, [this, self] { onRead(); });
  }
  void write() {
    asio::dispatch(io_, [this] { onWrite(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: lambda captures 'this' and is queued by 'boost::asio::dispatch'
    // CHECK-FIXES: {{^}}    asio::dispatch(io_, [this, self = shared_from_this()] { onWrite(); });{{$}}
  }
  void onRead() {}
  void onWrite() {}

private:
  asio::io_context &io_;
};

// Not reported: the handler keeps the object alive (shared_from_this(), a
// helper returning it, a std::static_pointer_cast of it), or holds it
// weakly and checks.
class Base : public std::enable_shared_from_this<Base> {
public:
  virtual ~Base() = default;
};
class Session : public Base {
public:
  explicit Session(asio::io_context &io) : timer_(io) {}
  std::shared_ptr<Session> self() {
    return std::static_pointer_cast<Session>(shared_from_this());
  }
  void arm() {
    timer_.async_wait([this, keep = self()](const error_code &) { tick(); });
    auto me = self();
    timer_.async_wait([this, me](const error_code &) { tick(); });
    std::weak_ptr<Session> weak = self();
    timer_.async_wait([weak](const error_code &) {
      if (auto s = weak.lock())
        s->tick();
    });
  }
  void tick() {}

private:
  asio::steady_timer timer_;
};

// Not reported: the object owns the executor; its queued handlers are
// destroyed, unrun, with it.
class Service {
public:
  void start() { asio::post(io_, [this] { run(); }); }
  void run() {}

private:
  asio::io_context io_;
};
class PooledService {
public:
  void start() { asio::post(*pool_, [this] { run(); }); }
  void run() {}

private:
  std::unique_ptr<asio::thread_pool> pool_ = std::make_unique<asio::thread_pool>(2);
};
class RawPooled {
public:
  RawPooled() : io_(new asio::io_context) {}
  void start() { asio::post(*io_, [this] { run(); }); }
  void run() {}

private:
  asio::io_context *io_;
};

// Not reported: an object that lives as long as the program (a global, a
// singleton's static instance, a by-value part of one) outlives its
// handlers.
class Transports {
public:
  explicit Transports(asio::io_context &io) : timer_(io) {}
  void start() { timer_.async_wait([this](const error_code &) { start(); }); }

private:
  asio::steady_timer timer_;
};
asio::io_context GlobalService;
Transports GlobalTransports(GlobalService);

class Book {
public:
  explicit Book(asio::io_context &io) : timer_(io) {}
  void update() { timer_.async_wait([this](const error_code &) { update(); }); }

private:
  asio::steady_timer timer_;
};
class Context {
public:
  static Context &instance() {
    static Context context;
    return context;
  }

private:
  Context() : book_(io_) {}
  asio::io_context io_;
  Book book_;
};

// An object with a queue of its own (a worker thread, a disk I/O queue; no
// executor behind it): what is queued on it goes with it. Owned by the
// object, its queued handlers cannot outlive the object.
class Worker {
public:
  void post(std::function<void()> f) { queue_.push_back(std::move(f)); }

private:
  std::vector<std::function<void()>> queue_;
};
class Indexer {
public:
  Indexer() : worker_(std::make_unique<Worker>()) {}
  void index() { worker_->post([this] { ++indexed_; }); }

private:
  std::unique_ptr<Worker> worker_;
  int indexed_ = 0;
};
// The same worker, borrowed: reported.
class Borrower {
public:
  explicit Borrower(Worker *w) : worker_(w) {}
  void index() { worker_->post([this] { ++indexed_; }); }
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: lambda captures 'this' and is queued by 'Worker::post', which runs it later even if this 'Borrower' is destroyed first; keep the object alive in the handler [refcycle-dangling-capture]

private:
  Worker *worker_;
  int indexed_ = 0;
};

// A class template, used with two kinds of socket: its instantiations share
// the handler's source, so the keep-alive edit is made once, and written
// 'this->shared_from_this()' (the base depends on the template's parameter).
template <class Stream>
class StreamSession : public std::enable_shared_from_this<StreamSession<Stream>> {
public:
  explicit StreamSession(Stream s) : socket_(std::move(s)) {}
  void read() {
    socket_.async_read_some(asio::buffer(buf_), [this](const error_code &ec, std::size_t n) { onRead(ec, n); });
    // CHECK-MESSAGES: :[[@LINE-1]]:49: warning: lambda captures 'this' and is queued by 'basic_stream_socket::async_read_some', which runs it later even if this 'StreamSession' is destroyed first; keep the object alive in the handler [refcycle-dangling-capture]
    // CHECK-FIXES: {{^}}    socket_.async_read_some(asio::buffer(buf_), [this, self = this->shared_from_this()](const error_code &ec, std::size_t n) { onRead(ec, n); });{{$}}
  }
  void later(asio::io_context &io) {
    asio::post(io, std::bind(&StreamSession::flush, this));
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: std::bind binds 'StreamSession::flush' to 'this' and is queued by 'boost::asio::post', which runs it later even if this 'StreamSession' is destroyed first; keep the object alive in the handler [refcycle-dangling-capture]
    // CHECK-FIXES: {{^}}    asio::post(io, std::bind(&StreamSession::flush, this->shared_from_this()));{{$}}
  }

private:
  void onRead(const error_code &, std::size_t) {}
  void flush() {}
  Stream socket_;
  char buf_[64];
};
template <class Stream> void startSession(Stream s, asio::io_context &io) {
  auto session = std::make_shared<StreamSession<Stream>>(std::move(s));
  session->read();
  session->later(io);
}
void startBoth(asio::io_context &io) {
  startSession(asio::ip::tcp::socket(io), io);
  startSession(asio::local::stream_protocol::socket(io), io);
}
