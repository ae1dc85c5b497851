// RUN: %check_clang_tidy --compile-fixed %s refcycle-shared-ptr-cycle %t

// A release breaks a cycle only if something runs it while the cycle's
// objects are still reachable from outside. Once the program drops its last
// pointer to them, only their own member functions could run it, and
// nothing calls those any more. So a release counts when code outside the
// cycle's classes runs it in this translation unit: a free function, a
// member function of another class (its destructor too), a lambda (whoever
// holds it calls it), a function whose address is taken (bound or stored:
// someone else calls it), or an override of a system library's virtual
// function (the library calls it). A release that only the cycle's own
// member functions run, or that nothing runs, does not count.

#include <functional>
#include <memory>
#include <streambuf>
#include <vector>

// Case 1: a teardown function nobody calls. Reported.
struct Dish;
struct Menu {
  std::vector<std::shared_ptr<Dish>> dishes;
  void dispose() { dishes.clear(); }
};
struct Dish {
  std::shared_ptr<Menu> menu;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Dish::menu' closes a shared_ptr ownership cycle: 'Menu' -> 'Dish' -> 'Menu'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE-6]]:38: note: 'Menu::dishes' owns 'Dish' here
  // CHECK-MESSAGES: :[[@LINE-6]]:20: note: 'Menu::dispose' releases 'Menu::dishes' here, but only member functions of the cycle's classes run it, and nothing calls them once the cycle's objects are abandoned
  // CHECK-FIXES: {{^}}  std::weak_ptr<Menu> menu;{{$}}
};

// Case 2: the release is reached only through other member functions of
// the cycle's classes, and nothing outside calls those. Reported.
struct Room;
struct House {
  std::vector<std::shared_ptr<Room>> rooms;
  void demolish();
};
struct Room {
  std::shared_ptr<House> house;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'Room::house' closes a shared_ptr ownership cycle: 'House' -> 'Room' -> 'House'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE-6]]:38: note: 'House::rooms' owns 'Room' here
  // CHECK-MESSAGES: :[[@LINE+2]]:18: note: 'Room::leave' releases 'Room::house' here, but only member functions of the cycle's classes run it, and nothing calls them once the cycle's objects are abandoned
  // CHECK-FIXES: {{^}}  std::weak_ptr<House> house;{{$}}
  void leave() { house.reset(); }
};
inline void House::demolish() {
  for (auto &r : rooms)
    r->leave();
}

// Case 3: an override of the program's own interface, with no caller in
// sight. Reported.
struct Shuttable {
  virtual ~Shuttable() = default;
  virtual void shut() = 0;
};
struct Door;
struct Hall {
  std::vector<std::shared_ptr<Door>> doors;
};
struct Door : Shuttable {
  std::shared_ptr<Hall> hall;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Door::hall' closes a shared_ptr ownership cycle: 'Hall' -> 'Door' -> 'Hall'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-FIXES: {{^}}  std::weak_ptr<Hall> hall;{{$}}
  void shut() override { hall = nullptr; }
  // CHECK-FIXES: {{^}}  void shut() override { hall = {}; }{{$}}
};

// Case 4: a free function runs the teardown, through a chain of the
// cycle's member functions. Not reported.
struct Twig;
struct Bush {
  std::vector<std::shared_ptr<Twig>> twigs;
  void trim() { cut(); }
  void cut() { twigs.clear(); }
};
struct Twig {
  std::shared_ptr<Bush> bush;
};
inline void autumn(Bush &b) { b.trim(); }

// Case 5: the destructor of an owner outside the cycle runs it. Not
// reported.
struct Sheet5;
struct Binder5 {
  std::vector<std::shared_ptr<Sheet5>> sheets;
  void unload() { sheets.clear(); }
};
struct Sheet5 {
  std::shared_ptr<Binder5> binder;
};
struct Desk5 {
  std::shared_ptr<Binder5> open;
  ~Desk5() { open->unload(); }
};

// Case 6: the teardown is bound to a callback, and a call through the
// virtual the program's own base declares counts too. Not reported.
struct Closable {
  virtual ~Closable() = default;
  virtual void close() = 0;
};
struct Peer6;
struct Link6 {
  std::vector<std::shared_ptr<Peer6>> peers;
  void hangUp() { peers.clear(); }
};
struct Peer6 {
  std::shared_ptr<Link6> link;
};
inline std::function<void()> onHangUp(Link6 *l) {
  return std::bind(&Link6::hangUp, l);
}
struct Gate7;
struct Yard7 {
  std::vector<std::shared_ptr<Gate7>> gates;
};
struct Gate7 : Closable {
  std::shared_ptr<Yard7> yard;
  void close() override { yard.reset(); }
};
inline void closeAll(std::vector<Closable *> &all) {
  for (Closable *c : all)
    c->close();
}

// Case 7: a release in a lambda runs when its holder calls it. Not
// reported.
struct Call8;
struct Phone8 {
  std::vector<std::shared_ptr<Call8>> calls;
  std::function<void()> onIdle;
  void arm() {
    onIdle = [this] { calls.clear(); };
  }
};
struct Call8 {
  std::shared_ptr<Phone8> phone;
};

// Case 8: the standard library calls an override of its virtual functions.
// Not reported.
struct Sink9;
struct Pipe9 {
  std::vector<std::shared_ptr<Sink9>> sinks;
};
struct Sink9 : std::streambuf {
  std::shared_ptr<Pipe9> pipe;
  int sync() override {
    pipe.reset();
    return 0;
  }
};

// Case 9: two objects linked to each other in one function and unlinked
// in another that nothing outside calls. Reported; the evidence note names
// the function that links them, not the one that unlinks them.
struct Husband;
struct Wife {
  std::shared_ptr<Husband> husband;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Wife::husband' closes a shared_ptr ownership cycle: 'Husband' -> 'Wife' -> 'Husband'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+6]]:25: note: 'Husband::wife' owns 'Wife' here
  // CHECK-MESSAGES: :[[@LINE+15]]:3: note: 'marry' stores 'h' in 'husband' of 'w' here
  // CHECK-MESSAGES: :[[@LINE+15]]:3: note: and 'w' in 'wife' of 'h' here: the two objects own each other
  void leave();
};
struct Husband {
  std::shared_ptr<Wife> wife;
};
inline void Wife::leave() {
  husband->wife = nullptr;
  husband = nullptr;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'Wife::leave' releases 'Wife::husband' here, but only member functions of the cycle's classes run it, and nothing calls them once the cycle's objects are abandoned
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'Wife::leave' releases 'Husband::wife' here, but only member functions of the cycle's classes run it, and nothing calls them once the cycle's objects are abandoned
  // CHECK-MESSAGES: :[[@LINE-15]]:28: note: make 'Wife::husband' a weak pointer to break the cycle; its uses then lock it first, and must handle an expired object
}
inline void marry(std::shared_ptr<Wife> w, std::shared_ptr<Husband> h) {
  w->husband = h;
  h->wife = w;
}

// Case 10: unlinking both directions in one function is no evidence that
// the program links them. Reported (nothing outside calls 'cut'), without
// an evidence note.
struct Right10;
struct Left10 {
  std::shared_ptr<Right10> right;
};
struct Right10 {
  std::shared_ptr<Left10> left;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Right10::left' closes a shared_ptr ownership cycle: 'Left10' -> 'Right10' -> 'Left10'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE-5]]:28: note: 'Left10::right' owns 'Right10' here
  // CHECK-MESSAGES-NOT: both assigned
  // CHECK-MESSAGES: :[[@LINE+4]]:5: note: 'Right10::cut' releases 'Left10::right' here, but only member functions of the cycle's classes run it, and nothing calls them once the cycle's objects are abandoned
  // CHECK-MESSAGES: :[[@LINE+4]]:5: note: 'Right10::cut' releases 'Right10::left' here, but only member functions of the cycle's classes run it, and nothing calls them once the cycle's objects are abandoned
  // CHECK-MESSAGES-NOT: both assigned
  void cut() {
    left->right = nullptr;
    left = nullptr;
  }
};
