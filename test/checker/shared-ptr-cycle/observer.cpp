// RUN: %check_clang_tidy --compile-fixed %s refcycle-shared-ptr-cycle %t
// RUN: %clang_tidy %s --checks='-*,refcycle-shared-ptr-cycle' -- -std=c++17 2>&1 | %FileCheck %s --check-prefix=NOTES

#include <memory>
#include <vector>

// Case 1: the observer pattern: the subject owns its observers through the
// polymorphic base, a concrete observer owns the subject.
struct Observer {
  virtual ~Observer() = default;
  virtual void notify() = 0;
};

struct Subject {
  std::vector<std::shared_ptr<Observer>> observers;
  // CHECK-MESSAGES: :[[@LINE-1]]:42: warning: 'Subject::observers' closes a shared_ptr ownership cycle: 'Logger' -> 'Subject' -> 'Logger'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// NOTES-DAG: :[[@LINE-2]]:42: note: 'Subject::observers' owns 'Logger' here through its base class 'Observer'
};
// CHECK-FIXES: {{^}}  std::vector<std::weak_ptr<Observer>> observers;{{$}}

struct Logger : Observer {
  std::shared_ptr<Subject> watched;
// NOTES-DAG: :[[@LINE-1]]:28: note: 'Logger::watched' owns 'Subject' here
  void notify() override {}
};
// A Logger is handed out as an Observer (an edge to a base reaches only the
// derived classes the code converts to it: conversions.cpp).
std::shared_ptr<Observer> asObserver(std::shared_ptr<Logger> L) { return L; }

// Case 2: two levels of derivation; the listener is a grandchild.
namespace ui {
struct Handler {
  virtual ~Handler();
};
struct Button {
  std::shared_ptr<Handler> listener;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'ui::Button::listener' closes a shared_ptr ownership cycle: 'ui::ClickCounter' -> 'ui::Button' -> 'ui::ClickCounter'; objects
};
// CHECK-FIXES: {{^}}  std::weak_ptr<Handler> listener;{{$}}
struct ClickHandler : Handler {};
struct ClickCounter : ClickHandler {
  std::vector<std::shared_ptr<Button>> buttons;
// NOTES-DAG: :[[@LINE-1]]:40: note: 'ui::ClickCounter::buttons' owns 'ui::Button' here
};
std::shared_ptr<Handler> asHandler() { return std::make_shared<ClickCounter>(); }
} // namespace ui
