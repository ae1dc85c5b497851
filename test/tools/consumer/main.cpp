#include <refcycle/refcycle.hpp>

#include <memory>

struct Owner;

struct Owned {
  std::shared_ptr<Owner> owner;
};

struct Owner {
  std::shared_ptr<Owned> owned;
};

int main() { return Owner{}.owned ? 1 : 0; }
