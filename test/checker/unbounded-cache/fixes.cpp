// RUN: %check_clang_tidy --fix-notes --compile-fixed %s refcycle-unbounded-cache %t

// Memo and identity caches whose every use maps onto the runtime API are
// rewritten (with --fix-notes: the cache now forgets entries).

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
// CHECK-FIXES: #include <refcycle/lru_cache.hpp>
// CHECK-FIXES: #include <refcycle/weak_value_map.hpp>

int compute(int);
std::string render(const std::string &);

// The classic shape with an if-initializer.
int fib(int n) {
  static std::unordered_map<int, int> results;
  // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: static cache 'results' grows without bound: every distinct key stays forever; use a bounded refcycle::lru_cache [refcycle-unbounded-cache]
  // CHECK-FIXES: static refcycle::lru_cache<int, int> results{128};
  if (auto it = results.find(n); it != results.end())
    return it->second;
  // CHECK-FIXES: if (auto hit = results.get(n)) return *hit;
  auto v = compute(n);
  results.emplace(n, v);
  // CHECK-FIXES: results.put(n, v);
  return v;
}

// Iterator declared before the if, braces, operator[] assignment.
std::string page(const std::string &path) {
  static std::map<std::string, std::string> pages;
  // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: static cache 'pages' grows without bound
  // CHECK-FIXES: static refcycle::lru_cache<std::string, std::string> pages{128};
  auto it = pages.find(path);
  if (it != pages.end()) {
    return it->second;
  }
  // CHECK-FIXES: if (auto hit = pages.get(path)) {
  // CHECK-FIXES-NEXT: return *hit;
  std::string text = render(path);
  pages[path] = text;
  // CHECK-FIXES: pages.put(path, text);
  return text;
}

// count() then at(), insert of a braced pair, size() kept.
static std::map<long, int> squares;
// CHECK-MESSAGES: :[[@LINE-1]]:28: warning: static cache 'squares' grows without bound
// CHECK-FIXES: static refcycle::lru_cache<long, int> squares{128};
int square(long x) {
  if (squares.count(x))
    return squares.at(x);
  // CHECK-FIXES: if (auto hit = squares.get(x)) return *hit;
  int v = static_cast<int>(x * x);
  squares.insert({x, v});
  // CHECK-FIXES: squares.put(x, v);
  return v;
}
int cachedSquares() { return static_cast<int>(squares.size()); }

// Get-or-create of shared objects: an identity cache.
struct User {
  std::string name;
};
std::shared_ptr<User> getUser(const std::string &name) {
  static std::map<std::string, std::shared_ptr<User>> users;
  // CHECK-MESSAGES: :[[@LINE-1]]:55: warning: static cache 'users' keeps every object it hands out alive forever: entries are never removed; use refcycle::weak_value_map so that an entry goes away with its last user [refcycle-unbounded-cache]
  // CHECK-FIXES: static refcycle::weak_value_map<std::string, User> users;
  auto it = users.find(name);
  if (it != users.end())
    return it->second;
  // CHECK-FIXES: if (auto hit = users.find(name)) return hit;
  auto user = std::make_shared<User>(User{name});
  users[name] = user;
  // CHECK-FIXES: users.insert_or_assign(name, user);
  return user;
}

// A use without a runtime equivalent (iteration): a note, no rewrite.
int sumAll(int n) {
  static std::map<int, int> partial;
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: static cache 'partial' grows without bound
  // CHECK-FIXES: static std::map<int, int> partial;
  if (auto it = partial.find(n); it != partial.end())
    return it->second;
  int sum = 0;
  for (const auto &entry : partial)
    sum += entry.second;
  partial.emplace(n, sum);
  return sum;
}

// Returned by reference: returning *hit would dangle, so no rewrite.
const std::string &title(const std::string &key) {
  static std::unordered_map<std::string, std::string> titles;
  // CHECK-MESSAGES: :[[@LINE-1]]:55: warning: static cache 'titles' grows without bound
  // CHECK-FIXES: static std::unordered_map<std::string, std::string> titles;
  auto it = titles.find(key);
  if (it != titles.end())
    return it->second;
  return titles[key] = render(key);
}
