// RUN: %check_clang_tidy --compile-fixed %s refcycle-shared-ptr-cycle %t

#include <memory>

// Case 1: prev and next both own: 'prev' is the back reference.
struct Node {
  std::shared_ptr<Node> next;
  std::shared_ptr<Node> prev;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Node::prev' closes a shared_ptr ownership cycle: 'Node' -> 'Node' -> 'Node'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  int value = 0;
};
// CHECK-FIXES: {{^}}  std::weak_ptr<Node> prev;{{$}}

// Case 2: the back link declared first, named 'back'.
struct Link {
  std::shared_ptr<Link> back;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Link::back' closes a shared_ptr ownership cycle
  std::shared_ptr<Link> forward;
};
// CHECK-FIXES: {{^}}  std::weak_ptr<Link> back;{{$}}

// Case 3: a doubly-linked node template: reported once, at the template,
// however many instantiations the code uses.
template <class T> struct ListNode {
  std::shared_ptr<ListNode> next;
  std::shared_ptr<ListNode> prev;
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'ListNode::prev' closes a shared_ptr ownership cycle: 'ListNode' -> 'ListNode' -> 'ListNode'; objects
  T value{};
};
// CHECK-FIXES: {{^}}  std::weak_ptr<ListNode> prev;{{$}}
ListNode<int> IntNode;
ListNode<double> DoubleNode;

// Case 4: a list node that also points at its list: two types, the
// 'owner' edge is weakened; the self-edges next/prev form no separate report.
struct Chain;
struct Ring {
  std::shared_ptr<Ring> next;
  std::shared_ptr<Chain> owner;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'Ring::owner' closes a shared_ptr ownership cycle: 'Chain' -> 'Ring' -> 'Chain'; objects
};
// CHECK-FIXES: {{^}}  std::weak_ptr<Chain> owner;{{$}}
struct Chain {
  std::shared_ptr<Ring> head;
};
