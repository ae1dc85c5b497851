template <class T> struct Box { std::shared_ptr<T> item; std::shared_ptr<Box> next; };
struct Source {
  std::vector<std::function<void(int)>> handlers;
  void post(std::function<void(int)> h) { handlers.push_back(std::move(h)); }
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
  }
};
struct Item { int v = 0; };
struct Registry {
  std::unordered_map<const void *, std::weak_ptr<Item>> cache;
  void put(int k) { cache.emplace(static_cast<const void *>(&cache), std::weak_ptr<Item>()); }
  void trim() { if (cache.size() > 100) cache.clear(); }
};
std::unordered_map<const void *, std::weak_ptr<Item>> &global_cache() { static std::unordered_map<const void *, std::weak_ptr<Item>> c; return c; }
struct Instance { static std::vector<Instance *> all; Instance() { all.push_back(this); } };
std::vector<Instance *> Instance::all;
struct N0;
struct N1;
struct N2;
struct N3;
struct N0 : std::enable_shared_from_this<N0> {
  std::set<std::weak_ptr<N2>> m0;
};
struct N1 : std::enable_shared_from_this<N1> {
  std::weak_ptr<N1> m0;
  std::vector<std::weak_ptr<N3>> m1;
  void reset() { *this = N1(); }
};
struct N2 {
  N3 * m0;
  void reset() { *this = N2(); }
};
struct N3 {
  std::weak_ptr<N0> m0;
  std::unique_ptr<N1> m1;
  std::unique_ptr<N3> m2;
  void reset() { *this = N3(); }
};
Box<int> b;
