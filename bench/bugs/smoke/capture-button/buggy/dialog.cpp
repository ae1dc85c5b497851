// A dialog registers a click handler on a button it does not own; the
// button lives on after the dialog is closed and destroyed.
#include <functional>
#include <memory>

struct Button {
  std::function<void()> on_click;
};

class Dialog : public std::enable_shared_from_this<Dialog> {
public:
  void wire(Button &ok) {
    ok.on_click = [this] { close(); };
  }
  void close() { open_ = false; }

private:
  bool open_ = true;
};
