// Copyright refcycle authors.
// SPDX-License-Identifier: Apache-2.0
//
// refcycle::null_mutex: the "single-threaded" locking policy.
//
// Every refcycle container takes a `Mutex` template parameter. The container
// locks it with std::lock_guard / std::unique_lock around each operation, so any
// type meeting the standard Lockable requirements works:
//
//   refcycle::lru_cache<std::string, int> local{128};          // null_mutex
//   refcycle::lru_cache<std::string, int, std::hash<std::string>,
//                       std::equal_to<std::string>, std::mutex> shared{128};
//
// null_mutex is the default. Its operations compile to nothing, so an instance
// that uses it must be confined to one thread at a time (the same contract as
// std::unordered_map). Pick std::mutex when an instance is shared between
// threads.

#ifndef REFCYCLE_NULL_MUTEX_HPP
#define REFCYCLE_NULL_MUTEX_HPP

namespace refcycle {

// A Lockable type whose operations do nothing. Use it (it is the default) for
// containers that are never accessed by two threads concurrently.
class null_mutex {
 public:
  constexpr null_mutex() noexcept = default;
  null_mutex(const null_mutex&) = delete;
  null_mutex& operator=(const null_mutex&) = delete;

  constexpr void lock() noexcept {}
  constexpr bool try_lock() noexcept { return true; }
  constexpr void unlock() noexcept {}
};

}  // namespace refcycle

#endif  // REFCYCLE_NULL_MUTEX_HPP
