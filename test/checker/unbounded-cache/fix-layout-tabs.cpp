// RUN: %check_clang_tidy --fix-notes --compile-fixed %s refcycle-unbounded-cache %t -- -- -std=c++17

// A file indented with tabs: the statements the fixes add are indented
// with tabs too, each on a line of its own. The include the removal needs
// goes where the sorted block puts it.

#include <memory>
// CHECK-FIXES: {{^}}#include <algorithm>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <memory>{{$}}
#include <set>
#include <vector>

struct Listener {};

class Hub {
public:
	void add(std::shared_ptr<Listener> l) {
		listeners_.push_back(l);
	}
	// CHECK-FIXES: {{^}}	void add(std::shared_ptr<Listener> l) {{{$}}
	// CHECK-FIXES-NEXT: {{^}}		listeners_.erase(std::remove_if(listeners_.begin(), listeners_.end(), [](const auto &Entry) { return Entry.expired(); }), listeners_.end());{{$}}
	// CHECK-FIXES-NEXT: {{^}}		listeners_.push_back(l);{{$}}
	int open(int id) {
		if (!open_.insert(id).second)
			return 0;
		if (id < 0) return -1;
		// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: this return keeps 'id' in 'Hub::open_' forever: another return with the same result removes it first [refcycle-unbounded-cache]
		if (id == 0) {
			open_.erase(id);
			return -1;
		}
		return id;
	}
	// CHECK-FIXES: {{^}}		if (id < 0) {{{$}}
	// CHECK-FIXES-NEXT: {{^}}			open_.erase(id);{{$}}
	// CHECK-FIXES-NEXT: {{^}}			return -1;{{$}}
	// CHECK-FIXES-NEXT: {{^}}		}{{$}}
	void close(int id) { open_.erase(id); }

private:
	std::vector<std::weak_ptr<Listener>> listeners_;
	// CHECK-MESSAGES: :[[@LINE-1]]:39: warning: member registry 'Hub::listeners_' keeps an entry for every 'Listener' it is given, also after the object is gone: expired weak references are never removed [refcycle-unbounded-cache]
	std::set<int> open_;
};
