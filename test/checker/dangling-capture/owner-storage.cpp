// RUN: %check_clang_tidy %s refcycle-dangling-capture %t -- -- -std=c++17

// A part that registers callbacks bound to itself in a table of the object
// that owns it, reached through the pointer or reference to that owner it
// was constructed with. When the owner holds the part for life (by value,
// or through a std::unique_ptr or `new`-filled pointer that only its
// constructors set) and made it with itself as the argument, the table and
// the part go together: silent. A part the owner can replace, a link to the
// owner that other code can change, or an owner that made the part without
// itself, leaves the callback with nothing that ends it.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

struct KeyTable {
  void bind(const std::string &key, std::function<bool()> handler) {
    handlers_[key] = std::move(handler);
  }
  std::map<std::string, std::function<bool()>> handlers_;
};

class Window;

class Panel {
public:
  explicit Panel(Window *window);
  void scroll() {}

private:
  Window *window_;
};

class Sidebar {
public:
  explicit Sidebar(Window &window);
  void hide() {}

private:
  Window &window_;
};

class Status {
public:
  explicit Status(Window *window);
  void retarget(Window *other) { window_ = other; }
  void clear() {}

private:
  Window *window_;
};

class Footer {
public:
  explicit Footer(Window *window);
  void fold() {}

private:
  Window *window_;
};

class Window {
public:
  Window()
      : sidebar_(*this), status_(std::make_unique<Status>(this)),
        footer_(new Footer(this)) {}
  void replaceFooter() { footer_ = new Footer(this); }

  KeyTable keys_;
  std::vector<std::function<void()>> on_close_;
  Panel panel_{this};
  Sidebar sidebar_;
  std::unique_ptr<Status> status_;
  Footer *footer_;
};

Panel::Panel(Window *window) : window_(window) {
  // The window holds this panel by value and made it with itself: silent.
  window_->keys_.bind("j", [this] { scroll(); return true; });
  window_->on_close_.push_back([this] { scroll(); });
}

Sidebar::Sidebar(Window &window) : window_(window) {
  // Through a reference to the owner: silent.
  window_.keys_.bind("h", [this] { hide(); return true; });
}

Status::Status(Window *window) : window_(window) {
  // The owner holds it for life, but retarget() can point it at another
  // window, whose table outlives this status line.
  window_->keys_.bind("s", [this] { clear(); return true; });
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: lambda captures 'this' and is stored in 'KeyTable::handlers_', which may outlive this 'Status'; bind through a weak reference [refcycle-dangling-capture]
}

Footer::Footer(Window *window) : window_(window) {
  // replaceFooter() gives the owner a new footer while the old one's
  // handler stays in the table.
  window_->keys_.bind("f", [this] { fold(); return true; });
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: lambda captures 'this' and is stored in 'KeyTable::handlers_', which may outlive this 'Footer'; bind through a weak reference [refcycle-dangling-capture]
}

// An owner that makes its part without itself: the part's link may point to
// any window.
class Dialog;
class Button {
public:
  Button(Window *window) : window_(window) {
    window_->keys_.bind("b", [this] { press(); return true; });
    // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: lambda captures 'this' and is stored in 'KeyTable::handlers_', which may outlive this 'Button'; bind through a weak reference [refcycle-dangling-capture]
  }
  void press() {}

private:
  Window *window_;
};

// The link is the constructor's own parameter, used right there.
class Editor;

class Ruler {
public:
  explicit Ruler(Editor *editor);
  void measure() {}
};

class Gutter {
public:
  explicit Gutter(Editor &editor);
  void fold() {}
};

class Hint {
public:
  explicit Hint(Editor *editor);
  void show() {}
};

class Editor {
public:
  Editor() : gutter_(*this) { hints_.push_back(std::make_unique<Hint>(this)); }

  KeyTable keys_;
  Ruler ruler_{this};
  Gutter gutter_;
  std::vector<std::unique_ptr<Hint>> hints_;
};

// The editor holds the ruler by value and made it with itself: silent.
Ruler::Ruler(Editor *editor) {
  editor->keys_.bind("r", [this] { measure(); return true; });
}

// Through a reference parameter: silent.
Gutter::Gutter(Editor &editor) {
  editor.keys_.bind("g", [this] { fold(); return true; });
}

// The editor keeps hints in a container it can erase from: a hint can go
// while its handler stays in the table.
Hint::Hint(Editor *editor) {
  editor->keys_.bind("?", [this] { show(); return true; });
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: lambda captures 'this' and is stored in 'KeyTable::handlers_', which may outlive this 'Hint'; bind through a weak reference [refcycle-dangling-capture]
}

// A parameter of a member function other than a constructor is not a link
// the object was made with.
class Tooltip {
public:
  void attach(Editor *editor) {
    editor->keys_.bind("t", [this] { pop(); return true; });
    // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: lambda captures 'this' and is stored in 'KeyTable::handlers_', which may outlive this 'Tooltip'; bind through a weak reference [refcycle-dangling-capture]
  }
  void pop() {}
};

// The owner gives the part its value in the constructor's body, through a
// function that hands the new object back (a container's adoption, as
// Gtk::manage does); the part reaches the table through a local alias.
template <class T> T *adopt(T *object) { return object; }

class Pane;
class Viewer {
public:
  Viewer();
  KeyTable keys_;
  Pane *pane_;
};

class Pane {
public:
  explicit Pane(Viewer *viewer) : viewer_(viewer) {}
  void bindKeys() {
    KeyTable *keys = &viewer_->keys_;
    keys->bind("n", [this] { next(); return true; });
    KeyTable &same = viewer_->keys_;
    same.bind("p", [this] { next(); return true; });
  }
  void next() {}

private:
  Viewer *viewer_;
};

Viewer::Viewer() { pane_ = adopt(new Pane(this)); }

// An alias that is pointed elsewhere is not followed.
class Lens {
public:
  explicit Lens(Viewer *viewer) : viewer_(viewer) {}
  void bindKeys(KeyTable *other) {
    KeyTable *keys = &viewer_->keys_;
    if (other)
      keys = other;
    keys->bind("l", [this] { zoom(); return true; });
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: lambda captures 'this' and is stored in 'KeyTable::handlers_', which may outlive this 'Lens'; bind through a weak reference [refcycle-dangling-capture]
  }
  void zoom() {}

private:
  Viewer *viewer_;
};
