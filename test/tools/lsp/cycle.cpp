// LSP: refcycle-shared-ptr-cycle 'Child::parent' 11
#include <memory>

struct Child;

struct Parent {
  std::shared_ptr<Child> child;
};

struct Child {
  std::shared_ptr<Parent> parent;
};

int main() {
  auto P = std::make_shared<Parent>();
  P->child = std::make_shared<Child>();
  P->child->parent = P;
}
