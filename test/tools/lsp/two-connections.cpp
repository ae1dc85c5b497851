// LSP: refcycle-dangling-capture 'Meter' 26
// A widget that keeps two connections to a long-lived signal source (the
// shape of a status-bar module's timers). The command line applies the
// disconnecting destructor once, from the first finding; in the editor each
// finding is fixed on its own, so the second one (checked here) must carry
// the same edit.
#include <functional>
#include <mutex>

class Connection {
public:
  void disconnect();
};

class Clock {
public:
  Connection connect(std::function<bool()> slot, int ms);
};

class Meter {
public:
  Meter() = default;
  Meter(const Meter &) = delete;
  void start(Clock &clock) {
    redraw_ = clock.connect([this] { return redraw(); }, 100);
    blink_ = clock.connect([this] { return blink(); }, 500);
  }

private:
  bool redraw() { return true; }
  bool blink() { return true; }
  Connection redraw_;
  Connection blink_;
  std::mutex lock_;
};
