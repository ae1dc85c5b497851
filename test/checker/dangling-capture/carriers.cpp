// RUN: %check_clang_tidy %s refcycle-dangling-capture %t
// RUN: %clang_tidy %s --checks='-*,refcycle-dangling-capture' -- -std=c++17 2>&1 | %FileCheck %s --check-prefix=NOTES
//
// A function that takes a callback to keep it (a std::function by value)
// and returns an owning pointer hands back what keeps the callback: an event
// loop's addTimeEvent returning the timer that calls it (fcitx5). The
// callback lives where that pointer goes.

#include <functional>
#include <map>
#include <memory>
#include <utility>

struct TimeEvent {
  virtual ~TimeEvent();
};
struct EventLoop {
  // Defined elsewhere: only the signature is known.
  std::unique_ptr<TimeEvent> addTimeEvent(int usec,
                                          std::function<bool(TimeEvent *)> cb);
  std::shared_ptr<TimeEvent> addShared(std::function<void()> cb);
  // Takes the callback by reference: it only calls it.
  std::unique_ptr<TimeEvent> runNow(const std::function<bool(TimeEvent *)> &cb);
  // A template parameter may be anything; not followed.
  template <class F> std::unique_ptr<TimeEvent> wrap(F f);
};

// One pool serves many menus and outlives each of them.
struct MenuPool {
  void setPopupTimer(std::unique_ptr<TimeEvent> timer) {
    popupTimer_ = std::move(timer);
  }
  std::unique_ptr<TimeEvent> popupTimer_;
  std::shared_ptr<TimeEvent> lastShared_;
};

std::unique_ptr<TimeEvent> g_timer;

class Menu {
public:
  Menu(EventLoop &loop, MenuPool *pool) : loop_(loop), pool_(pool) {}

  // Handed to the pool, which outlives the menu: the timer may fire on a
  // deleted menu.
  void hover() {
    pool_->setPopupTimer(loop_.addTimeEvent(300, [this](TimeEvent *) {
      // CHECK-MESSAGES: :[[@LINE-1]]:50: warning: lambda captures 'this' and is stored in 'MenuPool::popupTimer_', which may outlive this 'Menu'; bind through a weak reference [refcycle-dangling-capture]
      // NOTES: :[[@LINE-2]]:32: note: 'EventLoop::addTimeEvent' keeps the callback in the 'std::unique_ptr<TimeEvent>' it returns
      // NOTES: :[[@LINE-18]]:5: note: 'MenuPool::setPopupTimer' stores the callback here
      // NOTES: :[[@LINE-17]]:30: note: callback storage 'MenuPool::popupTimer_' declared here
      return popup();
    }));
  }
  // Assigned to another object's member, through a local.
  void share() {
    auto timer = loop_.addShared([this] { popup(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: lambda captures 'this' and is stored in 'MenuPool::lastShared_', which may outlive this 'Menu'; bind through a weak reference [refcycle-dangling-capture]
    pool_->lastShared_ = timer;
  }
  // A global.
  void global() {
    g_timer = loop_.addTimeEvent(10, [this](TimeEvent *) { return popup(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: lambda captures 'this' and is stored in 'g_timer', which may outlive this 'Menu'; bind through a weak reference [refcycle-dangling-capture]
  }

  // Not reported: the menu keeps its own timer, which dies with it.
  void own() {
    activateTimer_ = loop_.addTimeEvent(10, [this](TimeEvent *) { return popup(); });
  }
  // Not reported: the object's own member reached through a local alias of
  // its own storage (fcitx5: 'auto that = this;', a pimpl's 'auto *d =
  // d_func();', a reference into a member map).
  void aliases(int id) {
    auto that = this;
    that->activateTimer_ = loop_.addTimeEvent(10, [this](TimeEvent *) { return popup(); });
    auto *d = d_func();
    d->timer = loop_.addTimeEvent(10, [this](TimeEvent *) { return popup(); });
    // ... also from a lambda that captured the alias.
    loop_.addShared([this, d] {
      d->timer = loop_.addTimeEvent(10, [this](TimeEvent *) { return popup(); });
    });
    auto result = items_.emplace(id, Item{});
    auto &item = result.first->second;
    item.timer = loop_.addTimeEvent(10, [this](TimeEvent *) { return popup(); });
    auto &same = items_[id];
    same.callback = [this] { popup(); };
  }
  // Reported: a local pointer that is given another object.
  void otherAlias(Menu *other) {
    auto *d = other->d_func();
    d->timer = loop_.addTimeEvent(10, [this](TimeEvent *) { return popup(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: lambda captures 'this' and is stored in 'MenuPrivate::timer', which may outlive this 'Menu'; bind through a weak reference [refcycle-dangling-capture]
    auto &item = other->items_[0];
    item.callback = [this] { popup(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: lambda captures 'this' and is stored in 'Item::callback', which may outlive this 'Menu'; bind through a weak reference [refcycle-dangling-capture]
  }
  // Not reported: a local timer, or one dropped at once, ends with the call.
  void local() {
    auto timer = loop_.addTimeEvent(10, [this](TimeEvent *) { return popup(); });
    loop_.addTimeEvent(10, [this](TimeEvent *) { return popup(); });
  }
  // Not reported: the callback is only borrowed, or its type unknown.
  void borrowed() {
    pool_->setPopupTimer(loop_.runNow([this](TimeEvent *) { return popup(); }));
    pool_->setPopupTimer(loop_.wrap([this] { popup(); }));
  }

private:
  struct MenuPrivate {
    std::unique_ptr<TimeEvent> timer;
  };
  struct Item {
    std::unique_ptr<TimeEvent> timer;
    std::function<void()> callback;
  };
  MenuPrivate *d_func() { return static_cast<MenuPrivate *>(d_ptr.get()); }
  bool popup();
  EventLoop &loop_;
  MenuPool *pool_;
  std::unique_ptr<TimeEvent> activateTimer_;
  std::unique_ptr<MenuPrivate> d_ptr;
  std::map<int, Item> items_;
};
