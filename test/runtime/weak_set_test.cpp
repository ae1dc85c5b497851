// Tests for refcycle::weak_set, grouped by concern.
#include "refcycle/weak_set.hpp"

#include <memory>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace {

struct Listener {
  int notified = 0;
};

// --- Membership ----------------------------------------------------------------

TEST(WeakSetMembership, AddContainsDiscard) {
  refcycle::weak_set<Listener> set;
  auto a = std::make_shared<Listener>();
  auto b = std::make_shared<Listener>();
  EXPECT_TRUE(set.add(a));
  EXPECT_FALSE(set.add(a));
  EXPECT_TRUE(set.contains(a));
  EXPECT_FALSE(set.contains(b));
  EXPECT_TRUE(set.discard(a));
  EXPECT_FALSE(set.discard(a));
  EXPECT_FALSE(set.contains(a));
  EXPECT_EQ(a.use_count(), 1) << "the set must not own its members";
}

TEST(WeakSetMembership, NullIsIgnored) {
  refcycle::weak_set<Listener> set;
  EXPECT_FALSE(set.add(nullptr));
  EXPECT_FALSE(set.contains(nullptr));
  EXPECT_TRUE(set.empty());
}

TEST(WeakSetIdentity, EqualValuesAreDistinctMembers) {
  refcycle::weak_set<int> set;
  auto x = std::make_shared<int>(1);
  auto y = std::make_shared<int>(1);
  set.add(x);
  set.add(y);
  EXPECT_EQ(set.snapshot().size(), 2u);
}

TEST(WeakSetIdentity, AliasingPointersAreTheSameMember) {
  refcycle::weak_set<int> set;
  auto owner = std::make_shared<std::pair<int, int>>();
  set.add(std::shared_ptr<int>(owner, &owner->first));
  EXPECT_TRUE(set.contains(std::shared_ptr<int>(owner, &owner->second)));
}

TEST(WeakSetIdentity, NewObjectAtRecycledAddressIsNotAMember) {
  refcycle::weak_set<Listener> set;
  auto a = std::make_shared<Listener>();
  set.add(a);
  a.reset();
  // Whatever address the allocator hands out next, the control block differs.
  for (int i = 0; i < 8; ++i) {
    auto b = std::make_shared<Listener>();
    EXPECT_FALSE(set.contains(b));
  }
}

// --- Expiry --------------------------------------------------------------------

TEST(WeakSetExpiry, DeadMembersLeaveSnapshot) {
  refcycle::weak_set<Listener> set;
  auto a = std::make_shared<Listener>();
  auto b = std::make_shared<Listener>();
  set.add(a);
  set.add(b);
  a.reset();
  auto snap = set.snapshot();
  ASSERT_EQ(snap.size(), 1u);
  EXPECT_EQ(snap[0], b);
  EXPECT_EQ(set.size(), 2u);  // not purged yet
  set.purge();
  EXPECT_EQ(set.size(), 1u);
}

TEST(WeakSetExpiry, DeadEntriesDoNotAccumulate) {
  refcycle::weak_set<Listener> set;
  auto keep = std::make_shared<Listener>();
  set.add(keep);
  for (int i = 0; i < 10000; ++i) set.add(std::make_shared<Listener>());
  EXPECT_LE(set.size(), 2u * 1 + 16 + 1);
  EXPECT_TRUE(set.contains(keep));
}

// --- Iteration -----------------------------------------------------------------

TEST(WeakSetIteration, ForEachVisitsLiveMembers) {
  refcycle::weak_set<Listener> set;
  auto a = std::make_shared<Listener>();
  auto b = std::make_shared<Listener>();
  set.add(a);
  set.add(b);
  set.add(std::make_shared<Listener>());  // dead at once
  int visits = 0;
  set.for_each([&](Listener& l) {
    ++l.notified;
    ++visits;
  });
  EXPECT_EQ(visits, 2);
  EXPECT_EQ(a->notified, 1);
  EXPECT_EQ(b->notified, 1);
}

TEST(WeakSetIteration, ForEachMayModifyTheSet) {
  refcycle::weak_set<Listener> set;
  std::vector<std::shared_ptr<Listener>> owners;
  for (int i = 0; i < 4; ++i) {
    owners.push_back(std::make_shared<Listener>());
    set.add(owners.back());
  }
  int visits = 0;
  set.for_each([&](Listener&) {
    ++visits;
    for (auto& o : owners) set.discard(o);
    set.add(std::make_shared<Listener>());
  });
  EXPECT_EQ(visits, 4);  // iterates the snapshot taken before
  EXPECT_TRUE(set.snapshot().empty());
}

TEST(WeakSetIteration, SnapshotKeepsMembersAlive) {
  refcycle::weak_set<Listener> set;
  auto a = std::make_shared<Listener>();
  set.add(a);
  std::weak_ptr<Listener> w = a;
  auto snap = set.snapshot();
  a.reset();
  EXPECT_FALSE(w.expired());
  snap.clear();
  EXPECT_TRUE(w.expired());
}

}  // namespace
