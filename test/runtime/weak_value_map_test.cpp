// Tests for refcycle::weak_value_map, grouped by concern.
#include "refcycle/weak_value_map.hpp"

#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <utility>

#include <gtest/gtest.h>

namespace {

struct Font {
  explicit Font(std::string n) : name(std::move(n)) {}
  Font(const Font&) = delete;  // values need not be copyable or movable
  Font& operator=(const Font&) = delete;
  std::string name;
};

using FontMap = refcycle::weak_value_map<std::string, Font>;

// --- Lookup and expiry -----------------------------------------------------

TEST(WeakValueMapLookup, FindReturnsLiveValue) {
  FontMap map;
  auto mono = std::make_shared<Font>("mono");
  EXPECT_TRUE(map.insert_or_assign("mono", mono));
  EXPECT_EQ(map.find("mono"), mono);
  EXPECT_TRUE(map.contains("mono"));
  EXPECT_EQ(mono.use_count(), 1) << "the map must not own its values";
}

TEST(WeakValueMapLookup, FindMissingIsNull) {
  FontMap map;
  EXPECT_EQ(map.find("none"), nullptr);
  EXPECT_FALSE(map.contains("none"));
}

TEST(WeakValueMapExpiry, ExpiredEntryIsNullAndDroppedOnFind) {
  FontMap map;
  auto mono = std::make_shared<Font>("mono");
  map.insert_or_assign("mono", mono);
  mono.reset();
  EXPECT_EQ(map.size(), 1u);  // not purged yet
  EXPECT_FALSE(map.contains("mono"));
  EXPECT_EQ(map.find("mono"), nullptr);
  EXPECT_EQ(map.size(), 0u);  // find dropped it
}

TEST(WeakValueMapExpiry, PurgeRemovesOnlyDeadEntries) {
  FontMap map;
  auto keep = std::make_shared<Font>("keep");
  map.insert_or_assign("keep", keep);
  map.insert_or_assign("gone", std::make_shared<Font>("gone"));
  EXPECT_EQ(map.size(), 2u);
  map.purge();
  EXPECT_EQ(map.size(), 1u);
  EXPECT_EQ(map.find("keep"), keep);
}

TEST(WeakValueMapExpiry, DeadEntriesDoNotAccumulate) {
  FontMap map;
  auto survivor = std::make_shared<Font>("survivor");
  map.insert_or_assign("survivor", survivor);
  for (int i = 0; i < 10000; ++i) {
    auto f = map.get_or_create(std::to_string(i), [&] {
      return std::make_shared<Font>(std::to_string(i));
    });
    EXPECT_TRUE(f);
  }  // every created value died immediately
  EXPECT_LE(map.size(), 2u * 1 + 16 + 1) << "map must stay O(live)";
  EXPECT_EQ(map.find("survivor"), survivor);
}

// --- Insertion ------------------------------------------------------------------

TEST(WeakValueMapInsert, InsertOrAssignReplaces) {
  FontMap map;
  auto a = std::make_shared<Font>("a");
  auto b = std::make_shared<Font>("b");
  EXPECT_TRUE(map.insert_or_assign("k", a));
  EXPECT_FALSE(map.insert_or_assign("k", b));
  EXPECT_EQ(map.find("k"), b);
}

TEST(WeakValueMapInsert, InsertOverExpiredReportsNew) {
  FontMap map;
  map.insert_or_assign("k", std::make_shared<Font>("dead"));
  auto live = std::make_shared<Font>("live");
  EXPECT_TRUE(map.insert_or_assign("k", live));
}

TEST(WeakValueMapInsert, NullValueErases) {
  FontMap map;
  auto a = std::make_shared<Font>("a");
  map.insert_or_assign("k", a);
  map.insert_or_assign("k", nullptr);
  EXPECT_EQ(map.size(), 0u);
}

TEST(WeakValueMapInsert, EraseAndClear) {
  FontMap map;
  auto a = std::make_shared<Font>("a");
  map.insert_or_assign("a", a);
  EXPECT_TRUE(map.erase("a"));
  EXPECT_FALSE(map.erase("a"));
  map.insert_or_assign("a", a);
  map.clear();
  EXPECT_TRUE(map.empty());
  EXPECT_EQ(a.use_count(), 1);
}

// --- get_or_create: the identity cache ----------------------------------------

TEST(WeakValueMapGetOrCreate, ReturnsSameObjectWhileAlive) {
  FontMap map;
  int calls = 0;
  auto factory = [&] {
    ++calls;
    return std::make_shared<Font>("mono");
  };
  auto a = map.get_or_create("mono", factory);
  auto b = map.get_or_create("mono", factory);
  EXPECT_EQ(a, b);
  EXPECT_EQ(calls, 1);
}

TEST(WeakValueMapGetOrCreate, RecreatesUnderSameKeyAfterExpiry) {
  FontMap map;
  int calls = 0;
  auto factory = [&] {
    ++calls;
    return std::make_shared<Font>("mono#" + std::to_string(calls));
  };
  map.get_or_create("mono", factory).reset();  // dies at once
  auto again = map.get_or_create("mono", factory);
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(again->name, "mono#2");
  EXPECT_EQ(map.size(), 1u);
}

TEST(WeakValueMapGetOrCreate, FactoryExceptionLeavesMapUnchanged) {
  FontMap map;
  auto keep = std::make_shared<Font>("keep");
  map.insert_or_assign("keep", keep);
  EXPECT_THROW(map.get_or_create("boom", []() -> std::shared_ptr<Font> {
                 throw std::runtime_error("factory failed");
               }),
               std::runtime_error);
  EXPECT_EQ(map.size(), 1u);
  EXPECT_FALSE(map.contains("boom"));
  EXPECT_EQ(map.find("keep"), keep);
}

TEST(WeakValueMapGetOrCreate, NullFactoryResultIsNotStored) {
  FontMap map;
  EXPECT_EQ(map.get_or_create("k", [] { return std::shared_ptr<Font>(); }), nullptr);
  EXPECT_EQ(map.size(), 0u);
}

TEST(WeakValueMapGetOrCreate, FactoryMayUseTheMapRecursively) {
  refcycle::weak_value_map<int, Font, std::hash<int>, std::equal_to<int>, std::mutex> map;
  std::shared_ptr<Font> inner;
  auto outer = map.get_or_create(1, [&] {
    inner = map.get_or_create(2, [] { return std::make_shared<Font>("two"); });
    return std::make_shared<Font>("one");
  });
  EXPECT_EQ(map.find(1), outer);
  EXPECT_EQ(map.find(2), inner);
}

TEST(WeakValueMapGetOrCreate, ValueStoredDuringFactoryWins) {
  FontMap map;
  std::shared_ptr<Font> first;
  auto result = map.get_or_create("k", [&] {
    first = std::make_shared<Font>("first");
    map.insert_or_assign("k", first);  // as another thread would
    return std::make_shared<Font>("second");
  });
  EXPECT_EQ(result, first);
  EXPECT_EQ(map.find("k"), first);
}

TEST(WeakValueMapGetOrCreate, AcceptsFactoryReturningDerived) {
  struct Base {
    virtual ~Base() = default;
  };
  struct Derived : Base {};
  refcycle::weak_value_map<int, Base> map;
  std::shared_ptr<Base> b = map.get_or_create(1, [] { return std::make_shared<Derived>(); });
  EXPECT_NE(std::dynamic_pointer_cast<Derived>(b), nullptr);
}

// --- Destructors run outside the lock ---------------------------------------

TEST(WeakValueMapLocking, ValueDestructorMayUseTheMap) {
  using Map = refcycle::weak_value_map<int, int, std::hash<int>,
                                       std::equal_to<int>, std::mutex>;
  Map map;
  // A losing factory result is destroyed after the lock is released; its
  // deleter uses the map (it would deadlock under the lock).
  std::shared_ptr<int> winner;
  bool deleter_ran = false;
  auto result = map.get_or_create(7, [&] {
    winner = std::make_shared<int>(1);
    map.insert_or_assign(7, winner);
    return std::shared_ptr<int>(new int(2), [&](int* p) {
      deleter_ran = map.contains(7);
      delete p;
    });
  });
  EXPECT_EQ(result, winner);
  EXPECT_TRUE(deleter_ran);
}

// --- snapshot ------------------------------------------------------------------

TEST(WeakValueMapSnapshot, ContainsOnlyLiveEntries) {
  FontMap map;
  auto a = std::make_shared<Font>("a");
  map.insert_or_assign("a", a);
  map.insert_or_assign("dead", std::make_shared<Font>("dead"));
  auto snap = map.snapshot();
  ASSERT_EQ(snap.size(), 1u);
  EXPECT_EQ(snap[0].first, "a");
  EXPECT_EQ(snap[0].second, a);
}

TEST(WeakValueMapSnapshot, KeepsValuesAlive) {
  FontMap map;
  auto a = std::make_shared<Font>("a");
  map.insert_or_assign("a", a);
  auto snap = map.snapshot();
  a.reset();
  EXPECT_TRUE(map.contains("a"));
  snap.clear();
  EXPECT_FALSE(map.contains("a"));
}

}  // namespace
