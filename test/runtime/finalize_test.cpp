// Tests for refcycle::finalize, grouped by concern.
#include "refcycle/finalize.hpp"

#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace {

struct Document : refcycle::finalizable {
  std::string path = "a.txt";
};

// --- Running on destruction ------------------------------------------------

TEST(FinalizeOnDestruction, RunsOnceWhenTheObjectDies) {
  int runs = 0;
  auto doc = std::make_shared<Document>();
  refcycle::finalizer f = refcycle::finalize(doc, [&] { ++runs; });
  EXPECT_TRUE(f.alive());
  EXPECT_EQ(runs, 0);
  doc.reset();
  EXPECT_EQ(runs, 1);
  EXPECT_FALSE(f.alive());
  EXPECT_FALSE(f());  // already ran
  EXPECT_EQ(runs, 1);
}

TEST(FinalizeOnDestruction, ArgumentsAreCopiedAtRegistration) {
  std::string seen;
  {
    Document doc;
    refcycle::finalize(doc, [&](const std::string& p) { seen = p; }, doc.path);
    doc.path = "changed";
  }
  EXPECT_EQ(seen, "a.txt");
}

TEST(FinalizeOnDestruction, DroppingTheHandleDoesNotCancel) {
  int runs = 0;
  {
    Document doc;
    (void)refcycle::finalize(doc, [&] { ++runs; });
  }
  EXPECT_EQ(runs, 1);
}

TEST(FinalizeOnDestruction, ReverseRegistrationOrder) {
  std::vector<int> order;
  {
    Document doc;
    refcycle::finalize(doc, [&] { order.push_back(1); });
    refcycle::finalize(doc, [&] { order.push_back(2); });
    refcycle::finalize(doc, [&] { order.push_back(3); });
  }
  EXPECT_EQ(order, (std::vector<int>{3, 2, 1}));
}

TEST(FinalizeOnDestruction, RunsAfterTheDerivedDestructor) {
  std::vector<std::string> order;
  struct Logged : refcycle::finalizable {
    std::vector<std::string>* log;
    ~Logged() { log->push_back("~Logged"); }
  };
  {
    Logged obj;
    obj.log = &order;
    refcycle::finalize(obj, [&] { order.push_back("finalizer"); });
  }
  EXPECT_EQ(order, (std::vector<std::string>{"~Logged", "finalizer"}));
}

TEST(FinalizeOnDestruction, AsAMember) {
  int runs = 0;
  struct Holder {
    refcycle::finalizable lifetime;
  };
  {
    Holder h;
    refcycle::finalize(h.lifetime, [&] { ++runs; });
  }
  EXPECT_EQ(runs, 1);
}

TEST(FinalizeOnDestruction, CopiesDoNotInheritFinalizers) {
  int runs = 0;
  {
    Document original;
    refcycle::finalize(original, [&] { ++runs; });
    { Document copy = original; }
    EXPECT_EQ(runs, 0);
  }
  EXPECT_EQ(runs, 1);
}

TEST(FinalizeOnDestruction, RunsOnTheDestroyingThread) {
  std::thread::id ran_on;
  auto doc = std::make_shared<Document>();
  refcycle::finalize(doc, [&] { ran_on = std::this_thread::get_id(); });
  std::thread t([d = std::move(doc)]() mutable { d.reset(); });
  const std::thread::id tid = t.get_id();
  t.join();
  EXPECT_EQ(ran_on, tid);
}

// --- detach --------------------------------------------------------------------

TEST(FinalizeDetach, NoCallbackAfterDetach) {
  int runs = 0;
  auto doc = std::make_shared<Document>();
  refcycle::finalizer f = refcycle::finalize(doc, [&] { ++runs; });
  EXPECT_TRUE(f.detach());
  EXPECT_FALSE(f.alive());
  EXPECT_FALSE(f.detach());
  doc.reset();
  EXPECT_EQ(runs, 0);
  EXPECT_FALSE(f());
}

TEST(FinalizeDetach, ReleasesCapturedStateImmediately) {
  auto payload = std::make_shared<int>(1);
  Document doc;
  refcycle::finalizer f = refcycle::finalize(doc, [payload] {});
  EXPECT_EQ(payload.use_count(), 2);
  f.detach();
  EXPECT_EQ(payload.use_count(), 1);
}

TEST(FinalizeDetach, DetachAfterDeathReturnsFalse) {
  refcycle::finalizer f;
  {
    Document doc;
    f = refcycle::finalize(doc, [] {});
  }
  EXPECT_FALSE(f.detach());
}

TEST(FinalizeDetach, ManyDetachedFinalizersDoNotAccumulate) {
  Document doc;
  auto payload = std::make_shared<int>(0);
  for (int i = 0; i < 10000; ++i) {
    refcycle::finalize(doc, [payload] {}).detach();
  }
  EXPECT_EQ(payload.use_count(), 1);
}

// --- Explicit call ---------------------------------------------------------

TEST(FinalizeCall, ExplicitCallRunsNowAndOnlyOnce) {
  int runs = 0;
  {
    Document doc;
    refcycle::finalizer f = refcycle::finalize(doc, [&] { ++runs; });
    refcycle::finalizer copy = f;
    EXPECT_TRUE(f());
    EXPECT_FALSE(copy());
    EXPECT_FALSE(copy.alive());
  }
  EXPECT_EQ(runs, 1);
}

TEST(FinalizeCall, ExceptionFromExplicitCallPropagatesAndKills) {
  int runs = 0;
  {
    Document doc;
    refcycle::finalizer f = refcycle::finalize(doc, [&] {
      ++runs;
      throw std::runtime_error("cleanup failed");
    });
    EXPECT_THROW(f(), std::runtime_error);
    EXPECT_FALSE(f.alive());
  }
  EXPECT_EQ(runs, 1);  // not run again at destruction
}

TEST(FinalizeCall, EmptyHandle) {
  refcycle::finalizer f;
  EXPECT_FALSE(f.alive());
  EXPECT_FALSE(f.detach());
  EXPECT_FALSE(f());
}

}  // namespace
