// RUN: %check_clang_tidy --fix-notes --compile-fixed %s refcycle-shared-ptr-cycle %t
// RUN: %clang_tidy %s --checks='-*,refcycle-shared-ptr-cycle' -- -std=c++17 2>&1 | %FileCheck %s --check-prefix=NOTES
// RUN: %check_clang_tidy --fix-notes --compile-fixed --check-suffix=CXX14 %s refcycle-shared-ptr-cycle %t.cxx14 -- -- -std=c++14

// Once a back reference becomes a weak pointer, each dereference must lock
// it first and may find the object gone. The fix (attached to a note) guards
// the uses it can: a null test becomes the lock, an expression statement is
// wrapped in 'if (auto p = m.lock())'. Uses no guard can cover lock without a
// check.

#include <memory>
#include <string>
#include <vector>

void log_line(const std::string &);

// Case 1: 'if (room_) room_->f()' (the shape of the shipped example): the
// test becomes the lock.
struct Member;
struct Room {
  std::vector<std::shared_ptr<Member>> members_;
  void broadcast(const std::string &from, const std::string &text);
};
struct Member {
  std::shared_ptr<Room> room_;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Member::room_' closes a shared_ptr ownership cycle: 'Room' -> 'Member' -> 'Room'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-MESSAGES-CXX14: :[[@LINE-2]]:25: warning: 'Member::room_' closes a shared_ptr ownership cycle: 'Room' -> 'Member' -> 'Room'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  std::string name_;
  void say(const std::string &text) {
    if (room_)
      room_->broadcast(name_, text);
  }
  // CHECK-FIXES: {{^}}    if (auto room = room_.lock()){{$}}
  // CHECK-FIXES-NEXT: {{^}}      room->broadcast(name_, text);{{$}}
  // CHECK-FIXES-CXX14: {{^}}    if (auto room = room_.lock()){{$}}
  // CHECK-FIXES-CXX14-NEXT: {{^}}      room->broadcast(name_, text);{{$}}

  // Every use of the pointer inside the guarded statement, in a block and
  // in an inner test, goes through the one locked pointer.
  void sayTwice(const std::string &text) {
    if (room_) {
      room_->broadcast(name_, text);
      if (room_)
        room_->broadcast(name_, text + "!");
    }
  }
  // CHECK-FIXES: {{^}}    if (auto room = room_.lock()) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}      room->broadcast(name_, text);{{$}}
  // CHECK-FIXES-NEXT: {{^}}      if (room){{$}}
  // CHECK-FIXES-NEXT: {{^}}        room->broadcast(name_, text + "!");{{$}}

  // A local that already has the name: the locked pointer takes another.
  void relay(const std::string &room) {
    room_->broadcast(name_, room);
  }
  // CHECK-FIXES: {{^}}    if (auto room2 = room_.lock()) room2->broadcast(name_, room);{{$}}
  // CHECK-FIXES-CXX14: {{^}}    if (auto room2 = room_.lock()) room2->broadcast(name_, room);{{$}}

  // Not a statement of its own: the value is needed, so the use locks
  // without a check.
  std::size_t members() const { return room_->members_.size(); }
  // CHECK-FIXES: {{^}}  std::size_t members() const { return room_.lock()->members_.size(); }{{$}}
};

// Case 2: a member named without decoration; expression statements in a
// block are guarded, in the branches of an unbraced 'if' they are not (a
// guard there would take the 'else').
struct Node;
struct Graph {
  std::vector<std::shared_ptr<Node>> nodes;
  void changed(int);
};
struct Node {
  std::shared_ptr<Graph> owner;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'Node::owner' closes a shared_ptr ownership cycle: 'Graph' -> 'Node' -> 'Graph'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-MESSAGES-CXX14: :[[@LINE-2]]:26: warning: 'Node::owner' closes a shared_ptr ownership cycle: 'Graph' -> 'Node' -> 'Graph'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  int value = 0;
  void set(int v) {
    value = v;
    owner->changed(v);
    (*owner).changed(v + 1);
  }
  // CHECK-FIXES: {{^}}    if (auto locked_owner = owner.lock()) locked_owner->changed(v);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    if (auto locked_owner = owner.lock()) (*locked_owner).changed(v + 1);{{$}}
  void toggle(bool quiet) {
    if (quiet)
      owner->changed(0);
    else
      log_line("toggled");
  }
  // CHECK-FIXES: {{^}}      owner.lock()->changed(0);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    else{{$}}
  // Inside a lambda the guard is the lambda's own: a local of the enclosing
  // function would not be captured.
  void later(std::vector<void (*)()> &) {
    auto notify = [this] { owner->changed(value); };
    notify();
  }
  // CHECK-FIXES: {{^}}    auto notify = [this] { if (auto locked_owner = owner.lock()) locked_owner->changed(value); };{{$}}
  // Two objects' pointers in one statement: each locks on its own.
  static void both(Node &a, Node &b) { a.owner->changed(b.owner->nodes.size()); }
  // CHECK-FIXES: {{^}}  static void both(Node &a, Node &b) { a.owner.lock()->changed(b.owner.lock()->nodes.size()); }{{$}}
  // Another object's member is guarded through its own expression.
  static void poke(Node &other) {
    other.owner->changed(1);
  }
  // CHECK-FIXES: {{^}}    if (auto locked_owner = other.owner.lock()) locked_owner->changed(1);{{$}}
};

// Case 3: a condition that also dereferences the pointer. From C++17 the
// lock goes into the if statement's initializer; before, each use locks on
// its own.
struct Job;
struct Scheduler {
  std::vector<std::shared_ptr<Job>> jobs;
  bool ready() const;
  void run(Job &);
};
struct Job {
  std::shared_ptr<Scheduler> m_scheduler;
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'Job::m_scheduler' closes a shared_ptr ownership cycle: 'Scheduler' -> 'Job' -> 'Scheduler'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-MESSAGES-CXX14: :[[@LINE-2]]:30: warning: 'Job::m_scheduler' closes a shared_ptr ownership cycle: 'Scheduler' -> 'Job' -> 'Scheduler'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  void start() {
    if (m_scheduler && m_scheduler->ready())
      m_scheduler->run(*this);
  }
  // CHECK-FIXES: {{^}}    if (auto scheduler = m_scheduler.lock(); scheduler && scheduler->ready()){{$}}
  // CHECK-FIXES-NEXT: {{^}}      scheduler->run(*this);{{$}}
  // CHECK-FIXES-CXX14: {{^}}    if (m_scheduler.lock() && m_scheduler.lock()->ready()){{$}}
  // CHECK-FIXES-CXX14-NEXT: {{^}}      m_scheduler.lock()->run(*this);{{$}}
};

// Case 4: the derived name is a macro or a keyword: the next free one.
#define conn 1
struct Server;
struct Client {
  std::shared_ptr<Server> conn_;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Client::conn_' closes a shared_ptr ownership cycle: 'Server' -> 'Client' -> 'Server'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-MESSAGES-CXX14: :[[@LINE-2]]:27: warning: 'Client::conn_' closes a shared_ptr ownership cycle: 'Server' -> 'Client' -> 'Server'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  std::shared_ptr<Server> delete_;
  void hello();
};
struct Server {
  std::vector<std::shared_ptr<Client>> clients;
  void greet(int);
};
void Client::hello() {
  conn_->greet(conn);
}
// CHECK-FIXES: {{^}}  if (auto conn2 = conn_.lock()) conn2->greet(conn);{{$}}

// Case 5: where a guard would change meaning or not compile, the uses lock
// on their own.
struct Visitor;
struct Hall {
  std::vector<std::shared_ptr<Visitor>> visitors;
  void enter();
  bool open();
  int size();
};
struct Visitor {
  std::shared_ptr<Hall> hall_;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Visitor::hall_' closes a shared_ptr ownership cycle: 'Hall' -> 'Visitor' -> 'Hall'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-MESSAGES-CXX14: :[[@LINE-2]]:25: warning: 'Visitor::hall_' closes a shared_ptr ownership cycle: 'Hall' -> 'Visitor' -> 'Hall'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // The else branch runs when the pointer is null: its uses are its own.
  void join(std::shared_ptr<Hall> h) {
    if (hall_) hall_->enter();
    else { hall_ = h; hall_->enter(); }
  }
  // CHECK-FIXES: {{^}}    if (auto hall = hall_.lock()) hall->enter();{{$}}
  // CHECK-FIXES-NEXT: {{^}}    else { hall_ = h; if (auto hall = hall_.lock()) hall->enter(); }{{$}}
  // Assigned inside: the uses after the assignment need the new object.
  void move(std::shared_ptr<Hall> h) {
    if (hall_) { hall_->enter(); hall_ = h; hall_->enter(); }
  }
  // CHECK-FIXES: {{^}}    if (hall_.lock()) { if (auto hall = hall_.lock()) hall->enter(); hall_ = h; if (auto hall = hall_.lock()) hall->enter(); }{{$}}
  // Another object's pointer in the condition.
  void follow(Visitor &other) {
    if (hall_ && other.hall_->open()) hall_->enter();
  }
  // CHECK-FIXES: {{^}}    if (hall_.lock() && other.hall_.lock()->open()) hall_.lock()->enter();{{$}}
  // A jump into the guarded statement would skip the new declaration.
  void jump(int x) {
    switch (x) {
    case 0:
      if (hall_) {
        hall_->enter();
      case 1:
        hall_->open();
      }
    }
  }
  // CHECK-FIXES: {{^}}      if (hall_.lock()) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}        if (auto hall = hall_.lock()) hall->enter();{{$}}
  // CHECK-FIXES-NEXT: {{^}}      case 1:{{$}}
  // CHECK-FIXES-NEXT: {{^}}        hall_.lock()->open();{{$}}
};

// Case 6: uses that block the fix: in a function template (its text serves
// other types too), through a pointer to member, or the value of an
// assignment. The note says why; nothing changes.
struct Guest;
struct Inn {
  std::vector<std::shared_ptr<Guest>> guests;
  void greet();
};
struct Guest {
  std::shared_ptr<Inn> inn;
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'Guest::inn' closes a shared_ptr ownership cycle: 'Inn' -> 'Guest' -> 'Inn'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-MESSAGES-CXX14: :[[@LINE-2]]:24: warning: 'Guest::inn' closes a shared_ptr ownership cycle: 'Inn' -> 'Guest' -> 'Inn'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // NOTES-DAG: :[[@LINE-3]]:24: note: make 'Guest::inn' a weak pointer to break the cycle (no automatic fix: some of its uses are in templates)
  // CHECK-FIXES: {{^}}  std::shared_ptr<Inn> inn;{{$}}
};
struct Host {
  std::shared_ptr<Inn> inn;
};
template <class T> void greet(T &t) { t.inn->greet(); }
void greetBoth(Guest &g, Host &h) { greet(g); greet(h); }
struct Lodger;
struct Hotel {
  std::vector<std::shared_ptr<Lodger>> lodgers;
  void greet();
};
struct Lodger {
  std::shared_ptr<Hotel> hotel;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'Lodger::hotel' closes a shared_ptr ownership cycle: 'Hotel' -> 'Lodger' -> 'Hotel'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-MESSAGES-CXX14: :[[@LINE-2]]:26: warning: 'Lodger::hotel' closes a shared_ptr ownership cycle: 'Hotel' -> 'Lodger' -> 'Hotel'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // NOTES-DAG: :[[@LINE-3]]:26: note: make 'Lodger::hotel' a weak pointer to break the cycle (no automatic fix: some of its uses need a manual change)
  // CHECK-FIXES: {{^}}  std::shared_ptr<Hotel> hotel;{{$}}
  void viaPointer() { auto pm = &Lodger::hotel; (this->*pm)->greet(); }
  std::shared_ptr<Hotel> swap(std::shared_ptr<Hotel> h) { return hotel = h; }
};
struct Tenant;
struct Block {
  std::vector<std::shared_ptr<Tenant>> tenants;
};
struct Tenant {
  std::shared_ptr<Block> block;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'Tenant::block' closes a shared_ptr ownership cycle: 'Block' -> 'Tenant' -> 'Block'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-MESSAGES-CXX14: :[[@LINE-2]]:26: warning: 'Tenant::block' closes a shared_ptr ownership cycle: 'Block' -> 'Tenant' -> 'Block'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // NOTES-DAG: :[[@LINE-3]]:26: note: make 'Tenant::block' a weak pointer to break the cycle (no automatic fix: the value of an assignment to it is used)
  // CHECK-FIXES: {{^}}  std::shared_ptr<Block> block;{{$}}
  std::shared_ptr<Block> swap(std::shared_ptr<Block> b) { return block = b; }
};

// Case 7: uses that need the pointer's value, not a dereference: a return,
// a copy, an assignment to another pointer, a const reference parameter, a
// comparison, make_shared forwarding to a constructor that copies it. Each
// takes 'm.lock()': the same object while it lives, an empty pointer after.
struct Shelf;
struct Book;
struct Reader {
  explicit Reader(std::shared_ptr<Shelf> s);
};
struct Shelf {
  std::vector<std::shared_ptr<Book>> books;
};
void file(const std::shared_ptr<Shelf> &s);
struct Book {
  std::shared_ptr<Shelf> shelf;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'Book::shelf' closes a shared_ptr ownership cycle: 'Shelf' -> 'Book' -> 'Shelf'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-MESSAGES-CXX14: :[[@LINE-2]]:26: warning: 'Book::shelf' closes a shared_ptr ownership cycle: 'Shelf' -> 'Book' -> 'Shelf'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // NOTES-DAG: :[[@LINE-3]]:26: note: make 'Book::shelf' a weak pointer to break the cycle; its uses then lock it first, and must handle an expired object
  // CHECK-FIXES: {{^}}  std::weak_ptr<Shelf> shelf;{{$}}
  std::shared_ptr<Shelf> where() const { return shelf; }
  // CHECK-FIXES: {{^}}  std::shared_ptr<Shelf> where() const { return shelf.lock(); }{{$}}
  void copy(std::shared_ptr<Shelf> &out) {
    auto mine = shelf;
    out = shelf;
    file(shelf);
  }
  // CHECK-FIXES: {{^}}    auto mine = shelf.lock();{{$}}
  // CHECK-FIXES-NEXT: {{^}}    out = shelf.lock();{{$}}
  // CHECK-FIXES-NEXT: {{^}}    file(shelf.lock());{{$}}
  bool on(const std::shared_ptr<Shelf> &s) const { return shelf == s; }
  // CHECK-FIXES: {{^}}  bool on(const std::shared_ptr<Shelf> &s) const { return shelf.lock() == s; }{{$}}
  std::unique_ptr<Reader> reader() { return std::make_unique<Reader>(shelf); }
  // CHECK-FIXES: {{^}}  std::unique_ptr<Reader> reader() { return std::make_unique<Reader>(shelf.lock()); }{{$}}
  // The guard of a null test covers a copy in its branch.
  std::shared_ptr<Shelf> checked() {
    if (shelf)
      return shelf;
    return nullptr;
  }
  // CHECK-FIXES: {{^}}    if (auto locked_shelf = shelf.lock()){{$}}
  // CHECK-FIXES-NEXT: {{^}}      return locked_shelf;{{$}}
};

// Uses that still block the fix: a non-const reference parameter (the
// callee may change the member), make_shared forwarding to a constructor
// that takes a non-const reference, and '.get()' (the raw pointer would
// outlive the locked one).
struct Crate;
struct Bottle;
struct Crate {
  std::vector<std::shared_ptr<Bottle>> bottles;
};
void refill(std::shared_ptr<Crate> &c);
struct Bottle {
  std::shared_ptr<Crate> crate;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'Bottle::crate' closes a shared_ptr ownership cycle: 'Crate' -> 'Bottle' -> 'Crate'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-MESSAGES-CXX14: :[[@LINE-2]]:26: warning: 'Bottle::crate' closes a shared_ptr ownership cycle: 'Crate' -> 'Bottle' -> 'Crate'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // NOTES-DAG: :[[@LINE-3]]:26: note: make 'Bottle::crate' a weak pointer to break the cycle (no automatic fix: some of its uses need a manual change)
  // CHECK-FIXES: {{^}}  std::shared_ptr<Crate> crate;{{$}}
  void top() { refill(crate); }
};
struct Jar;
struct Pantry {
  std::vector<std::shared_ptr<Jar>> jars;
};
struct Jar {
  std::shared_ptr<Pantry> pantry;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Jar::pantry' closes a shared_ptr ownership cycle: 'Pantry' -> 'Jar' -> 'Pantry'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-MESSAGES-CXX14: :[[@LINE-2]]:27: warning: 'Jar::pantry' closes a shared_ptr ownership cycle: 'Pantry' -> 'Jar' -> 'Pantry'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // NOTES-DAG: :[[@LINE-3]]:27: note: make 'Jar::pantry' a weak pointer to break the cycle (no automatic fix: some of its uses need a manual change)
  // CHECK-FIXES: {{^}}  std::shared_ptr<Pantry> pantry;{{$}}
  Pantry *raw() { return pantry.get(); }
};
struct Cask;
struct Vault;
struct Cellar {
  explicit Cellar(std::shared_ptr<Vault> &v);
};
struct Vault {
  std::vector<std::shared_ptr<Cask>> casks;
};
struct Cask {
  std::shared_ptr<Vault> vault;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'Cask::vault' closes a shared_ptr ownership cycle: 'Vault' -> 'Cask' -> 'Vault'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-MESSAGES-CXX14: :[[@LINE-2]]:26: warning: 'Cask::vault' closes a shared_ptr ownership cycle: 'Vault' -> 'Cask' -> 'Vault'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // NOTES-DAG: :[[@LINE-3]]:26: note: make 'Cask::vault' a weak pointer to break the cycle (no automatic fix: some of its uses need a manual change)
  // CHECK-FIXES: {{^}}  std::shared_ptr<Vault> vault;{{$}}
  std::unique_ptr<Cellar> cellar() { return std::make_unique<Cellar>(vault); }
};

// Uses bound to a const reference that a temporary cannot stand in for: a
// function template (its parameter is deduced from the argument), a
// function that returns a reference (it may point into the temporary).
struct Drawer;
struct Desk {
  std::vector<std::shared_ptr<Drawer>> drawers;
};
template <class T> void remember(T &t);
struct Drawer {
  std::shared_ptr<Desk> desk;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Drawer::desk' closes a shared_ptr ownership cycle: 'Desk' -> 'Drawer' -> 'Desk'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-MESSAGES-CXX14: :[[@LINE-2]]:25: warning: 'Drawer::desk' closes a shared_ptr ownership cycle: 'Desk' -> 'Drawer' -> 'Desk'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // NOTES-DAG: :[[@LINE-3]]:25: note: make 'Drawer::desk' a weak pointer to break the cycle (no automatic fix: some of its uses need a manual change)
  // CHECK-FIXES: {{^}}  std::shared_ptr<Desk> desk;{{$}}
  void keep() const { remember(desk); }
};
struct Lamp;
struct Table {
  std::vector<std::shared_ptr<Lamp>> lamps;
};
const std::shared_ptr<Table> &choose(const std::shared_ptr<Table> &a);
struct Lamp {
  std::shared_ptr<Table> table;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'Lamp::table' closes a shared_ptr ownership cycle: 'Table' -> 'Lamp' -> 'Table'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-MESSAGES-CXX14: :[[@LINE-2]]:26: warning: 'Lamp::table' closes a shared_ptr ownership cycle: 'Table' -> 'Lamp' -> 'Table'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // NOTES-DAG: :[[@LINE-3]]:26: note: make 'Lamp::table' a weak pointer to break the cycle (no automatic fix: some of its uses need a manual change)
  // CHECK-FIXES: {{^}}  std::shared_ptr<Table> table;{{$}}
  bool lit() const { return choose(table) != nullptr; }
};
