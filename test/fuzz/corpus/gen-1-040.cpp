struct Item { int v = 0; };
struct Registry {
  std::unordered_map<const void *, Item> cache;
  void put(int k) { cache[static_cast<const void *>(&cache)] = Item{}; }
};
std::unordered_map<const void *, Item> &global_cache() { static std::unordered_map<const void *, Item> c; return c; }
struct N0;
struct N1;
struct N2;
struct N3;
struct N0 : std::enable_shared_from_this<N0> {
  N3 * m0;
  std::shared_ptr<N0> m1;
  void reset() { *this = N0(); }
};
struct N1 {
  std::shared_ptr<N0> m0;
};
struct N2 {
  std::unique_ptr<N2> m0;
  std::map<int, std::weak_ptr<N1>> m1;
  std::shared_ptr<N1> m2;
};
struct N3 : std::enable_shared_from_this<N3> {
  std::unique_ptr<N2> m0;
  N0 * m1;
  std::unique_ptr<N2> m2;
  void reset() { *this = N3(); }
};
struct Source {
  std::vector<std::function<bool(const std::string &)>> handlers;
  void on(std::function<bool(const std::string &)> h) { handlers.push_back(std::move(h)); }
};
struct Widget : std::enable_shared_from_this<Widget> {
  int n = 0;
  std::function<bool(const std::string &)> own;
  std::shared_ptr<Source> src;
  void start() {
    own = [this](const std::string &) { n++; return true; };
    src->on([weak = weak_from_this()](const std::string &) { if (auto s = weak.lock()) s->n++; return true; });
  }
};
