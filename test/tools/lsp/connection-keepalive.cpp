// LSP: refcycle-dangling-capture 'Connection' 25
// A connection that queues its flush on an event loop whose queue lives in
// another file (the shape of an event-loop library's send path): the
// queued lambda must keep the connection alive.
#include <functional>
#include <memory>
#include <string>

class EventLoop {
public:
  void runInLoop(std::function<void()> task);
};

class Connection : public std::enable_shared_from_this<Connection> {
public:
  explicit Connection(EventLoop *loop) : loop_(loop) {}
  void send(std::string data);

private:
  void flush(const std::string &data) { pending_ += data; }
  EventLoop *loop_;
  std::string pending_;
};
void Connection::send(std::string data) {
  loop_->runInLoop([this, data] { flush(data); });
}
