// RUN: %check_clang_tidy --compile-fixed %s refcycle-shared-ptr-cycle %t

#include <memory>
#include <vector>

// Case 1: the cycle exists only in one instantiation: Holder<Widget> owns a
// Widget that owns the holder. The edge that closes it in declaration order
// is the non-template member, which gets the fix.
template <class T> struct Holder {
  std::shared_ptr<T> value;
};
struct Widget {
  std::shared_ptr<Holder<Widget>> holder;
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: 'Widget::holder' closes a shared_ptr ownership cycle: 'Holder<Widget>' -> 'Widget' -> 'Holder<Widget>'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
};
// CHECK-FIXES: {{^}}  std::weak_ptr<Holder<Widget>> holder;{{$}}
struct Plain {
  int x = 0;
};
Holder<Widget> WidgetHolder;
Holder<Plain> PlainHolder;

// Case 2: a cycle between two class templates, visible in the patterns:
// reported once although two instantiations repeat it.
template <class T> struct Child;
template <class T> struct Parent {
  std::vector<std::shared_ptr<Child<T>>> children;
};
template <class T> struct Child {
  std::shared_ptr<Parent<T>> parent;
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'Child::parent' closes a shared_ptr ownership cycle: 'Parent' -> 'Child' -> 'Parent'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
};
// CHECK-FIXES: {{^}}  std::weak_ptr<Parent<T>> parent;{{$}}
Parent<int> IntParent;
Child<int> IntChild;
Parent<char> CharParent;
Child<char> CharChild;

// Case 3: the back reference is the template's member ('owner'): it is not
// rewritten (other instantiations share it); the note says what to change.
template <class T> struct Slot {
  std::shared_ptr<T> owner;
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'Slot<Rack>::owner' closes a shared_ptr ownership cycle: 'Rack' -> 'Slot<Rack>' -> 'Rack'; objects
};
struct Rack {
  std::vector<std::shared_ptr<Slot<Rack>>> slots;
};
Slot<Rack> RackSlot;
Slot<int *> PointerSlot;
