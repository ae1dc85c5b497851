// RUN: %check_clang_tidy %s refcycle-dangling-capture %t

// Each kind of storage that can outlive the object whose 'this' is captured.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

struct Button {
  std::function<void()> on_click;
  std::vector<std::function<void(int)>> listeners;
  std::map<std::string, std::function<void()>> actions;
  void set_handler(std::function<void()> f) { handler_ = std::move(f); }
  std::function<void()> handler_;
};

std::function<void()> g_callback;
std::vector<std::function<void()>> g_callbacks;

struct Registry {
  explicit Registry(std::function<void()> f) : stored_(std::move(f)) {}
  void add(std::function<void()> f) { stored_ = std::move(f); }
  void forward(std::function<void()> f) { add(std::move(f)); }
  std::function<void()> stored_;
};

void attach(Button &b, std::function<void()> f) { b.on_click = std::move(f); }

class Dialog {
public:
  // Member of another object, reached through a reference parameter.
  void member(Button &b) {
    b.on_click = [this] { close(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: lambda captures 'this' and is stored in 'Button::on_click', which may outlive this 'Dialog'; bind through a weak reference [refcycle-dangling-capture]
  }
  // ... through a pointer parameter.
  void pointer(Button *b) {
    b->on_click = [this] { close(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: lambda captures 'this' and is stored in 'Button::on_click'
  }
  // ... through a raw pointer member (not owned).
  void rawMember() {
    button_->on_click = [this] { close(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: lambda captures 'this' and is stored in 'Button::on_click'
  }
  // ... and by a function called through a raw pointer member: the object
  // it is called on is the pointee, not the member.
  void rawMemberSetter() {
    button_->set_handler([this] { close(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: lambda captures 'this' and is stored in 'Button::handler_', which may outlive this 'Dialog'; bind through a weak reference [refcycle-dangling-capture]
  }
  // ... also when the object sometimes fills it with 'new': it is given
  // other objects too.
  void rawMemberMixed(Button *other, bool fresh) {
    button_ = fresh ? new Button : other;
    button_->set_handler([this] { close(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: lambda captures 'this' and is stored in 'Button::handler_'
  }
  // ... or inserted into a container reached that way.
  void rawMemberContainer() {
    listeners_->push_back([this](int) { close(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: lambda captures 'this' and is stored in
  }
  // ... through a shared_ptr member (shared, may outlive this).
  void sharedMember() {
    shared_button_->on_click = [this] { close(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: lambda captures 'this' and is stored in 'Button::on_click'
  }
  // A global.
  void global() {
    g_callback = [this] { close(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: lambda captures 'this' and is stored in 'g_callback', which may outlive this 'Dialog'; bind through a weak reference [refcycle-dangling-capture]
  }
  // A static local.
  void staticLocal() {
    static std::function<void()> once = [this] { close(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: lambda captures 'this' and is stored in 'once', which may outlive this 'Dialog'
  }
  // A container of callbacks in another object.
  void container(Button &b) {
    b.listeners.push_back([this](int) { close(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: lambda captures 'this' and is stored in 'Button::listeners', which may outlive this 'Dialog'
  }
  void emplace(Button &b) {
    b.listeners.emplace_back([this](int) { close(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: lambda captures 'this' and is stored in 'Button::listeners'
  }
  // A map element of another object.
  void mapElement(Button &b) {
    b.actions["close"] = [this] { close(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: lambda captures 'this' and is stored in 'Button::actions'
  }
  // A global container.
  void globalContainer() {
    g_callbacks.push_back([this] { close(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: lambda captures 'this' and is stored in 'g_callbacks'
  }
  // A function of this translation unit that stores its parameter.
  void storingCallee(Button &b) {
    b.set_handler([this] { close(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: lambda captures 'this' and is stored in 'Button::handler_', which may outlive this 'Dialog'
  }
  // ... that forwards it to a function that stores it.
  void forwardingCallee(Registry &r) {
    r.forward([this] { close(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: lambda captures 'this' and is stored in 'Registry::stored_'
  }
  // A free function that stores it into its other argument.
  void freeFunction(Button &b) {
    attach(b, [this] { close(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: lambda captures 'this' and is stored in 'Button::on_click'
  }
  // Through a local variable first.
  void viaLocal(Button &b) {
    auto handler = [this] { close(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: lambda captures 'this' and is stored in 'Button::on_click'
    b.on_click = handler;
  }
  // A detached thread (temporary and named).
  void detached() {
    std::thread([this] { close(); }).detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: lambda captures 'this' and runs on a detached std::thread, which may outlive this 'Dialog'; bind through a weak reference [refcycle-dangling-capture]
  }
  void detachedNamed() {
    std::thread worker([this] { close(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: lambda captures 'this' and runs on a detached std::thread
    worker.detach();
  }
  void close();

private:
  Button *button_ = nullptr;
  std::vector<std::function<void(int)>> *listeners_ = nullptr;
  std::shared_ptr<Button> shared_button_;
};
