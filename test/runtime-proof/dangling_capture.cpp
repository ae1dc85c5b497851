// Run-time proof for refcycle-dangling-capture (see run_proof.py).
//
// A button outlives the panel that registered callbacks on it. Pressing the
// button after the panel died touches freed memory: AddressSanitizer reports
// a heap-use-after-free. After the check's fix-its (applied with
// --fix-notes), the callbacks hold the panel weakly and do nothing once it is
// gone, and the same program runs clean.

#include <cstdio>
#include <functional>
#include <memory>

struct Button {
  std::function<void()> on_press;
  std::function<void()> on_release;
  void press() {
    if (on_press)
      on_press();
  }
  void release() {
    if (on_release)
      on_release();
  }
};

class Panel : public std::enable_shared_from_this<Panel> {
public:
  void attach(Button &b) {
    // Fixed to refcycle::weak_method(&Panel::reload, weak_from_this()).
    b.on_press = [this] { reload(); };
    // Fixed to a weak_from_this() capture with an early return.
    b.on_release = [this] {
      ++releases_;
      std::printf("released %d\n", releases_);
    };
  }
  void reload() {
    ++reloads_;
    std::printf("reloaded %d\n", reloads_);
  }

private:
  int reloads_ = 0;
  int releases_ = 0;
};

int main() {
  Button button;
  {
    auto panel = std::make_shared<Panel>();
    panel->attach(button);
    button.press();
    button.release();
  } // the panel dies here; the button keeps its callbacks
  button.press();
  button.release();
  std::printf("done\n");
  return 0;
}
