// RUN: %check_clang_tidy %s refcycle-unbounded-cache %t -- -- -std=c++17

// Containers that live as long as the program without being static: a
// global of this file, a table handed out by an accessor, a member of an
// object that lives as long as the program, and what main's request loop
// grows.

#include <map>
#include <memory>
#include <string>
#include <vector>

int compute(int);
std::string next_request();

// A global no header declares: no other file can reach it.
std::map<int, int> results;
// CHECK-MESSAGES: :[[@LINE-1]]:20: warning: static cache 'results' grows without bound: every distinct key stays forever; use a bounded refcycle::lru_cache [refcycle-unbounded-cache]
int memo(int n) {
  auto it = results.find(n);
  if (it != results.end())
    return it->second;
  return results[n] = compute(n);
}

// A table reached only through an accessor that hands it out.
struct Session {
  std::string user;
};
static std::map<std::string, std::shared_ptr<Session>> &sessionTable() {
  static std::map<std::string, std::shared_ptr<Session>> table;
  return table;
}
// CHECK-MESSAGES: :[[@LINE-3]]:58: warning: static cache 'table' keeps every object it hands out alive forever: entries are never removed; use refcycle::weak_value_map so that an entry goes away with its last user [refcycle-unbounded-cache]
// CHECK-MESSAGES: :[[@LINE-5]]:57: note: 'sessionTable' hands out 'table' by reference; it grows through its calls
void open(const std::string &id) {
  sessionTable()[id] = std::make_shared<Session>();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'table' grows here
}
bool known(const std::string &id) { return sessionTable().count(id) != 0; }

// A member of an object that lives as long as the program.
class Router {
public:
  void route(const std::string &path) { seen_.push_back(path); }

private:
  std::vector<std::string> seen_;
};
static Router router;
// CHECK-MESSAGES: :[[@LINE-3]]:28: warning: member container 'Router::seen_' grows without bound: elements are added but never removed [refcycle-unbounded-cache]
// CHECK-MESSAGES: :[[@LINE-2]]:15: note: the 'Router' that holds 'Router::seen_' lives as long as the program: 'router' is one
// CHECK-MESSAGES: :[[@LINE-8]]:47: note: 'Router::seen_' grows here

// A function named like start-up code, called from the request loop: the
// calls decide, not the name.
static std::vector<std::string> handled;
// CHECK-MESSAGES: :[[@LINE-1]]:33: warning: static container 'handled' grows without bound: elements are added but never removed [refcycle-unbounded-cache]
static void initialize(const std::string &request) { handled.push_back(request); }
// CHECK-MESSAGES: :[[@LINE-1]]:62: note: 'handled' grows here

// A member function that only main's set-up calls, through another one:
// the routes are the program's, silent.
class RouteTable {
public:
  void add(const std::string &path) { paths_.push_back(path); }

private:
  std::vector<std::string> paths_;
};
class App {
public:
  void route(const std::string &path) { routes_.add(path); }

private:
  RouteTable routes_;
};
static App app;

// The same shape, also called from the request loop: it grows at run time.
class Journal {
public:
  void note(const std::string &line) { lines_.push_back(line); }

private:
  std::vector<std::string> lines_;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: member container 'Journal::lines_' grows without bound: elements are added but never removed [refcycle-unbounded-cache]
  // CHECK-MESSAGES: :[[@LINE+3]]:16: note: the 'Journal' that holds 'Journal::lines_' lives as long as the program: 'journal' is one
  // CHECK-MESSAGES: :[[@LINE-6]]:47: note: 'Journal::lines_' grows here
};
static Journal journal;

// Grown in main's request loop: not a start-up table.
static std::vector<std::string> requests;
// CHECK-MESSAGES: :[[@LINE-1]]:33: warning: static container 'requests' grows without bound: elements are added but never removed [refcycle-unbounded-cache]

// Filled in main before its loop, from a counted loop: start-up, silent.
static std::vector<std::string> arguments;

int main(int argc, char **argv) {
  for (int i = 0; i < argc; ++i)
    arguments.push_back(argv[i]);
  app.route("/");
  app.route("/status");
  journal.note("started");
  while (true) {
    std::string request = next_request();
    requests.push_back(request);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: note: 'requests' grows here
    initialize(request);
    router.route(request);
    journal.note(request);
  }
}
