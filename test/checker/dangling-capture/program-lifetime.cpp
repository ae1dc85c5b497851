// RUN: %check_clang_tidy %s refcycle-dangling-capture %t -- -- -std=c++17

// An object that lives as long as the program outlives whatever it
// registers with. Such objects are the globals (and static locals, and
// main's locals), their by-value parts, and the objects they own through a
// std::unique_ptr or a raw pointer filled with `new` that only their
// constructors set: made with them and never replaced. A part that a member
// function may replace comes and goes.

#include <functional>
#include <memory>

struct Window {
  std::function<void()> onPaint;
  std::function<void(int)> onKey;
};
std::shared_ptr<Window> createWindow();

class Browser {
public:
  void show() {
    window_ = createWindow();
    window_->onPaint = [this] { paint(); };
    window_->onKey = std::bind(&Browser::key, this, std::placeholders::_1);
  }
  void paint() {}
  void key(int) {}

private:
  std::shared_ptr<Window> window_;
};

class Inspector {
public:
  void show() {
    window_ = createWindow();
    window_->onPaint = [this] { paint(); };
  }
  void paint() {}

private:
  std::shared_ptr<Window> window_;
};

class Console {
public:
  void show() {
    window_ = createWindow();
    window_->onPaint = [this] { paint(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: lambda captures 'this' and is stored in 'Window::onPaint', which may outlive this 'Console'; bind through a weak reference [refcycle-dangling-capture]
  }
  void paint() {}

private:
  std::shared_ptr<Window> window_;
};

class Palette {
public:
  void show() {
    window_ = createWindow();
    window_->onPaint = [this] { paint(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: lambda captures 'this' and is stored in 'Window::onPaint', which may outlive this 'Palette'; bind through a weak reference [refcycle-dangling-capture]
  }
  void paint() {}

private:
  std::shared_ptr<Window> window_;
};

// The application: a global that owns its browser through a raw pointer
// and its inspector through a unique_ptr, both set by the constructor only.
class Application {
public:
  Application()
      : browser(new Browser()), inspector(std::make_unique<Inspector>()),
        console(new Console()), palette(std::make_unique<Palette>()) {}
  ~Application() {
    delete browser;
    delete console;
  }
  // A console and a palette can be replaced: theirs are not the
  // application's for life.
  void restart() {
    delete console;
    console = new Console();
    palette.reset(new Palette());
  }

  Browser *browser;
  std::unique_ptr<Inspector> inspector;
  Console *console;
  std::unique_ptr<Palette> palette;
};
extern Application App;

// A static smart pointer made with its object and never reset, and a
// pointer only this file can name that is given a `new` object and never
// deleted: their objects are the program's too. One that is reset, deleted
// or visible to other files (declared in a header) is not known here.
class Cache {
public:
  void watch(Window &w) {
    w.onPaint = [this] { ++hits; };
  }
  int hits = 0;
};
Cache &cache() {
  static std::shared_ptr<Cache> instance = std::make_shared<Cache>();
  return *instance;
}

class Tracer {
public:
  void watch(Window &w) {
    w.onPaint = [this] { ++lines; };
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: lambda captures 'this' and is stored in 'Window::onPaint', which may outlive this 'Tracer'; bind through a weak reference [refcycle-dangling-capture]
  }
  int lines = 0;
};
static std::unique_ptr<Tracer> tracer = std::make_unique<Tracer>();
void stopTracing() { tracer.reset(); }

class Monitor {
public:
  void watch(Window &w) {
    w.onPaint = [this] { ++frames; };
  }
  int frames = 0;
};
Monitor *monitor;
void startMonitor() { monitor = new Monitor; }

class Recorder {
public:
  void watch(Window &w) {
    w.onPaint = [this] { ++takes; };
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: lambda captures 'this' and is stored in 'Window::onPaint', which may outlive this 'Recorder'; bind through a weak reference [refcycle-dangling-capture]
  }
  int takes = 0;
};
Recorder *recorder;
void startRecording() { recorder = new Recorder; }
void stopRecording() { delete recorder; }
