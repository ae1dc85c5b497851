// RUN: %check_clang_tidy %s refcycle-unbounded-cache %t -- -- -I%S/Inputs
// RUN: %check_clang_tidy --check-suffix=WHOLE %s refcycle-unbounded-cache %t -- \
// RUN:   -config="{CheckOptions: {refcycle-unbounded-cache.AssumeWholeProgram: true}}" -- -I%S/Inputs
// RUN: %check_clang_tidy --check-suffix=MEMBER %s refcycle-unbounded-cache %t -- \
// RUN:   -config="{CheckOptions: {refcycle-unbounded-cache.CheckMemberContainers: true}}" -- -I%S/Inputs
// RUN: %check_clang_tidy --check-suffix=TYPES %s refcycle-unbounded-cache %t -- \
// RUN:   -config="{CheckOptions: {refcycle-unbounded-cache.ContainerTypes: '::util::flat_map'}}" -- -I%S/Inputs
// RUN: %check_clang_tidy --check-suffix=STARTUP %s refcycle-unbounded-cache %t -- \
// RUN:   -config="{CheckOptions: {refcycle-unbounded-cache.StartupFunctions: 'boot'}}" -- -I%S/Inputs

#include <map>
#include <string>
#include <vector>

int compute(int);

// External linkage, declared in a header: only with AssumeWholeProgram.
#include "shared-tables.h"
std::map<int, int> exported;
// CHECK-MESSAGES-WHOLE: :[[@LINE-1]]:20: warning: static cache 'exported' grows without bound: every distinct key stays forever; use a bounded refcycle::lru_cache [refcycle-unbounded-cache]
int exportedMemo(int n) {
  auto it = exported.find(n);
  if (it != exported.end())
    return it->second;
  return exported[n] = compute(n);
}

// A data member: only with CheckMemberContainers.
class Session {
public:
  int get(int k) {
    if (memo_.count(k))
      return memo_[k];
    return memo_[k] = compute(k);
  }

private:
  std::map<int, int> memo_;
  // CHECK-MESSAGES-MEMBER: :[[@LINE-1]]:22: warning: member cache 'Session::memo_' grows without bound: every distinct key stays forever; use a bounded refcycle::lru_cache [refcycle-unbounded-cache]
  // CHECK-MESSAGES-WHOLE-NOT: :[[@LINE-2]]:22: warning:
};

// A custom container type named in ContainerTypes.
namespace util {
template <class K, class V> struct flat_map {
  V &operator[](const K &);
  bool contains(const K &) const;
};
} // namespace util
int custom(int k) {
  static util::flat_map<int, int> table;
  // CHECK-MESSAGES-TYPES: :[[@LINE-1]]:35: warning: static cache 'table' grows without bound
  if (table.contains(k))
    return table[k];
  return table[k] = compute(k);
}

// StartupFunctions replaces the default list: 'boot' becomes start-up code,
// and 'initialize' is not any more.
static std::vector<std::string> modules;
// CHECK-MESSAGES: :[[@LINE-1]]:33: warning: static container 'modules' grows without bound: elements are added but never removed [refcycle-unbounded-cache]
// CHECK-MESSAGES-WHOLE: :[[@LINE-2]]:33: warning: static container 'modules' grows without bound
// CHECK-MESSAGES-MEMBER: :[[@LINE-3]]:33: warning: static container 'modules' grows without bound
// CHECK-MESSAGES-TYPES: :[[@LINE-4]]:33: warning: static container 'modules' grows without bound
void boot() { modules.push_back("core"); }
static std::vector<std::string> services;
// CHECK-MESSAGES-STARTUP: :[[@LINE-1]]:33: warning: static container 'services' grows without bound: elements are added but never removed [refcycle-unbounded-cache]
void initialize() { services.push_back("net"); }
