// refcycle-graph applies the check's teardown rule across translation
// units: a cycle that one TU releases on purpose (here 'Job::queue' is reset
// in Job::finish(), defined in job.cpp, where a free function calls it) is
// not reported, even though the TU that sees both types (main.cpp) reports
// it, not knowing about finish(). A release in the destructor of a type of
// the cycle does not count ('Table::rows'), nor one that only the cycle's
// own member functions run ('Shelf::empty()', which nothing calls).
//
// REQUIRES: refcycle-graph
// RUN: rm -rf %t && %split_file %s %t
// RUN: %clang_tidy -checks='-*,refcycle-shared-ptr-cycle' -header-filter='.*' -config="{CheckOptions: {refcycle-shared-ptr-cycle.FactsDirectory: '%t/facts'}}" %t/job.cpp %t/main.cpp %t/table.cpp %t/shelf.cpp -- -std=c++17 -I%t 2>&1 | %FileCheck %s --check-prefix=TIDY
// TIDY-DAG: job.h:9:26: warning: 'Job::queue' closes a shared_ptr ownership cycle: 'Queue' -> 'Job' -> 'Queue'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// TIDY-DAG: row.h:10:26: warning: 'Row::table' closes a shared_ptr ownership cycle: 'Table' -> 'Row' -> 'Table'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// TIDY-DAG: shelf.h:10:26: warning: 'Book::shelf' closes a shared_ptr ownership cycle: 'Shelf' -> 'Book' -> 'Shelf'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// RUN: %clang_tidy -checks='-*,refcycle-shared-ptr-cycle' -header-filter='.*' %t/job.cpp -- -std=c++17 -I%t 2>&1 | %FileCheck %s --allow-empty --check-prefix=JOB
// JOB-NOT: warning:
// RUN: %clang_tidy -checks='-*,refcycle-shared-ptr-cycle' -header-filter='.*' %t/shelf.cpp -- -std=c++17 -I%t 2>&1 | %FileCheck %s --check-prefix=SHELF
// SHELF: shelf.h:10:26: warning: 'Book::shelf' closes a shared_ptr ownership cycle: 'Shelf' -> 'Book' -> 'Shelf'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// SHELF: shelf.h:6:38: note: 'Shelf::books' owns 'Book' here
// SHELF: shelf.cpp:2:23: note: 'Shelf::empty' releases 'Shelf::books' here, but only member functions of the cycle's classes run it, and nothing calls them once the cycle's objects are abandoned
// RUN: grep -h '^release' %t/facts/*.facts | sort | %FileCheck %s --check-prefix=FACTS
// FACTS-DAG: release{{[[:space:]]+}}{{[0-9]+}}{{[[:space:]]+}}-{{[[:space:]]+}}-{{$}}
// FACTS-DAG: release{{[[:space:]]+}}{{[0-9]+}}{{[[:space:]]+}}{{[0-9]+}}{{[[:space:]]+}}-{{$}}
// FACTS-DAG: release{{[[:space:]]+}}{{[0-9]+}}{{[[:space:]]+}}-{{[[:space:]]+}}{{[0-9]+}}{{$}}
// RUN: %refcycle_graph %t/facts 2>/dev/null | %FileCheck %s --check-prefix=GRAPH --implicit-check-not=warning:
// GRAPH-DAG: row.h:10:26: warning: 'Row::table' closes a shared_ptr ownership cycle: 'Table' -> 'Row' -> 'Table'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// GRAPH-DAG: shelf.h:10:26: warning: 'Book::shelf' closes a shared_ptr ownership cycle: 'Shelf' -> 'Book' -> 'Shelf'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// RUN: %refcycle_graph --report-torn-down %t/facts 2>/dev/null | %FileCheck %s --check-prefix=ALL --implicit-check-not=warning:
// ALL-DAG: job.h:9:26: warning: 'Job::queue' closes a shared_ptr ownership cycle
// ALL-DAG: row.h:10:26: warning: 'Row::table' closes a shared_ptr ownership cycle
// ALL-DAG: shelf.h:10:26: warning: 'Book::shelf' closes a shared_ptr ownership cycle

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
void retire(Job &j) { j.finish(); }
//--- main.cpp
#include "job.h"
#include "row.h"
int main() { return 0; }
//--- table.cpp
#include "row.h"
Table::~Table() { rows.clear(); }
//--- shelf.h
#pragma once
#include <memory>
#include <vector>
struct Book;
struct Shelf {
  std::vector<std::shared_ptr<Book>> books;
  void empty();
};
struct Book {
  std::shared_ptr<Shelf> shelf;
};
//--- shelf.cpp
#include "shelf.h"
void Shelf::empty() { books.clear(); }
