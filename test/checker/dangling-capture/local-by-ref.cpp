// RUN: %check_clang_tidy --fix-notes --compile-fixed %s refcycle-dangling-capture %t -- -- -std=c++17

// A lambda that captures a local variable or a by-value parameter by
// reference, stored where it outlives the call: it refers to a dead stack
// frame the next time it runs.

#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

void use(int);
void show(const std::string &);
void sum(const std::vector<int> &);

struct Button {
  std::function<void()> on_click;
};

struct Loop {
  void post(std::function<void()> f);
  void run();
};

std::function<void()> g_on_exit;

struct Conn {
  void start(int id);
  void watch(Loop &loop);
  void temporarily(int n);
  void work();
  std::function<void()> on_done_;
};

// A by-value parameter, into a member of the object: the object outlives
// the call.
void Conn::start(int id) {
  on_done_ = [&id] { use(id); };
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: lambda captures parameter 'id' by reference and is stored in 'Conn::on_done_', which outlives it [refcycle-dangling-capture]
  // CHECK-MESSAGES: :[[@LINE-3]]:22: note: 'id' lives in the frame of 'Conn::start' and is destroyed by the time it returns
  // CHECK-MESSAGES: :[[@LINE-9]]:25: note: callback storage 'Conn::on_done_' declared here
  // CHECK-MESSAGES: :[[@LINE-4]]:14: note: capture 'id' by copy, so that the lambda keeps its own
  // CHECK-FIXES: {{^}}  on_done_ = [id] { use(id); };{{$}}
}

// An implicit capture of a `[&]` lambda: the fix names it by copy after
// the default.
void label(Button &b) {
  std::string text = "ok";
  b.on_click = [&] { show(text); };
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: lambda captures local variable 'text' by reference and is stored in 'Button::on_click', which outlives it [refcycle-dangling-capture]
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'text' lives in the frame of 'label' and is destroyed by the time it returns
  // CHECK-MESSAGES: :[[@LINE-36]]:25: note: callback storage 'Button::on_click' declared here
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: capture 'text' by copy, so that the lambda keeps its own
  // CHECK-FIXES: {{^}}  b.on_click = [&, text] { show(text); };{{$}}
}

// Into a global.
void onExit() {
  int code = 3;
  g_on_exit = [&code] { use(code); };
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: lambda captures local variable 'code' by reference and is stored in 'g_on_exit', which outlives it [refcycle-dangling-capture]
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: 'code' lives in the frame of 'onExit' and is destroyed by the time it returns
  // CHECK-MESSAGES: :[[@LINE-39]]:23: note: callback storage 'g_on_exit' declared here
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: capture 'code' by copy, so that the lambda keeps its own
  // CHECK-FIXES: {{^}}  g_on_exit = [code] { use(code); };{{$}}
}

// A detached thread that writes the local: no fix-it, a copy would be
// const.
void spawn() {
  int counter = 0;
  std::thread([&counter] { ++counter; }).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: lambda captures local variable 'counter' by reference and runs on a detached std::thread, which may outlive it [refcycle-dangling-capture]
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: 'counter' lives in the frame of 'spawn' and is destroyed by the time it returns
  // CHECK-MESSAGES: :[[@LINE-3]]:42: note: the thread is detached here
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: capture 'counter' by copy (or move it into the lambda), or keep it where it outlives the callback
}

// Queued on a loop the function does not run: no fix-it for a move-only
// type.
void sendLater(Loop &loop) {
  auto payload = std::make_unique<int>(7);
  loop.post([&payload] { use(*payload); });
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: lambda captures local variable 'payload' by reference and is queued by 'Loop::post', which may run it after it is destroyed [refcycle-dangling-capture]
  // CHECK-MESSAGES: :[[@LINE-3]]:8: note: 'payload' lives in the frame of 'sendLater' and is destroyed by the time it returns
  // CHECK-MESSAGES: :[[@LINE-66]]:8: note: 'Loop::post' is a registration function (option RegistrationFunctions) and may keep the callback
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: capture 'payload' by copy (or move it into the lambda), or keep it where it outlives the callback
}

// A non-const member function called on the capture: no fix-it.
void collect(Button &b) {
  std::vector<int> seen;
  b.on_click = [&seen] { seen.push_back(1); };
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: lambda captures local variable 'seen' by reference and is stored in 'Button::on_click', which outlives it [refcycle-dangling-capture]
  // CHECK-MESSAGES: :[[@LINE-3]]:20: note: 'seen' lives in the frame of 'collect' and is destroyed by the time it returns
  // CHECK-MESSAGES: :[[@LINE-80]]:25: note: callback storage 'Button::on_click' declared here
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: capture 'seen' by copy (or move it into the lambda), or keep it where it outlives the callback
}

// Read through a const reference parameter: the copy compiles.
void total(Button &b) {
  std::vector<int> values{1, 2};
  b.on_click = [&values] { sum(values); };
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: lambda captures local variable 'values' by reference and is stored in 'Button::on_click', which outlives it [refcycle-dangling-capture]
  // CHECK-MESSAGES: :[[@LINE-3]]:20: note: 'values' lives in the frame of 'total' and is destroyed by the time it returns
  // CHECK-MESSAGES: :[[@LINE-90]]:25: note: callback storage 'Button::on_click' declared here
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: capture 'values' by copy, so that the lambda keeps its own
  // CHECK-FIXES: {{^}}  b.on_click = [values] { sum(values); };{{$}}
}

// Must not warn.

// Called before the function returns, from a local.
void callNow() {
  int x = 1;
  std::function<void()> f = [&x] { use(x); };
  f();
}

// A reference parameter names an object the caller owns.
void wireRef(Button &b, std::string &name) {
  b.on_click = [&name] { show(name); };
}

// Captured by copy.
void wireCopy(Button &b) {
  int x = 2;
  b.on_click = [x] { use(x); };
}

// The function runs the loop it queued on before it returns.
void runHere(Loop &loop) {
  int x = 4;
  loop.post([&x] { use(x); });
  loop.run();
}

// A joined thread ends before the function returns.
void joined() {
  int x = 5;
  std::thread t([&x] { use(x); });
  t.join();
}

// The member is emptied again before the function returns.
void Conn::temporarily(int n) {
  on_done_ = [&n] { use(n); };
  work();
  on_done_ = nullptr;
}

// The locals of main live until the program ends.
int main() {
  int status = 0;
  g_on_exit = [&status] { use(status); };
  return 0;
}
