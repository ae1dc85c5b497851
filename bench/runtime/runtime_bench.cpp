// Google Benchmark programs for the refcycle runtime. Every refcycle benchmark
// has a hand-written baseline in the same binary, named "<group>/baseline"
// and "<group>/refcycle"; bench/runtime/run prints their ratios.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "refcycle/lru_cache.hpp"
#include "refcycle/weak_method.hpp"
#include "refcycle/weak_value_map.hpp"

namespace {

// --- weak_method ---------------------------------------------------------------

struct Counter {
  std::int64_t total = 0;
  void add(int n) { total += n; }
};

void weak_method_baseline(benchmark::State& state) {
  auto owner = std::make_shared<Counter>();
  std::weak_ptr<Counter> w = owner;
  benchmark::DoNotOptimize(w);  // as opaque to the optimiser as `m` below
  for (auto _ : state) {
    if (auto p = w.lock()) p->add(1);
    benchmark::ClobberMemory();
  }
  benchmark::DoNotOptimize(owner->total);
}

void weak_method_refcycle(benchmark::State& state) {
  auto owner = std::make_shared<Counter>();
  refcycle::weak_method m(&Counter::add, owner);
  benchmark::DoNotOptimize(m);
  for (auto _ : state) {
    m(1);
    benchmark::ClobberMemory();
  }
  benchmark::DoNotOptimize(owner->total);
}

// The same two, stored as the callback a timer or signal would hold.
void weak_method_function_baseline(benchmark::State& state) {
  auto owner = std::make_shared<Counter>();
  std::function<void(int)> f = [w = std::weak_ptr<Counter>(owner)](int n) {
    if (auto p = w.lock()) p->add(n);
  };
  for (auto _ : state) {
    f(1);
    benchmark::ClobberMemory();
  }
  benchmark::DoNotOptimize(owner->total);
}

void weak_method_function_refcycle(benchmark::State& state) {
  auto owner = std::make_shared<Counter>();
  std::function<void(int)> f = refcycle::weak_method(&Counter::add, owner);
  for (auto _ : state) {
    f(1);
    benchmark::ClobberMemory();
  }
  benchmark::DoNotOptimize(owner->total);
}

// --- lru_cache -------------------------------------------------------------------

// The classic implementation: a std::list in recency order plus a
// std::unordered_map from key to list iterator.
template <class K, class V>
class classic_lru {
 public:
  explicit classic_lru(std::size_t capacity) : capacity_(capacity) {}

  std::optional<V> get(const K& key) {
    auto it = index_.find(key);
    if (it == index_.end()) return std::nullopt;
    order_.splice(order_.begin(), order_, it->second);
    return it->second->second;
  }

  void put(const K& key, V value) {
    auto it = index_.find(key);
    if (it != index_.end()) {
      it->second->second = std::move(value);
      order_.splice(order_.begin(), order_, it->second);
      return;
    }
    order_.emplace_front(key, std::move(value));
    index_.emplace(key, order_.begin());
    if (index_.size() > capacity_) {
      index_.erase(order_.back().first);
      order_.pop_back();
    }
  }

 private:
  std::size_t capacity_;
  std::list<std::pair<K, V>> order_;
  std::unordered_map<K, typename std::list<std::pair<K, V>>::iterator> index_;
};

constexpr std::size_t kOps = 1'000'000;
constexpr std::size_t kCapacity = 10'000;

template <class K>
K make_key(std::uint32_t i);
template <>
int make_key<int>(std::uint32_t i) {
  return static_cast<int>(i);
}
template <>
std::string make_key<std::string>(std::uint32_t i) {
  return "refcycle-session/user-" + std::to_string(i);  // beyond the SSO buffer
}

// 1M keys drawn uniformly from [0, keyspace): with a 10k-entry cache, a 11k
// keyspace gives ~90% hits, a 100k keyspace ~10% hits.
template <class K>
const std::vector<K>& workload(std::uint32_t keyspace) {
  static std::unordered_map<std::uint32_t, std::vector<K>> cache;
  auto& keys = cache[keyspace];
  if (keys.empty()) {
    std::mt19937 rng(42);
    std::uniform_int_distribution<std::uint32_t> dist(0, keyspace - 1);
    keys.reserve(kOps);
    for (std::size_t i = 0; i < kOps; ++i) keys.push_back(make_key<K>(dist(rng)));
  }
  return keys;
}

template <class Cache, class K>
void run_lru(benchmark::State& state, std::uint32_t keyspace) {
  const std::vector<K>& keys = workload<K>(keyspace);
  std::size_t hits = 0;
  for (auto _ : state) {
    Cache cache(kCapacity);
    for (const K& k : keys) {
      if (auto v = cache.get(k)) {
        ++hits;
        benchmark::DoNotOptimize(*v);
      } else {
        cache.put(k, 1);
      }
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kOps));
  state.counters["hit_rate"] = static_cast<double>(hits) /
                               static_cast<double>(state.iterations() * kOps);
}

// --- weak_value_map::find ---------------------------------------------------------

struct Texture {
  int id;
};

constexpr int kMapKeys = 10'000;

std::vector<int> lookup_keys() {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> dist(0, kMapKeys - 1);
  std::vector<int> keys(4096);
  for (int& k : keys) k = dist(rng);
  return keys;
}

void weak_value_map_find_baseline(benchmark::State& state) {
  std::vector<std::shared_ptr<Texture>> owners;
  std::unordered_map<int, std::weak_ptr<Texture>> map;
  for (int i = 0; i < kMapKeys; ++i) {
    owners.push_back(std::make_shared<Texture>(Texture{i}));
    map.emplace(i, owners.back());
  }
  const std::vector<int> keys = lookup_keys();
  std::size_t i = 0;
  for (auto _ : state) {
    auto it = map.find(keys[i++ & 4095]);
    std::shared_ptr<Texture> p = it != map.end() ? it->second.lock() : nullptr;
    benchmark::DoNotOptimize(p);
  }
}

void weak_value_map_find_refcycle(benchmark::State& state) {
  std::vector<std::shared_ptr<Texture>> owners;
  refcycle::weak_value_map<int, Texture> map;
  for (int i = 0; i < kMapKeys; ++i) {
    owners.push_back(std::make_shared<Texture>(Texture{i}));
    map.insert_or_assign(i, owners.back());
  }
  const std::vector<int> keys = lookup_keys();
  std::size_t i = 0;
  for (auto _ : state) {
    std::shared_ptr<Texture> p = map.find(keys[i++ & 4095]);
    benchmark::DoNotOptimize(p);
  }
}

void register_all() {
  benchmark::RegisterBenchmark("weak_method_call/baseline", weak_method_baseline);
  benchmark::RegisterBenchmark("weak_method_call/refcycle", weak_method_refcycle);
  benchmark::RegisterBenchmark("weak_method_std_function/baseline",
                               weak_method_function_baseline);
  benchmark::RegisterBenchmark("weak_method_std_function/refcycle",
                               weak_method_function_refcycle);

  struct lru_case {
    const char* name;
    std::uint32_t keyspace;
  };
  for (lru_case c : {lru_case{"lru_hit_heavy", 11'000}, lru_case{"lru_miss_heavy", 100'000}}) {
    const std::string base = c.name;
    const std::uint32_t ks = c.keyspace;
    auto reg = [](const std::string& name, auto fn) {
      benchmark::RegisterBenchmark(name.c_str(), fn)->Unit(benchmark::kMillisecond);
    };
    reg(base + "_int/baseline", [ks](benchmark::State& s) {
      run_lru<classic_lru<int, int>, int>(s, ks);
    });
    reg(base + "_int/refcycle", [ks](benchmark::State& s) {
      run_lru<refcycle::lru_cache<int, int>, int>(s, ks);
    });
    reg(base + "_string/baseline", [ks](benchmark::State& s) {
      run_lru<classic_lru<std::string, int>, std::string>(s, ks);
    });
    reg(base + "_string/refcycle", [ks](benchmark::State& s) {
      run_lru<refcycle::lru_cache<std::string, int>, std::string>(s, ks);
    });
  }

  benchmark::RegisterBenchmark("weak_value_map_find/baseline", weak_value_map_find_baseline);
  benchmark::RegisterBenchmark("weak_value_map_find/refcycle", weak_value_map_find_refcycle);
}

}  // namespace

int main(int argc, char** argv) {
  register_all();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
