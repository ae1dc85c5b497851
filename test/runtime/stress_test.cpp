// Multi-threaded stress tests, one per component, meant to run under
// ThreadSanitizer (runtime_stress_tsan). Loops are bounded so that the whole
// file takes well under a second natively and a few seconds under TSan.
// They check invariants, never timing.
#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "refcycle/refcycle.hpp"

namespace {

constexpr int kThreads = 4;
constexpr int kIterations = 4000;

template <class F>
void run_threads(F&& body) {
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) threads.emplace_back(body, t);
  for (auto& th : threads) th.join();
}

struct Value {
  explicit Value(int k) : key(k) {}
  int key;
};

TEST(Stress, WeakValueMapIdentityCache) {
  refcycle::weak_value_map<int, Value, std::hash<int>, std::equal_to<int>,
                           std::mutex>
      map;
  std::atomic<int> created{0};
  run_threads([&](int t) {
    std::vector<std::shared_ptr<Value>> held;
    for (int i = 0; i < kIterations; ++i) {
      const int key = (i * 7 + t) % 64;
      auto v = map.get_or_create(key, [&] {
        created.fetch_add(1, std::memory_order_relaxed);
        return std::make_shared<Value>(key);
      });
      ASSERT_EQ(v->key, key);
      if (auto again = map.find(key)) {
        ASSERT_EQ(again->key, key);
      }
      if (i % 3 == 0) held.push_back(v);
      if (held.size() > 16) held.erase(held.begin());
      if (i % 257 == 0) map.purge();
      if (i % 101 == 0) (void)map.snapshot();
      if (i % 211 == 0) map.erase(key);
    }
  });
  EXPECT_GT(created.load(), 0);
  EXPECT_LE(map.size(), 2u * 64 + 16 + 1);
}

TEST(Stress, WeakSetAddDiscardIterate) {
  refcycle::weak_set<Value, std::mutex> set;
  std::vector<std::shared_ptr<Value>> shared;
  for (int i = 0; i < 32; ++i) shared.push_back(std::make_shared<Value>(i));
  run_threads([&](int t) {
    for (int i = 0; i < kIterations; ++i) {
      const auto& v = shared[static_cast<std::size_t>((i + t) % 32)];
      switch (i % 5) {
        case 0: set.add(v); break;
        case 1: set.discard(v); break;
        case 2: (void)set.contains(v); break;
        case 3:
          // May also visit a short-lived member while its add() is running.
          set.for_each([](Value& x) { ASSERT_GE(x.key, -1 - kIterations); });
          break;
        default: set.add(std::make_shared<Value>(-1 - i)); break;  // dies soon
      }
    }
  });
  EXPECT_LE(set.snapshot().size(), 32u);
}

TEST(Stress, LruCacheMixedOperations) {
  refcycle::lru_cache<int, std::string, std::hash<int>, std::equal_to<int>,
                      std::mutex>
      cache{64};
  run_threads([&](int t) {
    for (int i = 0; i < kIterations; ++i) {
      const int key = (i * 13 + t * 5) % 200;
      switch (i % 6) {
        case 0: cache.put(key, std::to_string(key)); break;
        case 1: {
          auto v = cache.get(key);
          if (v) {
            ASSERT_EQ(*v, std::to_string(key));
          }
          break;
        }
        case 2: {
          auto v = cache.get_or_insert_with(key, [&] { return std::to_string(key); });
          ASSERT_EQ(v, std::to_string(key));
          break;
        }
        case 3: cache.erase(key); break;
        case 4: ASSERT_LE(cache.cache_info().currsize, 64u); break;
        default:
          if (i % 997 == 0) cache.cache_clear();
          (void)cache.contains(key);
      }
    }
  });
  EXPECT_LE(cache.size(), 64u);
}

TEST(Stress, LruCachedFunction) {
  auto f = refcycle::lru_cached<std::mutex>(32, [](int x) { return x * 2; });
  run_threads([&](int t) {
    for (int i = 0; i < kIterations; ++i) ASSERT_EQ(f((i + t) % 50), ((i + t) % 50) * 2);
  });
  auto info = f.cache_info();
  EXPECT_EQ(info.hits + info.misses, static_cast<std::size_t>(kThreads) * kIterations);
}

struct Doomed : refcycle::finalizable {};

TEST(Stress, FinalizeRacesWithDetachAndDestruction) {
  std::atomic<int> ran{0};
  std::atomic<int> detached{0};
  constexpr int kObjects = 2000;
  for (int round = 0; round < kObjects / 100; ++round) {
    std::vector<std::shared_ptr<Doomed>> objects;
    std::vector<refcycle::finalizer> finalizers;
    for (int i = 0; i < 100; ++i) {
      objects.push_back(std::make_shared<Doomed>());
      finalizers.push_back(refcycle::finalize(objects.back(), [&] { ran.fetch_add(1); }));
    }
    std::thread destroyer([&] { objects.clear(); });
    std::thread detacher([&] {
      for (auto& f : finalizers) {
        if (f.detach()) detached.fetch_add(1);
      }
    });
    destroyer.join();
    detacher.join();
  }
  // Each callback either ran or was detached, never both, never neither.
  EXPECT_EQ(ran.load() + detached.load(), kObjects);
}

TEST(Stress, WeakMethodCalledWhileObjectDies) {
  struct Target : std::enable_shared_from_this<Target> {
    std::atomic<int> calls{0};
    void hit() { calls.fetch_add(1, std::memory_order_relaxed); }
  };
  for (int round = 0; round < 50; ++round) {
    auto target = std::make_shared<Target>();
    std::function<void()> cb = refcycle::weak_method(&Target::hit, target->weak_from_this());
    std::atomic<bool> go{false};
    std::thread caller([&] {
      while (!go.load()) {
      }
      for (int i = 0; i < 200; ++i) cb();
    });
    go.store(true);
    target.reset();  // races with the calls: each either runs fully or not at all
    caller.join();
  }
}

struct Tracked : refcycle::tracked<Tracked> {
  int value = 1;
};

TEST(Stress, TrackedConstructionOnManyThreads) {
  run_threads([&](int) {
    for (int i = 0; i < kIterations / 4; ++i) {
      Tracked a;
      Tracked b = a;
      ASSERT_GE(Tracked::instance_count(), 2u);
    }
  });
  EXPECT_EQ(Tracked::instance_count(), 0u);
}

}  // namespace
