// RUN: %check_clang_tidy --compile-fixed %s refcycle-shared-ptr-cycle %t
// RUN: %clang_tidy %s --checks='-*,refcycle-shared-ptr-cycle' -- -std=c++17 2>&1 | %FileCheck %s --check-prefix=NOTES

#include <memory>
#include <string>

// Case 1: the smallest cycle; the back reference is found by name.
struct Child;

struct Parent {
  std::shared_ptr<Child> child;
// NOTES-DAG: :[[@LINE-1]]:26: note: 'Parent::child' owns 'Child' here
};

struct Child {
  std::shared_ptr<Parent> parent;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Child::parent' closes a shared_ptr ownership cycle: 'Parent' -> 'Child' -> 'Parent'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// NOTES-DAG: :[[@LINE-2]]:27: {{warning}}: 'Child::parent' closes
};
// CHECK-FIXES: {{^}}  std::weak_ptr<Parent> parent;{{$}}

// Case 2: no back-reference name: the edge that closes the cycle in
// declaration order is reported, in a namespace.
namespace app {
struct Engine;
struct Car {
  std::shared_ptr<Engine> engine;
// NOTES-DAG: :[[@LINE-1]]:27: note: 'app::Car::engine' owns 'app::Engine' here
};
struct Engine {
  std::shared_ptr<Car> car;
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'app::Engine::car' closes a shared_ptr ownership cycle: 'app::Car' -> 'app::Engine' -> 'app::Car'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// NOTES-DAG: :[[@LINE-2]]:24: {{warning}}: 'app::Engine::car' closes
};
// CHECK-FIXES: {{^}}  std::weak_ptr<Car> car;{{$}}
} // namespace app

// Case 3: the back reference by name is declared first; it is still the one
// reported. Uses that assign a shared_ptr keep the fix on the warning, and
// the code shows both directions being linked.
struct Window;
struct Document {
  std::shared_ptr<Window> host;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Document::host' closes a shared_ptr ownership cycle: 'Window' -> 'Document' -> 'Window'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// NOTES-DAG: :[[@LINE-2]]:27: {{warning}}: 'Document::host' closes
};
// CHECK-FIXES: {{^}}  std::weak_ptr<Window> host;{{$}}

void link(const std::shared_ptr<Window> &w, const std::shared_ptr<Document> &d);

struct Window {
  std::shared_ptr<Document> document;
// NOTES-DAG: :[[@LINE-1]]:29: note: 'Window::document' owns 'Document' here
};

void link(const std::shared_ptr<Window> &w,
          const std::shared_ptr<Document> &d) {
  w->document = d;
  d->host = w;
// NOTES-DAG: :[[@LINE-2]]:3: note: 'link' stores 'd' in 'document' of 'w' here
// NOTES-DAG: :[[@LINE-2]]:3: note: and 'w' in 'host' of 'd' here: the two objects own each other
}

