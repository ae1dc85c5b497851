// End to end: clang-tidy writes one facts file per translation unit
// (refcycle-shared-ptr-cycle.FactsDirectory), refcycle-graph merges them.
// Two TUs include the same header with a Parent <-> Child cycle: each TU
// reports it, refcycle-graph reports it once and marks it as reported.
//
// REQUIRES: refcycle-graph
// RUN: rm -rf %t && %split_file %s %t
// RUN: %clang_tidy -checks='-*,refcycle-shared-ptr-cycle' -header-filter='.*' -config="{CheckOptions: {refcycle-shared-ptr-cycle.FactsDirectory: '%t/facts'}}" %t/x.cpp %t/y.cpp -- -std=c++17 -I%t 2>&1 | %FileCheck %s --check-prefix=TIDY
// TIDY: tree.h:11:27: warning: 'ui::Child::parent' closes a shared_ptr ownership cycle: 'ui::Parent' -> 'ui::Child' -> 'ui::Parent'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
//
// One file per TU, named after its main file, nothing left half-written.
// RUN: ls %t/facts | %FileCheck %s --check-prefix=FILES
// FILES-NOT: .tmp
// FILES: x.cpp-{{[0-9A-F]+}}.facts
// FILES-NEXT: y.cpp-{{[0-9A-F]+}}.facts
// FILES-NOT: {{.}}
//
// RUN: %refcycle_graph %t/facts 2>%t/graph.err | %FileCheck %s --check-prefix=GRAPH -DDIR=%t
// RUN: %FileCheck %s --check-prefix=SUMMARY < %t/graph.err
// GRAPH: [[DIR]]/tree.h:11:27: warning: 'ui::Child::parent' closes a shared_ptr ownership cycle: 'ui::Parent' -> 'ui::Child' -> 'ui::Parent'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// GRAPH-NEXT: [[DIR]]/tree.h:8:39: note: 'ui::Parent::children' owns 'ui::Child' here
// GRAPH-NEXT: [[DIR]]/tree.h:11:27: note: already reported when checking '[[DIR]]/x.cpp' and 1 other translation unit
// GRAPH-NOT: warning:
// SUMMARY: refcycle-graph: 1 cycle (0 only across translation units) among 2 types and 2 edges from 2 facts files
//
// Running clang-tidy on a TU again replaces its facts instead of adding
// stale ones.
// RUN: %clang_tidy -checks='-*,refcycle-shared-ptr-cycle' -config="{CheckOptions: {refcycle-shared-ptr-cycle.FactsDirectory: '%t/facts'}}" %t/x.cpp -- -std=c++17 -I%t > /dev/null 2>&1
// RUN: ls %t/facts | %FileCheck %s --check-prefix=FILES
// RUN: %refcycle_graph --only-cross-tu %t/facts 2>&1 | %FileCheck %s --check-prefix=ONLY
// ONLY: refcycle-graph: 1 cycle (0 only across translation units, 1 already reported per TU not shown) among 2 types and 2 edges from 2 facts files
//
// A facts directory that cannot be created is a configuration error.
// RUN: %clang_tidy -checks='-*,refcycle-shared-ptr-cycle' -config="{CheckOptions: {refcycle-shared-ptr-cycle.FactsDirectory: '%t/x.cpp/facts'}}" %t/x.cpp -- -std=c++17 -I%t 2>&1 | %FileCheck %s --check-prefix=BADDIR
// BADDIR: cannot write ownership facts to '{{.*}}x.cpp/facts': cannot create the facts directory

//--- tree.h
#pragma once
#include <memory>
#include <vector>

namespace ui {
struct Child;
struct Parent {
  std::vector<std::shared_ptr<Child>> children;
};
struct Child {
  std::shared_ptr<Parent> parent;
};
} // namespace ui
//--- x.cpp
#include "tree.h"
int x() { return 1; }
//--- y.cpp
#include "tree.h"
int y() { return 2; }
