// RUN: %check_clang_tidy --compile-fixed %s refcycle-shared-ptr-cycle %t

#include <memory>
#include <vector>

// Case 1: five types in a ring; the last declared edge closes it.
struct B;
struct C;
struct D;
struct E;
struct A { std::shared_ptr<B> b; };
struct B { std::shared_ptr<C> c; };
struct C { std::shared_ptr<D> d; };
struct D { std::shared_ptr<E> e; };
struct E { std::shared_ptr<A> a; };
// CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'E::a' closes a shared_ptr ownership cycle: 'A' -> 'B' -> 'C' -> 'D' -> 'E' -> 'A'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// CHECK-FIXES: {{^}}struct E { std::weak_ptr<A> a; };{{$}}

// Case 2: six types through containers; the back reference 'owner' is
// picked wherever it is in the ring.
namespace ring {
struct S2;
struct S3;
struct S4;
struct S5;
struct S6;
struct S1 { std::vector<std::shared_ptr<S2>> next; };
struct S2 { std::vector<std::shared_ptr<S3>> next; };
struct S3 { std::shared_ptr<S4> owner; };
// CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'ring::S3::owner' closes a shared_ptr ownership cycle: 'ring::S4' -> 'ring::S5' -> 'ring::S6' -> 'ring::S1' -> 'ring::S2' -> 'ring::S3' -> 'ring::S4'; objects
// CHECK-FIXES: {{^}}struct S3 { std::weak_ptr<S4> owner; };{{$}}
struct S4 { std::vector<std::shared_ptr<S5>> next; };
struct S5 { std::vector<std::shared_ptr<S6>> next; };
struct S6 { std::vector<std::shared_ptr<S1>> next; };
} // namespace ring

// Case 3: a three-type cycle with a shortcut: the path in the message is the
// shortest way back.
struct Q2;
struct Q3;
struct Q1 { std::shared_ptr<Q2> q2; std::shared_ptr<Q3> q3; };
struct Q2 { std::shared_ptr<Q3> q3; };
struct Q3 { std::shared_ptr<Q1> back; };
// CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'Q3::back' closes a shared_ptr ownership cycle: 'Q1' -> 'Q3' -> 'Q1'; objects
// CHECK-FIXES: {{^}}struct Q3 { std::weak_ptr<Q1> back; };{{$}}
