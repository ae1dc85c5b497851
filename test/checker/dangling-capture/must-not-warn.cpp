// RUN: %check_clang_tidy %s refcycle-dangling-capture %t

// Callables that capture 'this' but cannot outlive the object, or that hold
// the object strongly on purpose. The check must stay silent on all of them.

#include <algorithm>
#include <functional>
#include <memory>
#include <vector>

namespace boost::signals2 {
struct connection {
  void disconnect();
};
struct scoped_connection {
  scoped_connection(const connection &);
  ~scoped_connection();
};
} // namespace boost::signals2

namespace refcycle {
template <class M, class T> struct weak_method {
  weak_method(M, std::weak_ptr<T>);
  void operator()() const;
};
template <class M, class T> weak_method(M, std::weak_ptr<T>) -> weak_method<M, T>;
} // namespace refcycle

struct Signal {
  boost::signals2::connection connect(std::function<void()> f);
};
struct Bus {
  int subscribe(std::function<void()> f);
  void unsubscribe(int id);
};
struct Button {
  std::function<void()> on_click;
  // Only calls its parameter: transient.
  void run(std::function<void()> f) { f(); }
  // Only forwards it to a function that calls it.
  void forward(std::function<void()> f) { run(std::move(f)); }
  // Declared here, defined elsewhere, with a name that is no registration,
  // on a class that keeps no callable of the parameter's type.
  void each(const std::function<void(int)> &f);
  void set_handler(std::function<void()> f) { handler_ = std::move(f); }
  std::function<void()> handler_;
};
struct Timer {
  std::function<void()> on_expire;
  template <class H> void subscribe(H &&h);
};

class Widget : public std::enable_shared_from_this<Widget> {
public:
  // 1. Immediately invoked.
  void immediate() {
    [this] { update(); }();
  }
  // 2. Standard algorithms.
  void algorithms(std::vector<int> &v) {
    std::for_each(v.begin(), v.end(), [this](int) { update(); });
    std::sort(v.begin(), v.end(), [this](int a, int b) { return less(a, b); });
  }
  // 3. A callee of this translation unit that only calls it.
  void transientCallee(Button &b) { b.run([this] { update(); }); }
  // 4. ... or only forwards it to one that calls it.
  void forwardingCallee(Button &b) { b.forward([this] { update(); }); }
  // 5. A function whose body is elsewhere, with no evidence that it keeps
  // the callable: no registration name, and its class holds no callable of
  // that type.
  void opaque(Button &b) { b.each([this](int) { update(); }); }
  // 6. Own member.
  void ownMember() { callback_ = [this] { update(); }; }
  // 7. A member of an own member (owned by value).
  void ownSubobject() { timer_.on_expire = [this] { update(); }; }
  // 8. A member of an object owned through unique_ptr.
  void ownUnique() { owned_->on_click = [this] { update(); }; }
  // 8b. A storing function of that object, or of this one (called through
  // the unique_ptr's operator->, or through 'this').
  void ownUniqueSetter() {
    owned_->set_handler([this] { update(); });
    this->keep([this] { update(); });
  }
  // 8c. ... and through a raw pointer member the object fills with 'new'
  // (owned the old way, like a unique_ptr).
  void ownRaw() {
    made_ = new Button;
    made_->set_handler([this] { update(); });
    made_->on_click = [this] { update(); };
  }
  // 9. Registration on an own member (not a queued handler, see
  // queued-handlers.cpp).
  void ownRegistration() { timer_.subscribe([this] { update(); }); }
  // 10. A local object that dies before the function returns.
  void localObject() {
    Button local;
    local.on_click = [this] { update(); };
    local.on_click();
  }
  // 11. A weak_ptr capture that is locked.
  void weakCapture(Button &b) {
    b.on_click = [weak = weak_from_this()] {
      if (auto self = weak.lock())
        self->update();
    };
  }
  // 12. 'this' plus a locked weak_ptr (the shape the fix-it produces).
  void weakGuard(Button &b) {
    b.on_click = [this, weak_this = weak_from_this()] {
      auto self = weak_this.lock();
      if (!self)
        return;
      update();
    };
  }
  // 13. refcycle::weak_method.
  void weakMethod(Button &b) {
    b.on_click = refcycle::weak_method(&Widget::update, weak_from_this());
  }
  // 14. The Boost.Asio idiom: a shared_ptr to self keeps the object alive.
  void asioIdiom(Button &b) {
    auto self = shared_from_this();
    b.on_click = [this, self] { update(); };
  }
  // 15. ... and a handler holding self that is not stored by the object.
  void asioHandler(Button &b) {
    b.on_click = [self = shared_from_this()] { self->update(); };
  }
  // 17. A lambda that captures nothing.
  void noCapture(Button &b) { b.on_click = [] {}; }
  // 18. A std::function held only in a local.
  void localFunction() {
    std::function<void()> f = [this] { update(); };
    f();
  }
  void update();
  bool less(int a, int b) const;

private:
  void keep(std::function<void()> f) { callback_ = std::move(f); }
  std::function<void()> callback_;
  Timer timer_;
  std::unique_ptr<Button> owned_;
  Button *made_ = nullptr;
};

// 19. A connection the destructor disconnects.
class Disconnects {
public:
  explicit Disconnects(Signal &s) { conn_ = s.connect([this] { update(); }); }
  ~Disconnects() { conn_.disconnect(); }
  void update();

private:
  boost::signals2::connection conn_;
};

// 20. A subscription the destructor cancels through the same object.
class Unsubscribes {
public:
  explicit Unsubscribes(Bus &b) : bus_(&b) { id_ = bus_->subscribe([this] { update(); }); }
  ~Unsubscribes() { bus_->unsubscribe(id_); }
  void update();

private:
  Bus *bus_;
  int id_ = 0;
};

// 21. A callback the destructor clears.
class Clears {
public:
  explicit Clears(Button &b) : button_(&b) { button_->on_click = [this] { update(); }; }
  ~Clears() { button_->on_click = nullptr; }
  void update();

private:
  Button *button_;
};

// 22. An RAII connection type (option ScopedConnectionTypes).
class Scoped {
public:
  explicit Scoped(Signal &s) : conn_(s.connect([this] { update(); })) {}
  void update();

private:
  boost::signals2::scoped_connection conn_;
};

// 16. Capturing *this copies the object.
struct Copyable {
  void wire(Button &b) { b.on_click = [*this] { use(); }; }
  void use() const;
};

// 23. A raw pointer to a class not managed by shared_ptr.
struct Model {
  void changed();
};
void wireModel(Button &b, Model *m) { b.on_click = [m] { m->changed(); }; }

// 24. A raw pointer whose pointee owns the storage itself.
struct Node : std::enable_shared_from_this<Node> {
  std::function<void()> on_change;
  void touch();
};
void selfWire(Node *n) { n->on_change = [n] { n->touch(); }; }
