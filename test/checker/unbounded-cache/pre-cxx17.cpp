// RUN: %check_clang_tidy %s refcycle-unbounded-cache %t -- --fix-notes -- -std=c++98
// RUN: %check_clang_tidy %s refcycle-unbounded-cache %t -- --fix-notes -- -std=c++14

// Before C++17 a cache is still reported, but the refcycle runtime cannot be
// used: the note says how to bound it, and no fix is applied (the
// declaration below stays as written, even with --fix-notes).

#include <map>

int compute(int);

static std::map<int, int> results;
// CHECK-MESSAGES: :[[@LINE-1]]:27: warning: static cache 'results' grows without bound: every distinct key stays forever; use a bounded refcycle::lru_cache [refcycle-unbounded-cache]
// CHECK-FIXES: {{^}}static std::map<int, int> results;{{$}}

int memo(int n) {
  std::map<int, int>::iterator it = results.find(n);
  if (it != results.end())
    return it->second;
  int v = compute(n);
  results.insert(std::make_pair(n, v));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: note: 'results' grows here
  // CHECK-MESSAGES: :[[@LINE-11]]:27: note: bound 'results' (evict entries past a capacity, or when their users are gone); the refcycle runtime needs C++17, so no automatic fix is offered
  return v;
}
