// Tests for refcycle::lru_cache and refcycle::lru_cached, grouped by concern.
#include "refcycle/lru_cache.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace {

using Cache = refcycle::lru_cache<std::string, int>;

refcycle::lru_cache_info info(std::size_t hits, std::size_t misses,
                              std::optional<std::size_t> maxsize,
                              std::size_t currsize) {
  refcycle::lru_cache_info i;
  i.hits = hits;
  i.misses = misses;
  i.maxsize = maxsize;
  i.currsize = currsize;
  return i;
}

// --- Basic operations ------------------------------------------------------------

TEST(LruCacheBasics, PutGetContainsErase) {
  Cache cache{4};
  EXPECT_EQ(cache.get("a"), std::nullopt);
  cache.put("a", 1);
  EXPECT_EQ(cache.get("a"), std::optional<int>(1));
  EXPECT_TRUE(cache.contains("a"));
  cache.put("a", 2);  // replace
  EXPECT_EQ(cache.get("a"), std::optional<int>(2));
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_TRUE(cache.erase("a"));
  EXPECT_FALSE(cache.erase("a"));
  EXPECT_FALSE(cache.contains("a"));
  EXPECT_TRUE(cache.empty());
}

TEST(LruCacheBasics, DefaultMaxsizeIsPythons) {
  Cache cache;
  EXPECT_EQ(cache.maxsize(), std::optional<std::size_t>(128));
}

TEST(LruCacheBasics, GetReturnsACopyThatSurvivesEviction) {
  refcycle::lru_cache<int, std::string> cache{1};
  cache.put(1, "one");
  std::optional<std::string> v = cache.get(1);
  cache.put(2, "two");  // evicts 1
  EXPECT_EQ(v, std::optional<std::string>("one"));
}

// --- Eviction order ---------------------------------------------------------------

TEST(LruCacheEviction, EvictsLeastRecentlyUsed) {
  Cache cache{3};
  cache.put("a", 1);
  cache.put("b", 2);
  cache.put("c", 3);
  cache.put("d", 4);  // evicts a
  EXPECT_FALSE(cache.contains("a"));
  EXPECT_TRUE(cache.contains("b"));
  EXPECT_EQ(cache.size(), 3u);
}

TEST(LruCacheEviction, GetRefreshesRecency) {
  Cache cache{3};
  cache.put("a", 1);
  cache.put("b", 2);
  cache.put("c", 3);
  cache.get("a");     // order now b, c, a
  cache.put("d", 4);  // evicts b
  EXPECT_TRUE(cache.contains("a"));
  EXPECT_FALSE(cache.contains("b"));
}

TEST(LruCacheEviction, PutRefreshesRecency) {
  Cache cache{2};
  cache.put("a", 1);
  cache.put("b", 2);
  cache.put("a", 10);  // a is most recent
  cache.put("c", 3);   // evicts b
  EXPECT_EQ(cache.get("a"), std::optional<int>(10));
  EXPECT_FALSE(cache.contains("b"));
}

TEST(LruCacheEviction, ContainsDoesNotRefreshRecency) {
  Cache cache{2};
  cache.put("a", 1);
  cache.put("b", 2);
  EXPECT_TRUE(cache.contains("a"));
  cache.put("c", 3);  // still evicts a
  EXPECT_FALSE(cache.contains("a"));
}

TEST(LruCacheEviction, MatchesAReferenceModel) {
  // Reference: a vector ordered from least to most recently used.
  std::vector<std::pair<int, int>> model;
  const std::size_t capacity = 7;
  refcycle::lru_cache<int, int> cache{capacity};
  std::uint32_t state = 12345;
  auto next = [&] { return state = state * 1103515245u + 12345u, (state >> 16) % 20; };
  for (int step = 0; step < 5000; ++step) {
    const int key = static_cast<int>(next());
    auto it = std::find_if(model.begin(), model.end(),
                           [&](const auto& e) { return e.first == key; });
    switch (next() % 3) {
      case 0: {  // get
        std::optional<int> expected;
        if (it != model.end()) {
          expected = it->second;
          auto e = *it;
          model.erase(it);
          model.push_back(e);
        }
        ASSERT_EQ(cache.get(key), expected) << "step " << step;
        break;
      }
      case 1: {  // put
        if (it != model.end()) model.erase(it);
        else if (model.size() == capacity) model.erase(model.begin());
        model.emplace_back(key, step);
        cache.put(key, step);
        break;
      }
      default: {  // erase
        const bool present = it != model.end();
        if (present) model.erase(it);
        ASSERT_EQ(cache.erase(key), present) << "step " << step;
      }
    }
    ASSERT_EQ(cache.size(), model.size());
  }
  for (const auto& [k, v] : model) EXPECT_TRUE(cache.contains(k));
}

TEST(LruCacheEviction, EraseThenRefill) {
  refcycle::lru_cache<int, int> cache{2};
  cache.put(1, 1);
  cache.put(2, 2);
  cache.erase(2);
  cache.put(3, 3);
  cache.put(4, 4);  // evicts 1
  EXPECT_FALSE(cache.contains(1));
  EXPECT_TRUE(cache.contains(3));
  EXPECT_TRUE(cache.contains(4));
}

TEST(LruCacheEviction, EvictedValuesAreDestroyed) {
  refcycle::lru_cache<int, std::shared_ptr<int>> cache{1};
  auto v = std::make_shared<int>(1);
  cache.put(1, v);
  EXPECT_EQ(v.use_count(), 2);
  cache.put(2, std::make_shared<int>(2));
  EXPECT_EQ(v.use_count(), 1);
}

// --- Statistics (Python's cache_info / cache_clear) ------------------------------

TEST(LruCacheStatistics, CountsHitsAndMisses) {
  Cache cache{2};
  cache.get("a");
  cache.put("a", 1);
  cache.get("a");
  cache.get("a");
  cache.contains("a");  // not counted
  EXPECT_EQ(cache.cache_info(), info(2, 1, 2, 1));
}

TEST(LruCacheStatistics, GetOrInsertWithCounts) {
  Cache cache{2};
  int calls = 0;
  auto compute = [&] { return ++calls; };
  EXPECT_EQ(cache.get_or_insert_with("a", compute), 1);
  EXPECT_EQ(cache.get_or_insert_with("a", compute), 1);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(cache.cache_info(), info(1, 1, 2, 1));
}

TEST(LruCacheStatistics, CacheClearResetsEverything) {
  Cache cache{2};
  cache.put("a", 1);
  cache.get("a");
  cache.get("b");
  cache.cache_clear();
  EXPECT_EQ(cache.cache_info(), info(0, 0, 2, 0));
  EXPECT_FALSE(cache.contains("a"));
  cache.put("c", 3);  // usable after clear
  EXPECT_EQ(cache.get("c"), std::optional<int>(3));
}

TEST(LruCacheStatistics, EraseKeepsStatistics) {
  Cache cache{2};
  cache.put("a", 1);
  cache.get("a");
  cache.erase("a");
  EXPECT_EQ(cache.cache_info(), info(1, 0, 2, 0));
}

// --- maxsize 0 and unbounded ---------------------------------------------------

TEST(LruCacheMaxsize, ZeroCachesNothing) {
  Cache cache{0};
  cache.put("a", 1);
  EXPECT_FALSE(cache.contains("a"));
  int calls = 0;
  EXPECT_EQ(cache.get_or_insert_with("a", [&] { return ++calls; }), 1);
  EXPECT_EQ(cache.get_or_insert_with("a", [&] { return ++calls; }), 2);
  EXPECT_EQ(cache.cache_info(), info(0, 2, 0, 0));
}

TEST(LruCacheMaxsize, UnboundedNeverEvicts) {
  refcycle::lru_cache<int, int> cache{refcycle::unbounded};
  for (int i = 0; i < 10000; ++i) cache.put(i, i);
  EXPECT_EQ(cache.size(), 10000u);
  EXPECT_EQ(cache.cache_info().maxsize, std::nullopt);
  EXPECT_EQ(cache.maxsize(), std::nullopt);
}

// --- Exceptions ---------------------------------------------------------------------

TEST(LruCacheExceptions, ThrowingFunctionLeavesContentsUnchanged) {
  Cache cache{2};
  cache.put("a", 1);
  cache.put("b", 2);
  EXPECT_THROW(cache.get_or_insert_with("c", []() -> int {
                 throw std::runtime_error("compute failed");
               }),
               std::runtime_error);
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_TRUE(cache.contains("a"));  // nothing was evicted
  EXPECT_TRUE(cache.contains("b"));
  EXPECT_FALSE(cache.contains("c"));
  EXPECT_EQ(cache.cache_info().misses, 1u);  // counted, as in Python
}

// --- Move-only values and re-entrancy ---------------------------------------------

TEST(LruCacheMoveOnly, PutVisitEvict) {
  refcycle::lru_cache<int, std::unique_ptr<int>> cache{2};
  cache.put(1, std::make_unique<int>(10));
  cache.put(2, std::make_unique<int>(20));
  int seen = 0;
  EXPECT_TRUE(cache.visit(1, [&](const std::unique_ptr<int>& p) { seen = *p; }));
  EXPECT_EQ(seen, 10);
  cache.put(3, std::make_unique<int>(30));  // evicts 2 (1 was visited)
  EXPECT_FALSE(cache.visit(2, [](const std::unique_ptr<int>&) {}));
  EXPECT_TRUE(cache.contains(1));
  EXPECT_EQ(cache.cache_info(), info(1, 1, 2, 2));
}

TEST(LruCacheReentrancy, ComputeMayUseTheCache) {
  refcycle::lru_cache<int, int, std::hash<int>, std::equal_to<int>, std::mutex> cache{8};
  int v = cache.get_or_insert_with(1, [&] {
    return cache.get_or_insert_with(2, [] { return 2; }) + 1;
  });
  EXPECT_EQ(v, 3);
  EXPECT_EQ(cache.get(1), std::optional<int>(3));
  EXPECT_EQ(cache.get(2), std::optional<int>(2));
}

TEST(LruCacheReentrancy, FirstStoredResultWins) {
  Cache cache{4};
  int v = cache.get_or_insert_with("k", [&] {
    cache.put("k", 1);  // as a concurrent caller would
    return 2;
  });
  EXPECT_EQ(v, 2);                                  // the caller gets its result
  EXPECT_EQ(cache.get("k"), std::optional<int>(1));  // the cache keeps the first
}

TEST(LruCacheReentrancy, EvictedValueDestructorMayUseTheCache) {
  using Locked = refcycle::lru_cache<int, std::shared_ptr<int>, std::hash<int>,
                                     std::equal_to<int>, std::mutex>;
  Locked cache{1};
  bool ran = false;
  cache.put(1, std::shared_ptr<int>(new int(1), [&](int* p) {
    ran = true;
    cache.contains(1);  // would deadlock if run under the lock
    delete p;
  }));
  cache.put(2, std::make_shared<int>(2));
  EXPECT_TRUE(ran);
  cache.erase(2);
  cache.cache_clear();
}

TEST(LruCacheMove, MoveConstructionTransfersEntries) {
  Cache a{2};
  a.put("x", 1);
  a.get("x");
  Cache b = std::move(a);
  EXPECT_EQ(b.get("x"), std::optional<int>(1));
  EXPECT_EQ(b.cache_info(), info(2, 0, 2, 1));
}

// --- lru_cached: memoized functions -----------------------------------------------

int square(int x) { return x * x; }

TEST(LruCached, MemoizesAFunctionPointer) {
  auto cached = refcycle::lru_cached(16, &square);
  EXPECT_EQ(cached(3), 9);
  EXPECT_EQ(cached(3), 9);
  EXPECT_EQ(cached.cache_info(), info(1, 1, 16, 1));
  cached.cache_clear();
  EXPECT_EQ(cached.cache_info(), info(0, 0, 16, 0));
}

TEST(LruCached, MemoizesALambdaWithSeveralArguments) {
  int calls = 0;
  auto join = refcycle::lru_cached(
      refcycle::unbounded, [&](const std::string& a, int n) {
        ++calls;
        std::string out;
        for (int i = 0; i < n; ++i) out += a;
        return out;
      });
  EXPECT_EQ(join("ab", 2), "abab");
  EXPECT_EQ(join("ab", 2), "abab");
  EXPECT_EQ(join("ab", 3), "ababab");
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(join.cache_info(), info(1, 2, std::nullopt, 2));
}

TEST(LruCached, RecursiveMemoization) {
  std::function<std::uint64_t(int)> fib_ref;
  auto fib = refcycle::lru_cached(128, [&](int n) -> std::uint64_t {
    return n < 2 ? static_cast<std::uint64_t>(n) : fib_ref(n - 1) + fib_ref(n - 2);
  });
  fib_ref = std::ref(fib);
  EXPECT_EQ(fib(90), 2880067194370816120ull);
  EXPECT_EQ(fib.cache_info().misses, 91u);
  EXPECT_EQ(fib.cache_info().hits, 88u);
}

TEST(LruCached, ThreadSafeVariant) {
  auto cached = refcycle::lru_cached<std::mutex>(4, [](int x) { return x + 1; });
  EXPECT_EQ(cached(1), 2);
  EXPECT_EQ(cached.cache_info().currsize, 1u);
}

}  // namespace
