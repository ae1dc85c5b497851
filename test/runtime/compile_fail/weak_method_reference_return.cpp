// Must not compile: a weak_method cannot return a reference.
#include "refcycle/weak_method.hpp"
struct S {
  int& ref();
};
void f(const std::shared_ptr<S>& s) { refcycle::weak_method m(&S::ref, s); }
