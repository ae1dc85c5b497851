// Exercises the exact spellings emitted by the refcycle clang-tidy fix-its,
// through the umbrella header only. Compiled as C++17 (runtime_unit tests) and
// again as C++20 and C++23 (runtime_cxx20_test, runtime_cxx23_test).
#include "refcycle/refcycle.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <gtest/gtest.h>

namespace {

// weak_method inside a member of a class using enable_shared_from_this.
class Client : public std::enable_shared_from_this<Client> {
 public:
  void connect() {
    on_data_ = refcycle::weak_method(&Client::handle, weak_from_this());
    on_close_ = refcycle::weak_method(&Client::close, shared_from_this());
    std::function<void(int)> constructed{
        refcycle::weak_method(&Client::handle, weak_from_this())};
    extra_ = std::move(constructed);
  }
  void handle(int n) { received += n; }
  void close() { closed = true; }

  std::function<void(int)> on_data_;
  std::function<void()> on_close_;
  std::function<void(int)> extra_;
  int received = 0;
  bool closed = false;
};

TEST(FixItSpellings, WeakMethodFromThis) {
  auto c = std::make_shared<Client>();
  c->connect();
  auto on_data = c->on_data_;
  auto on_close = c->on_close_;
  on_data(2);
  c->extra_(3);
  on_close();
  EXPECT_EQ(c->received, 5);
  EXPECT_TRUE(c->closed);
  EXPECT_EQ(c.use_count(), 1);
  c.reset();
  on_data(1);  // object gone: no-op
  on_close();
}

int compute(const std::string& k) { return static_cast<int>(k.size()); }

TEST(FixItSpellings, LruCache) {
  refcycle::lru_cache<std::string, int> cache{128};
  std::string k = "key";
  std::optional<int> miss = cache.get(k);
  EXPECT_FALSE(miss);
  cache.put(k, 1);
  int v = cache.get_or_insert_with("other", [&] { return compute("other"); });
  EXPECT_EQ(v, 5);
  EXPECT_TRUE(cache.contains(k));
  cache.erase(k);
  refcycle::lru_cache_info info = cache.cache_info();
  EXPECT_EQ(info.currsize, 1u);
  cache.cache_clear();
}

struct Texture {
  explicit Texture(int i) : id(i) {}
  int id;
};

TEST(FixItSpellings, WeakValueMap) {
  refcycle::weak_value_map<int, Texture> textures;
  std::shared_ptr<Texture> t =
      textures.get_or_create(1, [] { return std::make_shared<Texture>(1); });
  EXPECT_EQ(textures.find(1), t);
  textures.insert_or_assign(2, t);
  EXPECT_EQ(textures.size(), 2u);
  textures.erase(2);
  textures.purge();
  EXPECT_EQ(textures.snapshot().size(), 1u);
}

TEST(FixItSpellings, WeakSet) {
  refcycle::weak_set<Texture> set;
  auto t = std::make_shared<Texture>(1);
  set.add(t);
  EXPECT_TRUE(set.contains(t));
  std::vector<std::shared_ptr<Texture>> live = set.snapshot();
  set.for_each([](Texture& x) { x.id += 1; });
  EXPECT_EQ(t->id, 2);
  set.discard(t);
  set.purge();
  EXPECT_EQ(set.size(), 0u);
  (void)live;
}

TEST(FixItSpellings, MutexPolicies) {
  refcycle::lru_cache<int, int, std::hash<int>, std::equal_to<int>, std::mutex> shared{4};
  refcycle::weak_set<Texture, std::mutex> set;
  refcycle::weak_value_map<int, Texture, std::hash<int>, std::equal_to<int>,
                           refcycle::null_mutex>
      local;
  shared.put(1, 1);
  EXPECT_EQ(shared.get(1), std::optional<int>(1));
}

}  // namespace
