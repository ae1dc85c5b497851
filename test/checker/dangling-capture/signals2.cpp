// RUN: %check_clang_tidy %s refcycle-dangling-capture %t -- -- -std=c++17
// RUN: %clang_tidy %s --checks='-*,refcycle-dangling-capture' -- -std=c++17 2>&1 | %FileCheck %s --check-prefix=NOTES

// boost::signals2 with its real headers. A signal keeps every slot connected
// to it until the connection is ended: by a scoped_connection going out of
// scope, by disconnect(), or, for a slot told to track objects
// (slot.track(p), slot.track_foreign(p)), once a tracked object expires. A
// slot built from a member function and an object pointer binds them as
// std::bind does.

#include <boost/signals2.hpp>
#include <functional>
#include <memory>

struct Model {
  boost::signals2::signal<void(int)> changed;
};
using ChangedSlot = boost::signals2::signal<void(int)>::slot_type;
struct Session {};

// 1. A lambda with a raw `this`, never disconnected.
class Label {
public:
  explicit Label(Model &M) {
    M.changed.connect([this](int V) { Value = V; });
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: lambda captures 'this' and is passed to 'signal::connect', which may keep it after this 'Label' is destroyed; bind through a weak reference [refcycle-dangling-capture]
  }

private:
  int Value = 0;
};

// 2. The slot type's own binding constructor: `this` bound as by std::bind.
class Gauge {
public:
  void watch(Model &M) {
    M.changed.connect(ChangedSlot(&Gauge::update, this, boost::placeholders::_1));
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: boost::signals2::slot binds 'Gauge::update' to 'this' and is passed to 'signal::connect', which may keep it after this 'Gauge' is destroyed; bind through a weak reference [refcycle-dangling-capture]
    // NOTES: :[[@LINE-2]]:23: warning: boost::signals2::slot binds 'Gauge::update' to 'this'
  }
  void update(int V) { Value = V; }

private:
  int Value = 0;
};

// 3. std::bind.
class Meter {
public:
  void watch(Model &M) {
    M.changed.connect(std::bind(&Meter::update, this, std::placeholders::_1));
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: std::bind binds 'Meter::update' to 'this' and is passed to 'signal::connect', which may keep it after this 'Meter' is destroyed; bind through a weak reference [refcycle-dangling-capture]
  }
  void update(int V) { Value = V; }

private:
  int Value = 0;
};

// 4. A slot tracking another object ends with that object, not with this.
class Mirror : public std::enable_shared_from_this<Mirror> {
public:
  void watch(Model &M, const std::shared_ptr<Session> &S) {
    M.changed.connect(
        ChangedSlot([this](int V) { Value = V; }).track_foreign(S));
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: lambda captures 'this' and is passed to 'signal::connect', which may keep it after this 'Mirror' is destroyed; bind through a weak reference [refcycle-dangling-capture]
  }

private:
  int Value = 0;
};

// Must not warn.

// 5. A scoped connection member ends the connection with the object.
class ScopedView {
public:
  explicit ScopedView(Model &M)
      : Connection(M.changed.connect([this](int V) { Value = V; })) {}

private:
  int Value = 0;
  boost::signals2::scoped_connection Connection;
};

// 6. Disconnected in the destructor.
class DisconnectingView {
public:
  explicit DisconnectingView(Model &M) {
    Connection = M.changed.connect([this](int V) { Value = V; });
  }
  ~DisconnectingView() { Connection.disconnect(); }

private:
  int Value = 0;
  boost::signals2::connection Connection;
};

// 7. A slot that tracks the object itself is not called once it is gone.
class TrackedView : public std::enable_shared_from_this<TrackedView> {
public:
  void watch(Model &M) {
    M.changed.connect(ChangedSlot([this](int V) { Value = V; })
                          .track_foreign(shared_from_this()));
    M.changed.connect(
        ChangedSlot(&TrackedView::update, this, boost::placeholders::_1)
            .track_foreign(weak_from_this()));
  }
  void update(int V) { Value = V; }

private:
  int Value = 0;
};
