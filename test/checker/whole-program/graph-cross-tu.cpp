// The layout clang-tidy alone cannot see: a.h holds shared_ptr<B> with B
// only forward-declared, b.h holds shared_ptr<A>, and no TU includes both.
// Neither TU reports anything; refcycle-graph finds the cycle from their
// facts and marks it as seen only across translation units.
//
// REQUIRES: refcycle-graph
// RUN: rm -rf %t && %split_file %s %t
// RUN: %clang_tidy -checks='-*,refcycle-shared-ptr-cycle' -header-filter='.*' -config="{CheckOptions: {refcycle-shared-ptr-cycle.FactsDirectory: '%t/facts'}}" %t/a.cpp %t/b.cpp -- -std=c++17 -I%t 2>&1 | %FileCheck %s --check-prefix=TIDY
// TIDY-NOT: warning:
// RUN: %refcycle_graph %t/facts 2>%t/err | %FileCheck %s -DDIR=%t
// RUN: %FileCheck %s --check-prefix=SUMMARY < %t/err
// CHECK: [[DIR]]/b.h:5:22: warning: 'B::a' closes a shared_ptr ownership cycle: 'A' -> 'B' -> 'A'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// CHECK-NEXT: [[DIR]]/a.h:5:22: note: 'A::b' owns 'B' here
// CHECK-NEXT: [[DIR]]/b.h:5:22: note: no single translation unit reported this cycle; it is only seen across translation units
// CHECK-NOT: warning:
// SUMMARY: refcycle-graph: 1 cycle (1 only across translation units) among 2 types and 2 edges from 2 facts files
// RUN: %refcycle_graph --only-cross-tu %t/facts 2>/dev/null | %FileCheck %s --check-prefix=ONLY
// ONLY: warning: 'B::a' closes a shared_ptr ownership cycle

//--- a.h
#pragma once
#include <memory>
struct B;
struct A {
  std::shared_ptr<B> b;
};
//--- b.h
#pragma once
#include <memory>
struct A;
struct B {
  std::shared_ptr<A> a;
};
//--- a.cpp
#include "a.h"
int fa() { return 1; }
//--- b.cpp
#include "b.h"
int fb() { return 2; }
