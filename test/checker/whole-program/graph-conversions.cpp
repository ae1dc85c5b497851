// An edge to a polymorphic base reaches a derived class only where some TU
// converts that class to the base. server.cpp sees the types but never hands
// a Server to a Thread, so it reports nothing; main.cpp does the wiring and
// reports the cycle; refcycle-graph, which merges the conversions of every
// TU, reports it once, as already seen. Without main.cpp's facts the whole
// program has no such conversion, and no cycle.
//
// REQUIRES: refcycle-graph
// RUN: rm -rf %t && %split_file %s %t
// RUN: %clang_tidy -checks='-*,refcycle-shared-ptr-cycle' -header-filter='.*' -config="{CheckOptions: {refcycle-shared-ptr-cycle.FactsDirectory: '%t/facts'}}" %t/server.cpp -- -std=c++17 -I%t 2>&1 | %FileCheck %s --allow-empty --check-prefix=SERVER
// SERVER-NOT: warning:
// RUN: %refcycle_graph %t/facts 2>&1 | %FileCheck %s --check-prefix=ALONE
// ALONE-NOT: warning:
// ALONE: refcycle-graph: 0 cycles
// RUN: %clang_tidy -checks='-*,refcycle-shared-ptr-cycle' -header-filter='.*' -config="{CheckOptions: {refcycle-shared-ptr-cycle.FactsDirectory: '%t/facts'}}" %t/main.cpp -- -std=c++17 -I%t 2>&1 | %FileCheck %s --check-prefix=MAIN -DDIR=%t
// MAIN: [[DIR]]/server.h:9:29: warning: 'Thread::runnable' closes a shared_ptr ownership cycle: 'Server' -> 'Thread' -> 'Server'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// RUN: %refcycle_graph %t/facts 2>%t/err | %FileCheck %s -DDIR=%t
// RUN: %FileCheck %s --check-prefix=SUMMARY < %t/err
// CHECK: [[DIR]]/server.h:9:29: warning: 'Thread::runnable' closes a shared_ptr ownership cycle: 'Server' -> 'Thread' -> 'Server'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// CHECK-NEXT: [[DIR]]/server.h:9:29: note: 'Thread::runnable' owns 'Server' here through its base class 'Runnable'
// CHECK-NEXT: [[DIR]]/server.h:12:40: note: 'Server::threads' owns 'Thread' here
// CHECK-NEXT: [[DIR]]/server.h:9:29: note: already reported when checking '{{.*}}main.cpp'
// CHECK-NOT: warning:
// SUMMARY: refcycle-graph: 1 cycle (0 only across translation units) among 3 types and 2 edges from 2 facts files

//--- server.h
#pragma once
#include <memory>
#include <vector>
struct Runnable {
  virtual ~Runnable() = default;
  virtual void run() = 0;
};
struct Thread {
  std::shared_ptr<Runnable> runnable;
};
struct Server : Runnable {
  std::vector<std::shared_ptr<Thread>> threads;
  void run() override { threads.push_back(std::make_shared<Thread>()); }
};
//--- server.cpp
#include "server.h"
void serve(Server &S) { S.run(); }
//--- main.cpp
#include "server.h"
int main() {
  auto S = std::make_shared<Server>();
  auto T = std::make_shared<Thread>();
  T->runnable = S;
  S->threads.push_back(T);
}
