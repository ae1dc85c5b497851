struct N0;
struct N1;
struct N2;
struct N3;
struct N0 : std::enable_shared_from_this<N0> {
  std::set<std::shared_ptr<N0>> m0;
  std::shared_ptr<N0> m1;
  std::unique_ptr<N2> m2;
  void reset() { *this = N0(); }
};
struct N1 : std::enable_shared_from_this<N1> {
  std::shared_ptr<N3> m0;
};
struct N2 {
  std::weak_ptr<N0> m0;
  std::set<std::weak_ptr<N2>> m1;
  std::shared_ptr<N1> m2;
};
struct N3 : std::enable_shared_from_this<N3> {
  std::unique_ptr<N2> m0;
  std::shared_ptr<N0> m1;
  void reset() { *this = N3(); }
};
struct Source {
  std::vector<std::function<void(int)>> handlers;
  void set_handler(std::function<void(int)> h) { handlers.push_back(std::move(h)); }
};
struct Widget : std::enable_shared_from_this<Widget> {
  int n = 0;
  std::function<void(int)> own;
  std::shared_ptr<Source> src;
  void start() {
    src->set_handler([this](int) { n++;  });
  }
};
