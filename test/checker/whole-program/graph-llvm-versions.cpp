// Facts written by clang-tidy 19 and by clang-tidy 22 merge: types are keyed
// by USR, which both versions spell the same. Inputs/llvm19 and
// Inputs/llvm22 hold the facts each version wrote for the files below (run
// in /project); this test adds the facts of the clang-tidy under test and
// merges all three.
//
// REQUIRES: refcycle-graph
// RUN: rm -rf %t && %split_file %s %t
// RUN: %clang_tidy -checks='-*,refcycle-shared-ptr-cycle' -config="{CheckOptions: {refcycle-shared-ptr-cycle.FactsDirectory: '%t/facts'}}" %t/a.cpp -- -std=c++17 -I%t > /dev/null 2>&1
// RUN: diff %S/Inputs/llvm19/a.cpp.facts %S/Inputs/llvm22/a.cpp.facts
// RUN: %refcycle_graph %t/facts %S/Inputs/llvm19 %S/Inputs/llvm22 2>%t/err | %FileCheck %s
// RUN: %FileCheck %s --check-prefix=SUMMARY < %t/err
//
// CHECK: tree.h:7:55: warning: 'doc::Ref<doc::Document>::ptr' closes a shared_ptr ownership cycle: 'doc::Document' -> 'doc::Section' -> 'doc::Document'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// CHECK-NEXT: tree.h:12:17: note: 'doc::Section::owner' contains a 'doc::Ref<doc::Document>' by value here
// CHECK-NEXT: tree.h:9:41: note: 'doc::Document::sections' owns 'doc::Section' here
// CHECK-NEXT: tree.h:7:55: note: already reported when checking '{{.*}}a.cpp' and 2 other translation units
// CHECK-NOT: warning:
// SUMMARY: refcycle-graph: 1 cycle (0 only across translation units) among 3 types and 4 edges from 3 facts files

//--- tree.h
#pragma once
#include <memory>
#include <vector>

namespace doc {
struct Section;
template <typename T> struct Ref { std::shared_ptr<T> ptr; };
struct Document {
  std::vector<std::shared_ptr<Section>> sections;
};
struct Section {
  Ref<Document> owner;
  std::unique_ptr<Section> next;
};
} // namespace doc
//--- a.cpp
#include "tree.h"
int a() { return 1; }
