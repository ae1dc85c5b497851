// Copyright refcycle authors.
// SPDX-License-Identifier: Apache-2.0
//
// refcycle::lru_cache: a bounded map that evicts the least recently used
// entry, with Python functools.lru_cache statistics; and refcycle::lru_cached,
// a memoizing wrapper for functions.
//
// Why: a cache written as a plain std::unordered_map (or a static map inside a
// function) grows without bound and keeps every value, and everything those
// values own, alive for the life of the program. lru_cache bounds the memory,
// reports its effectiveness like Python's cache_info(), and hands out copies,
// so eviction can never leave a caller with a dangling reference.
//
// Example:
//
//   refcycle::lru_cache<std::string, Image> thumbnails{128};
//   Image img = thumbnails.get_or_insert_with(path, [&] { return load(path); });
//   if (std::optional<Image> hit = thumbnails.get(path)) show(*hit);
//   refcycle::lru_cache_info info = thumbnails.cache_info();
//   // info.hits == 1, info.misses == 1, *info.maxsize == 128, info.currsize == 1
//
//   auto slow_square = [](int x) { return x * x; };
//   auto square = refcycle::lru_cached(1024, slow_square);
//   square(12);                // miss: calls slow_square
//   square(12);                // hit
//   square.cache_clear();      // empties the cache and resets the statistics
//
// Size: `lru_cache<K, V> c{n}` keeps at most n entries. As in Python,
// maxsize 0 caches nothing (every lookup is a miss, nothing is stored), and
// `lru_cache<K, V> c{refcycle::unbounded}` never evicts (cache_info().maxsize
// is then std::nullopt, Python's None). The default constructor uses Python's
// default maxsize, 128.
//
// Statistics: get(), get_or_insert_with() and visit() count a hit or a miss;
// put(), contains() and erase() count nothing, and contains() does not refresh
// an entry's recency. cache_clear() removes every entry and resets the
// statistics; erase() does not reset them.
//
// Thread-safety: with the default Mutex = refcycle::null_mutex an instance
// must not be used by two threads at once; with Mutex = std::mutex every
// member function may be called concurrently. get_or_insert_with() calls its
// function outside the lock (so it may use the cache, e.g. for recursive
// memoization); concurrent misses on one key may each call it, and the first
// result stored wins, as in Python. Values are destroyed (on eviction, erase,
// replacement or cache_clear) after the lock is released, so a value's
// destructor may use the cache. visit() calls its function under the lock.
//
// Complexity: get, put, contains, erase and get_or_insert_with are O(1)
// average. Each entry is one node: the recency list is threaded through the
// hash-map nodes, and eviction reuses the evicted node for the new entry, so
// a full cache performs no allocation on a miss.
//
// NOTE: no member function returns a reference or an iterator into the cache.
// get() and get_or_insert_with() return copies (V must be copyable for them);
// for move-only values use put(), visit(), and erase().

#ifndef REFCYCLE_LRU_CACHE_HPP
#define REFCYCLE_LRU_CACHE_HPP

#include <cstddef>
#include <functional>
#include <limits>
#include <mutex>
#include <optional>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <utility>

#include "refcycle/null_mutex.hpp"

namespace refcycle {

// Tag selecting a cache without a size limit (Python's maxsize=None).
struct unbounded_t {
  explicit constexpr unbounded_t() = default;
};
inline constexpr unbounded_t unbounded{};

// Python's functools._CacheInfo. maxsize is std::nullopt for an unbounded
// cache.
struct lru_cache_info {
  std::size_t hits = 0;
  std::size_t misses = 0;
  std::optional<std::size_t> maxsize;
  std::size_t currsize = 0;

  friend bool operator==(const lru_cache_info& a, const lru_cache_info& b) {
    return a.hits == b.hits && a.misses == b.misses && a.maxsize == b.maxsize &&
           a.currsize == b.currsize;
  }
  friend bool operator!=(const lru_cache_info& a, const lru_cache_info& b) {
    return !(a == b);
  }
};

template <class K, class V, class Hash = std::hash<K>,
          class KeyEqual = std::equal_to<K>, class Mutex = null_mutex>
class lru_cache {
  struct entry;
  using node = std::pair<const K, entry>;
  struct entry {
    template <class... A>
    explicit entry(A&&... args) : value(std::forward<A>(args)...) {}
    V value;
    node* prev = nullptr;  // towards the most recently used
    node* next = nullptr;  // towards the least recently used
  };
  using map_type = std::unordered_map<K, entry, Hash, KeyEqual>;

 public:
  using key_type = K;
  using mapped_type = V;
  using hasher = Hash;
  using key_equal = KeyEqual;
  using mutex_type = Mutex;

  static constexpr std::size_t default_maxsize = 128;

  // Python's default, 128 entries.
  lru_cache() : lru_cache(default_maxsize) {}
  // At most `maxsize` entries; 0 caches nothing.
  explicit lru_cache(std::size_t maxsize, const Hash& hash = Hash(),
                     const KeyEqual& eq = KeyEqual())
      : map_(0, hash, eq), maxsize_(maxsize), bounded_(true) {}
  // No size limit.
  explicit lru_cache(unbounded_t, const Hash& hash = Hash(),
                     const KeyEqual& eq = KeyEqual())
      : map_(0, hash, eq),
        maxsize_(std::numeric_limits<std::size_t>::max()),
        bounded_(false) {}

  lru_cache(const lru_cache&) = delete;
  lru_cache& operator=(const lru_cache&) = delete;
  // Takes the entries and statistics of `other`, leaving it empty. `other`
  // must not be used concurrently by another thread during the move.
  lru_cache(lru_cache&& other)
      : map_(0, other.map_.hash_function(), other.map_.key_eq()) {
    std::lock_guard<Mutex> lock(other.mutex_);
    map_.swap(other.map_);
    head_ = std::exchange(other.head_, nullptr);
    tail_ = std::exchange(other.tail_, nullptr);
    hits_ = std::exchange(other.hits_, 0);
    misses_ = std::exchange(other.misses_, 0);
    maxsize_ = other.maxsize_;
    bounded_ = other.bounded_;
  }

  // A copy of the value cached for `key` (which becomes the most recently
  // used entry), or std::nullopt. Counts a hit or a miss.
  std::optional<V> get(const K& key) {
    static_assert(std::is_copy_constructible_v<V>,
                  "lru_cache::get returns a copy; for move-only values use "
                  "visit()");
    std::lock_guard<Mutex> lock(mutex_);
    auto it = map_.find(key);
    if (it == map_.end()) {
      ++misses_;
      return std::nullopt;
    }
    ++hits_;
    touch(&*it);
    return it->second.value;
  }

  // If `key` is cached, calls `f(const V&)` under the lock and returns true
  // (a hit); otherwise returns false (a miss). `f` must not use the cache.
  template <class F>
  bool visit(const K& key, F&& f) {
    std::lock_guard<Mutex> lock(mutex_);
    auto it = map_.find(key);
    if (it == map_.end()) {
      ++misses_;
      return false;
    }
    ++hits_;
    touch(&*it);
    f(std::as_const(it->second.value));
    return true;
  }

  // True if `key` is cached. Counts nothing and does not refresh recency.
  bool contains(const K& key) const {
    std::lock_guard<Mutex> lock(mutex_);
    return map_.find(key) != map_.end();
  }

  // Caches `value` under `key` as the most recently used entry, replacing the
  // previous value and evicting the least recently used entry if full.
  void put(const K& key, V value) {
    // `value` outlives `lock`: it receives the replaced or evicted value,
    // which is therefore destroyed after the lock is released.
    std::lock_guard<Mutex> lock(mutex_);
    auto it = map_.find(key);
    if (it != map_.end()) {
      using std::swap;
      swap(it->second.value, value);
      touch(&*it);
      return;
    }
    insert_new_locked(key, value);
  }

  // Returns a copy of the value cached for `key` (a hit); otherwise (a miss)
  // calls `f()` outside the lock, caches a copy of its result unless `key`
  // was cached meanwhile, and returns the result. If `f` throws, the exception
  // propagates and the cache contents are unchanged (the miss is counted, as
  // in Python).
  template <class F>
  V get_or_insert_with(const K& key, F&& f) {
    static_assert(std::is_copy_constructible_v<V>,
                  "lru_cache::get_or_insert_with returns a copy; V must be "
                  "copyable");
    static_assert(std::is_convertible_v<std::invoke_result_t<F&>, V>,
                  "lru_cache::get_or_insert_with: f() must return a V");
    {
      std::lock_guard<Mutex> lock(mutex_);
      auto it = map_.find(key);
      if (it != map_.end()) {
        ++hits_;
        touch(&*it);
        return it->second.value;
      }
      ++misses_;
    }
    V result = std::invoke(f);
    if (maxsize_ == 0) return result;
    V slot(result);  // destroyed after the lock: may end up holding an evicted value
    {
      std::lock_guard<Mutex> lock(mutex_);
      if (map_.find(key) == map_.end()) insert_new_locked(key, slot);
    }
    return result;
  }

  // Removes `key`. Returns true if it was cached. Counts nothing.
  bool erase(const K& key) {
    typename map_type::node_type removed;  // destroyed after the lock
    std::lock_guard<Mutex> lock(mutex_);
    auto it = map_.find(key);
    if (it == map_.end()) return false;
    unlink(&*it);
    removed = map_.extract(it);
    return true;
  }

  // Python's cache_info(): hits, misses, maxsize (nullopt if unbounded),
  // currsize.
  lru_cache_info cache_info() const {
    std::lock_guard<Mutex> lock(mutex_);
    lru_cache_info info;
    info.hits = hits_;
    info.misses = misses_;
    if (bounded_) info.maxsize = maxsize_;
    info.currsize = map_.size();
    return info;
  }

  // Python's cache_clear(): removes every entry and resets the statistics.
  void cache_clear() {
    map_type removed(0, map_.hash_function(), map_.key_eq());  // after the lock
    std::lock_guard<Mutex> lock(mutex_);
    removed.swap(map_);
    head_ = tail_ = nullptr;
    hits_ = misses_ = 0;
  }

  std::size_t size() const {
    std::lock_guard<Mutex> lock(mutex_);
    return map_.size();
  }
  bool empty() const { return size() == 0; }
  // The size limit (std::nullopt if unbounded).
  std::optional<std::size_t> maxsize() const noexcept {
    if (!bounded_) return std::nullopt;
    return maxsize_;
  }

 private:
  // Precondition: `key` is not cached. On return `value` holds the evicted
  // value (if an entry was evicted) or a moved-from V.
  void insert_new_locked(const K& key, V& value) {
    if (maxsize_ == 0) return;
    if (map_.size() < maxsize_) {
      auto [it, inserted] =
          map_.emplace(std::piecewise_construct, std::forward_as_tuple(key),
                       std::forward_as_tuple(std::move(value)));
      link_front(&*it);
      return;
    }
    // Full: recycle the least recently used node for the new entry.
    K new_key(key);  // may throw; nothing has changed yet
    node* victim = tail_;
    unlink(victim);
    auto handle = map_.extract(victim->first);
    handle.key() = std::move(new_key);
    using std::swap;
    swap(handle.mapped().value, value);
    auto result = map_.insert(std::move(handle));
    link_front(&*result.position);
  }

  void link_front(node* n) noexcept {
    n->second.prev = nullptr;
    n->second.next = head_;
    if (head_) head_->second.prev = n;
    head_ = n;
    if (!tail_) tail_ = n;
  }
  void unlink(node* n) noexcept {
    node* prev = n->second.prev;
    node* next = n->second.next;
    (prev ? prev->second.next : head_) = next;
    (next ? next->second.prev : tail_) = prev;
  }
  void touch(node* n) noexcept {
    if (n == head_) return;
    unlink(n);
    link_front(n);
  }

  map_type map_;
  node* head_ = nullptr;  // most recently used
  node* tail_ = nullptr;  // least recently used
  std::size_t maxsize_ = default_maxsize;
  bool bounded_ = true;
  std::size_t hits_ = 0;
  std::size_t misses_ = 0;
  mutable Mutex mutex_;
};

// Implementation details. Do not use directly; may change without notice.
namespace detail {

template <class F>
struct call_signature : call_signature<decltype(&F::operator())> {};
template <class R, class... A>
struct call_signature<R (*)(A...)> { using type = R(A...); };
template <class R, class... A>
struct call_signature<R (*)(A...) noexcept> { using type = R(A...); };
template <class R, class C, class... A>
struct call_signature<R (C::*)(A...)> { using type = R(A...); };
template <class R, class C, class... A>
struct call_signature<R (C::*)(A...) const> { using type = R(A...); };
template <class R, class C, class... A>
struct call_signature<R (C::*)(A...) noexcept> { using type = R(A...); };
template <class R, class C, class... A>
struct call_signature<R (C::*)(A...) const noexcept> { using type = R(A...); };

// Hashes a tuple of arguments by combining std::hash of each element.
struct tuple_hash {
  template <class... Ts>
  std::size_t operator()(const std::tuple<Ts...>& t) const {
    std::size_t seed = sizeof...(Ts);
    std::apply(
        [&seed](const Ts&... elems) {
          ((seed ^= std::hash<Ts>{}(elems) + static_cast<std::size_t>(0x9e3779b97f4a7c15ull) +
                    (seed << 6) + (seed >> 2)),
           ...);
        },
        t);
    return seed;
  }
};

}  // namespace detail

// A function memoized by an lru_cache keyed on its (decayed) arguments;
// created by refcycle::lru_cached. Each argument type needs std::hash and ==.
template <class F, class Signature, class Mutex = null_mutex>
class cached_function;

template <class F, class R, class... Args, class Mutex>
class cached_function<F, R(Args...), Mutex> {
  static_assert(!std::is_void_v<R>,
                "refcycle::lru_cached: a function returning void has nothing "
                "to cache");

 public:
  using key_type = std::tuple<std::decay_t<Args>...>;
  using result_type = std::decay_t<R>;
  using cache_type = lru_cache<key_type, result_type, detail::tuple_hash,
                               std::equal_to<key_type>, Mutex>;

  cached_function(std::size_t maxsize, F f)
      : cache_(maxsize), f_(std::move(f)) {}
  cached_function(unbounded_t, F f) : cache_(unbounded), f_(std::move(f)) {}

  // Returns the cached result for these arguments, calling the function on a
  // miss (outside the lock, so it may call this cached_function recursively).
  result_type operator()(Args... args) {
    return cache_.get_or_insert_with(key_type(args...), [&]() -> result_type {
      return std::invoke(f_, std::forward<Args>(args)...);
    });
  }

  lru_cache_info cache_info() const { return cache_.cache_info(); }
  void cache_clear() { cache_.cache_clear(); }

 private:
  cache_type cache_;
  F f_;
};

// Python's @functools.lru_cache(maxsize): memoizes `f` (a function pointer or
// a callable with a single, non-template operator()).
template <class Mutex = null_mutex, class F>
auto lru_cached(std::size_t maxsize, F f) {
  return cached_function<F, typename detail::call_signature<F>::type, Mutex>(
      maxsize, std::move(f));
}
// Python's @functools.lru_cache(maxsize=None) / @functools.cache.
template <class Mutex = null_mutex, class F>
auto lru_cached(unbounded_t, F f) {
  return cached_function<F, typename detail::call_signature<F>::type, Mutex>(
      unbounded, std::move(f));
}

}  // namespace refcycle

#endif  // REFCYCLE_LRU_CACHE_HPP
