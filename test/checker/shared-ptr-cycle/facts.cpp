// With FactsDirectory set, each translation unit writes its ownership graph
// for refcycle-graph (types by USR, edges with their places, the reported
// cycles); a directory that cannot be created is a configuration warning.
// RUN: rm -rf %t.facts %t.file && touch %t.file
// RUN: %clang_tidy %s --checks='-*,refcycle-shared-ptr-cycle' -config="{CheckOptions: {refcycle-shared-ptr-cycle.FactsDirectory: '%t.facts'}}" -- -std=c++17 2>&1 | %FileCheck %s --check-prefix=WARN
// RUN: cat %t.facts/*.facts | %FileCheck %s --check-prefix=FACTS
// RUN: %clang_tidy %s --checks='-*,refcycle-shared-ptr-cycle' -config="{CheckOptions: {refcycle-shared-ptr-cycle.FactsDirectory: '%t.file/sub'}}" -- -std=c++17 2>&1 | %FileCheck %s --check-prefix=ERROR

#include <memory>
#include <vector>

namespace net {
struct Socket;
struct Reactor {
  std::vector<std::shared_ptr<Socket>> sockets;
};
struct Socket {
  std::shared_ptr<Reactor> reactor;
};
} // namespace net

// The conversions of derived classes to polymorphic bases, which decide
// whether an edge to the base reaches the derived class; a call through a
// derived pointer converts too, but holds nothing, and is not one.
namespace ui {
struct Handler {
  virtual ~Handler() = default;
  void press() {}
};
struct Button : Handler {};
std::shared_ptr<Handler> makeHandler() { return std::make_shared<Button>(); }
void click(Button *B) { B->press(); }
} // namespace ui

// WARN: facts.cpp:[[@LINE-17]]:28: warning: 'net::Socket::reactor' closes a shared_ptr ownership cycle
// FACTS: refcycle-facts
// FACTS-DAG: c:@N@net@S@Reactor{{[[:space:]]+}}net::Reactor
// FACTS-DAG: c:@N@net@S@Socket{{[[:space:]]+}}net::Socket
// FACTS: node{{[[:space:]]}}[[HANDLER:[0-9]+]]{{[[:space:]]}}c:@N@ui@S@Handler{{[[:space:]]}}ui::Handler{{[[:space:]]}}polymorphic
// FACTS: node{{[[:space:]]}}[[BUTTON:[0-9]+]]{{[[:space:]]}}c:@N@ui@S@Button
// FACTS: conversion{{[[:space:]]}}[[BUTTON]]{{[[:space:]]}}[[HANDLER]]{{$}}
// FACTS-NOT: conversion
// ERROR: warning: cannot write ownership facts to '{{.*}}file/sub': {{.*}} [clang-tidy-config]
