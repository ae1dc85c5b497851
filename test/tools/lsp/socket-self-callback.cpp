// LSP: refcycle-dangling-capture 'socket' 21
// A server that gives every accepted socket a message callback holding the
// socket itself: the socket owns a callback that owns the socket.
#include <functional>
#include <memory>

struct Socket {
  void onMessage(std::function<void(int)> handler) { handler_ = std::move(handler); }
  void reply(int message);

private:
  std::function<void(int)> handler_;
};

struct Server {
  void onAccept(std::function<void(std::shared_ptr<Socket>)> handler);
};

void echo(Server &server) {
  server.onAccept([](std::shared_ptr<Socket> socket) {
    socket->onMessage([socket](int message) { socket->reply(message); });
  });
}
