// Copyright refcycle authors.
// SPDX-License-Identifier: Apache-2.0
//
// refcycle::weak_value_map: a hash map whose values are held weakly.
//
// Why: an identity cache ("one object per key, shared by everyone who asks")
// written as std::unordered_map<K, std::shared_ptr<V>> keeps every object alive
// forever: the cache itself is an owner. Holding the values as std::weak_ptr
// fixes the lifetime, but a hand-written map of weak_ptrs accumulates dead
// entries without bound. weak_value_map is the C++ counterpart of Python's
// weakref.WeakValueDictionary: an entry is usable while someone else owns its
// value, dead entries are dropped on lookup and purged, amortised, on insert.
//
// Example:
//
//   refcycle::weak_value_map<std::string, Font> fonts;
//
//   std::shared_ptr<Font> a = fonts.get_or_create("mono", [] {
//     return std::make_shared<Font>("mono");   // runs once while alive
//   });
//   std::shared_ptr<Font> b = fonts.get_or_create("mono", [] {
//     return std::make_shared<Font>("mono");   // not called: a is alive
//   });
//   assert(a == b);
//   a.reset();
//   b.reset();                                  // Font destroyed here
//   assert(fonts.find("mono") == nullptr);      // and the entry is gone
//
// Thread-safety: with the default Mutex = refcycle::null_mutex an instance
// must not be used by two threads at once. With Mutex = std::mutex every
// member function may be called concurrently. In both cases, the map never
// calls a factory, and never runs a value's destructor, while holding its
// lock, so factories may use the map (even recursively) and destructors may
// use it too.
//
// Complexity: find, insert_or_assign, erase and get_or_create are O(1)
// average (plus the factory). Inserting purges expired entries when the map
// has doubled since the last purge, which is O(size) but amortised O(1) per
// insertion; hence the number of stored entries stays below
// 2 * (live entries at the last purge) + 16, i.e. O(live).
//
// NOTE: size() counts entries whose values may have expired since the last
// purge. Nothing returned by the map refers into it (no iterators, no
// references): results are std::shared_ptr values or copies.

#ifndef REFCYCLE_WEAK_VALUE_MAP_HPP
#define REFCYCLE_WEAK_VALUE_MAP_HPP

#include <algorithm>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "refcycle/null_mutex.hpp"

namespace refcycle {

template <class K, class V, class Hash = std::hash<K>,
          class KeyEqual = std::equal_to<K>, class Mutex = null_mutex>
class weak_value_map {
 public:
  using key_type = K;
  using mapped_type = V;
  using hasher = Hash;
  using key_equal = KeyEqual;
  using mutex_type = Mutex;

  weak_value_map() = default;
  explicit weak_value_map(const Hash& hash, const KeyEqual& eq = KeyEqual())
      : map_(0, hash, eq) {}

  // A map owns a lock and is shared by address; it is neither copyable nor
  // movable. snapshot() gives a copy of the live contents.
  weak_value_map(const weak_value_map&) = delete;
  weak_value_map& operator=(const weak_value_map&) = delete;

  // The value stored under `key`, or null if there is none or it has expired.
  // An expired entry found this way is removed.
  std::shared_ptr<V> find(const K& key) const {
    std::lock_guard<Mutex> lock(mutex_);
    auto it = map_.find(key);
    if (it == map_.end()) return nullptr;
    std::shared_ptr<V> value = it->second.lock();
    if (!value) map_.erase(it);
    return value;
  }

  // True if `key` maps to a live value.
  bool contains(const K& key) const {
    std::lock_guard<Mutex> lock(mutex_);
    auto it = map_.find(key);
    return it != map_.end() && !it->second.expired();
  }

  // Stores a weak reference to `value` under `key`, replacing any previous
  // entry. Returns true if the key was not present (or its value had expired).
  // A null `value` erases the key.
  bool insert_or_assign(K key, const std::shared_ptr<V>& value) {
    std::lock_guard<Mutex> lock(mutex_);
    if (!value) {
      auto it = map_.find(key);
      if (it == map_.end()) return true;
      bool was_dead = it->second.expired();
      map_.erase(it);
      return was_dead;
    }
    maybe_purge_locked();
    auto [it, inserted] = map_.try_emplace(std::move(key), value);
    if (inserted) return true;
    bool was_dead = it->second.expired();
    it->second = value;
    return was_dead;
  }

  // Returns the live value stored under `key`; otherwise calls `factory()`
  // (outside the lock), stores a weak reference to its result and returns it.
  // `factory` must return std::shared_ptr<V> (or something convertible to
  // it); a null result is returned and not stored. If the factory throws, the
  // exception propagates and the map is unchanged. If another thread stores a
  // live value under `key` while the factory runs, that value wins: it is
  // returned and the factory's result is discarded.
  template <class Factory>
  std::shared_ptr<V> get_or_create(const K& key, Factory&& factory) {
    static_assert(
        std::is_convertible_v<std::invoke_result_t<Factory&>, std::shared_ptr<V>>,
        "weak_value_map::get_or_create: the factory must return "
        "std::shared_ptr<V>, e.g. [] { return std::make_shared<V>(...); }");
    if (std::shared_ptr<V> existing = find(key)) return existing;
    std::shared_ptr<V> created = factory();  // outside the lock
    if (!created) return created;
    std::shared_ptr<V> winner;  // destroyed after the lock is released
    {
      std::lock_guard<Mutex> lock(mutex_);
      maybe_purge_locked();
      auto [it, inserted] = map_.try_emplace(key, created);
      if (inserted) return created;
      winner = it->second.lock();
      if (!winner) {
        it->second = created;
        return created;
      }
    }
    return winner;  // `created` dies here, after unlocking
  }

  // Removes `key`. Returns true if an entry (live or expired) was removed.
  bool erase(const K& key) {
    std::lock_guard<Mutex> lock(mutex_);
    return map_.erase(key) != 0;
  }

  // Removes every entry whose value has expired. O(size()).
  void purge() {
    std::lock_guard<Mutex> lock(mutex_);
    purge_locked();
  }

  // Removes every entry.
  void clear() {
    std::lock_guard<Mutex> lock(mutex_);
    map_.clear();
    purge_at_ = kMinPurgeThreshold;
  }

  // The live entries, each value locked (kept alive by the returned vector).
  // Unordered.
  std::vector<std::pair<K, std::shared_ptr<V>>> snapshot() const {
    std::vector<std::pair<K, std::shared_ptr<V>>> out;  // outlives the lock
    std::lock_guard<Mutex> lock(mutex_);
    out.reserve(map_.size());
    for (const auto& [key, weak] : map_) {
      if (std::shared_ptr<V> value = weak.lock()) {
        out.emplace_back(key, std::move(value));
      }
    }
    return out;
  }

  // Number of stored entries, including expired ones not yet purged.
  std::size_t size() const {
    std::lock_guard<Mutex> lock(mutex_);
    return map_.size();
  }
  bool empty() const { return size() == 0; }

 private:
  static constexpr std::size_t kMinPurgeThreshold = 16;

  void purge_locked() {
    for (auto it = map_.begin(); it != map_.end();) {
      it = it->second.expired() ? map_.erase(it) : std::next(it);
    }
    purge_at_ = std::max(kMinPurgeThreshold, 2 * map_.size());
  }
  void maybe_purge_locked() {
    if (map_.size() >= purge_at_) purge_locked();
  }

  // find() removes dead entries, so the map is mutable behind const.
  mutable std::unordered_map<K, std::weak_ptr<V>, Hash, KeyEqual> map_;
  mutable Mutex mutex_;
  std::size_t purge_at_ = kMinPurgeThreshold;
};

}  // namespace refcycle

#endif  // REFCYCLE_WEAK_VALUE_MAP_HPP
