// Must not compile: rvalue-ref-qualified member functions are rejected.
#include "refcycle/weak_method.hpp"
struct S {
  void consume() &&;
};
void f(const std::shared_ptr<S>& s) { refcycle::weak_method m(&S::consume, s); }
