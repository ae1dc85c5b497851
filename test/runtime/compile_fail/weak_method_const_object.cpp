// Must not compile: a non-const member function on a pointer to const.
#include "refcycle/weak_method.hpp"
struct S {
  void mutate();
};
void f(const std::shared_ptr<const S>& s) { refcycle::weak_method m(&S::mutate, s); }
