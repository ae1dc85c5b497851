// RUN: %check_clang_tidy --compile-fixed %s refcycle-shared-ptr-cycle %t

#include <array>
#include <deque>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

// Case 1: a map of vectors of shared_ptr; the fix reaches inside.
struct Team;
struct League {
  std::map<std::string, std::vector<std::shared_ptr<Team>>> divisions;
};
struct Team {
  std::shared_ptr<League> league;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Team::league' closes a shared_ptr ownership cycle: 'League' -> 'Team' -> 'League'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
};
// CHECK-FIXES: {{^}}  std::weak_ptr<League> league;{{$}}

// Case 2: optional and variant; the reported member is inside a container
// and has no uses, so the nested fix applies.
struct Gadget;
struct Gizmo {
  std::optional<std::shared_ptr<Gadget>> gadget;
};
struct Gadget {
  std::variant<int, std::shared_ptr<Gizmo>> owner;
  // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: 'Gadget::owner' closes a shared_ptr ownership cycle: 'Gizmo' -> 'Gadget' -> 'Gizmo'; objects
};
// CHECK-FIXES: {{^}}  std::variant<int, std::weak_ptr<Gizmo>> owner;{{$}}

// Case 3: std::array and a C array.
struct Cell;
struct Grid {
  std::array<std::shared_ptr<Cell>, 4> cells;
};
struct Cell {
  std::shared_ptr<Grid> grids[2];
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Cell::grids' closes a shared_ptr ownership cycle: 'Grid' -> 'Cell' -> 'Grid'; objects
};
// CHECK-FIXES: {{^}}  std::weak_ptr<Grid> grids[2];{{$}}

// Case 4: pair and tuple, and a set and a deque.
struct Port;
struct Ship {
  std::set<std::shared_ptr<Port>> ports;
  std::deque<std::tuple<int, std::string>> log;
};
struct Port {
  std::pair<std::string, std::shared_ptr<Ship>> docked;
  // CHECK-MESSAGES: :[[@LINE-1]]:49: warning: 'Port::docked' closes a shared_ptr ownership cycle: 'Ship' -> 'Port' -> 'Ship'; objects
};
// CHECK-FIXES: {{^}}  std::pair<std::string, std::weak_ptr<Ship>> docked;{{$}}

// Case 5: unordered_map to a list of tuples; the fix would change how the
// container is used, so it goes into a note (not applied by --fix).
struct Account;
struct Bank {
  std::unordered_map<int, std::list<std::tuple<int, std::shared_ptr<Account>>>> accounts;
};
struct Account {
  std::vector<std::shared_ptr<Bank>> banks;
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: 'Account::banks' closes a shared_ptr ownership cycle: 'Bank' -> 'Account' -> 'Bank'; objects
  std::size_t count() const { return banks.size(); }
};
