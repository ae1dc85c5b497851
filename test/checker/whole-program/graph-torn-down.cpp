// refcycle-graph applies the check's teardown rule across translation
// units: a cycle that one TU releases on purpose (here 'Job::queue' is reset
// in Job::finish(), defined in job.cpp) is not reported, even though the TU
// that sees both types (main.cpp) reports it, not knowing about finish().
// A release in the destructor of a type of the cycle does not count.
//
// REQUIRES: refcycle-graph
// RUN: rm -rf %t && %split_file %s %t
// RUN: %clang_tidy -checks='-*,refcycle-shared-ptr-cycle' -header-filter='.*' -config="{CheckOptions: {refcycle-shared-ptr-cycle.FactsDirectory: '%t/facts'}}" %t/job.cpp %t/main.cpp %t/table.cpp -- -std=c++17 -I%t 2>&1 | %FileCheck %s --check-prefix=TIDY
// TIDY-DAG: job.h:9:26: warning: 'Job::queue' closes a shared_ptr ownership cycle: 'Queue' -> 'Job' -> 'Queue'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// TIDY-DAG: row.h:10:26: warning: 'Row::table' closes a shared_ptr ownership cycle: 'Table' -> 'Row' -> 'Table'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// RUN: %clang_tidy -checks='-*,refcycle-shared-ptr-cycle' -header-filter='.*' %t/job.cpp -- -std=c++17 -I%t 2>&1 | %FileCheck %s --allow-empty --check-prefix=JOB
// JOB-NOT: warning:
// RUN: grep -h '^release' %t/facts/*.facts | sort | %FileCheck %s --check-prefix=FACTS
// FACTS-DAG: release{{[[:space:]]+}}{{[0-9]+}}{{[[:space:]]+}}-
// FACTS-DAG: release{{[[:space:]]+}}{{[0-9]+}}{{[[:space:]]+}}{{[0-9]+}}
// RUN: %refcycle_graph %t/facts 2>/dev/null | %FileCheck %s --check-prefix=GRAPH --implicit-check-not=warning:
// GRAPH: row.h:10:26: warning: 'Row::table' closes a shared_ptr ownership cycle: 'Table' -> 'Row' -> 'Table'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// RUN: %refcycle_graph --report-torn-down %t/facts 2>/dev/null | %FileCheck %s --check-prefix=ALL --implicit-check-not=warning:
// ALL-DAG: job.h:9:26: warning: 'Job::queue' closes a shared_ptr ownership cycle
// ALL-DAG: row.h:10:26: warning: 'Row::table' closes a shared_ptr ownership cycle

//--- job.h
#pragma once
#include <memory>
#include <vector>
struct Job;
struct Queue {
  std::vector<std::shared_ptr<Job>> jobs;
};
struct Job {
  std::shared_ptr<Queue> queue;
  void finish();
};
//--- row.h
#pragma once
#include <memory>
#include <vector>
struct Row;
struct Table {
  std::vector<std::shared_ptr<Row>> rows;
  ~Table();
};
struct Row {
  std::shared_ptr<Table> table;
};
//--- job.cpp
#include "job.h"
void Job::finish() { queue.reset(); }
//--- main.cpp
#include "job.h"
#include "row.h"
int main() { return 0; }
//--- table.cpp
#include "row.h"
Table::~Table() { rows.clear(); }
