// RUN: %check_clang_tidy %s refcycle-unbounded-cache %t -- -- -std=c++17
// RUN: %check_clang_tidy --fix-notes --compile-fixed --check-suffix=FIX %s refcycle-unbounded-cache %t.fix -- -- -std=c++17

// Registries of weak references that are added to and never pruned: each
// object they were told about leaves an expired entry behind. Data members
// are reported by default: the entry outlives its object whatever owns the
// registry.

#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <vector>
// CHECK-FIXES-FIX: #include <algorithm>

struct Collectable {};
struct Listener {};

// jupp0r/prometheus-cpp, MetricsHandler::RegisterCollectable.
class Handler {
public:
  void add(const std::weak_ptr<Collectable> &c) {
    std::lock_guard<std::mutex> lock(mutex_);
    collectables_.push_back(c);
    // CHECK-FIXES-FIX: {{^}}    collectables_.erase(std::remove_if(collectables_.begin(), collectables_.end(), [](const auto &Entry) { return Entry.expired(); }), collectables_.end());{{$}}
    // CHECK-FIXES-FIX-NEXT: {{^}}    collectables_.push_back(c);{{$}}
  }
  std::size_t count() const { return collectables_.size(); }

private:
  std::mutex mutex_;
  std::vector<std::weak_ptr<Collectable>> collectables_;
  // CHECK-NOTES: :[[@LINE-1]]:43: warning: member registry 'Handler::collectables_' keeps an entry for every 'Collectable' it is given, also after the object is gone: expired weak references are never removed [refcycle-unbounded-cache]
  // CHECK-MESSAGES-FIX: :[[@LINE-2]]:43: warning: member registry 'Handler::collectables_' keeps an entry for every 'Collectable' it is given, also after the object is gone: expired weak references are never removed [refcycle-unbounded-cache]
  // CHECK-NOTES: :[[@LINE-11]]:19: note: 'Handler::collectables_' grows here
  // CHECK-NOTES: :[[@LINE-12]]:19: note: remove the expired entries of 'Handler::collectables_' before adding one
};

// A list: remove_if is its own member.
class Bus {
public:
  void subscribe(std::shared_ptr<Listener> l) { listeners_.push_back(l); }
  // CHECK-FIXES-FIX: {{^}}  void subscribe(std::shared_ptr<Listener> l) {{{$}}
  // CHECK-FIXES-FIX-NEXT: {{^}}    listeners_.remove_if([](const auto &Entry) { return Entry.expired(); });{{$}}
  // CHECK-FIXES-FIX-NEXT: {{^}}    listeners_.push_back(l); }{{$}}

private:
  std::list<std::weak_ptr<Listener>> listeners_;
  // CHECK-NOTES: :[[@LINE-1]]:38: warning: member registry 'Bus::listeners_' keeps an entry for every 'Listener' it is given, also after the object is gone: expired weak references are never removed [refcycle-unbounded-cache]
  // CHECK-MESSAGES-FIX: :[[@LINE-2]]:38: warning: member registry 'Bus::listeners_' keeps an entry for every 'Listener' it is given, also after the object is gone: expired weak references are never removed [refcycle-unbounded-cache]
  // CHECK-NOTES: :[[@LINE-9]]:60: note: 'Bus::listeners_' grows here
  // CHECK-NOTES: :[[@LINE-10]]:60: note: remove the expired entries of 'Bus::listeners_' before adding one
};

// A set ordered by owner: reported, no rewrite (the removal is a loop).
void notify_all();
void watch(const std::shared_ptr<Listener> &l) {
  static std::set<std::weak_ptr<Listener>, std::owner_less<>> watched;
  // CHECK-NOTES: :[[@LINE-1]]:63: warning: static registry 'watched' keeps an entry for every 'Listener' it is given, also after the object is gone: expired weak references are never removed [refcycle-unbounded-cache]
  // CHECK-MESSAGES-FIX: :[[@LINE-2]]:63: warning: static registry 'watched' keeps an entry for every 'Listener' it is given, also after the object is gone: expired weak references are never removed [refcycle-unbounded-cache]
  // CHECK-NOTES: :[[@LINE+3]]:11: note: 'watched' grows here
  // CHECK-NOTES: :[[@LINE+2]]:11: note: remove the expired entries of 'watched' before adding one
  notify_all();
  watched.insert(l);
}

// Pruned while notifying: bounded by the live objects.
class Observers {
public:
  void add(std::weak_ptr<Listener> l) { observers_.push_back(std::move(l)); }
  void notify() {
    for (auto it = observers_.begin(); it != observers_.end();)
      it = it->expired() ? observers_.erase(it) : it + 1;
  }

private:
  std::vector<std::weak_ptr<Listener>> observers_;
};

// A map of weak values keyed by name, pruned on lookup.
class Directory {
public:
  void put(int id, std::weak_ptr<Listener> l) { by_id_[id] = l; }
  std::shared_ptr<Listener> get(int id) {
    auto it = by_id_.find(id);
    if (it == by_id_.end())
      return nullptr;
    if (auto l = it->second.lock())
      return l;
    by_id_.erase(it);
    return nullptr;
  }

private:
  std::map<int, std::weak_ptr<Listener>> by_id_;
};
