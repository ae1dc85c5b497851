// RUN: %check_clang_tidy --compile-fixed %s refcycle-shared-ptr-cycle %t
// RUN: %check_clang_tidy --compile-fixed --check-suffix=REPORT %s refcycle-shared-ptr-cycle %t.report -- -config="{CheckOptions: {refcycle-shared-ptr-cycle.ReportTornDownCycles: true}}"

// A cycle that the code breaks on purpose is not a leak: when the
// translation unit releases one of the cycle's members ('m.clear()',
// 'm.reset()', 'm = nullptr', 'm = {}', a queue's 'm.pop()' or
// 'm.pop_front()', a setter of the member called with an empty pointer)
// outside the destructors of the cycle's classes, the check stays silent
// (option ReportTornDownCycles reports it anyway). The destructors of the cycle's own classes do not
// count: they only run once the cycle is already gone. Nor does a release
// that only the cycle's own member functions run (teardown-callers.cpp):
// here, code outside the cycle calls each one.

#include <cstddef>
#include <deque>
#include <memory>
#include <queue>
#include <vector>

// Case 1: a request in flight keeps its algorithm alive; the algorithm
// drops all its requests when it completes.
struct Request;
struct Traversal {
  std::vector<std::shared_ptr<Request>> results;
  void done() { results.clear(); }
};
inline void allRepliesIn(Traversal &t) { t.done(); }
struct Request {
  std::shared_ptr<Traversal> algorithm;
  // CHECK-MESSAGES-REPORT: :[[@LINE-1]]:30: warning: 'Request::algorithm' closes a shared_ptr ownership cycle: 'Traversal' -> 'Request' -> 'Traversal'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
};
// CHECK-FIXES-REPORT: {{^}}  std::weak_ptr<Traversal> algorithm;{{$}}

// Case 1b: a client queues requests that keep it alive while they wait;
// it pops each one when it is sent (cpprest's request queue).
struct Pending;
struct Client {
  std::queue<std::shared_ptr<Pending>> waiting;
  void sendNext() { waiting.pop(); }
};
inline void onWritable(Client &c) { c.sendNext(); }
struct Pending {
  std::shared_ptr<Client> client;
  // CHECK-MESSAGES-REPORT: :[[@LINE-1]]:27: warning: 'Pending::client' closes a shared_ptr ownership cycle: 'Client' -> 'Pending' -> 'Client'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
};
// CHECK-FIXES-REPORT: {{^}}  std::weak_ptr<Client> client;{{$}}
struct Retry;
struct Retrier {
  std::deque<std::shared_ptr<Retry>> retries;
  void retryNext() { retries.pop_front(); }
};
inline void onTimer(Retrier &r) { r.retryNext(); }
struct Retry {
  std::shared_ptr<Retrier> owner;
  // CHECK-MESSAGES-REPORT: :[[@LINE-1]]:28: warning: 'Retry::owner' closes a shared_ptr ownership cycle: 'Retrier' -> 'Retry' -> 'Retrier'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
};
// CHECK-FIXES-REPORT: {{^}}  std::weak_ptr<Retrier> owner;{{$}}

// Case 1c: a setter called with an empty pointer, by a class outside the
// cycle that breaks it in its destructor (thrift's TNonblockingServer).
struct Runner;
struct Loop {
  std::shared_ptr<Runner> runnable;
};
struct Runner {
  std::shared_ptr<Loop> thread;
  // CHECK-MESSAGES-REPORT: :[[@LINE-1]]:25: warning: 'Runner::thread' closes a shared_ptr ownership cycle: 'Loop' -> 'Runner' -> 'Loop'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-FIXES-REPORT: {{^}}  std::weak_ptr<Loop> thread;{{$}}
  void setThread(const std::shared_ptr<Loop> &t) { thread = t; }
};
struct Pool {
  std::vector<std::shared_ptr<Runner>> runners;
  ~Pool() {
    for (auto &r : runners)
      r->setThread(std::shared_ptr<Loop>());
  }
};
// The same through an interface: the thread runs any Runnable, and the
// pool breaking the cycle is a Runnable itself. It is not in the cycle (no
// thread runs it), so its destructor does run while the cycle exists.
struct Task1c {
  virtual ~Task1c() = default;
  virtual void run() = 0;
};
struct Loop1c {
  std::shared_ptr<Task1c> runnable;
};
struct Runner1c : Task1c {
  std::shared_ptr<Loop1c> thread;
  // CHECK-MESSAGES-REPORT: :[[@LINE-1]]:27: warning: 'Runner1c::thread' closes a shared_ptr ownership cycle: 'Loop1c' -> 'Runner1c' -> 'Loop1c'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-FIXES-REPORT: {{^}}  std::weak_ptr<Loop1c> thread;{{$}}
  void run() override {}
  void setThread(const std::shared_ptr<Loop1c> &t) { thread = t; }
};
struct Pool1c : Task1c {
  std::vector<std::shared_ptr<Runner1c>> runners;
  void run() override {
    for (auto &r : runners) {
      auto Loop = std::make_shared<Loop1c>();
      Loop->runnable = r;
      r->setThread(Loop);
    }
  }
  ~Pool1c() override {
    for (auto &r : runners)
      r->setThread(std::shared_ptr<Loop1c>());
  }
};
// A setter called with an empty pointer and then with another one in the
// same function replaces the pointer: reported.
struct Job;
struct Lane {
  std::shared_ptr<Job> job;
};
struct Job {
  std::shared_ptr<Lane> lane;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Job::lane' closes a shared_ptr ownership cycle: 'Lane' -> 'Job' -> 'Lane'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-MESSAGES-REPORT: :[[@LINE-2]]:25: warning: 'Job::lane' closes a shared_ptr ownership cycle: 'Lane' -> 'Job' -> 'Lane'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-FIXES: {{^}}  std::weak_ptr<Lane> lane;{{$}}
  // CHECK-FIXES-REPORT: {{^}}  std::weak_ptr<Lane> lane;{{$}}
  void setLane(std::shared_ptr<Lane> l) { lane = std::move(l); }
};
inline void move(Job &j, const std::shared_ptr<Lane> &to) {
  j.setLane(nullptr);
  j.setLane(to);
}

// A container cleared and then refilled in the same function (a copy of
// another tree) still holds its elements: reported.
struct Part;
struct Assembly {
  std::vector<std::shared_ptr<Part>> parts;
  void copyFrom(const Assembly &other) {
    parts.clear();
    for (const auto &p : other.parts)
      parts.push_back(p);
  }
};
struct Part {
  std::shared_ptr<Assembly> assembly;
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'Part::assembly' closes a shared_ptr ownership cycle: 'Assembly' -> 'Part' -> 'Assembly'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-MESSAGES-REPORT: :[[@LINE-2]]:29: warning: 'Part::assembly' closes a shared_ptr ownership cycle: 'Assembly' -> 'Part' -> 'Assembly'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-FIXES: {{^}}  std::weak_ptr<Assembly> assembly;{{$}}
  // CHECK-FIXES-REPORT: {{^}}  std::weak_ptr<Assembly> assembly;{{$}}
};

// Case 2: the back reference is reset when the child is detached, in the
// three spellings.
struct Leaf;
struct Branch {
  std::vector<std::shared_ptr<Leaf>> leaves;
};
struct Leaf {
  std::shared_ptr<Branch> parent;
  // CHECK-MESSAGES-REPORT: :[[@LINE-1]]:27: warning: 'Leaf::parent' closes a shared_ptr ownership cycle: 'Branch' -> 'Leaf' -> 'Branch'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  void detach() { parent.reset(); }
};
inline void prune(Leaf &l) { l.detach(); }
// CHECK-FIXES-REPORT: {{^}}  std::weak_ptr<Branch> parent;{{$}}
struct Tab;
struct Window {
  std::vector<std::shared_ptr<Tab>> tabs;
};
struct Tab {
  std::shared_ptr<Window> owner;
  // CHECK-MESSAGES-REPORT: :[[@LINE-1]]:27: warning: 'Tab::owner' closes a shared_ptr ownership cycle: 'Window' -> 'Tab' -> 'Window'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  void close() { owner = nullptr; }
  void closeQuietly() { owner = NULL; }
};
inline void onCloseClicked(Tab &t, bool quiet) {
  if (quiet)
    t.closeQuietly();
  else
    t.close();
}
// CHECK-FIXES-REPORT: {{^}}  std::weak_ptr<Window> owner;{{$}}
// CHECK-FIXES-REPORT: {{^}}  void close() { owner = {}; }{{$}}
// CHECK-FIXES-REPORT-NEXT: {{^}}  void closeQuietly() { owner = {}; }{{$}}
struct Cell;
struct Sheet {
  std::vector<std::shared_ptr<Cell>> cells;
};
struct Cell {
  std::shared_ptr<Sheet> sheet;
  // CHECK-MESSAGES-REPORT: :[[@LINE-1]]:26: warning: 'Cell::sheet' closes a shared_ptr ownership cycle: 'Sheet' -> 'Cell' -> 'Sheet'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  void forget() { sheet = {}; }
};
inline void deleteCell(Cell &c) { c.forget(); }
// CHECK-FIXES-REPORT: {{^}}  std::weak_ptr<Sheet> sheet;{{$}}

// Case 3: released by a class outside the cycle, in its destructor: that
// destructor does run while the cycle exists.
struct Peer;
struct Swarm {
  std::vector<std::shared_ptr<Peer>> peers;
};
struct Peer {
  std::shared_ptr<Swarm> swarm;
  // CHECK-MESSAGES-REPORT: :[[@LINE-1]]:26: warning: 'Peer::swarm' closes a shared_ptr ownership cycle: 'Swarm' -> 'Peer' -> 'Swarm'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
};
// CHECK-FIXES-REPORT: {{^}}  std::weak_ptr<Swarm> swarm;{{$}}
struct Tracker {
  std::shared_ptr<Swarm> current;
  ~Tracker() { current->peers.clear(); }
};

// Case 4: released only in the destructor of a class of the cycle (or of
// its base): never runs while the cycle holds. Reported.
struct Item;
struct ListBase {
  std::vector<std::shared_ptr<Item>> items;
};
struct List : ListBase {
  ~List() { items.clear(); }
};
struct Item {
  std::shared_ptr<List> list;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Item::list' closes a shared_ptr ownership cycle: 'List' -> 'Item' -> 'List'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-MESSAGES-REPORT: :[[@LINE-2]]:25: warning: 'Item::list' closes a shared_ptr ownership cycle: 'List' -> 'Item' -> 'List'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-FIXES: {{^}}  std::weak_ptr<List> list;{{$}}
  // CHECK-FIXES-REPORT: {{^}}  std::weak_ptr<List> list;{{$}}
};
struct Task;
struct Queue {
  std::vector<std::shared_ptr<Task>> tasks;
};
struct Task {
  std::shared_ptr<Queue> queue;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'Task::queue' closes a shared_ptr ownership cycle: 'Queue' -> 'Task' -> 'Queue'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-MESSAGES-REPORT: :[[@LINE-2]]:26: warning: 'Task::queue' closes a shared_ptr ownership cycle: 'Queue' -> 'Task' -> 'Queue'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-FIXES: {{^}}  std::weak_ptr<Queue> queue;{{$}}
  // CHECK-FIXES-REPORT: {{^}}  std::weak_ptr<Queue> queue;{{$}}
  ~Task() { queue.reset(); }
};

// Case 5: letting go of some elements, or resetting the object the member
// points to, leaves the cycle in place. Reported.
struct Track;
struct Album {
  std::vector<std::shared_ptr<Track>> tracks;
  void drop() { tracks.pop_back(); tracks.erase(tracks.begin()); }
};
struct Track {
  std::shared_ptr<Album> album;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'Track::album' closes a shared_ptr ownership cycle: 'Album' -> 'Track' -> 'Album'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-MESSAGES-REPORT: :[[@LINE-2]]:26: warning: 'Track::album' closes a shared_ptr ownership cycle: 'Album' -> 'Track' -> 'Album'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-FIXES: {{^}}  std::weak_ptr<Album> album;{{$}}
  // CHECK-FIXES-REPORT: {{^}}  std::weak_ptr<Album> album;{{$}}
};
struct Page;
struct Book {
  std::vector<std::shared_ptr<Page>> pages;
  void reset() { pages.shrink_to_fit(); }
};
struct Page {
  std::shared_ptr<Book> book;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Page::book' closes a shared_ptr ownership cycle: 'Book' -> 'Page' -> 'Book'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-MESSAGES-REPORT: :[[@LINE-2]]:25: warning: 'Page::book' closes a shared_ptr ownership cycle: 'Book' -> 'Page' -> 'Book'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  void turn() { book->reset(); }
};

// Case 5b: a private or protected container's class has functions defined
// in another translation unit that may change it (libtorrent's traversal_algorithm::done() clears
// its observers in traversal_algorithm.cpp; the other files see only the
// declaration). Whether it is drained is decided there: not reported here
// (refcycle-graph, which sees every file's releases, decides).
struct Miner5b;
class Swarm5b {
public:
  void finish(); // defined elsewhere

protected:
  std::vector<std::shared_ptr<Miner5b>> peers;
};
struct Miner5b {
  std::shared_ptr<Swarm5b> swarm;
  // CHECK-MESSAGES-REPORT: :[[@LINE-1]]:28: warning: 'Miner5b::swarm' closes a shared_ptr ownership cycle: 'Swarm5b' -> 'Miner5b' -> 'Swarm5b'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-FIXES-REPORT: {{^}}  std::weak_ptr<Swarm5b> swarm;{{$}}
};
// Reported: what is defined elsewhere cannot change the container (const,
// static, special members), the container is public (a data structure any
// code may change, not one its class manages), or only a single pointer is
// on the cycle.
struct Leaf5b;
class Tree5b {
public:
  std::size_t count() const;
  static Tree5b *find(int id);
  Tree5b();
  ~Tree5b();

private:
  std::vector<std::shared_ptr<Leaf5b>> leaves;
};
struct Fruit5b;
struct Basket5b {
  std::vector<std::shared_ptr<Fruit5b>> fruits;
  void empty(); // defined elsewhere
};
struct Fruit5b {
  std::shared_ptr<Basket5b> basket;
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'Fruit5b::basket' closes a shared_ptr ownership cycle: 'Basket5b' -> 'Fruit5b' -> 'Basket5b'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-MESSAGES-REPORT: :[[@LINE-2]]:29: warning: 'Fruit5b::basket' closes a shared_ptr ownership cycle: 'Basket5b' -> 'Fruit5b' -> 'Basket5b'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-FIXES: {{^}}  std::weak_ptr<Basket5b> basket;{{$}}
  // CHECK-FIXES-REPORT: {{^}}  std::weak_ptr<Basket5b> basket;{{$}}
};
struct Leaf5b {
  std::shared_ptr<Tree5b> tree;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Leaf5b::tree' closes a shared_ptr ownership cycle: 'Tree5b' -> 'Leaf5b' -> 'Tree5b'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-MESSAGES-REPORT: :[[@LINE-2]]:27: warning: 'Leaf5b::tree' closes a shared_ptr ownership cycle: 'Tree5b' -> 'Leaf5b' -> 'Tree5b'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-FIXES: {{^}}  std::weak_ptr<Tree5b> tree;{{$}}
  // CHECK-FIXES-REPORT: {{^}}  std::weak_ptr<Tree5b> tree;{{$}}
};
struct Spouse5b;
struct Partner5b {
  std::shared_ptr<Spouse5b> spouse;
  void divorce(); // defined elsewhere: may reset 'spouse', but this is no container
};
struct Spouse5b {
  std::shared_ptr<Partner5b> partner;
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'Spouse5b::partner' closes a shared_ptr ownership cycle: 'Partner5b' -> 'Spouse5b' -> 'Partner5b'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-MESSAGES-REPORT: :[[@LINE-2]]:30: warning: 'Spouse5b::partner' closes a shared_ptr ownership cycle: 'Partner5b' -> 'Spouse5b' -> 'Partner5b'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-FIXES: {{^}}  std::weak_ptr<Partner5b> partner;{{$}}
  // CHECK-FIXES-REPORT: {{^}}  std::weak_ptr<Partner5b> partner;{{$}}
};

// Case 6: releases that do not end the cycle. Reported.
// A constructor, move constructor or assignment operator of a cycle's class
// starts or overwrites an object of the cycle.
struct Pane;
struct Frame {
  std::vector<std::shared_ptr<Pane>> panes;
};
struct Pane {
  std::shared_ptr<Frame> frame;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'Pane::frame' closes a shared_ptr ownership cycle: 'Frame' -> 'Pane' -> 'Frame'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-MESSAGES-REPORT: :[[@LINE-2]]:26: warning: 'Pane::frame' closes a shared_ptr ownership cycle: 'Frame' -> 'Pane' -> 'Frame'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  Pane() { frame = nullptr; }
  Pane(Pane &&o) { frame = o.frame; o.frame = nullptr; }
  Pane &operator=(const Pane &o) { frame.reset(); frame = o.frame; return *this; }
};
// The destructor of a by-value part of a cycle's class ends with its owner.
struct Session;
struct Registry {
  std::vector<std::shared_ptr<Session>> sessions;
  ~Registry() { sessions.clear(); }
};
struct Server {
  Registry registry;
};
struct Session {
  std::shared_ptr<Server> server;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Session::server' closes a shared_ptr ownership cycle: 'Server' -> 'Session' -> 'Server'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-MESSAGES-REPORT: :[[@LINE-2]]:27: warning: 'Session::server' closes a shared_ptr ownership cycle: 'Server' -> 'Session' -> 'Server'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-FIXES: {{^}}  std::weak_ptr<Server> server;{{$}}
  // CHECK-FIXES-REPORT: {{^}}  std::weak_ptr<Server> server;{{$}}
};
// Another member still holds the same objects.
struct Kid;
struct Mom {
  std::vector<std::shared_ptr<Kid>> kids;
  std::vector<std::shared_ptr<Kid>> pending;
  void finish() { kids.clear(); }
};
struct Kid {
  std::shared_ptr<Mom> mom;
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'Kid::mom' closes a shared_ptr ownership cycle: 'Mom' -> 'Kid' -> 'Mom'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-MESSAGES-REPORT: :[[@LINE-2]]:24: warning: 'Kid::mom' closes a shared_ptr ownership cycle: 'Mom' -> 'Kid' -> 'Mom'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-FIXES: {{^}}  std::weak_ptr<Mom> mom;{{$}}
  // CHECK-FIXES-REPORT: {{^}}  std::weak_ptr<Mom> mom;{{$}}
};
// Both members that hold the same objects are released: torn down.
struct Twin;
struct Pair {
  std::vector<std::shared_ptr<Twin>> left;
  std::vector<std::shared_ptr<Twin>> right;
  void finish() { left.clear(); }
  void abort() { right.clear(); }
};
inline void end(Pair &p) {
  p.finish();
  p.abort();
}
struct Twin {
  std::shared_ptr<Pair> pair;
  // CHECK-MESSAGES-REPORT: :[[@LINE-1]]:25: warning: 'Twin::pair' closes a shared_ptr ownership cycle: 'Pair' -> 'Twin' -> 'Pair'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-FIXES-REPORT: {{^}}  std::weak_ptr<Pair> pair;{{$}}
};
// A setter that resets and then assigns replaces the pointer; a lambda in
// a destructor of the cycle runs as part of it.
struct Leg;
struct Trip {
  std::vector<std::shared_ptr<Leg>> legs;
};
struct Leg {
  std::shared_ptr<Trip> trip;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Leg::trip' closes a shared_ptr ownership cycle: 'Trip' -> 'Leg' -> 'Trip'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-MESSAGES-REPORT: :[[@LINE-2]]:25: warning: 'Leg::trip' closes a shared_ptr ownership cycle: 'Trip' -> 'Leg' -> 'Trip'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-FIXES: {{^}}  std::weak_ptr<Trip> trip;{{$}}
  // CHECK-FIXES-REPORT: {{^}}  std::weak_ptr<Trip> trip;{{$}}
  void setTrip(std::shared_ptr<Trip> t) { trip.reset(); trip = std::move(t); }
  ~Leg() { auto drop = [this] { trip.reset(); }; drop(); }
};
