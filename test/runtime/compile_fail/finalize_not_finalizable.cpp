// Must not compile: T does not derive from refcycle::finalizable.
#include "refcycle/finalize.hpp"
struct Plain {};
void f(const std::shared_ptr<Plain>& p) { refcycle::finalize(p, [] {}); }
