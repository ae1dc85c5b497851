// RUN: %check_clang_tidy --compile-fixed %s refcycle-shared-ptr-cycle %t
// RUN: %clang_tidy %s --checks='-*,refcycle-shared-ptr-cycle' -- -std=c++17 2>&1 | %FileCheck %s --check-prefix=NOTES

#include <memory>
#include <optional>
#include <vector>

// Case 1: the server owns its sessions through a by-value registry.
struct Session;
struct Registry {
  std::vector<std::shared_ptr<Session>> sessions;
};
struct Server {
  Registry registry;
// NOTES-DAG: :[[@LINE-1]]:12: note: 'Server::registry' owns 'Session' here through 'Registry::sessions'
};
struct Session {
  std::shared_ptr<Server> server;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Session::server' closes a shared_ptr ownership cycle: 'Server' -> 'Session' -> 'Server'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
};
// CHECK-FIXES: {{^}}  std::weak_ptr<Server> server;{{$}}

// Case 2: two levels of by-value members, one inside an optional.
struct Leaf;
struct Inner {
  std::shared_ptr<Leaf> leaf;
};
struct Middle {
  std::optional<Inner> inner;
};
struct Outer {
  Middle middle;
};
struct Leaf {
  std::shared_ptr<Outer> outer;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'Leaf::outer' closes a shared_ptr ownership cycle: 'Outer' -> 'Leaf' -> 'Outer'; objects
};
// CHECK-FIXES: {{^}}  std::weak_ptr<Outer> outer;{{$}}

// Case 3: the owning member is inherited from a base class.
struct Port;
struct Endpoint {
  std::shared_ptr<Port> port;
// NOTES-DAG: :[[@LINE-1]]:25: note: 'Endpoint::port' owns 'Port' here
};
struct TcpEndpoint : Endpoint {
  int fd = -1;
};
struct Port {
  std::shared_ptr<TcpEndpoint> endpoint;
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'Port::endpoint' closes a shared_ptr ownership cycle: 'TcpEndpoint' -> 'Port' -> 'TcpEndpoint'; objects
};
// CHECK-FIXES: {{^}}  std::weak_ptr<TcpEndpoint> endpoint;{{$}}

// Case 4: the weakened member sits inside a by-value member: the note shows
// the member that contains it.
struct Lobby;
struct Seat {
  std::shared_ptr<Lobby> lobby;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'Seat::lobby' closes a shared_ptr ownership cycle: 'Lobby' -> 'Guest' -> 'Lobby'; objects
};
// CHECK-FIXES: {{^}}  std::weak_ptr<Lobby> lobby;{{$}}
struct Guest {
  Seat seat;
// NOTES-DAG: :[[@LINE-1]]:8: note: 'Guest::seat' contains a 'Seat' by value here
};
struct Lobby {
  std::vector<std::shared_ptr<Guest>> guests;
};
