// A release that only the cycle's own member functions run does not break
// the cycle, and who runs it may be decided in another file. hall.cpp
// defines Hall::close(), which empties the guests, and never calls it: that
// file alone reports the Hall/Guest cycle, with a note at the release.
// party.cpp calls close() from a free function: over the whole program the
// release runs, and refcycle-graph drops the cycle. Stage::reset() is only
// called by Actor::quit() in another file, a member function of the cycle:
// the Stage/Actor cycle stays reported.
//
// REQUIRES: refcycle-graph
// RUN: rm -rf %t && %split_file %s %t
// RUN: %clang_tidy -checks='-*,refcycle-shared-ptr-cycle' -header-filter='.*' -config="{CheckOptions: {refcycle-shared-ptr-cycle.FactsDirectory: '%t/facts'}}" %t/hall.cpp -- -std=c++17 -I%t 2>&1 | %FileCheck %s --check-prefix=HALL
// HALL: hall.h:10:25: warning: 'Guest::hall' closes a shared_ptr ownership cycle: 'Hall' -> 'Guest' -> 'Hall'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// HALL: hall.h:6:39: note: 'Hall::guests' owns 'Guest' here
// HALL: hall.cpp:2:22: note: 'Hall::close' releases 'Hall::guests' here, but only member functions of the cycle's classes run it, and nothing calls them once the cycle's objects are abandoned
// HALL: stage.h:10:26: warning: 'Actor::stage' closes a shared_ptr ownership cycle: 'Stage' -> 'Actor' -> 'Stage'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// RUN: %clang_tidy -checks='-*,refcycle-shared-ptr-cycle' -header-filter='.*' -config="{CheckOptions: {refcycle-shared-ptr-cycle.FactsDirectory: '%t/facts'}}" %t/party.cpp -- -std=c++17 -I%t 2>&1 | %FileCheck %s --check-prefix=PARTY
// PARTY-DAG: hall.h:10:25: warning: 'Guest::hall' closes a shared_ptr ownership cycle
// PARTY-DAG: stage.h:10:26: warning: 'Actor::stage' closes a shared_ptr ownership cycle
// RUN: grep -h '^runs' %t/facts/*.facts | sort | %FileCheck %s --check-prefix=FACTS
// FACTS-DAG: runs{{[[:space:]]+}}c:@S@Hall@F@close#{{[[:space:]]+}}-{{$}}
// FACTS-DAG: runs{{[[:space:]]+}}c:@S@Stage@F@reset#{{[[:space:]]+}}{{[0-9]+}}{{$}}
// RUN: %refcycle_graph %t/facts 2>/dev/null | %FileCheck %s --check-prefix=GRAPH --implicit-check-not=warning:
// GRAPH: stage.h:10:26: warning: 'Actor::stage' closes a shared_ptr ownership cycle: 'Stage' -> 'Actor' -> 'Stage'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// RUN: %refcycle_graph %t/facts/hall.cpp-*.facts 2>/dev/null | %FileCheck %s --check-prefix=HALLONLY --implicit-check-not=warning:
// HALLONLY-DAG: hall.h:10:25: warning: 'Guest::hall' closes a shared_ptr ownership cycle
// HALLONLY-DAG: stage.h:10:26: warning: 'Actor::stage' closes a shared_ptr ownership cycle
// RUN: %refcycle_graph --report-torn-down %t/facts 2>/dev/null | %FileCheck %s --check-prefix=ALL --implicit-check-not=warning:
// ALL-DAG: hall.h:10:25: warning: 'Guest::hall' closes a shared_ptr ownership cycle
// ALL-DAG: stage.h:10:26: warning: 'Actor::stage' closes a shared_ptr ownership cycle

//--- hall.h
#pragma once
#include <memory>
#include <vector>
struct Guest;
struct Hall {
  std::vector<std::shared_ptr<Guest>> guests;
  void close();
};
struct Guest {
  std::shared_ptr<Hall> hall;
};
//--- stage.h
#pragma once
#include <memory>
#include <vector>
struct Actor;
struct Stage {
  std::vector<std::shared_ptr<Actor>> cast;
  void reset();
};
struct Actor {
  std::shared_ptr<Stage> stage;
  void quit();
};
//--- hall.cpp
#include "hall.h"
void Hall::close() { guests.clear(); }
#include "stage.h"
void Stage::reset() { cast.clear(); }
//--- party.cpp
#include "hall.h"
#include "stage.h"
void endParty(Hall &h) { h.close(); }
void Actor::quit() { stage->reset(); }
