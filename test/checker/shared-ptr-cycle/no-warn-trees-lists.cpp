// RUN: %check_clang_tidy %s refcycle-shared-ptr-cycle %t
// Shapes that are trees, lists or DAGs: no warning.

#include <map>
#include <memory>
#include <string>
#include <vector>

// Case 1: a singly-linked list.
struct ListNode {
  int value = 0;
  std::shared_ptr<ListNode> next;
};

// Case 2: a tree whose self-edges all point down.
struct Tree {
  std::vector<std::shared_ptr<Tree>> children;
  std::shared_ptr<Tree> first_child;
};

// Case 3: a binary tree: two self-edges, none of them a back reference.
struct BinaryNode {
  std::shared_ptr<BinaryNode> left;
  std::shared_ptr<BinaryNode> right;
};

// Case 4: a node that only points up (an in-tree): no down edge, no cycle.
struct UpNode {
  std::shared_ptr<UpNode> parent;
};

// Case 5: a DAG between distinct types.
struct Leaf {
  std::string name;
};
struct Branch {
  std::vector<std::shared_ptr<Leaf>> leaves;
};
struct Root {
  std::map<std::string, std::shared_ptr<Branch>> branches;
  std::shared_ptr<Leaf> favourite;
};

// Case 6: a list node that is a template, singly linked.
template <class T> struct Cons {
  T head;
  std::shared_ptr<Cons> tail;
};
Cons<int> IntList{1, nullptr};

// Case 7: a rope through a by-value wrapper: still one direction only.
struct Rope;
struct RopeLink {
  std::shared_ptr<Rope> next;
};
struct Rope {
  RopeLink link;
  std::string text;
};

// Case 8: children held by value, next sibling shared: a tree.
struct Outline {
  std::vector<Outline> items;
  std::shared_ptr<Outline> next_sibling;
};
