// RUN: %check_clang_tidy %s refcycle-unbounded-cache %t -- -- -std=c++20

// A map's operator[] inserts a default entry for a missing key. Behind a
// test that the map holds that very key it only finds the entry: a table
// filled at start-up and read that way does not grow. The same read behind
// a test of another key, or with no test, still inserts.

#include <map>
#include <stdexcept>
#include <string>
#include <unordered_map>

std::string describe(int);

static std::map<int, std::string> StatusText = {{200, "OK"}, {404, "Not Found"}};

// 1. Inside the branch of a count() test.
std::string statusText(int Code) {
  if (StatusText.count(Code))
    return StatusText[Code];
  return "Unknown";
}

// 2. After an exit taken when find() misses.
std::string statusTextOrEmpty(int Code) {
  if (StatusText.find(Code) == StatusText.end())
    return "";
  return StatusText[Code];
}

// 3. In the else-branch of a miss test, through a conjunction's partner.
std::string statusOr(int Code, bool Verbose) {
  if (StatusText.find(Code) == StatusText.end() || !Verbose) {
    return describe(Code);
  } else {
    return StatusText[Code] + "!";
  }
}

// 4. After a throw taken unless contains() (C++20).
static std::unordered_map<std::string, int> Limits = {{"cpu", 4}, {"mem", 8}};
int limit(const std::string &Name) {
  if (!Limits.contains(Name))
    throw std::out_of_range(Name);
  return Limits[Name];
}

// 5. A test of another key does not say that this key is there.
static std::map<int, int> Counters = {{1, 0}, {2, 0}};
int counter(int Wanted, int Fallback) {
  if (Counters.count(Wanted))
    return Counters[Fallback];
  return 0;
}
// CHECK-MESSAGES: :[[@LINE-6]]:27: warning: static cache 'Counters' grows without bound: every distinct key stays forever; use a bounded refcycle::lru_cache [refcycle-unbounded-cache]

// 6. No test at all.
static std::map<int, std::string> Names = {{1, "one"}};
std::string name(int Id) { return Names[Id]; }
// CHECK-MESSAGES: :[[@LINE-2]]:35: warning: static cache 'Names' grows without bound: every distinct key stays forever; use a bounded refcycle::lru_cache [refcycle-unbounded-cache]
