#include <memory>

struct Owner;

struct Owned {
  std::weak_ptr<Owner> owner;
};

struct Owner {
  std::shared_ptr<Owned> owned;
};

int clean() { return Owner{}.owned ? 1 : 0; }
