// Copyright refcycle authors.
// SPDX-License-Identifier: Apache-2.0
//
// refcycle::finalize: run a callback when an object dies.
//
// Why: cleanup that must happen when an object goes away (unregister it from
// a service, close the file it was the last user of, drop a cache entry) is
// often attached by giving the service a strong reference, which is exactly
// what keeps the object from going away. A finalizer holds no reference to the
// object at all; it is the C++ counterpart of Python's weakref.finalize and of
// the callback argument of weakref.ref.
//
// C++ has no hook into the destruction of an arbitrary object, so an object
// opts in by deriving from (or holding a member of type) refcycle::finalizable.
// Its finalizers run when that base (or member) is destroyed.
//
// Example:
//
//   class Document : public refcycle::finalizable { /* ... */ };
//
//   auto doc = std::make_shared<Document>();
//   refcycle::finalizer f = refcycle::finalize(
//       doc, [](const std::string& path) { release_lock(path); }, doc->path());
//   assert(f.alive());
//   doc.reset();        // ~Document runs, then release_lock(path)
//   assert(!f.alive());
//
// Contract:
//   * A callback runs at most once: when the object dies, when the finalizer is
//     called explicitly (f()), or never if it was detached first.
//   * It runs synchronously on the thread that destroys the object (the thread
//     releasing the last std::shared_ptr), after the derived parts of the
//     object have been destroyed: the callback must not refer to the object.
//     Arguments given to finalize() are copied (decayed) and passed as lvalues.
//   * Several finalizers of one object run in reverse order of registration.
//   * detach() returning true guarantees the callback never runs; it is
//     destroyed before detach() returns. detach() returns false when the
//     callback has already run or is running on another thread.
//   * Dropping the finalizer handle does not cancel the callback (as in Python,
//     where the finalize object stays registered).
//   * Exceptions: a callback run during destruction must not throw; if it
//     does, std::terminate is called (as for any exception leaving a
//     destructor). A callback run by an explicit call f() may throw; the
//     exception propagates and the finalizer is dead afterwards.
//
// Thread-safety: finalize(), finalizer::alive(), detach() and operator() may
// be called concurrently with each other and with the destruction of the
// object. As with any object, calling finalize() on an object whose
// destruction has started is undefined.
//
// Complexity: finalize() is O(1) amortised (one allocation for the callback
// state); the destructor of finalizable is O(number of finalizers).

#ifndef REFCYCLE_FINALIZE_HPP
#define REFCYCLE_FINALIZE_HPP

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace refcycle {

// Implementation details. Do not use directly; may change without notice.
namespace detail {

class finalizer_state {
 public:
  explicit finalizer_state(std::function<void()> callback)
      : callback_(std::move(callback)) {}

  bool alive() const noexcept {
    return state_.load(std::memory_order_acquire) == kAlive;
  }

  // Runs the callback if nobody else claimed it. Returns true if it ran.
  bool run() {
    if (!claim(kRunning)) return false;
    struct finish {
      finalizer_state* self;
      ~finish() {
        std::function<void()> dead = std::move(self->callback_);
        self->callback_ = nullptr;
        self->state_.store(kDone, std::memory_order_release);
      }
    } on_exit{this};
    callback_();
    return true;
  }

  // Cancels the callback if nobody else claimed it. Returns true if cancelled.
  bool detach() noexcept {
    if (!claim(kDetached)) return false;
    std::function<void()> dead = std::move(callback_);
    callback_ = nullptr;
    return true;
  }

 private:
  enum : int { kAlive, kRunning, kDone, kDetached };

  bool claim(int to) noexcept {
    int expected = kAlive;
    return state_.compare_exchange_strong(expected, to,
                                          std::memory_order_acq_rel);
  }

  std::atomic<int> state_{kAlive};
  std::function<void()> callback_;  // owned by whoever claims the state
};

}  // namespace detail

class finalizer;

// Base class or member whose destruction runs the registered finalizers. As a
// base it runs them after the derived class's destructor and members; as a
// member, when that member is destroyed (members declared after it are
// already gone; declare it first to run the finalizers last).
// Copying or moving an object does not copy its finalizers: the copy is a
// different object.
class finalizable {
 public:
  finalizable() = default;
  finalizable(const finalizable&) noexcept {}
  finalizable& operator=(const finalizable&) noexcept { return *this; }

  // Runs the finalizers that are still alive, newest first. Not virtual: never
  // delete an object through a finalizable*.
  ~finalizable() {
    std::vector<std::shared_ptr<detail::finalizer_state>> states;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      states.swap(states_);
    }
    for (auto it = states.rbegin(); it != states.rend(); ++it) (*it)->run();
  }

 private:
  template <class F, class... Args>
  friend finalizer finalize(const finalizable& object, F&& f, Args&&... args);

  void add(std::shared_ptr<detail::finalizer_state> state) const {
    std::lock_guard<std::mutex> lock(mutex_);
    if (states_.size() >= purge_at_) {
      states_.erase(std::remove_if(states_.begin(), states_.end(),
                                   [](const auto& s) { return !s->alive(); }),
                    states_.end());
      purge_at_ = std::max<std::size_t>(8, 2 * states_.size());
    }
    states_.push_back(std::move(state));
  }

  // Registering a finalizer does not change the object's value: const.
  mutable std::mutex mutex_;
  mutable std::vector<std::shared_ptr<detail::finalizer_state>> states_;
  mutable std::size_t purge_at_ = 8;
};

// Handle to one registered callback. Copies refer to the same callback.
class finalizer {
 public:
  // An empty handle: alive() is false.
  finalizer() noexcept = default;

  // True until the callback has run (or started running) or was detached.
  bool alive() const noexcept { return state_ && state_->alive(); }

  // Cancels the callback. Returns true if it was alive; it will then never
  // run. Returns false if it already ran, is running, or was detached.
  bool detach() noexcept { return state_ && state_->detach(); }

  // Runs the callback now if it is alive (then it will not run again when the
  // object dies). Returns true if it ran. Exceptions from the callback
  // propagate.
  bool operator()() { return state_ && state_->run(); }

 private:
  template <class F, class... Args>
  friend finalizer finalize(const finalizable& object, F&& f, Args&&... args);

  explicit finalizer(std::shared_ptr<detail::finalizer_state> state) noexcept
      : state_(std::move(state)) {}

  std::shared_ptr<detail::finalizer_state> state_;
};

// Registers `f(args...)` to run when `object` is destroyed. `f` and `args` are
// decay-copied. They must not own `object` (that would be a cycle, and the
// callback would never run).
template <class F, class... Args>
finalizer finalize(const finalizable& object, F&& f, Args&&... args) {
  static_assert(std::is_invocable_v<std::decay_t<F>&, std::decay_t<Args>&...>,
                "refcycle::finalize: the callback is not callable with the "
                "given arguments (passed as lvalues)");
  auto state = std::make_shared<detail::finalizer_state>(
      [fn = std::forward<F>(f),
       bound = std::make_tuple(std::forward<Args>(args)...)]() mutable {
        std::apply(fn, bound);
      });
  object.add(state);
  return finalizer(std::move(state));
}

// Same, for an object owned by a shared_ptr (T must derive from finalizable).
// Only the object is used; the shared_ptr is not retained.
template <class T, class F, class... Args>
finalizer finalize(const std::shared_ptr<T>& object, F&& f, Args&&... args) {
  static_assert(std::is_base_of_v<finalizable, std::remove_cv_t<T>>,
                "refcycle::finalize: T must derive from refcycle::finalizable "
                "(C++ cannot observe the destruction of arbitrary objects)");
  return finalize(static_cast<const finalizable&>(*object),
                  std::forward<F>(f), std::forward<Args>(args)...);
}

}  // namespace refcycle

#endif  // REFCYCLE_FINALIZE_HPP
