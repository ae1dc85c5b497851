// A dialog registers a click handler on a button it does not own; the
// handler holds the dialog weakly and does nothing once it is gone.
#include <functional>
#include <memory>

struct Button {
  std::function<void()> on_click;
};

class Dialog : public std::enable_shared_from_this<Dialog> {
public:
  void wire(Button &ok) {
    ok.on_click = [weak = weak_from_this()] {
      if (auto self = weak.lock())
        self->close();
    };
  }
  void close() { open_ = false; }

private:
  bool open_ = true;
};
