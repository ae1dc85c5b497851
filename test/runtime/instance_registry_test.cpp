// Tests for refcycle::tracked (instance registry), grouped by concern.
#include "refcycle/instance_registry.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace {

class Widget : public refcycle::tracked<Widget> {
 public:
  explicit Widget(int v = 0) : value(v) {}
  int value;
};

bool is_live(const Widget* w) {
  auto all = Widget::instances();
  return std::find(all.begin(), all.end(), w) != all.end();
}

TEST(TrackedLifetime, RegistersAndUnregisters) {
  const std::size_t before = Widget::instance_count();
  {
    Widget a(1);
    EXPECT_EQ(Widget::instance_count(), before + 1);
    EXPECT_TRUE(is_live(&a));
  }
  EXPECT_EQ(Widget::instance_count(), before);
}

TEST(TrackedLifetime, CopiesAndMovesAreNewInstances) {
  Widget a(1);
  Widget b = a;
  Widget c = std::move(b);
  EXPECT_TRUE(is_live(&a));
  EXPECT_TRUE(is_live(&b));
  EXPECT_TRUE(is_live(&c));
  a = c;  // assignment keeps identities
  EXPECT_EQ(Widget::instance_count(), 3u);
}

TEST(TrackedLifetime, ContainersOfInstances) {
  std::vector<Widget> v;
  for (int i = 0; i < 100; ++i) v.emplace_back(i);  // reallocations move
  EXPECT_EQ(Widget::instance_count(), 100u);
  v.clear();
  EXPECT_EQ(Widget::instance_count(), 0u);
}

TEST(TrackedLifetime, ThrowingConstructorDoesNotLeaveAnEntry) {
  struct Throws : refcycle::tracked<Throws> {
    struct Member {
      Member() { throw std::runtime_error("member"); }
    } member;
  };
  EXPECT_THROW({ Throws t; (void)t; }, std::runtime_error);
  EXPECT_EQ(Throws::instance_count(), 0u);
}

TEST(TrackedLifetime, UntrackIsIdempotent) {
  struct Early : refcycle::tracked<Early> {
    ~Early() { untrack(); }
  };
  { Early e; EXPECT_EQ(Early::instance_count(), 1u); }
  EXPECT_EQ(Early::instance_count(), 0u);
}

TEST(TrackedIteration, ForEachVisitsEveryInstance) {
  Widget a(1), b(2);
  int sum = 0;
  Widget::for_each_instance([&](Widget& w) { sum += w.value; });
  EXPECT_EQ(sum, 3);
}

TEST(TrackedIteration, RegistriesArePerClass) {
  struct Gadget : refcycle::tracked<Gadget> {};
  Widget w;
  Gadget g1, g2;
  EXPECT_EQ(Widget::instance_count(), 1u);
  EXPECT_EQ(Gadget::instance_count(), 2u);
}

}  // namespace
