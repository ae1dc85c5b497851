struct Source {
  std::vector<std::function<void(int)>> handlers;
  void set_handler(std::function<void(int)> h) { handlers.push_back(std::move(h)); }
  void clear() { handlers.clear(); }
};
struct Widget : std::enable_shared_from_this<Widget> {
  int n = 0;
  std::function<void(int)> own;
  Source &src;
  explicit Widget(Source &s) : src(s) {}
  void start() {
    own = [weak = weak_from_this()](int) { if (auto s = weak.lock()) s->n++;  };
    own = [=](int) { n++;  };
  }
  ~Widget() { own = nullptr; }
};
