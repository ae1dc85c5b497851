// RUN: %check_clang_tidy --fix-notes --compile-fixed %s refcycle-shared-ptr-cycle %t
// RUN: %clang_tidy %s --checks='-*,refcycle-shared-ptr-cycle' -- -std=c++17 2>&1 | %FileCheck %s --check-prefix=NOTES

#include <memory>
#include <string>
#include <vector>

// Case 1: a parent owns its children, each child owns its parent; the code
// shows the cycle forming (shared_from_this), and the uses of 'parent' are
// rewritten to lock it first (a fix attached to a note).
struct Widget;

struct Panel : std::enable_shared_from_this<Panel> {
  std::vector<std::shared_ptr<Widget>> children;
// NOTES-DAG: :[[@LINE-1]]:40: note: 'Panel::children' owns 'Widget' here
  void add(std::shared_ptr<Widget> w);
  std::string title;
};

struct Widget {
  std::shared_ptr<Panel> parent;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'Widget::parent' closes a shared_ptr ownership cycle: 'Panel' -> 'Widget' -> 'Panel'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// NOTES-DAG: :[[@LINE-2]]:26: {{warning}}: 'Widget::parent' closes
// NOTES-DAG: :[[@LINE-3]]:26: note: make 'Widget::parent' a weak pointer to break the cycle; its uses then lock it first, and must handle an expired object
  std::string title() const { return parent->title; }
  bool attached() const { return parent ? true : false; }
};
// CHECK-FIXES: {{^}}  std::weak_ptr<Panel> parent;{{$}}
// CHECK-FIXES: {{^}}  std::string title() const { return parent.lock()->title; }{{$}}
// CHECK-FIXES: {{^}}  bool attached() const { return parent.lock() ? true : false; }{{$}}

void Panel::add(std::shared_ptr<Widget> w) {
  w->parent = shared_from_this();
  children.push_back(std::move(w));
// NOTES-DAG: :[[@LINE-2]]:3: note: 'Panel::add' stores 'this' in 'parent' of 'w' here
// NOTES-DAG: :[[@LINE-2]]:3: note: and 'w' in 'children' of 'this' here: the two objects own each other
}

// Case 2: a tree of one type: children point down, 'parent' points up. Two
// distinct self-edges, one of them a back reference: reported.
struct TreeNode {
  std::vector<std::shared_ptr<TreeNode>> children;
// NOTES-DAG: :[[@LINE-1]]:42: note: 'TreeNode::children' owns 'TreeNode' here
  std::shared_ptr<TreeNode> parent;
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'TreeNode::parent' closes a shared_ptr ownership cycle: 'TreeNode' -> 'TreeNode' -> 'TreeNode'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// NOTES-DAG: :[[@LINE-2]]:29: {{warning}}: 'TreeNode::parent' closes
};
// CHECK-FIXES: {{^}}  std::weak_ptr<TreeNode> parent;{{$}}

// Case 3: no back-reference name: the single reference back to the type that
// holds many of these through a container is the one to weaken.
struct Folder;
struct File {
  std::shared_ptr<Folder> dir;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'File::dir' closes a shared_ptr ownership cycle: 'Folder' -> 'File' -> 'Folder'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// NOTES-DAG: :[[@LINE-2]]:27: {{warning}}: 'File::dir' closes
};
// CHECK-FIXES: {{^}}  std::weak_ptr<Folder> dir;{{$}}
struct Folder {
  std::vector<std::pair<int, std::shared_ptr<File>>> files;
// NOTES-DAG: :[[@LINE-1]]:54: note: 'Folder::files' owns 'File' here
};

// Case 4: the same with the parent owning children through unique_ptr.
struct Doc;
struct Para {
  std::shared_ptr<Doc> doc;
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'Para::doc' closes a shared_ptr ownership cycle: 'Doc' -> 'Para' -> 'Doc'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// NOTES-DAG: :[[@LINE-2]]:24: {{warning}}: 'Para::doc' closes
};
// CHECK-FIXES: {{^}}  std::weak_ptr<Doc> doc;{{$}}
struct Doc {
  std::unique_ptr<Para> first;
// NOTES-DAG: :[[@LINE-1]]:25: note: 'Doc::first' owns 'Para' here
  std::shared_ptr<Doc> self_check_not_a_cycle_member;
};

// Case 5: the children are held by value; each child owns its parent: the
// parent keeps itself alive through its own children.
struct Section {
  std::vector<Section> subsections;
  std::shared_ptr<Section> parent;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Section::parent' closes a shared_ptr ownership cycle: 'Section' -> 'Section' -> 'Section'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// NOTES-DAG: :[[@LINE-3]]:24: note: 'Section::subsections' owns 'Section' here
};
// CHECK-FIXES: {{^}}  std::weak_ptr<Section> parent;{{$}}
