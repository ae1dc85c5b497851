// RUN: %check_clang_tidy --compile-fixed %s refcycle-shared-ptr-cycle %t -- -- -std=c++17
// RUN: rm -rf %t.facts
// RUN: %clang_tidy %s --checks='-*,refcycle-shared-ptr-cycle' -config="{CheckOptions: {refcycle-shared-ptr-cycle.FactsDirectory: '%t.facts'}}" -- -std=c++17 >/dev/null 2>&1
// RUN: cat %t.facts/*.facts | %FileCheck %s --check-prefix=FACTS
// RUN: %refcycle_graph %t.facts 2>&1 | %FileCheck %s --check-prefix=GRAPH

// A member that only its class's constructors set points to an object that
// existed before its holder could be shared. When every link of a loop of
// types is such a member, each object points only to older ones and the
// objects cannot close the loop: a context tree, an expression tree built
// bottom-up. Any other writer of one link, or code that may write it
// unseen, keeps the loop reportable.

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

// 1. A context tree: parent and origin are given at construction and only
//    read afterwards (copies, const calls).
class Context {
public:
  Context() = default;
  Context(std::shared_ptr<Context> Parent, std::string Name)
      : Parent(std::move(Parent)), Name(std::move(Name)) {}
  Context(std::shared_ptr<Context> Origin, std::shared_ptr<Context> Parent)
      : Parent(std::move(Parent)), Origin(std::move(Origin)) {}
  std::shared_ptr<Context> parent() const { return Parent; }
  const std::shared_ptr<Context> &origin() const { return Origin; }
  bool isRoot() const { return !Parent; }
  std::string path() const {
    return Parent ? Parent->path() + "/" + Name : Name;
  }
  ~Context() { Parent.reset(); }

private:
  std::shared_ptr<Context> Parent;
  std::shared_ptr<Context> Origin;
  std::string Name;
};

std::shared_ptr<Context> child(const std::shared_ptr<Context> &Parent) {
  return std::make_shared<Context>(Parent, "child");
}

// 2. A call owns its arguments, an argument owns its expression: built
//    bottom-up, each from parts made before it.
class Call;
class Argument {
public:
  explicit Argument(std::shared_ptr<Call> Value) : Value(std::move(Value)) {}
  const Call *value() const { return Value.get(); }

private:
  std::shared_ptr<Call> Value;
};
class Call {
public:
  explicit Call(std::vector<std::shared_ptr<Argument>> Args)
      : Args(std::move(Args)) {}
  std::size_t arity() const { return Args.size(); }

private:
  std::vector<std::shared_ptr<Argument>> Args;
};

// 3. A setter gives the member a value after construction.
class Scope {
public:
  Scope(std::shared_ptr<Scope> Parent, std::vector<std::shared_ptr<Scope>> Inner)
      : Parent(std::move(Parent)), Inner(std::move(Inner)) {}
  void reparent(std::shared_ptr<Scope> NewParent) { Parent = std::move(NewParent); }

private:
  std::shared_ptr<Scope> Parent;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'Scope::Parent' closes a shared_ptr ownership cycle: 'Scope' -> 'Scope' -> 'Scope'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-FIXES: {{^}}  std::weak_ptr<Scope> Parent;{{$}}
  std::vector<std::shared_ptr<Scope>> Inner;
};

// 4. A lambda the constructor writes runs later.
class Timer;
class Job {
public:
  explicit Job(std::shared_ptr<Timer> T);
  std::function<void()> OnRetry;

private:
  std::shared_ptr<Timer> Owner;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'Job::Owner' closes a shared_ptr ownership cycle: 'Timer' -> 'Job' -> 'Timer'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-FIXES: {{^}}  std::weak_ptr<Timer> Owner;{{$}}
};
class Timer {
public:
  explicit Timer(std::shared_ptr<Job> J) : Pending(std::move(J)) {}

private:
  std::shared_ptr<Job> Pending;
};
Job::Job(std::shared_ptr<Timer> T) : Owner(T) {
  OnRetry = [this, T] { Owner = T; };
}

// 5. The implicit copy assignment the program uses assigns every member.
class Node {
public:
  Node(std::shared_ptr<Node> Parent, std::vector<std::shared_ptr<Node>> Kids)
      : Parent(std::move(Parent)), Kids(std::move(Kids)) {}

private:
  std::shared_ptr<Node> Parent;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Node::Parent' closes a shared_ptr ownership cycle: 'Node' -> 'Node' -> 'Node'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-FIXES: {{^}}  std::weak_ptr<Node> Parent;{{$}}
  std::vector<std::shared_ptr<Node>> Kids;
};
void overwrite(Node &A, const Node &B) { A = B; }

// 6. Public members: code in other files may set them.
struct Link {
  Link(std::shared_ptr<Link> Parent, std::vector<std::shared_ptr<Link>> Kids)
      : Parent(std::move(Parent)), Kids(std::move(Kids)) {}
  std::shared_ptr<Link> Parent;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Link::Parent' closes a shared_ptr ownership cycle: 'Link' -> 'Link' -> 'Link'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-FIXES: {{^}}  std::weak_ptr<Link> Parent;{{$}}
  std::vector<std::shared_ptr<Link>> Kids;
};

// 7. A getter hands the member out by non-const reference.
class Team {
public:
  Team(std::shared_ptr<Team> Parent, std::vector<std::shared_ptr<Team>> Units)
      : Parent(std::move(Parent)), Units(std::move(Units)) {}
  std::shared_ptr<Team> &parent() { return Parent; }

private:
  std::shared_ptr<Team> Parent;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Team::Parent' closes a shared_ptr ownership cycle: 'Team' -> 'Team' -> 'Team'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  std::vector<std::shared_ptr<Team>> Units;
};

// The facts say which edges only constructors set: both of Context's,
// Argument::Value and Call::Args, Scope::Inner, Timer::Pending and
// Team::Units; refcycle-graph then reports the five cycles the check does.
// FACTS-COUNT-7: {{^}}constructed{{[[:space:]]}}{{[0-9]+$}}
// FACTS-NOT: constructed
// GRAPH: refcycle-graph: 5 cycles (0 only across translation units) among 9 types and 14 edges from 1 facts files
