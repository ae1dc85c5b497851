namespace ns2 {
struct N0;
struct N0 {
  std::list<std::weak_ptr<N0>> m0;
  std::vector<std::shared_ptr<N0>> m1;
  std::shared_ptr<N0> m2;
  void reset() { *this = N0(); }
};
struct Source {
  std::vector<std::function<void(int)>> handlers;
  void defer(std::function<void(int)> h) { handlers.push_back(std::move(h)); }
  void clear() { handlers.clear(); }
};
struct Widget : std::enable_shared_from_this<Widget> {
  int n = 0;
  std::function<void(int)> own;
  std::shared_ptr<Source> src;
  void start() {
    own = [p = this](int) { p->n++;  };
    own = [this](int) { n++;  };
    src->defer([this](int) { n++;  });
  }
  ~Widget() { own = nullptr; }
};
}
