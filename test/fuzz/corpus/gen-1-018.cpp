namespace ns8 {
struct Source {
  std::vector<std::function<void(int)>> handlers;
  void subscribe(std::function<void(int)> h) { handlers.push_back(std::move(h)); }
  void clear() { handlers.clear(); }
};
std::function<void(int)> g_callback;
struct Widget : std::enable_shared_from_this<Widget> {
  int n = 0;
  std::function<void(int)> own;
  std::weak_ptr<Source> wsrc;
  void start() {
    own = [&](int) { n++;  };
  }
};
struct N0;
struct N0 : std::enable_shared_from_this<N0> {
  std::shared_ptr<N0> m0;
  std::unique_ptr<N0> m1;
  std::weak_ptr<N0> m2;
  void reset() { *this = N0(); }
};
}
