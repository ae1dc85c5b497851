// RUN: %check_clang_tidy %s refcycle-unbounded-cache %t

#include <map>
#include <string>
#include <unordered_map>

int compute(int);
std::string render(const std::string &);

// A function-local static memo cache: find, then emplace on a miss.
int fib(int n) {
  static std::unordered_map<int, int> results;
  // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: static cache 'results' grows without bound: every distinct key stays forever; use a bounded refcycle::lru_cache [refcycle-unbounded-cache]
  auto it = results.find(n);
  if (it != results.end())
    return it->second;
  int v = compute(n);
  results.emplace(n, v);
  return v;
}

// operator[] both looks up and inserts.
const std::string &page(const std::string &path) {
  static std::map<std::string, std::string> rendered;
  // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: static cache 'rendered' grows without bound
  std::string &slot = rendered[path];
  if (slot.empty())
    slot = render(path);
  return slot;
}

// Namespace-scope static, count() then insert().
static std::map<long, int> squares;
// CHECK-MESSAGES: :[[@LINE-1]]:28: warning: static cache 'squares' grows without bound
int square(long x) {
  if (squares.count(x))
    return squares.at(x);
  int v = static_cast<int>(x * x);
  squares.insert({x, v});
  return v;
}

// Anonymous namespace, try_emplace.
namespace {
std::unordered_map<std::string, int> lengths;
// CHECK-MESSAGES: :[[@LINE-1]]:38: warning: static cache 'lengths' grows without bound
} // namespace
int length(const std::string &s) {
  auto [it, inserted] = lengths.try_emplace(s, static_cast<int>(s.size()));
  return it->second;
}

// insert_or_assign after a failed lookup.
int cube(int x) {
  static std::map<int, int> cubes;
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: static cache 'cubes' grows without bound
  auto it = cubes.find(x);
  if (it != cubes.end())
    return it->second;
  cubes.insert_or_assign(x, x * x * x);
  return x * x * x;
}

// The leaky-singleton idiom: a reference to a map that is never deleted.
int twice(int x) {
  static auto &memo = *new std::unordered_map<int, int>();
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: static cache 'memo' grows without bound
  if (auto it = memo.find(x); it != memo.end())
    return it->second;
  return memo[x] = 2 * x;
}

// multimap with equal_range.
int firstOf(int key) {
  static std::multimap<int, int> seen;
  // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: static cache 'seen' grows without bound
  auto range = seen.equal_range(key);
  if (range.first != range.second)
    return range.first->second;
  seen.emplace(key, compute(key));
  return seen.find(key)->second;
}

// A private static member of a class whose members are all defined here.
class Resolver {
public:
  int resolve(int id);

private:
  static std::unordered_map<int, int> cache_;
};
std::unordered_map<int, int> Resolver::cache_;
// CHECK-MESSAGES: :[[@LINE-1]]:40: warning: static cache 'Resolver::cache_' grows without bound
int Resolver::resolve(int id) {
  auto it = cache_.find(id);
  if (it != cache_.end())
    return it->second;
  return cache_[id] = compute(id);
}

// In a function template: one static per instantiation.
template <class T> int sizeOf(const T &value) {
  static std::map<T, int> sizes;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: static cache 'sizes' grows without bound
  auto it = sizes.find(value);
  if (it != sizes.end())
    return it->second;
  sizes.emplace(value, static_cast<int>(sizeof(T)));
  return static_cast<int>(sizeof(T));
}
int useSizeOf() { return sizeOf(1L); }

// Still a cache: the element's data pointer is only read here, not handed to
// a function.
static std::unordered_map<int, std::string> labels;
// CHECK-MESSAGES: :[[@LINE-1]]:45: warning: static cache 'labels' grows without bound: every distinct key stays forever; use a bounded refcycle::lru_cache [refcycle-unbounded-cache]
char firstChar(int key) {
  if (labels.count(key) == 0)
    labels[key] = std::to_string(key);
  return *labels[key].c_str();
}
