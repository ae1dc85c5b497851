// The evidence that code stores two objects into each other travels in the
// facts with its partner edge: attach.cpp stores an entry and its holder
// into each other and reports the cycle; other.cpp sees only the class (one
// type, no back-reference name) and reports nothing. refcycle-graph merges
// both and reports the cycle once, through the same two members.
//
// REQUIRES: refcycle-graph
// RUN: rm -rf %t && %split_file %s %t
// RUN: %clang_tidy -checks='-*,refcycle-shared-ptr-cycle' -header-filter='.*' -config="{CheckOptions: {refcycle-shared-ptr-cycle.FactsDirectory: '%t/facts'}}" %t/attach.cpp -- -std=c++17 -I%t 2>&1 | %FileCheck %s --check-prefix=TIDY -DDIR=%t
// TIDY: [[DIR]]/entry.h:7:26: warning: 'Entry::holder' closes a shared_ptr ownership cycle: 'Entry' -> 'Entry' -> 'Entry'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// TIDY: [[DIR]]/entry.h:6:39: note: 'Entry::items' owns 'Entry' here
// TIDY: [[DIR]]/attach.cpp:3:3: note: 'attach' stores 'shelf' in 'holder' of 'item' here
// TIDY: [[DIR]]/attach.cpp:4:3: note: and 'item' in 'items' of 'shelf' here: the two objects own each other
// RUN: cat %t/facts/*attach.cpp*.facts | %FileCheck %s --check-prefix=FACTS
// FACTS: {{^}}evidence	[[EDGE:[0-9]+]]	{{[0-9]+}}{{$}}
// RUN: %clang_tidy -checks='-*,refcycle-shared-ptr-cycle' -header-filter='.*' -config="{CheckOptions: {refcycle-shared-ptr-cycle.FactsDirectory: '%t/facts'}}" %t/other.cpp -- -std=c++17 -I%t 2>&1 | %FileCheck %s --allow-empty --check-prefix=OTHER
// OTHER-NOT: warning:
// RUN: %refcycle_graph %t/facts 2>%t/err | %FileCheck %s -DDIR=%t
// RUN: %FileCheck %s --check-prefix=SUMMARY < %t/err
// CHECK: [[DIR]]/entry.h:7:26: warning: 'Entry::holder' closes a shared_ptr ownership cycle: 'Entry' -> 'Entry' -> 'Entry'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// CHECK-NOT: warning:
// SUMMARY: refcycle-graph: 1 cycle (0 only across translation units) among 1 types and 2 edges from 2 facts files

//--- entry.h
#pragma once
#include <memory>
#include <vector>
struct Entry {
  int label = 0;
  std::vector<std::shared_ptr<Entry>> items;
  std::shared_ptr<Entry> holder;
};
//--- attach.cpp
#include "entry.h"
void attach(const std::shared_ptr<Entry> &shelf, const std::shared_ptr<Entry> &item) {
  item->holder = shelf;
  shelf->items.push_back(item);
}
//--- other.cpp
#include "entry.h"
int main() { return 0; }
