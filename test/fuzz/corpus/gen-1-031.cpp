#define PTR(T) std::shared_ptr<T>
struct N0;
struct N1;
struct N2;
struct N3;
struct N0 : std::enable_shared_from_this<N0> {
  std::weak_ptr<N0> m0;
  PTR(N0) m1;
};
struct N1 {
  N2 * m0;
  std::unique_ptr<N3> m1;
  void reset() { *this = N1(); }
};
struct N2 : std::enable_shared_from_this<N2> {
  std::unique_ptr<N1> m0;
};
struct N3 {
  std::unique_ptr<N0> m0;
  std::shared_ptr<N2> m1;
  PTR(N0) m2;
};
struct Source {
  std::vector<std::function<void(int)>> handlers;
  void defer(std::function<void(int)> h) { handlers.push_back(std::move(h)); }
};
struct Widget : std::enable_shared_from_this<Widget> {
  int n = 0;
  std::function<void(int)> own;
  std::shared_ptr<Source> src;
  void start() {
    src->defer([&](int) { n++;  });
    src->defer([self = shared_from_this()](int) { self->n++;  });
  }
  ~Widget() { own = nullptr; }
};
