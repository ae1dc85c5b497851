// RUN: %check_clang_tidy %s refcycle-shared-ptr-cycle %t

#include <memory>

struct Child;

struct Parent {
  std::shared_ptr<Child> child;
};

struct Child {
  std::shared_ptr<Parent> parent;
  // CHECK-NOTES: :[[@LINE-1]]:27: warning: 'Child::parent' closes a shared_ptr ownership cycle: 'Parent' -> 'Child' -> 'Parent'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-NOTES: :[[@LINE-6]]:26: note: 'Parent::child' owns 'Child' here
};
