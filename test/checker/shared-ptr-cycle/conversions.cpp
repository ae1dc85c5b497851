// RUN: %check_clang_tidy --compile-fixed %s refcycle-shared-ptr-cycle %t
// RUN: %clang_tidy %s --checks='-*,refcycle-shared-ptr-cycle' -- -std=c++17 2>&1 | %FileCheck %s --check-prefix=NOTES
//
// An edge to a polymorphic base reaches a derived class only when the code
// turns that class into the base: a cycle that the types allow but that no
// conversion wires up is not reported.

#include <memory>
#include <vector>

// Case 1: no conversion at all. A thread runs any runnable; the server is a
// runnable and owns threads, but nothing ever hands a server to a thread.
namespace none {
struct Runnable {
  virtual ~Runnable() = default;
  virtual void run() = 0;
};
struct Thread {
  std::shared_ptr<Runnable> runnable;
};
struct Worker : Runnable {
  void run() override {}
};
struct Server : Runnable {
  std::vector<std::shared_ptr<Thread>> threads;
  void run() override {}
  // Calling a base's function through a derived pointer converts the
  // pointer, but holds nothing.
  void restart(Server *Other) { Other->run(); }
  void start() {
    auto T = std::make_shared<Thread>();
    T->runnable = std::make_shared<Worker>();
    threads.push_back(T);
    this->Runnable::run();
  }
};
} // namespace none

// Case 2: the same types, and the server is handed to a thread: reported.
namespace wired {
struct Runnable {
  virtual ~Runnable() = default;
  virtual void run() = 0;
};
struct Thread {
  std::shared_ptr<Runnable> runnable;
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'wired::Thread::runnable' closes a shared_ptr ownership cycle: 'wired::Server' -> 'wired::Thread' -> 'wired::Server'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// NOTES: :[[@LINE-2]]:29: note: 'wired::Thread::runnable' owns 'wired::Server' here through its base class 'wired::Runnable'
};
// CHECK-FIXES: {{^}}  std::weak_ptr<Runnable> runnable;{{$}}
struct Server : Runnable, std::enable_shared_from_this<Server> {
  std::vector<std::shared_ptr<Thread>> threads;
// NOTES: :[[@LINE-1]]:40: note: 'wired::Server::threads' owns 'wired::Thread' here
  void run() override {}
};
std::shared_ptr<Thread> serve(std::shared_ptr<Server> S) {
  auto T = std::make_shared<Thread>();
  T->runnable = S;
  S->threads.push_back(T);
  return T;
}
} // namespace wired

// Case 3: the conversion is to a class between the base and the derived
// class (a raw 'this' passed as that class), and the cycle runs through the
// derived class's own member.
namespace between {
struct Listener {
  virtual ~Listener() = default;
};
struct ClickListener : Listener {};
struct Button {
  std::shared_ptr<Listener> listener;
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'between::Button::listener' closes a shared_ptr ownership cycle: 'between::Dialog' -> 'between::Button' -> 'between::Dialog'; objects
};
// CHECK-FIXES: {{^}}  std::weak_ptr<Listener> listener;{{$}}
void remember(ClickListener *L);
struct Dialog : ClickListener {
  std::shared_ptr<Button> ok;
  void show() { remember(this); }
};
} // namespace between

// Case 4: a class converted to an unrelated base of its own is not thereby
// held through the polymorphic one.
namespace unrelated {
struct Printable {
  virtual ~Printable() = default;
};
struct Task {
  virtual ~Task() = default;
};
struct Queue {
  std::vector<std::shared_ptr<Task>> tasks;
};
struct Job : Task, Printable {
  std::shared_ptr<Queue> queue;
};
std::shared_ptr<Printable> printable(std::shared_ptr<Job> J) { return J; }
} // namespace unrelated

// Case 5: class templates: the instantiation is converted, so the pattern's
// cycle is reported, once, at the template.
namespace templated {
struct Observer {
  virtual ~Observer() = default;
};
struct Subject {
  std::vector<std::shared_ptr<Observer>> observers;
  // CHECK-MESSAGES: :[[@LINE-1]]:42: warning: 'templated::Subject::observers' closes a shared_ptr ownership cycle: 'templated::Watcher' -> 'templated::Subject' -> 'templated::Watcher'; objects
// NOTES: :[[@LINE-2]]:42: note: 'templated::Subject::observers' owns 'templated::Watcher' here through its base class 'templated::Observer'
};
// CHECK-FIXES: {{^}}  std::vector<std::weak_ptr<Observer>> observers;{{$}}
template <class T> struct Watcher : Observer {
  std::shared_ptr<Subject> watched;
// NOTES: :[[@LINE-1]]:28: note: 'templated::Watcher::watched' owns 'templated::Subject' here
  T last{};
};
std::shared_ptr<Observer> watch(int) {
  return std::make_shared<Watcher<int>>();
}
} // namespace templated

// Case 6: the conversion is a reset() with a new derived object.
namespace reset {
struct Handler {
  virtual ~Handler() = default;
};
struct Button {
  std::shared_ptr<Handler> handler;
};
struct Form : Handler {
  std::shared_ptr<Button> submit;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'reset::Form::submit' closes a shared_ptr ownership cycle: 'reset::Button' -> 'reset::Form' -> 'reset::Button'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// NOTES: :[[@LINE-5]]:28: note: 'reset::Button::handler' owns 'reset::Form' here through its base class 'reset::Handler'
};
// CHECK-FIXES: {{^}}  std::weak_ptr<Button> submit;{{$}}
void install(Button &B) { B.handler.reset(new Form); }
} // namespace reset

// Case 7: no conversion in sight, but the code casts what the base pointer
// holds down to the derived class: it expects derived objects there.
// Reported, with dynamic_cast (here in a template, once instantiated),
// std::dynamic_pointer_cast or static_cast.
namespace downcast {
struct Part {
  virtual ~Part() = default;
};
struct Board {
  std::vector<std::shared_ptr<Part>> parts;
  template <class T> T *find() {
    for (auto &p : parts)
      if (auto *t = dynamic_cast<T *>(p.get()))
        return t;
    return nullptr;
  }
};
struct Wire : Part {
  std::shared_ptr<Board> board;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'downcast::Wire::board' closes a shared_ptr ownership cycle: 'downcast::Board' -> 'downcast::Wire' -> 'downcast::Board'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// NOTES: :[[@LINE-11]]:38: note: 'downcast::Board::parts' owns 'downcast::Wire' here through its base class 'downcast::Part'
};
// CHECK-FIXES: {{^}}  std::weak_ptr<Board> board;{{$}}
inline Wire *firstWire(Board &b) { return b.find<Wire>(); }
// A class that nothing converts to the base or casts down to stays out.
struct Fuse : Part {
  std::vector<std::shared_ptr<Board>> boards;
};
} // namespace downcast

namespace pointer_cast {
struct Device {
  virtual ~Device() = default;
};
struct Bus {
  std::vector<std::shared_ptr<Device>> devices;
};
struct Disk : Device {
  std::shared_ptr<Bus> bus;
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'pointer_cast::Disk::bus' closes a shared_ptr ownership cycle: 'pointer_cast::Bus' -> 'pointer_cast::Disk' -> 'pointer_cast::Bus'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
};
// CHECK-FIXES: {{^}}  std::weak_ptr<Bus> bus;{{$}}
inline std::shared_ptr<Disk> asDisk(const std::shared_ptr<Device> &d) {
  return std::dynamic_pointer_cast<Disk>(d);
}
} // namespace pointer_cast

namespace static_down {
struct Shape {
  virtual ~Shape() = default;
};
struct Canvas {
  std::vector<std::shared_ptr<Shape>> shapes;
};
struct Label : Shape {
  std::shared_ptr<Canvas> canvas;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'static_down::Label::canvas' closes a shared_ptr ownership cycle: 'static_down::Canvas' -> 'static_down::Label' -> 'static_down::Canvas'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
};
// CHECK-FIXES: {{^}}  std::weak_ptr<Canvas> canvas;{{$}}
inline Label &asLabel(Shape &s) { return *static_cast<Label *>(&s); }
} // namespace static_down
