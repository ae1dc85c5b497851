// Copyright refcycle authors.
// SPDX-License-Identifier: Apache-2.0
//
// refcycle::weak_set: a set of objects held weakly, compared by identity.
//
// Why: observer lists, "all open documents", "every live connection" are often
// written as std::vector<std::shared_ptr<T>> (which keeps every member alive:
// a leak, or a cycle when members point back at the owner of the list) or as
// std::vector<T*> (which dangles). weak_set is the C++ counterpart of Python's
// weakref.WeakSet: membership does not keep an object alive, and an object
// leaves the set when it dies.
//
// Example:
//
//   refcycle::weak_set<Listener> listeners;
//   auto a = std::make_shared<Listener>();
//   listeners.add(a);
//   listeners.for_each([](Listener& l) { l.notify(); });  // calls a->notify()
//   a.reset();                                           // a dies
//   assert(listeners.snapshot().empty());
//
// Identity: membership is decided by the owning control block (the
// std::owner_less order), not by T::operator== and not by address. Entries
// stay correctly ordered after their object dies, a new object at a recycled
// address is a different member, and shared_ptrs that alias the same owner are
// the same member.
//
// For objects that are not owned by std::shared_ptr, see
// refcycle/instance_registry.hpp.
//
// Thread-safety: with the default Mutex = refcycle::null_mutex an instance
// must not be used by two threads at once; with Mutex = std::mutex every
// member function may be called concurrently. for_each() calls its function
// on a snapshot, outside the lock, so the function may use the set. The set
// never runs T's destructor while holding its lock.
//
// Complexity: add, discard and contains are O(log n), where n is the number of
// stored entries; add purges expired entries when the set has doubled since the
// last purge (amortised O(log n) per add), so n stays O(live). snapshot,
// for_each and purge are O(n).

#ifndef REFCYCLE_WEAK_SET_HPP
#define REFCYCLE_WEAK_SET_HPP

#include <algorithm>
#include <cstddef>
#include <memory>
#include <mutex>
#include <set>
#include <utility>
#include <vector>

#include "refcycle/null_mutex.hpp"

namespace refcycle {

template <class T, class Mutex = null_mutex>
class weak_set {
 public:
  using value_type = std::shared_ptr<T>;
  using mutex_type = Mutex;

  weak_set() = default;
  weak_set(const weak_set&) = delete;
  weak_set& operator=(const weak_set&) = delete;

  // Adds `object` (a null pointer is ignored). Returns true if it was not
  // already a member.
  bool add(const std::shared_ptr<T>& object) {
    if (!object) return false;
    std::lock_guard<Mutex> lock(mutex_);
    if (set_.size() >= purge_at_) purge_locked();
    return set_.insert(std::weak_ptr<T>(object)).second;
  }

  // Removes `object`. Returns true if it was a member.
  bool discard(const std::shared_ptr<T>& object) {
    std::lock_guard<Mutex> lock(mutex_);
    auto it = set_.find(object);
    if (it == set_.end()) return false;
    set_.erase(it);
    return true;
  }

  // True if `object` is a (necessarily live) member.
  bool contains(const std::shared_ptr<T>& object) const {
    if (!object) return false;
    std::lock_guard<Mutex> lock(mutex_);
    return set_.find(object) != set_.end();
  }

  // The live members, kept alive by the returned vector. In owner order.
  std::vector<std::shared_ptr<T>> snapshot() const {
    std::vector<std::shared_ptr<T>> out;  // outlives the lock
    std::lock_guard<Mutex> lock(mutex_);
    out.reserve(set_.size());
    for (const std::weak_ptr<T>& weak : set_) {
      if (std::shared_ptr<T> object = weak.lock()) out.push_back(std::move(object));
    }
    return out;
  }

  // Calls `f(T&)` for each live member, on a snapshot taken first: members
  // added or removed by `f` do not affect the current iteration, and every
  // visited object stays alive until for_each returns.
  template <class F>
  void for_each(F&& f) const {
    for (const std::shared_ptr<T>& object : snapshot()) f(*object);
  }

  // Removes the entries whose object has died. O(size()).
  void purge() {
    std::lock_guard<Mutex> lock(mutex_);
    purge_locked();
  }

  // Removes every entry.
  void clear() {
    std::lock_guard<Mutex> lock(mutex_);
    set_.clear();
    purge_at_ = kMinPurgeThreshold;
  }

  // Number of stored entries, including dead ones not yet purged.
  std::size_t size() const {
    std::lock_guard<Mutex> lock(mutex_);
    return set_.size();
  }
  bool empty() const { return size() == 0; }

 private:
  static constexpr std::size_t kMinPurgeThreshold = 16;

  void purge_locked() {
    for (auto it = set_.begin(); it != set_.end();) {
      it = it->expired() ? set_.erase(it) : std::next(it);
    }
    purge_at_ = std::max(kMinPurgeThreshold, 2 * set_.size());
  }

  // owner_less<void> is transparent: lookups by shared_ptr build no weak_ptr.
  std::set<std::weak_ptr<T>, std::owner_less<>> set_;
  mutable Mutex mutex_;
  std::size_t purge_at_ = kMinPurgeThreshold;
};

}  // namespace refcycle

#endif  // REFCYCLE_WEAK_SET_HPP
