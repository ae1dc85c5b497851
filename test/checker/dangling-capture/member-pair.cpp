// RUN: %check_clang_tidy %s refcycle-dangling-capture %t

// A pointer-to-member pair handed on together: an object pointer next to
// '&C::m' of a member function of its class, passed to a registration
// function. It escapes like a lambda capturing the object would. Objects of
// a class derived from a SelfDisconnectingReceiverBases class (default
// '::QObject') are tracked by the framework: passing one as receiver or
// context ends the registration when it is destroyed.

#include <functional>
#include <memory>

// A minimal stand-in for Qt's QObject (no Qt headers needed).
class QObject {
public:
  virtual ~QObject();
  // connect(sender, &S::signal, receiver, &R::slot)
  template <class S, class Sig, class R, class Slot>
  static int connect(const S *sender, Sig signal, const R *receiver, Slot slot);
  // connect(sender, &S::signal, functor)
  template <class S, class Sig, class F>
  static int connect(const S *sender, Sig signal, F &&functor);
};

struct Sender : QObject {
  void changed();
};

// A generic signal: the object pointer before or after the member function
// (boost::signals2-like APIs, many callback registries).
struct Signal {
  template <class T> int connect(T *object, void (T::*method)());
  template <class T> int subscribe(void (T::*method)(), T *object);
  template <class T> void disconnect(T *object);
  std::function<void()> slot_;
};

// A registry of this translation unit that only calls through the pointer.
struct Caller {
  template <class T> void on(T *object, void (T::*method)()) {
    if (object)
      (object->*method)();
  }
};
// ... and one that keeps it.
struct Keeper {
  template <class T> void on(T *object, void (T::*method)()) { kept_ = object; }
  void *kept_ = nullptr;
};

class Receiver {
public:
  void wire(Sender *sender, Signal &sig, Caller &caller, Keeper &keeper) {
    QObject::connect(sender, &Sender::changed, this, &Receiver::onChanged);
    // CHECK-MESSAGES: :[[@LINE-1]]:54: warning: pointer to member 'Receiver::onChanged' bound to 'this' is passed to 'QObject::connect', which may keep it after this 'Receiver' is destroyed [refcycle-dangling-capture]
    // CHECK-MESSAGES: :[[@LINE-2]]:54: note: end the registration in the destructor of 'Receiver' (option TeardownFunctions) or keep it in a scoped connection (option ScopedConnectionTypes)
    sig.connect(this, &Receiver::onChanged);
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: pointer to member 'Receiver::onChanged' bound to 'this' is passed to 'Signal::connect', which may keep it after this 'Receiver' is destroyed [refcycle-dangling-capture]
    sig.subscribe(&Receiver::onChanged, this);
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: pointer to member 'Receiver::onChanged' bound to 'this' is passed to 'Signal::subscribe'
    // A functor without a context object: like any lambda.
    QObject::connect(sender, &Sender::changed, [this] { onChanged(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:48: warning: lambda captures 'this' and is passed to 'QObject::connect', which may keep it after this 'Receiver' is destroyed; bind through a weak reference [refcycle-dangling-capture]
    // Only called through: transient.
    caller.on(this, &Receiver::onChanged);
    // Kept by a function of this translation unit with a registration name.
    keeper.on(this, &Receiver::onChanged);
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: pointer to member 'Receiver::onChanged' bound to 'this' is passed to 'Keeper::on'
  }
  // Registration on an own member dies with the object.
  void own() { own_.connect(this, &Receiver::onChanged); }
  void onChanged();

private:
  Signal own_;
};

// A pair followed by a callable names the sender, not the receiver.
struct Hub {
  template <class T, class F> int connect(T *sender, void (T::*signal)(), F f);
};
struct Emitter {
  void changed();
  void fire();
  void wire(Hub &hub) {
    hub.connect(this, &Emitter::changed, [] {});
    hub.connect(this, &Emitter::changed, std::function<void()>());
    hub.connect(this, &Emitter::changed, std::bind(&Emitter::fire, Emitter()));
  }
};

// A raw pointer to an object managed by shared_ptr, as for lambdas.
struct Model : std::enable_shared_from_this<Model> {
  void refresh();
};
void wireModel(Signal &sig, Model *m) {
  sig.connect(m, &Model::refresh);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: pointer to member 'Model::refresh' bound to raw pointer 'm' is passed to 'Signal::connect', which may keep it after the 'Model' that 'm' points to is destroyed [refcycle-dangling-capture]
}
// ... not for classes not managed by shared_ptr.
struct Plain {
  void refresh();
};
void wirePlain(Signal &sig, Plain *p) { sig.connect(p, &Plain::refresh); }

// A QObject receiver: Qt disconnects when the receiver is destroyed.
class QReceiver : public QObject {
public:
  void wire(Sender *sender) {
    QObject::connect(sender, &Sender::changed, this, &QReceiver::onChanged);
    // The context-object form: 'this' is the context.
    QObject::connect(sender, &Sender::changed, this, [this] { onChanged(); });
    // 'this' is the sender: the connection dies with it.
    QObject::connect(this, &QReceiver::onChanged, [this] { onChanged(); });
  }
  void wireOther(Sender *sender, QReceiver *other) {
    // Without a context, a lambda capturing 'this' handed to another sender.
    QObject::connect(sender, &Sender::changed, [this] { onChanged(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:48: warning: lambda captures 'this' and is passed to 'QObject::connect', which may keep it after this 'QReceiver' is destroyed; bind through a weak reference [refcycle-dangling-capture]
    // The context is another object: the lambda may outlive 'this'.
    QObject::connect(sender, &Sender::changed, other, [this] { onChanged(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:55: warning: lambda captures 'this' and is passed to 'QObject::connect'
  }
  void onChanged();
};

// The destructor ends the registration.
class TornDown {
public:
  explicit TornDown(Signal &sig) : sig_(&sig) { sig_->connect(this, &TornDown::onChanged); }
  ~TornDown() { sig_->disconnect(this); }
  void onChanged();

private:
  Signal *sig_;
};

// A base-class member function through a derived object.
struct Base {
  void handle();
};
struct Derived : Base {
  void wire(Signal &sig) { sig.connect(static_cast<Base *>(this), &Base::handle); }
  // CHECK-MESSAGES: :[[@LINE-1]]:67: warning: pointer to member 'Base::handle' bound to 'this' is passed to 'Signal::connect', which may keep it after this 'Derived' is destroyed
};
