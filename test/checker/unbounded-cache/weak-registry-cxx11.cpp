// RUN: %check_clang_tidy --fix-notes --compile-fixed %s refcycle-unbounded-cache %t -- -- -std=c++11

// Before C++14 a lambda cannot take 'const auto &': the removal of expired
// entries names the element type in full.

#include <memory>
#include <mutex>
#include <vector>
// CHECK-FIXES: #include <algorithm>

namespace metrics {
struct Collectable {};
}

class Handler {
public:
  void add(const std::weak_ptr<metrics::Collectable> &c) {
    std::lock_guard<std::mutex> lock(mutex_);
    collectables_.push_back(c);
  }
  // CHECK-FIXES: {{^}}    collectables_.erase(std::remove_if(collectables_.begin(), collectables_.end(), [](const std::weak_ptr<metrics::Collectable> &Entry) { return Entry.expired(); }), collectables_.end());{{$}}
  // CHECK-FIXES-NEXT: {{^}}    collectables_.push_back(c);{{$}}

private:
  std::mutex mutex_;
  std::vector<std::weak_ptr<metrics::Collectable> > collectables_;
  // CHECK-MESSAGES: :[[@LINE-1]]:53: warning: member registry 'Handler::collectables_' keeps an entry for every 'Collectable' it is given, also after the object is gone: expired weak references are never removed [refcycle-unbounded-cache]
};
