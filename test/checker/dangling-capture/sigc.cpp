// RUN: %check_clang_tidy %s refcycle-dangling-capture %t -- -- -std=c++17 %glibmm_cflags

// glibmm and sigc++ 2 with their real headers. A main-loop timeout or idle
// handler is kept by the main context, not by the SignalTimeout handle it is
// connected through (a temporary that holds only a pointer), and
// connect()/connect_seconds() take the slot by const reference. sigc++
// disconnects a slot made by sigc::mem_fun from a sigc::trackable object
// when the object is destroyed; it does not track lambdas, nor objects that
// are not trackable.

#include <glibmm/main.h>
#include <sigc++/sigc++.h>

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
  }
  void poll() {
    Glib::signal_timeout().connect_seconds(sigc::mem_fun(*this, &Group::tick), 3);
    // CHECK-MESSAGES: :[[@LINE-1]]:44: warning: sigc::mem_fun binds 'Group::tick' to 'this' and is passed to 'SignalTimeout::connect_seconds', which may keep it after this 'Group' is destroyed; bind through a weak reference [refcycle-dangling-capture]
    Glib::signal_idle().connect(sigc::bind(sigc::mem_fun(*this, &Group::refresh), 1));
    // CHECK-MESSAGES: :[[@LINE-1]]:44: warning: sigc::mem_fun binds 'Group::refresh' to 'this' and is passed to 'SignalIdle::connect'
  }
  void show() {}
  bool tick() { return true; }
  bool refresh(int) { return false; }

private:
  sigc::connection reveal_;
};

// Not reported: the connection is kept and disconnected in the destructor.
class Privacy {
public:
  void schedule() {
    timeout_ = Glib::signal_timeout().connect_seconds(sigc::mem_fun(*this, &Privacy::expire), 3);
  }
  ~Privacy() { timeout_.disconnect(); }
  bool expire() { return false; }

private:
  sigc::connection timeout_;
};

// Not reported: sigc::mem_fun of a sigc::trackable; the slot is
// disconnected with the object.
class Tracked : public sigc::trackable {
public:
  void schedule() { Glib::signal_timeout().connect(sigc::mem_fun(*this, &Tracked::expire), 10); }
  bool expire() { return false; }
};

// ... but a lambda in the same class is not tracked.
class TrackedLambda : public sigc::trackable {
public:
  void schedule() {
    Glib::signal_timeout().connect([this] { return expire(); }, 10);
    // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: lambda captures 'this' and is passed to 'SignalTimeout::connect'
  }
  bool expire() { return false; }
};
