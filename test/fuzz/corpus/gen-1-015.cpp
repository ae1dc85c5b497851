struct N0;
struct N1;
struct N2;
struct N3;
struct N0 : std::enable_shared_from_this<N0> {
  std::shared_ptr<N1> m0;
  std::shared_ptr<N3> m1;
  void reset() { *this = N0(); }
};
struct N1 : std::enable_shared_from_this<N1> {
  std::weak_ptr<N0> m0;
  std::shared_ptr<N0> m1;
  std::unique_ptr<N1> m2;
  void reset() { *this = N1(); }
};
struct N2 {
  std::unique_ptr<N2> m0;
  std::weak_ptr<N3> m1;
};
struct N3 {
  std::vector<std::weak_ptr<N3>> m0;
};
struct Source {
  std::vector<std::function<void()>> handlers;
  void connect(std::function<void()> h) { handlers.push_back(std::move(h)); }
};
std::function<void()> g_callback;
struct Widget : std::enable_shared_from_this<Widget> {
  int n = 0;
  std::function<void()> own;
  Source &src;
  explicit Widget(Source &s) : src(s) {}
  void start() {
    g_callback = [p = this]() { p->n++;  };
    g_callback = [this]() { n++;  };
    g_callback = [this]() { n++;  };
  }
};
