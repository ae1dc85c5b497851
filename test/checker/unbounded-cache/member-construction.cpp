// RUN: %check_clang_tidy %s refcycle-unbounded-cache %t -- \
// RUN:   -config="{CheckOptions: {refcycle-unbounded-cache.CheckMemberContainers: true}}" -- -std=c++17
//
// A data member grown only while its object is constructed (in a
// constructor, or in a private helper only the constructors call) is
// filled once per object: it grows with the object's input, not with the
// object's life.

#include <functional>
#include <map>
#include <string>
#include <vector>

struct Field {
  std::string name;
  int width;
};

// Filled in the constructor: silent.
class Layout {
public:
  explicit Layout(const std::vector<Field> &fields) {
    for (const Field &f : fields)
      offsets_.emplace(f.name, f.width);
  }
  int offset(const std::string &name) const {
    auto it = offsets_.find(name);
    return it == offsets_.end() ? -1 : it->second;
  }

private:
  std::map<std::string, int> offsets_;
};

// Filled by a private helper that only the constructors call, two calls
// deep: silent.
class Schema {
public:
  Schema() { load(); }
  explicit Schema(int version) : version_(version) { load(); }
  bool known(const std::string &name) const { return columns_.count(name) != 0; }

private:
  void load() { addDefaults(); }
  void addDefaults() {
    columns_.emplace("id", 0);
    columns_.emplace("name", 1);
  }
  int version_ = 1;
  std::map<std::string, int> columns_;
};

// The same helper, also called from a public member: it runs whenever the
// object's users call it.
class Router {
public:
  Router() { addRoute("/"); }
  void onRequest(const std::string &path) { addRoute(path); }
  bool has(const std::string &path) const { return seen_.count(path) != 0; }

private:
  void addRoute(const std::string &path) { seen_.emplace(path, 1); }
  std::map<std::string, int> seen_;
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: member cache 'Router::seen_' grows without bound: every distinct key stays forever; use a bounded refcycle::lru_cache [refcycle-unbounded-cache]
  // CHECK-MESSAGES: :[[@LINE-3]]:50: note: 'Router::seen_' grows here
  // CHECK-MESSAGES: :[[@LINE-3]]:30: note: declare 'Router::seen_' as refcycle::lru_cache<K, V> with a capacity (e.g. 128) and use get(key)/put(key, value) or get_or_insert_with(key, compute); its uses here do not map onto that API mechanically, so no automatic fix is offered
};

// A private helper whose address the constructor hands on runs whenever
// the holder of the callback calls it, long after construction.
void subscribe(std::function<void(int)> handler);
class Counter {
public:
  Counter() { subscribe(std::bind(&Counter::record, this, std::placeholders::_1)); }
  bool saw(int id) const { return ids_.count(id) != 0; }

private:
  void record(int id) { ids_.emplace(id, 1); }
  std::map<int, int> ids_;
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: member cache 'Counter::ids_' grows without bound: every distinct key stays forever; use a bounded refcycle::lru_cache [refcycle-unbounded-cache]
  // CHECK-MESSAGES: :[[@LINE-3]]:30: note: 'Counter::ids_' grows here
  // CHECK-MESSAGES: :[[@LINE-3]]:22: note: declare 'Counter::ids_' as refcycle::lru_cache<K, V> with a capacity (e.g. 128) and use get(key)/put(key, value) or get_or_insert_with(key, compute); its uses here do not map onto that API mechanically, so no automatic fix is offered
};

// A lambda the constructor stores runs later: its growth is not
// construction.
class Tally {
public:
  Tally() {
    subscribe([this](int id) { hits_.push_back(id); });
  }
  std::size_t count() const { return hits_.size(); }

private:
  std::vector<int> hits_;
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: member container 'Tally::hits_' grows without bound: elements are added but never removed [refcycle-unbounded-cache]
  // CHECK-MESSAGES: :[[@LINE-7]]:38: note: 'Tally::hits_' grows here
};
