// Copyright refcycle authors.
// SPDX-License-Identifier: Apache-2.0
//
// refcycle::tracked<T>: a registry of the live instances of a class, for
// objects that are not owned by std::shared_ptr.
//
// Why: "every live Widget" is often kept as a static std::vector<Widget*>
// filled in the constructor and cleaned in the destructor. The hand-written
// version is easy to get wrong: the copy and move constructors are forgotten
// (the copy is never registered), or an early return, a second constructor or
// a failing constructor skips the cleanup, and the registry dangles. Deriving
// from refcycle::tracked<T> registers every constructed object (default,
// copy and move construction alike) and unregisters it when it is destroyed,
// including when a later base or member constructor throws. This is the
// counterpart of a Python class that keeps its instances in a WeakSet; use
// refcycle::weak_set instead when the objects are owned by std::shared_ptr.
//
// Example:
//
//   class Widget : public refcycle::tracked<Widget> {
//    public:
//     void repaint();
//   };
//
//   Widget a;
//   {
//     Widget b = a;                                   // registered too
//     assert(Widget::instance_count() == 2);
//   }
//   Widget::for_each_instance([](Widget& w) { w.repaint(); });  // only a
//
// Thread-safety: the registry is global per T and guarded by `Mutex`, which
// defaults to std::mutex here (unlike the containers, whose instances are
// local) because objects may be constructed on any thread. Use
// refcycle::null_mutex only if all instances of T live on one thread.
// for_each_instance() holds the registry lock while it calls its function, so
// no visited object can finish its destruction meanwhile; but an object whose
// own destructor body is already running (and is blocked in ~tracked) may be
// visited. If T's destruction can race with iteration, call untrack() first
// thing in ~T. The function must not construct or destroy a T (deadlock).
// instances() returns raw pointers without keeping anything alive: use it
// only where no other thread destroys instances.
//
// Complexity: construction and destruction O(1) average; instances() and
// for_each_instance() O(live instances).

#ifndef REFCYCLE_INSTANCE_REGISTRY_HPP
#define REFCYCLE_INSTANCE_REGISTRY_HPP

#include <cstddef>
#include <mutex>
#include <unordered_set>
#include <vector>

namespace refcycle {

template <class T, class Mutex = std::mutex>
class tracked {
 public:
  // Pointers to the live instances (registration order is not preserved).
  static std::vector<T*> instances() {
    registry& r = get_registry();
    std::lock_guard<Mutex> lock(r.mutex);
    std::vector<T*> out;
    out.reserve(r.members.size());
    for (tracked* member : r.members) out.push_back(static_cast<T*>(member));
    return out;
  }

  // Number of live instances.
  static std::size_t instance_count() {
    registry& r = get_registry();
    std::lock_guard<Mutex> lock(r.mutex);
    return r.members.size();
  }

  // Calls `f(T&)` on each live instance while holding the registry lock.
  template <class F>
  static void for_each_instance(F&& f) {
    registry& r = get_registry();
    std::lock_guard<Mutex> lock(r.mutex);
    for (tracked* member : r.members) f(*static_cast<T*>(member));
  }

 protected:
  tracked() { track(); }
  // A copy or a moved-to object is a new instance: it is registered too.
  tracked(const tracked&) { track(); }
  tracked(tracked&&) { track(); }
  // Assignment does not change identity.
  tracked& operator=(const tracked&) noexcept { return *this; }
  tracked& operator=(tracked&&) noexcept { return *this; }
  ~tracked() { untrack(); }

  // Removes this object from the registry now (idempotent); see the
  // thread-safety note above.
  void untrack() noexcept {
    if (!tracked_) return;
    registry& r = get_registry();
    std::lock_guard<Mutex> lock(r.mutex);
    r.members.erase(this);
    tracked_ = false;
  }

 private:
  struct registry {
    Mutex mutex;
    std::unordered_set<tracked*> members;
  };

  // Never destroyed, so instances with static storage duration may be
  // destroyed in any order at exit. Reachable, so not reported by LeakSanitizer.
  static registry& get_registry() {
    static registry* const r = new registry;
    return *r;
  }

  void track() {
    registry& r = get_registry();
    std::lock_guard<Mutex> lock(r.mutex);
    r.members.insert(this);
    tracked_ = true;
  }

  bool tracked_ = false;
};

}  // namespace refcycle

#endif  // REFCYCLE_INSTANCE_REGISTRY_HPP
