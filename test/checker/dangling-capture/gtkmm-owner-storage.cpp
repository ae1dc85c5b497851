// RUN: %check_clang_tidy %s refcycle-dangling-capture %t -- -- -std=c++17 %gtkmm_cflags

// gtkmm with its real headers. A widget the owner makes with
// Gtk::manage(new Part(this)) or Gtk::make_managed<Part>(this) in its
// constructor is destroyed with the owner's widget tree, after the owner's
// own members: a key table of the owner that holds the part's handlers is
// gone first. Judged from the bodies of manage() and make_managed(), which
// hand back the new object.

#include <gtkmm.h>

#include <functional>
#include <map>
#include <string>

struct KeyTable {
  void bind(const std::string &key, std::function<bool()> handler) {
    handlers_[key] = std::move(handler);
  }
  std::map<std::string, std::function<bool()>> handlers_;
};

class Browser;

class ListPart : public Gtk::TreeView {
public:
  explicit ListPart(Browser *browser) : browser_(browser) {}
  void bindKeys();
  void down() {}

private:
  Browser *browser_;
};

class InfoPart : public Gtk::Label {
public:
  explicit InfoPart(Browser *browser);
  void refresh() {}
};

class Browser : public Gtk::Box {
public:
  Browser() : info_(Gtk::make_managed<InfoPart>(this)) {
    list_ = Gtk::manage(new ListPart(this));
    pack_start(*list_);
    pack_start(*info_);
  }
  void swapList() { list_ = Gtk::manage(new ListPart(this)); }

  KeyTable keys_;
  ListPart *list_;
  InfoPart *info_;
};

InfoPart::InfoPart(Browser *browser) {
  // Made with Gtk::make_managed in the constructor: silent.
  browser->keys_.bind("i", [this] { refresh(); return true; });
}

void ListPart::bindKeys() {
  // swapList() gives the browser a new list while the old one's handler
  // stays in the table.
  KeyTable *keys = &browser_->keys_;
  keys->bind("j", [this] { down(); return true; });
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: lambda captures 'this' and is stored in 'KeyTable::handlers_', which may outlive this 'ListPart'; bind through a weak reference [refcycle-dangling-capture]
}
