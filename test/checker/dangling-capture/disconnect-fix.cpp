// RUN: %check_clang_tidy --fix-notes --compile-fixed %s refcycle-dangling-capture %t -- -- -std=c++17 %glibmm_cflags
// RUN: %clang_tidy %s --checks='-*,refcycle-dangling-capture' -- -std=c++17 %glibmm_cflags 2>&1 | %FileCheck %s --check-prefix=NOTES

// A class that is not managed by std::shared_ptr has no weak reference to
// bind through. When the registration's connection is kept in a member of
// the object, the fix (on a note) disconnects that member in the
// destructor: the destructor's body in this file, its '= default', or a new
// destructor when the class cannot be copied or moved anyway. With the real
// glibmm and sigc++ headers.

#include <glibmm/main.h>
#include <sigc++/sigc++.h>

#include <mutex>

// No destructor, and a mutex makes the class neither copyable nor movable:
// a public destructor is added at the end of the class.
class Group {
public:
  void reveal_later(unsigned delay) {
    reveal_ = Glib::signal_timeout().connect(
        [this] {
          show();
          return false;
        },
        delay);
    // CHECK-MESSAGES: :[[@LINE-5]]:9: warning: lambda captures 'this' and is passed to 'SignalTimeout::connect', which may keep it after this 'Group' is destroyed; bind through a weak reference [refcycle-dangling-capture]
    // NOTES: :[[@LINE-6]]:9: note: disconnect 'reveal_' in the destructor of 'Group': the callback then cannot run once this 'Group' is destroyed
  }
  void show() {}

private:
  std::mutex lock_;
  sigc::connection reveal_;
};
// CHECK-FIXES: {{^}}  sigc::connection reveal_;{{$}}
// CHECK-FIXES-NEXT: {{^}}public:{{$}}
// CHECK-FIXES-NEXT: {{^}}  ~Group() { reveal_.disconnect(); }{{$}}
// CHECK-FIXES-NEXT: {{^}}};{{$}}

// '= default' becomes the body.
class Privacy {
public:
  virtual ~Privacy() = default;
  // CHECK-FIXES: {{^}}  virtual ~Privacy() { timeout_.disconnect(); }{{$}}
  void schedule() {
    timeout_ = Glib::signal_timeout().connect_seconds(
        sigc::mem_fun(*this, &Privacy::expire), 3);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: sigc::mem_fun binds 'Privacy::expire' to 'this' and is passed to 'SignalTimeout::connect_seconds', which may keep it after this 'Privacy' is destroyed; bind through a weak reference [refcycle-dangling-capture]
    // NOTES: :[[@LINE-2]]:9: note: disconnect 'timeout_' in the destructor of 'Privacy': the callback then cannot run once this 'Privacy' is destroyed
  }
  bool expire() { return false; }

private:
  sigc::connection timeout_;
};

// A destructor defined in this file: the call goes first in its body.
class Clock {
public:
  ~Clock();
  void start() {
    tick_ = Glib::signal_timeout().connect([this] { return step(); }, 1000);
    // CHECK-MESSAGES: :[[@LINE-1]]:44: warning: lambda captures 'this' and is passed to 'SignalTimeout::connect', which may keep it after this 'Clock' is destroyed; bind through a weak reference [refcycle-dangling-capture]
    // NOTES: :[[@LINE-2]]:44: note: disconnect 'tick_' in the destructor of 'Clock': the callback then cannot run once this 'Clock' is destroyed
  }
  bool step() { return ++ticks_ < 10; }

private:
  int ticks_ = 0;
  sigc::connection tick_;
};

Clock::~Clock() {
  ticks_ = 0;
}
// CHECK-FIXES: {{^}}Clock::~Clock() {{{$}}
// CHECK-FIXES-NEXT: {{^}}  tick_.disconnect();{{$}}
// CHECK-FIXES-NEXT: {{^}}  ticks_ = 0;{{$}}

// No destructor, a public constructor declared: the destructor goes right
// after it.
class Spinner {
public:
  explicit Spinner(int steps);
  // CHECK-FIXES: {{^}}  explicit Spinner(int steps);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  ~Spinner() { spin_.disconnect(); }{{$}}
  void start() {
    spin_ = Glib::signal_idle().connect([this] { return --steps_ > 0; });
    // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: lambda captures 'this' and is passed to 'SignalIdle::connect', which may keep it after this 'Spinner' is destroyed; bind through a weak reference [refcycle-dangling-capture]
    // NOTES: :[[@LINE-2]]:41: note: disconnect 'spin_' in the destructor of 'Spinner': the callback then cannot run once this 'Spinner' is destroyed
  }

private:
  int steps_;
  std::mutex lock_;
  sigc::connection spin_;
};
Spinner::Spinner(int steps) : steps_(steps) {}

// Two findings on one class: both fixes make the same edit, one destructor
// that disconnects every connection member, so applying both adds one.
class Dashboard {
public:
  Dashboard();
  // CHECK-FIXES: {{^}}  Dashboard();{{$}}
  // CHECK-FIXES-NEXT: {{^}}  ~Dashboard() {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    refresh_.disconnect();{{$}}
  // CHECK-FIXES-NEXT: {{^}}    blink_.disconnect();{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  void start() {
    refresh_ = Glib::signal_timeout().connect([this] { return redraw(); }, 100);
    // CHECK-MESSAGES: :[[@LINE-1]]:47: warning: lambda captures 'this' and is passed to 'SignalTimeout::connect', which may keep it after this 'Dashboard' is destroyed; bind through a weak reference [refcycle-dangling-capture]
    // NOTES: :[[@LINE-2]]:47: note: disconnect 'refresh_' and the other connections of 'Dashboard' in the destructor of 'Dashboard': the callback then cannot run once this 'Dashboard' is destroyed
    blink_ = Glib::signal_timeout().connect([this] { return redraw(); }, 500);
    // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: lambda captures 'this' and is passed to 'SignalTimeout::connect', which may keep it after this 'Dashboard' is destroyed; bind through a weak reference [refcycle-dangling-capture]
    // NOTES: :[[@LINE-2]]:45: note: disconnect 'blink_' and the other connections of 'Dashboard' in the destructor of 'Dashboard': the callback then cannot run once this 'Dashboard' is destroyed
  }
  bool redraw() { return true; }

private:
  std::mutex lock_;
  sigc::connection refresh_;
  sigc::connection blink_;
};
Dashboard::Dashboard() {}

// A defaulted constructor: the destructor goes after its ';'. Only members
// of the connection's type are disconnected: a const one cannot be, and a
// session with a disconnect() of its own is not a connection.
struct Login {
  void disconnect() {}
};
class Ticker {
public:
  Ticker() = default;
  // CHECK-FIXES: {{^}}  Ticker() = default;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  ~Ticker() { tick_.disconnect(); }{{$}}
  void start() {
    tick_ = Glib::signal_timeout().connect([this] { return step(); }, 10);
    // CHECK-MESSAGES: :[[@LINE-1]]:44: warning: lambda captures 'this' and is passed to 'SignalTimeout::connect', which may keep it after this 'Ticker' is destroyed; bind through a weak reference [refcycle-dangling-capture]
    // NOTES: :[[@LINE-2]]:44: note: disconnect 'tick_' in the destructor of 'Ticker': the callback then cannot run once this 'Ticker' is destroyed
  }
  bool step() { return false; }

private:
  std::mutex lock_;
  Login login_;
  const sigc::connection fixed_;
  sigc::connection tick_;
};

// No fix: a destructor would take away the implicit moves of a class that
// can be moved (the advice stays a note without an edit).
class Blinker {
public:
  void start() {
    blink_ = Glib::signal_timeout().connect([this] { return on_ = !on_; }, 500);
    // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: lambda captures 'this' and is passed to 'SignalTimeout::connect', which may keep it after this 'Blinker' is destroyed; bind through a weak reference [refcycle-dangling-capture]
    // NOTES: :[[@LINE-2]]:45: note: 'Blinker' is not managed by std::shared_ptr; disconnect the callback in the destructor of 'Blinker', or derive 'Blinker' from std::enable_shared_from_this and bind through 'refcycle::weak_method'
  }

private:
  bool on_ = false;
  sigc::connection blink_;
};
// CHECK-FIXES: {{^}}  sigc::connection blink_;{{$}}
// CHECK-FIXES-NEXT: {{^}}};{{$}}

// No fix: the connection is not kept, so there is nothing to disconnect.
class Poller {
public:
  void start() {
    Glib::signal_timeout().connect([this] { return poll(); }, 100);
    // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: lambda captures 'this' and is passed to 'SignalTimeout::connect', which may keep it after this 'Poller' is destroyed; bind through a weak reference [refcycle-dangling-capture]
    // NOTES: :[[@LINE-2]]:36: note: 'Poller' is not managed by std::shared_ptr; disconnect the callback in the destructor of 'Poller', or derive 'Poller' from std::enable_shared_from_this and bind through 'refcycle::weak_method'
  }
  bool poll() { return true; }
  std::mutex lock_;
};

// '= default' out of the class: its declaration's range ends at ')', the
// '= default' after it becomes the body.
class Pulse {
public:
  ~Pulse();
  void start() {
    beat_ = Glib::signal_timeout().connect([this] { return beat(); }, 500);
    // CHECK-MESSAGES: :[[@LINE-1]]:44: warning: lambda captures 'this' and is passed to 'SignalTimeout::connect', which may keep it after this 'Pulse' is destroyed; bind through a weak reference [refcycle-dangling-capture]
    // NOTES: :[[@LINE-2]]:44: note: disconnect 'beat_' in the destructor of 'Pulse': the callback then cannot run once this 'Pulse' is destroyed
  }
  bool beat() { return true; }

private:
  sigc::connection beat_;
};
Pulse::~Pulse() = default;
// CHECK-FIXES: {{^}}Pulse::~Pulse() { beat_.disconnect(); }{{$}}

void use(Group &g, Privacy &p, Clock &c, Blinker &b, Poller &q, Spinner &s,
         Dashboard &d, Ticker &t, Pulse &u) {
  u.start();
  d.start();
  t.start();
  s.start();
  g.reveal_later(10);
  p.schedule();
  c.start();
  b.start();
  q.start();
}
