// Benchmark TU for refcycle-dangling-capture: real Boost.Asio headers plus a
// small server with the shapes the check looks at (one finding of each kind,
// and the correct Asio idioms that it must leave alone).

#include <boost/asio.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace bench {

using boost::asio::ip::tcp;

struct Hooks {
  std::function<void(const std::string &)> on_line;
  std::vector<std::function<void()>> on_close;
};

class Session : public std::enable_shared_from_this<Session> {
public:
  Session(tcp::socket socket, Hooks &hooks)
      : socket_(std::move(socket)), timer_(socket_.get_executor()), hooks_(hooks) {}

  void start() {
    // The Asio idiom: the handler keeps the session alive (correct).
    auto self = shared_from_this();
    boost::asio::async_read_until(
        socket_, buffer_, '\n',
        [this, self](boost::system::error_code ec, std::size_t n) {
          if (!ec)
            line(n);
        });
    timer_.expires_after(std::chrono::seconds(30));
    timer_.async_wait([self](boost::system::error_code) { self->close(); });
    // Dangling: the hooks outlive the session.
    hooks_.on_close.push_back([this] { close(); });
    // Owning cycle: the session stores a callback that owns the session.
    retry_ = [self = shared_from_this()] { self->start(); };
  }
  void line(std::size_t n) {
    std::string text(boost::asio::buffers_begin(buffer_.data()),
                     boost::asio::buffers_begin(buffer_.data()) + n);
    buffer_.consume(n);
    if (hooks_.on_line)
      hooks_.on_line(text);
  }
  void close() { socket_.close(); }

private:
  tcp::socket socket_;
  boost::asio::steady_timer timer_;
  boost::asio::streambuf buffer_;
  Hooks &hooks_;
  std::function<void()> retry_;
};

class Server {
public:
  Server(boost::asio::io_context &io, unsigned short port)
      : acceptor_(io, tcp::endpoint(tcp::v4(), port)) {
    accept();
  }

private:
  void accept() {
    acceptor_.async_accept([this](boost::system::error_code ec, tcp::socket s) {
      if (!ec)
        std::make_shared<Session>(std::move(s), hooks_)->start();
      accept();
    });
  }
  tcp::acceptor acceptor_;
  Hooks hooks_;
};

} // namespace bench

int main() {
  boost::asio::io_context io;
  bench::Server server(io, 5555);
  io.run();
}
