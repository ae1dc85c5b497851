// RUN: %check_clang_tidy %s refcycle-unbounded-cache %t -- \
// RUN:   -config="{CheckOptions: {refcycle-unbounded-cache.DefaultCacheCapacity: 32}}"

// The notes that explain a finding when no rewrite is offered, and the
// capacity option in them.

#include <map>
#include <vector>

int compute(int);

int memo(int n) {
  static std::map<int, int> values;
  // CHECK-NOTES: :[[@LINE-1]]:29: warning: static cache 'values' grows without bound: every distinct key stays forever; use a bounded refcycle::lru_cache [refcycle-unbounded-cache]
  // CHECK-NOTES: :[[@LINE+5]]:10: note: 'values' grows here
  // CHECK-NOTES: :[[@LINE-3]]:29: note: declare 'values' as refcycle::lru_cache<K, V> with a capacity (e.g. 32) and use get(key)/put(key, value) or get_or_insert_with(key, compute); its uses here do not map onto that API mechanically, so no automatic fix is offered
  auto it = values.find(n);
  if (it != values.end())
    return it->second;
  return values[n] = compute(n);
}

// Several growth sites: each is shown.
static std::vector<int> trace;
// CHECK-NOTES: :[[@LINE-1]]:25: warning: static container 'trace' grows without bound: elements are added but never removed [refcycle-unbounded-cache]
// CHECK-NOTES: :[[@LINE+2]]:28: note: 'trace' grows here
// CHECK-NOTES: :[[@LINE+2]]:28: note: 'trace' grows here
void enter(int id) { trace.push_back(id); }
void leave(int id) { trace.push_back(-id); }
