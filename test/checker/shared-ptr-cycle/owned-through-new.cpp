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

// A tree kept in the private part: the part holds its element's children
// (twice over here, as the tree and as templates), and nothing points back
// up. The part belongs to one element, so this is a tree of one type, as
// if the containers were the element's own members. Not reported.
class Widget;
class WidgetImpl {
public:
  std::vector<std::shared_ptr<Widget>> children;
  std::vector<std::shared_ptr<Widget>> prototypes;
};
class Widget {
public:
  Widget() : impl(new WidgetImpl) {}
  ~Widget() { delete impl; }
  void add(std::shared_ptr<Widget> w) { impl->children.push_back(std::move(w)); }
  void clear() {
    impl->children.clear();
    impl->prototypes.clear();
  }

private:
  WidgetImpl *impl;
};

// The same through std::unique_ptr, now with a link up to the parent
// element: reported, at the up link.
class Folder;
struct FolderImpl {
  std::vector<std::shared_ptr<Folder>> subfolders;
  std::shared_ptr<Folder> parent;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'FolderImpl::parent' closes a shared_ptr ownership cycle: 'Folder' -> 'FolderImpl' -> 'Folder'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-FIXES: {{^}}  std::weak_ptr<Folder> parent;{{$}}
};
class Folder {
  std::unique_ptr<FolderImpl> d;
  // CHECK-MESSAGES: :[[@LINE-1]]:31: note: 'Folder::d' owns 'FolderImpl' here
};
