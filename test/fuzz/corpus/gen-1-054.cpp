struct N0;
struct N0 {
  std::unique_ptr<N0> m0;
  std::weak_ptr<N0> m1;
  N0 * m2;
};
struct Source {
  std::vector<std::function<void(int)>> handlers;
  void defer(std::function<void(int)> h) { handlers.push_back(std::move(h)); }
  void clear() { handlers.clear(); }
};
std::function<void(int)> g_callback;
struct Widget : std::enable_shared_from_this<Widget> {
  int n = 0;
  std::function<void(int)> own;
  Source &src;
  explicit Widget(Source &s) : src(s) {}
  void start() {
    g_callback = [p = this](int) { p->n++;  };
    g_callback = [weak = weak_from_this()](int) { if (auto s = weak.lock()) s->n++;  };
    src.defer([&](int) { n++;  });
  }
};
