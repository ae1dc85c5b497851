// RUN: %check_clang_tidy --compile-fixed %s refcycle-shared-ptr-cycle %t
// RUN: %clang_tidy %s --checks='-*,refcycle-shared-ptr-cycle' -- -std=c++17 2>&1 | %FileCheck %s --check-prefix=NOTES

#include <memory>

// Case 1: the pointer type comes from a macro: reported, no fix.
#define STRONG(T) std::shared_ptr<T>
struct Server;
struct Client {
  STRONG(Server) server;
};
struct Server {
  STRONG(Client) client;
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'Server::client' closes a shared_ptr ownership cycle: 'Client' -> 'Server' -> 'Client'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// NOTES-DAG: :[[@LINE-2]]:18: note: make 'Server::client' a weak pointer to break the cycle (no automatic fix: its type is spelled inside a macro)
};

// Case 2: a whole member declared by a macro; the warning is at the macro
// use, still once.
#define OWNS(T, name) std::shared_ptr<T> name
struct Bus;
struct Stop {
  OWNS(Bus, bus);
};
struct Bus {
  OWNS(Stop, stop);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'Bus::stop' closes a shared_ptr ownership cycle: 'Stop' -> 'Bus' -> 'Stop'; objects
};

// Case 3: the member is written normally, a use goes through a macro: the
// use cannot be rewritten, so there is no fix.
#define CALL(p) p->run()
struct Task;
struct Worker {
  std::shared_ptr<Task> task;
  void run() {}
};
struct Task {
  std::shared_ptr<Worker> worker;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Task::worker' closes a shared_ptr ownership cycle: 'Worker' -> 'Task' -> 'Worker'; objects
// NOTES-DAG: :[[@LINE-2]]:27: note: make 'Task::worker' a weak pointer to break the cycle (no automatic fix: some of its uses are inside macros)
  void go() { CALL(worker); }
};
