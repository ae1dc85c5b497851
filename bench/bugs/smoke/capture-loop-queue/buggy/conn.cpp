// A connection queues work on an event loop defined in another file; the
// loop keeps the functor in its pending queue, and the connection may be
// gone by the time the loop runs it.
#include <functional>
#include <memory>

class EventLoop {
public:
  void queue_in_loop(const std::function<void()> &task);  // defined elsewhere
};

class Connection : public std::enable_shared_from_this<Connection> {
public:
  explicit Connection(EventLoop *loop) : loop_(loop) {}
  void send_later() { loop_->queue_in_loop(std::bind(&Connection::flush, this)); }
  void flush() {}

private:
  EventLoop *loop_;
};
