// A connection queues work on an event loop defined in another file; the
// queued functor keeps the connection alive until it has run.
#include <functional>
#include <memory>

class EventLoop {
public:
  void queue_in_loop(const std::function<void()> &task);  // defined elsewhere
};

class Connection : public std::enable_shared_from_this<Connection> {
public:
  explicit Connection(EventLoop *loop) : loop_(loop) {}
  void send_later() { loop_->queue_in_loop(std::bind(&Connection::flush, shared_from_this())); }
  void flush() {}

private:
  EventLoop *loop_;
};
