struct Source {
  std::vector<std::function<bool(const std::string &)>> handlers;
  void defer(std::function<bool(const std::string &)> h) { handlers.push_back(std::move(h)); }
  void clear() { handlers.clear(); }
};
struct Widget : std::enable_shared_from_this<Widget> {
  int n = 0;
  std::function<bool(const std::string &)> own;
  std::shared_ptr<Source> src;
  void start() {
    own = [this](const std::string &) { n++; return true; };
    own = [this](const std::string &) { n++; return true; };
  }
};
struct N0;
struct N1;
struct N2;
struct N3;
struct N0 {
  std::weak_ptr<N0> m0;
  std::deque<std::weak_ptr<N3>> m1;
  void reset() { *this = N0(); }
};
struct N1 : std::enable_shared_from_this<N1> {
  N0 * m0;
  std::weak_ptr<N0> m1;
};
struct N2 : std::enable_shared_from_this<N2> {
  N2 * m0;
  std::unique_ptr<N1> m1;
  N3 * m2;
  void reset() { *this = N2(); }
};
struct N3 : std::enable_shared_from_this<N3> {
  std::weak_ptr<N3> m0;
  std::shared_ptr<N2> m1;
};
