struct N0;
struct N0 : std::enable_shared_from_this<N0> {
  std::unique_ptr<N0> m0;
};
struct Source {
  std::vector<std::function<void()>> handlers;
  void on(std::function<void()> h) { handlers.push_back(std::move(h)); }
};
struct Widget : std::enable_shared_from_this<Widget> {
  int n = 0;
  std::function<void()> own;
  std::shared_ptr<Source> src;
  void start() {
    own = [p = this]() { p->n++;  };
  }
  ~Widget() { own = nullptr; }
};
