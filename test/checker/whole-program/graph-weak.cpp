// Weak references in the whole-program graph. With FactsDirectory set the
// check also writes std::weak_ptr members (and containers of them) as edges
// of kind 'weak'; they own nothing, so a cycle closed only by a weak_ptr is
// not reported, neither by the check nor by refcycle-graph, which counts
// them apart and draws them dashed.
//
// Document -> View is shared, View -> Document weak: no cycle (both.cpp sees
// both types whole and must not warn either). Team <-> Player is a real
// cross-TU cycle, and Player also holds former teams weakly.
//
// REQUIRES: refcycle-graph
// RUN: rm -rf %t && %split_file %s %t
// RUN: %clang_tidy -checks='-*,refcycle-shared-ptr-cycle' -header-filter='.*' -config="{CheckOptions: {refcycle-shared-ptr-cycle.FactsDirectory: '%t/facts'}}" %t/a.cpp %t/b.cpp %t/both.cpp -- -std=c++17 -I%t 2>&1 | %FileCheck %s --check-prefix=TIDY --allow-empty
// TIDY-NOT: warning:
// RUN: cat %t/facts/b.cpp-*.facts | %FileCheck %s --check-prefix=FACTS
// FACTS: edge	0	1	document	weak	std::weak_ptr	-	0	5	27
// FACTS: edge	2	3	team	shared	std::shared_ptr	-	1	7	25
// FACTS: edge	2	3	formerTeams	weak	std::weak_ptr	container	1	8	46
// FACTS: end	4	3	0
//
// RUN: %refcycle_graph %t/facts --dot=%t/all.dot 2>%t/err | %FileCheck %s -DDIR=%t --implicit-check-not=warning:
// RUN: %FileCheck %s --check-prefix=SUMMARY < %t/err
// CHECK: [[DIR]]/d.h:7:25: warning: 'Player::team' closes a shared_ptr ownership cycle: 'Team' -> 'Player' -> 'Team'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// CHECK-NEXT: [[DIR]]/c.h:5:27: note: 'Team::captain' owns 'Player' here
// CHECK-NEXT: [[DIR]]/d.h:7:25: note: no single translation unit reported this cycle; it is only seen across translation units
// SUMMARY: refcycle-graph: 1 cycle (1 only across translation units) among 4 types and 3 edges (and 2 weak references) from 3 facts files
//
// RUN: %FileCheck %s --check-prefix=DOT -DDIR=%t < %t/all.dot
// DOT: n1 -> n0 [label="document", tooltip="View::document (std::weak_ptr) [[DIR]]/b.h:5:27", style=dashed, arrowhead=open, color="#9aa5b1", fontcolor="#7b8794"];
// DOT: n3 -> n2 [label="formerTeams (container)", tooltip="Player::formerTeams (std::weak_ptr) [[DIR]]/d.h:8:46", style=dashed, arrowhead=open, color="#9aa5b1", fontcolor="#7b8794"];
//
// Without FactsDirectory nothing changes: weak_ptr members are not edges.
// RUN: %clang_tidy -checks='-*,refcycle-shared-ptr-cycle' -header-filter='.*' %t/both.cpp -- -std=c++17 -I%t 2>&1 | %FileCheck %s --check-prefix=TIDY --allow-empty

//--- a.h
#pragma once
#include <memory>
#include <vector>
struct View;
struct Document {
  std::vector<std::shared_ptr<View>> views;
};
//--- b.h
#pragma once
#include <memory>
struct Document;
struct View {
  std::weak_ptr<Document> document;
};
//--- c.h
#pragma once
#include <memory>
struct Player;
struct Team {
  std::shared_ptr<Player> captain;
};
//--- d.h
#pragma once
#include <map>
#include <memory>
#include <string>
struct Team;
struct Player {
  std::shared_ptr<Team> team;
  std::map<std::string, std::weak_ptr<Team>> formerTeams;
};
//--- a.cpp
#include "a.h"
#include "c.h"
int fa() { return 1; }
//--- b.cpp
#include "b.h"
#include "d.h"
int fb() { return 2; }
//--- both.cpp
#include "a.h"
#include "b.h"
int fc() { return 3; }
