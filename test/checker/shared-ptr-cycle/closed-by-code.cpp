// RUN: %check_clang_tidy --compile-fixed %s refcycle-shared-ptr-cycle %t -- -- -std=c++17

// The code stores two objects into each other: one in a member of the
// other, and the other in a member of the first, in one function (directly,
// through a member function that stores its parameter, or through a
// constructor). That closes the type-level loop on objects, whatever the
// members are called; the single pointer of the pair is the way back.

#include <memory>
#include <string>
#include <vector>

// 1. One type, an up-pointer with no back-reference word in its name.
struct Entry {
  std::string label;
  std::vector<std::shared_ptr<Entry>> items;
  std::shared_ptr<Entry> holder;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'Entry::holder' closes a shared_ptr ownership cycle: 'Entry' -> 'Entry' -> 'Entry'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE-3]]:39: note: 'Entry::items' owns 'Entry' here
  // CHECK-FIXES: {{^}}  std::weak_ptr<Entry> holder;
};

void attach(const std::shared_ptr<Entry> &shelf,
            const std::shared_ptr<Entry> &item) {
  item->holder = shelf;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'attach' stores 'shelf' in 'holder' of 'item' here
  shelf->items.push_back(item);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: and 'item' in 'items' of 'shelf' here: the two objects own each other
}

// 2. Through a constructor that stores its parameter, and shared_from_this().
class Scope : public std::enable_shared_from_this<Scope> {
public:
  explicit Scope(std::shared_ptr<Scope> outer) : enclosing_(std::move(outer)) {}
  // CHECK-FIXES: {{^}}  explicit Scope(std::shared_ptr<Scope> outer) : enclosing_(std::move(outer)) {}
  std::shared_ptr<Scope> open() {
    auto inner = std::make_shared<Scope>(shared_from_this());
    nested_.push_back(inner);
    return inner;
  }

private:
  std::vector<std::shared_ptr<Scope>> nested_;
  std::shared_ptr<Scope> enclosing_;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'Scope::enclosing_' closes a shared_ptr ownership cycle: 'Scope' -> 'Scope' -> 'Scope'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE-3]]:39: note: 'Scope::nested_' owns 'Scope' here
  // CHECK-MESSAGES: :[[@LINE-10]]:18: note: 'Scope::open' stores 'this' in 'enclosing_' of 'inner' here
  // CHECK-MESSAGES: :[[@LINE-10]]:5: note: and 'inner' in 'nested_' of 'this' here: the two objects own each other
  // CHECK-FIXES: {{^}}  std::weak_ptr<Scope> enclosing_;
};

// 3. Two types, through a member function that stores its parameter: the
//    evidence picks the single pointer 'm_up', not the container.
struct Shelf;
struct Item {
  std::shared_ptr<Shelf> m_up;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'Item::m_up' closes a shared_ptr ownership cycle: 'Shelf' -> 'Item' -> 'Shelf'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-FIXES: {{^}}  std::weak_ptr<Shelf> m_up;
  void place(std::shared_ptr<Shelf> s) { m_up = std::move(s); }
};
struct Shelf : std::enable_shared_from_this<Shelf> {
  std::vector<std::shared_ptr<Item>> things;
  // CHECK-MESSAGES: :[[@LINE-1]]:38: note: 'Shelf::things' owns 'Item' here
  void put(const std::shared_ptr<Item> &item) {
    item->place(shared_from_this());
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'Shelf::put' stores 'this' in 'm_up' of 'item' here
    things.push_back(item);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: and 'item' in 'things' of 'this' here: the two objects own each other
  }
};

// Must not warn: a chain that only points forward. The types form a loop
// (a Task holds Tasks), the code never stores two objects into each other.
struct Task {
  std::vector<std::shared_ptr<Task>> subtasks;
  std::shared_ptr<Task> next;
};
void chain(const std::shared_ptr<Task> &a, const std::shared_ptr<Task> &b) {
  a->next = b;
  b->subtasks.push_back(std::make_shared<Task>());
}

// Must not warn: the objects stored into each other are different ones.
struct Folder {
  std::vector<std::shared_ptr<Folder>> children;
  std::shared_ptr<Folder> link;
};
void relink(const std::shared_ptr<Folder> &a, const std::shared_ptr<Folder> &b,
            const std::shared_ptr<Folder> &c) {
  a->link = b;
  c->children.push_back(a);
}
