// RUN: %check_clang_tidy %s refcycle-dangling-capture %t -- -- -std=c++17

// Completion handlers of operations started on a socket, acceptor or timer
// that is a member of the object, with the real Boost.Asio headers. The
// member dies with the object, which aborts the operation; the handler still
// runs, with operation_aborted. One that returns on that error without
// touching the object is harmless; one that touches the object first, or
// whose operation outlives the object, dangles.

#include <boost/asio.hpp>
#include <functional>
#include <memory>
#include <string>

namespace asio = boost::asio;
using boost::system::error_code;

void log_line(const std::string &);

// i2pd's TCPIPAcceptor: accept again on success, log on any error but
// operation_aborted (GetName() touches the object, but not when aborted).
class Acceptor {
public:
  explicit Acceptor(asio::io_context &io) : acceptor_(io) {}
  void accept() {
    auto socket = std::make_shared<asio::ip::tcp::socket>(acceptor_.get_executor());
    acceptor_.async_accept(*socket, std::bind(&Acceptor::handleAccept, this,
                                              std::placeholders::_1, socket));
  }
  void handleAccept(const error_code &ecode,
                    std::shared_ptr<asio::ip::tcp::socket> socket) {
    if (!ecode) {
      accept();
    } else {
      if (ecode != asio::error::operation_aborted)
        log_line(name() + ": " + ecode.message());
    }
  }
  std::string name() const { return name_; }

private:
  asio::ip::tcp::acceptor acceptor_;
  std::string name_;
};

// A timer owned through unique_ptr; the handler returns first on abort.
class Ticker {
public:
  explicit Ticker(asio::io_context &io)
      : timer_(std::make_unique<asio::steady_timer>(io)) {}
  void arm() {
    timer_->async_wait([this](const error_code &ec) {
      if (ec == asio::error::operation_aborted)
        return;
      tick();
    });
  }
  // Any error returns, after logging what does not need the object.
  void arm_logged() {
    timer_->async_wait([this](const error_code &ec) {
      if (ec) {
        log_line(ec.message());
        return;
      }
      tick();
    });
  }
  // Touches the object before it looks at the error: reported.
  void arm_counted() {
    timer_->async_wait([this](const error_code &ec) {
      ++ticks_;
      if (ec)
        return;
      tick();
    });
    // CHECK-MESSAGES: :[[@LINE-6]]:24: warning: lambda captures 'this' and is queued by 'basic_waitable_timer::async_wait', which runs it later even if this 'Ticker' is destroyed first; keep the object alive in the handler [refcycle-dangling-capture]
  }
  // Tests for another error: an aborted wait goes on to tick().
  void arm_eof() {
    timer_->async_wait([this](const error_code &ec) {
      if (ec == asio::error::eof)
        return;
      tick();
    });
    // CHECK-MESSAGES: :[[@LINE-5]]:24: warning: lambda captures 'this' and is queued by 'basic_waitable_timer::async_wait', which runs it later even if this 'Ticker' is destroyed first; keep the object alive in the handler [refcycle-dangling-capture]
  }
  void tick() {}

private:
  std::unique_ptr<asio::steady_timer> timer_;
  int ticks_ = 0;
};

// The socket is shared: it may outlive the object, and then the read
// completes normally and touches a destroyed object.
class Reader {
public:
  explicit Reader(std::shared_ptr<asio::ip::tcp::socket> socket)
      : socket_(std::move(socket)) {}
  void read() {
    socket_->async_read_some(asio::buffer(buf_),
                             [this](const error_code &ec, std::size_t n) {
                               if (ec)
                                 return;
                               consume(n);
                             });
    // CHECK-MESSAGES: :[[@LINE-5]]:30: warning: lambda captures 'this' and is queued by 'basic_stream_socket::async_read_some', which runs it later even if this 'Reader' is destroyed first; keep the object alive in the handler [refcycle-dangling-capture]
  }
  void consume(std::size_t) {}

private:
  std::shared_ptr<asio::ip::tcp::socket> socket_;
  char buf_[64] = {};
};

// Someone else's timer: destroying the object aborts nothing.
class Watcher {
public:
  explicit Watcher(asio::steady_timer &timer) : timer_(timer) {}
  void watch() {
    timer_.async_wait([this](const error_code &ec) {
      if (ec)
        return;
      fire();
    });
    // CHECK-MESSAGES: :[[@LINE-5]]:23: warning: lambda captures 'this' and is queued by 'basic_waitable_timer::async_wait', which runs it later even if this 'Watcher' is destroyed first; keep the object alive in the handler [refcycle-dangling-capture]
  }
  void fire() {}

private:
  asio::steady_timer &timer_;
};

// A handler whose body this file does not show: it cannot be judged.
class Remote {
public:
  explicit Remote(asio::io_context &io) : timer_(io) {}
  void arm() {
    timer_.async_wait(std::bind(&Remote::onTimer, this, std::placeholders::_1));
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: std::bind binds 'Remote::onTimer' to 'this' and is queued by 'basic_waitable_timer::async_wait', which runs it later even if this 'Remote' is destroyed first; keep the object alive in the handler [refcycle-dangling-capture]
  }
  void onTimer(const error_code &ec);

private:
  asio::steady_timer timer_;
};
