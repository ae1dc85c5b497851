// RUN: %check_clang_tidy %s refcycle-unbounded-cache %t -- -quiet -- -std=c++20 -I%S/Inputs

// Containers that do not grow without bound, or whose growth cannot be seen
// completely in this file: the check must stay silent on all of them.

#include <algorithm>
#include <array>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <thread>
#include <vector>

int compute(int);

// 1. Erased somewhere.
static std::unordered_map<int, int> sessions;
void login(int id) { sessions.emplace(id, compute(id)); }
void logout(int id) { sessions.erase(id); }

// 2. Cleared periodically.
int memoCleared(int n) {
  static std::map<int, int> memo;
  if (auto it = memo.find(n); it != memo.end())
    return it->second;
  if (n % 1000 == 0)
    memo.clear();
  return memo[n] = compute(n);
}

// 3. Bounded by size with eviction.
void remember(const std::string &line) {
  static std::deque<std::string> recent;
  recent.push_back(line);
  if (recent.size() > 100)
    recent.pop_front();
}

// 4. Size-guarded eviction with erase(begin()).
int bounded(int n) {
  static std::map<int, int> cache;
  if (cache.size() >= 64)
    cache.erase(cache.begin());
  return cache[n] = compute(n);
}

// 5. An enum-keyed table.
enum class Color { Red, Green, Blue };
const std::string &colorName(Color c) {
  static std::map<Color, std::string> names;
  std::string &slot = names[c];
  if (slot.empty())
    slot = c == Color::Red ? "red" : c == Color::Green ? "green" : "blue";
  return slot;
}

// 6. A bool-keyed and a char-keyed table.
int flagCount(bool flag) {
  static std::unordered_map<bool, int> counts;
  return ++counts[flag];
}
int charClass(char c) {
  static std::map<char, int> classes;
  return classes[c] += 1;
}

// 7. std::array has a fixed size.
int slot(int i) {
  static std::array<int, 16> slots{};
  return slots[static_cast<unsigned>(i) % 16]++;
}

// 8. A start-up registration table filled by the constructors of globals.
using Handler = std::function<void()>;
static std::map<std::string, Handler> handlers;
struct Registrar {
  Registrar(const char *name, Handler h) { handlers.emplace(name, std::move(h)); }
};
static Registrar helloRegistrar("hello", [] {});
static Registrar byeRegistrar("bye", [] {});
void dispatch(const std::string &name) {
  auto it = handlers.find(name);
  if (it != handlers.end())
    it->second();
}

// 9. A table filled in an init function (matches StartupFunctions).
static std::vector<std::string> plugins;
void initialize() {
  plugins.push_back("core");
  plugins.push_back("net");
}

// 10. Filled by a helper that only start-up code calls.
static std::map<std::string, int> limits;
static void addLimit(const char *name, int value) { limits.emplace(name, value); }
void setup() {
  addLimit("connections", 100);
  addLimit("threads", 8);
}
int limit(const std::string &name) { return limits.at(name); }

// 11. Filled in the initializer of a global.
static std::set<int> primes;
static const bool primesReady = [] {
  for (int p : {2, 3, 5, 7, 11})
    primes.insert(p);
  return true;
}();

// 12. Filled in main.
static std::vector<std::string> arguments;
int main(int argc, char **argv) {
  for (int i = 0; i < argc; ++i)
    arguments.emplace_back(argv[i]);
  return 0;
}

// 13. Escapes: its address is handed to unknown code.
void fill(std::vector<int> *out);
void escapeByPointer(int x) {
  static std::vector<int> values;
  values.push_back(x);
  fill(&values);
}

// 14. Escapes: a non-const reference is handed to unknown code.
void trim(std::map<int, int> &m);
int escapeByReference(int x) {
  static std::map<int, int> values;
  if (values.count(x))
    return values[x];
  trim(values);
  return values[x] = compute(x);
}

// 15. Escapes: returned by non-const reference.
std::vector<int> &registry() {
  static std::vector<int> entries;
  return entries;
}
void addEntry(int e) { registry().push_back(e); }

// 16. External linkage, declared in a header: another file may erase
//     (AssumeWholeProgram is off).
#include "shared-tables.h"
std::unordered_map<int, int> globalCache;
int globalMemo(int n) {
  auto it = globalCache.find(n);
  if (it != globalCache.end())
    return it->second;
  return globalCache[n] = compute(n);
}

// 17. A public static member: anyone may clear it.
struct Public {
  static std::map<int, int> table;
  static int get(int k) { return table[k] = compute(k); }
};
std::map<int, int> Public::table;

// 18. A private static member of a class with a member defined elsewhere.
class Partial {
public:
  int get(int k);
  void reset(); // defined in another file
private:
  static std::map<int, int> table_;
};
std::map<int, int> Partial::table_;
int Partial::get(int k) { return table_[k] = compute(k); }

// 19. A private static member of a class with a friend.
class Befriended {
  friend void purge();
  static std::vector<int> items_;
public:
  static void add(int i) { items_.push_back(i); }
};
std::vector<int> Befriended::items_;

// 20. std::erase_if and swap shrink.
static std::vector<int> pending;
void enqueue(int job) { pending.push_back(job); }
void reap() { std::erase_if(pending, [](int j) { return j < 0; }); }
static std::vector<int> batch;
void queueBatch(int job) { batch.push_back(job); }
std::vector<int> takeBatch() {
  std::vector<int> out;
  out.swap(batch);
  return out;
}

// 21. Reassigned, or moved from.
static std::map<int, int> snapshot;
void note(int k) { snapshot[k] = compute(k); }
void resetSnapshot() { snapshot = {}; }
static std::vector<int> outbox;
void post(int m) { outbox.push_back(m); }
std::vector<int> drain() { return std::move(outbox); }

// 22. Only read, never grown.
static std::vector<int> constantsCopy;
int readOnly() { return constantsCopy.empty() ? 0 : constantsCopy.front(); }

// 23. A const container cannot grow.
static const std::map<int, int> fixed = {{1, 2}};
int lookupFixed(int k) { return fixed.at(k); }

// 24. A local container (automatic storage) is not long-lived.
int localOnly(int n) {
  std::map<int, int> local;
  local[n] = compute(n);
  return local[n];
}

// 25. resize and extract shrink.
static std::vector<int> ring;
void push(int v) {
  ring.push_back(v);
  if (ring.size() > 8)
    ring.resize(8);
}
static std::set<int> ids;
void addId(int id) { ids.insert(id); }
void takeId(int id) { ids.extract(id); }

// 26. A data member is only checked with CheckMemberContainers.
class Session {
  std::map<int, int> memo_;
public:
  int get(int k) { return memo_[k] = compute(k); }
};

// 27. Bound to a non-const reference alias: followed conservatively.
void aliasGrow(int x) {
  static std::vector<int> values;
  auto &alias = values;
  alias.push_back(x);
}

// Storage that outside code points into: an element's address or data
// pointer is handed to a function (POSIX putenv keeps the very string it is
// given), so evicting an entry would leave that pointer dangling.
extern "C" int putenv(char *);
void keepAddress(const int *);
class Environment {
public:
  static void set(const std::string &name, const std::string &value) {
    std::string var = name + "=" + value;
    std::swap(vars_[name], var);
    putenv(const_cast<char *>(vars_[name].c_str()));
  }
  static void pin(int key) { keepAddress(&slots_[key]); }

private:
  static std::map<std::string, std::string> vars_;
  static std::unordered_map<int, int> slots_;
};
std::map<std::string, std::string> Environment::vars_;
std::unordered_map<int, int> Environment::slots_;

// A table keyed by thread id: an id is reused once its thread ends, so the
// table holds about one entry per live thread.
int threadNumber() {
  static std::map<std::thread::id, int> numbers;
  auto it = numbers.find(std::this_thread::get_id());
  if (it != numbers.end())
    return it->second;
  const int n = static_cast<int>(numbers.size());
  numbers[std::this_thread::get_id()] = n;
  return n;
}

// A route table a library fills through a function its users call at
// start-up (none of the calls is in this file; the name is the fallback).
static std::map<std::string, int> routes;
void register_handler(const std::string &path, int id) { routes[path] = id; }
int route(const std::string &path) { return routes.at(path); }
