// Copyright refcycle authors.
// SPDX-License-Identifier: Apache-2.0
//
// refcycle::weak_method: a member function bound to a std::weak_ptr.
//
// Why: a callback that captures `shared_from_this()` (or `this` of a
// shared-owned object) keeps the object alive for as long as whoever stores the
// callback lives. When the object also owns that party (a timer, a signal, a
// client), the two form a reference cycle and neither is ever destroyed.
// weak_method is the C++ counterpart of Python's weakref.WeakMethod: it holds
// the object weakly, and each call locks the object for the duration of the
// call, or does nothing if the object is already gone.
//
// Example:
//
//   class Session : public std::enable_shared_from_this<Session> {
//    public:
//     void start() {
//       // Does not keep *this alive; a call after *this died is a no-op.
//       timer_.on_expiry(refcycle::weak_method(&Session::on_timeout,
//                                              weak_from_this()));
//     }
//     void on_timeout();      // void: the call returns void
//     int pending() const;    // non-void: the call returns std::optional<int>
//    private:
//     Timer timer_;           // stores a std::function<void()>
//   };
//
//   auto s = std::make_shared<Session>();
//   refcycle::weak_method count(&Session::pending, s);
//   std::optional<int> n = count();  // engaged while s is alive
//   s.reset();
//   assert(!count());                 // disengaged: the object is gone
//
// Calling:
//   * `void` member functions: operator() returns void and does nothing when the
//     object has expired, so a weak_method converts to std::function<void(Args...)>.
//   * other member functions: operator() returns std::optional<R>, empty when
//     the object has expired.
//   * member functions returning a reference are rejected at compile time: the
//     reference would outlive the lock that keeps its referent alive. Return by
//     value, or use lock() and call the member function on the shared_ptr.
//   * const- and lvalue-ref-qualified (`&`, `const&`) member functions are
//     supported. Rvalue-ref-qualified (`&&`) ones are rejected at compile time:
//     the object is shared, never an expiring value.
//   * The member function may be declared in a base class of the pointee
//     (`refcycle::weak_method(&Base::f, derived_weak_ptr)`).
//
// Equality: two weak_methods are equal when they were bound to the same object
// (same owner, i.e. std::weak_ptr::owner_before equivalence, and same address,
// so aliasing pointers to different sub-objects differ) and the same member
// function. Equality is stable after the object dies.
//
// Thread-safety: a weak_method is a value type with the thread-safety of
// std::weak_ptr: distinct copies may be used from different threads; one
// instance may be called concurrently from several threads (operator() is
// const and only reads), but must not be assigned while being called. Whether
// the member function itself may run concurrently is up to the class.
//
// Complexity: a call costs one std::weak_ptr::lock() (an atomic increment
// and decrement of the use count) on top of the member function call; no
// allocation. Copying costs one atomic increment. Construction from a
// weak_ptr locks it once, to record the object's address for equality.

#ifndef REFCYCLE_WEAK_METHOD_HPP
#define REFCYCLE_WEAK_METHOD_HPP

#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

namespace refcycle {

// Implementation details. Do not use directly; may change without notice.
namespace detail {

template <class... Ts>
struct type_list {};

// Decomposes a pointer to member function. `ref` is 0 (unqualified),
// 1 (`&`) or 2 (`&&`).
template <class MemFn>
struct member_function_traits {
  static constexpr bool is_member_function = false;
};

template <class R, class C, bool Const, int Ref, bool Noexcept, class... Args>
struct member_function_traits_base {
  static constexpr bool is_member_function = true;
  using result_type = R;
  using class_type = C;
  using args = type_list<Args...>;
  static constexpr bool is_const = Const;
  static constexpr int ref = Ref;
  static constexpr bool is_noexcept = Noexcept;
};

// clang-format off
template <class R, class C, class... A> struct member_function_traits<R (C::*)(A...)> : member_function_traits_base<R, C, false, 0, false, A...> {};
template <class R, class C, class... A> struct member_function_traits<R (C::*)(A...) const> : member_function_traits_base<R, C, true, 0, false, A...> {};
template <class R, class C, class... A> struct member_function_traits<R (C::*)(A...) &> : member_function_traits_base<R, C, false, 1, false, A...> {};
template <class R, class C, class... A> struct member_function_traits<R (C::*)(A...) const&> : member_function_traits_base<R, C, true, 1, false, A...> {};
template <class R, class C, class... A> struct member_function_traits<R (C::*)(A...) &&> : member_function_traits_base<R, C, false, 2, false, A...> {};
template <class R, class C, class... A> struct member_function_traits<R (C::*)(A...) const&&> : member_function_traits_base<R, C, true, 2, false, A...> {};
template <class R, class C, class... A> struct member_function_traits<R (C::*)(A...) noexcept> : member_function_traits_base<R, C, false, 0, true, A...> {};
template <class R, class C, class... A> struct member_function_traits<R (C::*)(A...) const noexcept> : member_function_traits_base<R, C, true, 0, true, A...> {};
template <class R, class C, class... A> struct member_function_traits<R (C::*)(A...) & noexcept> : member_function_traits_base<R, C, false, 1, true, A...> {};
template <class R, class C, class... A> struct member_function_traits<R (C::*)(A...) const& noexcept> : member_function_traits_base<R, C, true, 1, true, A...> {};
template <class R, class C, class... A> struct member_function_traits<R (C::*)(A...) && noexcept> : member_function_traits_base<R, C, false, 2, true, A...> {};
template <class R, class C, class... A> struct member_function_traits<R (C::*)(A...) const&& noexcept> : member_function_traits_base<R, C, true, 2, true, A...> {};
// clang-format on

template <class MemFn>
struct weak_method_args {
  static_assert(member_function_traits<MemFn>::is_member_function,
                "refcycle::weak_method: the first argument must be a pointer to "
                "a non-static member function, e.g. &Class::method");
  using args = type_list<>;
};

template <class MemFn>
using weak_method_args_t = typename std::conditional_t<
    member_function_traits<MemFn>::is_member_function,
    member_function_traits<MemFn>, weak_method_args<MemFn>>::args;

}  // namespace detail

// A member function pointer plus a std::weak_ptr to the object to call it on.
// `MemFn` is the pointer-to-member-function type, `T` the pointee type of the
// weak_ptr (the class of MemFn or a class derived from it). The third
// parameter is an implementation detail; spell the type with CTAD or `auto`.
template <class MemFn, class T,
          class ArgList = detail::weak_method_args_t<MemFn>>
class weak_method;

template <class MemFn, class T, class... Args>
class weak_method<MemFn, T, detail::type_list<Args...>> {
  using traits = detail::member_function_traits<MemFn>;
  using raw_result = typename traits::result_type;

  static_assert(!std::is_reference_v<raw_result>,
                "refcycle::weak_method: member functions returning a reference "
                "are not supported, the reference could dangle once the call "
                "releases the object; return by value, or lock() and call the "
                "member function on the shared_ptr");
  static_assert(traits::ref != 2,
                "refcycle::weak_method: rvalue-ref-qualified (&&) member "
                "functions are not supported: the object is shared, not expiring");
  static_assert(std::is_base_of_v<typename traits::class_type,
                                  std::remove_cv_t<T>>,
                "refcycle::weak_method: the member function must belong to the "
                "pointee class of the weak_ptr or to one of its bases");
  static_assert(traits::is_const || !std::is_const_v<T>,
                "refcycle::weak_method: cannot bind a non-const member function "
                "to a pointer to const (weak_from_this() in a const member "
                "function yields std::weak_ptr<const T>)");

 public:
  using member_function_type = MemFn;
  using element_type = T;
  // void for void member functions, std::optional<R> otherwise.
  using result_type = std::conditional_t<std::is_void_v<raw_result>, void,
                                         std::optional<raw_result>>;

  // An empty weak_method: expired() is true and calls do nothing.
  constexpr weak_method() noexcept = default;

  // Binds `fn` to the object `obj` points to, without owning it.
  // Precondition: `fn` is not null.
  weak_method(MemFn fn, std::weak_ptr<T> obj) noexcept
      : object_(std::move(obj)), address_(object_.lock().get()), method_(fn) {}
  weak_method(MemFn fn, const std::shared_ptr<T>& obj) noexcept
      : object_(obj), address_(obj.get()), method_(fn) {}

  // Calls the member function on the object if it is still alive, keeping it
  // alive until the call returns. Returns void for void member functions and
  // std::optional<R> otherwise (std::nullopt if the object has expired).
  result_type operator()(Args... args) const
      noexcept(traits::is_noexcept &&
               (std::is_void_v<raw_result> ||
                std::is_nothrow_move_constructible_v<raw_result>) &&
               (std::is_nothrow_move_constructible_v<Args> && ...)) {
    if (std::shared_ptr<T> self = object_.lock()) {
      if constexpr (std::is_void_v<raw_result>) {
        ((*self).*method_)(std::forward<Args>(args)...);
      } else {
        return result_type(std::in_place,
                           ((*self).*method_)(std::forward<Args>(args)...));
      }
    }
    if constexpr (!std::is_void_v<raw_result>) return std::nullopt;
  }

  // True if the object has been destroyed (or this weak_method is empty).
  bool expired() const noexcept { return object_.expired(); }

  // A shared_ptr to the object, or null if it has expired.
  std::shared_ptr<T> lock() const noexcept { return object_.lock(); }

  // The bound member function pointer.
  MemFn method() const noexcept { return method_; }

  // The weak reference to the object.
  const std::weak_ptr<T>& object() const noexcept { return object_; }

  // Same object (owner-based) and same member function.
  friend bool operator==(const weak_method& a, const weak_method& b) noexcept {
    return a.method_ == b.method_ && a.address_ == b.address_ &&
           !a.object_.owner_before(b.object_) &&
           !b.object_.owner_before(a.object_);
  }
  friend bool operator!=(const weak_method& a, const weak_method& b) noexcept {
    return !(a == b);
  }

 private:
  std::weak_ptr<T> object_;
  const void* address_ = nullptr;  // identity only, never dereferenced
  MemFn method_ = nullptr;
};

// Deduction guides: refcycle::weak_method(&C::m, weak_from_this()) and
// refcycle::weak_method(&C::m, shared_from_this()).
template <class MemFn, class T>
weak_method(MemFn, std::weak_ptr<T>) -> weak_method<MemFn, T>;
template <class MemFn, class T>
weak_method(MemFn, std::shared_ptr<T>) -> weak_method<MemFn, T>;

}  // namespace refcycle

#endif  // REFCYCLE_WEAK_METHOD_HPP
