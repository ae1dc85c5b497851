struct Button {
  std::function<void()> on_click;
  void set_handler(std::function<void()> f) { handler_ = std::move(f); }
  std::function<void()> handler_;
};
struct Dialog {
  explicit Dialog(Button &b) : button(b) {
    button.on_click = [this] { close(); };
    button.set_handler([this] { close(); });
  }
  void close() { open = false; }
  Button &button;
  bool open = true;
};
