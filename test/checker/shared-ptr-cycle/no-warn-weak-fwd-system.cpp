// RUN: %check_clang_tidy %s refcycle-shared-ptr-cycle %t
// Back edges that are already weak, raw or references; types only
// forward-declared; standard library types: no warning.

#include <functional>
#include <future>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

// Case 1: the back reference is a weak_ptr.
struct Child;
struct Parent {
  std::vector<std::shared_ptr<Child>> children;
};
struct Child {
  std::weak_ptr<Parent> parent;
};

// Case 2: the back reference is a raw pointer.
struct Owner;
struct Part {
  Owner *owner = nullptr;
};
struct Owner {
  std::vector<std::shared_ptr<Part>> parts;
};

// Case 3: the back reference is a reference.
struct Host;
struct Guest {
  explicit Guest(Host &h) : host(h) {}
  Host &host;
};
struct Host {
  std::shared_ptr<Guest> guest;
};

// Case 4: a doubly-linked list whose prev is weak.
struct DNode {
  std::shared_ptr<DNode> next;
  std::weak_ptr<DNode> prev;
};

// Case 5: types only forward-declared: no edges to them.
struct Opaque;
struct Handle {
  std::shared_ptr<Opaque> impl;
};
struct Other;
struct UsesOther {
  std::shared_ptr<Other> other;
};

// Case 6: standard library types that own each other internally, and user
// types holding them.
struct Service {
  std::shared_ptr<std::thread> worker;
  std::shared_ptr<std::mutex> lock;
  std::function<void()> callback;
  std::shared_future<int> result;
  std::map<std::string, std::list<std::shared_ptr<std::string>>> names;
};

// Case 7: a shared_ptr to itself through a unique owner only (no shared
// edge in the cycle).
struct Chain {
  std::unique_ptr<Chain> next;
  Chain *prev = nullptr;
};

// Case 8: weak in a container.
struct Hub;
struct Spoke {
  std::shared_ptr<Hub> hub;
};
struct Hub {
  std::vector<std::weak_ptr<Spoke>> spokes;
};
