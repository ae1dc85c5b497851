// RUN: %check_clang_tidy --compile-fixed %s refcycle-shared-ptr-cycle %t

#include <memory>
#include <vector>

// Case 1: unique_ptr down, shared_ptr back up: a leak.
struct Engine;
struct Car {
  std::unique_ptr<Engine> engine;
};
struct Engine {
  std::shared_ptr<Car> car;
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'Engine::car' closes a shared_ptr ownership cycle: 'Car' -> 'Engine' -> 'Car'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
};
// CHECK-FIXES: {{^}}  std::weak_ptr<Car> car;{{$}}

// Case 2: three types, two unique edges and one shared: the shared edge is
// the one reported even though a unique edge is declared last.
struct Y;
struct Z;
struct X {
  std::shared_ptr<Y> y;
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'X::y' closes a shared_ptr ownership cycle: 'Y' -> 'Z' -> 'X' -> 'Y'; objects
};
// CHECK-FIXES: {{^}}  std::weak_ptr<Y> y;{{$}}
struct Y {
  std::unique_ptr<Z> z;
};
struct Z {
  std::vector<std::unique_ptr<X>> xs;
};

// Case 3: unique_ptr only, in both directions: no shared edge, no warning.
struct P;
struct Q {
  std::unique_ptr<P> p;
};
struct P {
  std::unique_ptr<Q> q;
};
