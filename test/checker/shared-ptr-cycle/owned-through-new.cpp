// RUN: %check_clang_tidy --compile-fixed %s refcycle-shared-ptr-cycle %t -- -- -std=c++17

// A raw pointer member that its class fills only with `new` owns its
// pointee, as a std::unique_ptr member would (the pimpl idiom). A strong
// pointer back from the pointee closes a cycle through it.

#include <memory>
#include <vector>

class Element;
using ElementPtr = std::shared_ptr<Element>;

class ElementPrivate {
public:
  std::shared_ptr<Element> parent;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'ElementPrivate::parent' closes a shared_ptr ownership cycle: 'Element' -> 'ElementPrivate' -> 'Element'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-FIXES: {{^}}  std::weak_ptr<Element> parent;{{$}}
  std::vector<ElementPtr> elements;
};

class Element : public std::enable_shared_from_this<Element> {
public:
  Element() : dataPtr(new ElementPrivate) {}
  ~Element() { delete dataPtr; }
  void setParent(const ElementPtr &p) { dataPtr->parent = p; }

private:
  ElementPrivate *dataPtr;
  // CHECK-MESSAGES: :[[@LINE-1]]:19: note: 'Element::dataPtr' owns 'ElementPrivate' here
};

// Must not warn: a raw pointer the class is handed (it does not own it).
class View;
class Model {
public:
  std::shared_ptr<View> view;
};
class View {
public:
  explicit View(Model *m) : model(m) {}

private:
  Model *model;
};
