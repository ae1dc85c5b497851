// RUN: %check_clang_tidy --allow-compile-errors %s refcycle-shared-ptr-cycle %t
// Invalid declarations, dependent types and odd members never crash the
// check; the valid cycle is still reported (no fix is applied to a file
// with errors).

#include <memory>
#include <vector>

struct Broken {
  std::shared_ptr<Missing> missing;
  UnknownType value;
};

template <class T> struct Dependent {
  std::shared_ptr<typename T::type> nested;
  std::vector<std::shared_ptr<T>> many;
  T by_value;
};

struct Anon {
  struct {
    std::shared_ptr<Anon> inner_parent;
  } link;
  union {
    int i;
    float f;
  };
  int bits : 3;
  std::shared_ptr<void> erased;
  std::shared_ptr<int[]> array;
};

struct B;
struct A {
  std::shared_ptr<B> b;
};
struct B {
  std::shared_ptr<A> a;
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'B::a' closes a shared_ptr ownership cycle: 'A' -> 'B' -> 'A'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  auto lambda() {
    return [p = a] { return p; };
  }
};
