// RUN: %check_clang_tidy %s refcycle-shared-ptr-cycle %t -- -config="{CheckOptions: {refcycle-shared-ptr-cycle.SharedPointerTypes: '::std::shared_ptr;::rc::Rc', refcycle-shared-ptr-cycle.UniquePointerTypes: '::std::unique_ptr;::rc::Box'}}"

#include <memory>

namespace rc {
template <class T> class Rc {
  T *Ptr = nullptr;
  long *Count = nullptr;
};
template <class T> class Box {
  T *Ptr = nullptr;
};
} // namespace rc

// Case 1: a configured reference-counting pointer: reported, no fix (no
// known weak counterpart); the note says so.
struct Doc;
struct View {
  rc::Rc<Doc> doc;
};
struct Doc {
  rc::Rc<View> active_view;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'Doc::active_view' closes a shared_ptr ownership cycle: 'View' -> 'Doc' -> 'View'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
};

// Case 2: a configured unique owner together with std::shared_ptr.
struct Player;
struct Game {
  rc::Box<Player> player;
};
struct Player {
  std::shared_ptr<Game> game;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Player::game' closes a shared_ptr ownership cycle: 'Game' -> 'Player' -> 'Game'; objects
  bool started() const { return game.use_count() > 0; }
};
// CHECK-FIXES: {{^}}  std::weak_ptr<Game> game;{{$}}

// Case 3: the custom pointer, when it is not configured, holds a raw
// pointer: no edge. (Only std::shared_ptr members form no cycle here.)
template <class T> class Handle {
  T *Ptr = nullptr;
};
struct Lamp;
struct Switch {
  Handle<Lamp> lamp;
};
struct Lamp {
  Handle<Switch> sw;
};
