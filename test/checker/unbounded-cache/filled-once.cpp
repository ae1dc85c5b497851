// RUN: %check_clang_tidy %s refcycle-unbounded-cache %t -- -- -std=c++17

// A table filled only while it is empty is filled once: nothing shrinks it,
// so the first fill leaves it non-empty for good. Its size is what one fill
// adds, not how long the program runs. A fill that some path reaches with
// entries already in the table still grows at run time.

#include <map>
#include <set>
#include <string>
#include <vector>

std::string loadList();
std::vector<std::string> splitLines(const std::string &);
int compute(int);

// 1. Early exit while the table has entries (the lazily loaded list).
const std::set<std::string> &knownLocales() {
  static std::set<std::string> locales;
  if (!locales.empty())
    return locales;
  for (const std::string &Line : splitLines(loadList()))
    locales.insert(Line);
  return locales;
}

// 2. The fill inside the branch taken while the table is empty, through a
//    size test and a conjunction.
static std::vector<std::string> fontDirs;
void scanFonts(bool Enabled) {
  if (fontDirs.size() == 0 && Enabled) {
    for (const std::string &Dir : splitLines(loadList()))
      fontDirs.push_back(Dir);
  }
}

// 3. A member of a class whose objects live as long as the program.
class Registry {
  std::map<std::string, int> Codes;

public:
  int code(const std::string &Name) {
    if (Codes.empty()) {
      int Next = 0;
      for (const std::string &Line : splitLines(loadList()))
        Codes.emplace(Line, Next++);
    }
    auto It = Codes.find(Name);
    return It == Codes.end() ? -1 : It->second;
  }
};
Registry TheRegistry;

// 4. An exit that the empty table can also take does not guard the fill:
//    `!empty() && ...` is false for a non-empty table whenever the second
//    test fails, so the fill runs with entries in the table.
static std::vector<int> seen;
void record(int Id, bool Quiet) {
  if (!seen.empty() && Quiet)
    return;
  seen.push_back(Id);
}
// CHECK-MESSAGES: :[[@LINE-6]]:25: warning: static container 'seen' grows without bound: elements are added but never removed [refcycle-unbounded-cache]
// CHECK-MESSAGES: :[[@LINE-3]]:8: note: 'seen' grows here

// 5. A branch taken while the table has entries does not guard.
int memo(int N) {
  static std::map<int, int> Results;
  if (!Results.empty()) {
    Results[N] = compute(N);
  }
  auto It = Results.find(N);
  if (It != Results.end())
    return It->second;
  return Results[N] = compute(N);
}
// CHECK-MESSAGES: :[[@LINE-9]]:29: warning: static cache 'Results' grows without bound: every distinct key stays forever; use a bounded refcycle::lru_cache [refcycle-unbounded-cache]
// CHECK-MESSAGES: :[[@LINE-8]]:5: note: 'Results' grows here
// CHECK-MESSAGES: :[[@LINE-4]]:10: note: 'Results' grows here
// CHECK-MESSAGES: :[[@LINE-12]]:29: note: declare 'Results' as refcycle::lru_cache<K, V> with a capacity (e.g. 128) and use get(key)/put(key, value) or get_or_insert_with(key, compute); its uses here do not map onto that API mechanically, so no automatic fix is offered
