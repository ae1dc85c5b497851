// The evidence that a cycle closes on the same object travels in the facts:
// server.cpp stores shared_from_this() in the server's own map and reports
// the cycle; other.cpp sees only the class (one type, no back-reference
// name) and reports nothing, and its facts carry no evidence. refcycle-graph
// merges both and reports the cycle once, as server.cpp did.
//
// REQUIRES: refcycle-graph
// RUN: rm -rf %t && %split_file %s %t
// RUN: %clang_tidy -checks='-*,refcycle-shared-ptr-cycle' -header-filter='.*' -config="{CheckOptions: {refcycle-shared-ptr-cycle.FactsDirectory: '%t/facts'}}" %t/server.cpp -- -std=c++17 -I%t 2>&1 | %FileCheck %s --check-prefix=TIDY -DDIR=%t
// TIDY: [[DIR]]/server.h:8:42: warning: 'Server::clones_' closes a shared_ptr ownership cycle: a 'Server' stores a strong reference to itself in it; the object is never freed [refcycle-shared-ptr-cycle]
// TIDY: [[DIR]]/server.cpp:2:53: note: 'Server::listen' stores a strong reference to this 'Server' in 'Server::clones_' here
// RUN: %clang_tidy -checks='-*,refcycle-shared-ptr-cycle' -header-filter='.*' -config="{CheckOptions: {refcycle-shared-ptr-cycle.FactsDirectory: '%t/facts'}}" %t/other.cpp -- -std=c++17 -I%t 2>&1 | %FileCheck %s --allow-empty --check-prefix=OTHER
// OTHER-NOT: warning:
// RUN: %refcycle_graph %t/facts 2>%t/err | %FileCheck %s -DDIR=%t
// RUN: %FileCheck %s --check-prefix=SUMMARY < %t/err
// CHECK: [[DIR]]/server.h:8:42: warning: 'Server::clones_' closes a shared_ptr ownership cycle: 'Server' -> 'Server'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// CHECK-NOT: warning:
// SUMMARY: refcycle-graph: 1 cycle (0 only across translation units) among 1 types and 1 edges from 2 facts files

//--- server.h
#pragma once
#include <map>
#include <memory>
class Server : public std::enable_shared_from_this<Server> {
public:
  void listen(int poller);
private:
  std::map<int, std::shared_ptr<Server>> clones_;
};
//--- server.cpp
#include "server.h"
void Server::listen(int poller) { clones_[poller] = shared_from_this(); }
//--- other.cpp
#include "server.h"
int main() { return 0; }
