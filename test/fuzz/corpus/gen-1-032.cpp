struct Source {
  std::vector<std::function<bool(const std::string &)>> handlers;
  void post(std::function<bool(const std::string &)> h) { handlers.push_back(std::move(h)); }
};
struct Widget : std::enable_shared_from_this<Widget> {
  int n = 0;
  std::function<bool(const std::string &)> own;
  Source &src;
  explicit Widget(Source &s) : src(s) {}
  void start() {
    own = [self = shared_from_this()](const std::string &) { self->n++; return true; };
    own = [&](const std::string &) { n++; return true; };
    own = [&](const std::string &) { n++; return true; };
  }
  ~Widget() { own = nullptr; }
};
struct N0;
struct N1;
struct N2;
struct N3;
struct N0 {
  std::list<std::shared_ptr<N3>> m0;
  std::weak_ptr<N1> m1;
  void reset() { *this = N0(); }
};
struct N1 : std::enable_shared_from_this<N1> {
  std::weak_ptr<N3> m0;
  void reset() { *this = N1(); }
};
struct N2 {
  std::deque<N1 *> m0;
};
struct N3 : std::enable_shared_from_this<N3> {
  std::shared_ptr<N3> m0;
  std::weak_ptr<N2> m1;
  std::weak_ptr<N0> m2;
  void reset() { *this = N3(); }
};
