// RUN: %check_clang_tidy %s refcycle-unbounded-cache %t

#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

// A raw-pointer registry filled in the constructor and not cleaned in the
// destructor: it grows and its pointers dangle.
class Widget {
public:
  Widget();
  ~Widget();
};
static std::vector<Widget *> widgets;
// CHECK-NOTES: :[[@LINE-1]]:30: warning: instance registry 'widgets' grows without bound and dangles: every 'Widget' is added but never removed, so its pointer stays after the object is destroyed; derive 'Widget' from refcycle::tracked<Widget> [refcycle-unbounded-cache]
// CHECK-NOTES: :[[@LINE+3]]:28: note: 'widgets' grows here
// CHECK-NOTES: :[[@LINE+3]]:9: note: '~Widget' does not remove the object from 'widgets'
int widgetCount() { return static_cast<int>(widgets.size()); }
Widget::Widget() { widgets.push_back(this); }
Widget::~Widget() {}

// The same with a set and no user-declared destructor.
struct Timer {
  Timer() { all.insert(this); }
  static int count() { return static_cast<int>(all.size()); }

private:
  static std::set<Timer *> all;
};
std::set<Timer *> Timer::all;
// CHECK-NOTES: :[[@LINE-1]]:26: warning: instance registry 'Timer::all' grows without bound and dangles: every 'Timer' is added but never removed
// CHECK-NOTES: :[[@LINE-8]]:17: note: 'Timer::all' grows here

// A shared_ptr registry filled by a factory: every object stays alive.
struct Connection {
  std::string peer;
};
std::shared_ptr<Connection> connect(const std::string &peer) {
  static std::vector<std::shared_ptr<Connection>> open;
  // CHECK-NOTES: :[[@LINE-1]]:51: warning: instance registry 'open' keeps every 'Connection' alive forever: entries are added but never removed; use refcycle::weak_set<Connection> [refcycle-unbounded-cache]
  auto c = std::make_shared<Connection>(Connection{peer});
  open.push_back(c);
  // CHECK-NOTES: :[[@LINE-1]]:8: note: 'open' grows here
  return c;
}

// Identity cache of shared objects handed out to callers.
struct Font {
  std::string name;
};
std::shared_ptr<Font> loadFont(const std::string &name) {
  static std::unordered_map<std::string, std::shared_ptr<Font>> fonts;
  // CHECK-NOTES: :[[@LINE-1]]:65: warning: static cache 'fonts' keeps every object it hands out alive forever: entries are never removed; use refcycle::weak_value_map so that an entry goes away with its last user [refcycle-unbounded-cache]
  // CHECK-NOTES: :[[@LINE+6]]:9: note: 'fonts' grows here
  // CHECK-NOTES: :[[@LINE-3]]:65: note: replace 'fonts' with a refcycle::weak_value_map: it hands out the same objects but does not keep them alive
  auto it = fonts.find(name);
  if (it != fonts.end())
    return it->second;
  auto font = std::make_shared<Font>(Font{name});
  fonts.emplace(name, font);
  return font;
}

// A raw-pointer registry that removes itself in the destructor: fine.
class Tracked {
public:
  Tracked() { live.insert(this); }
  ~Tracked() { live.erase(this); }

private:
  static std::set<Tracked *> live;
};
std::set<Tracked *> Tracked::live;
