template <class T> struct Box { std::shared_ptr<T> item; std::shared_ptr<Box> next; };
struct Item { int v = 0; };
struct Registry {
  static std::unordered_map<const void *, Item> cache;
  void put(int k) { cache.emplace(static_cast<const void *>(&cache), Item{}); }
  void trim() { if (cache.size() > 100) cache.clear(); }
};
std::unordered_map<const void *, Item> Registry::cache;
std::unordered_map<const void *, Item> &global_cache() { static std::unordered_map<const void *, Item> c; return c; }
struct Source {
  std::vector<std::function<void(int)>> handlers;
  void connect(std::function<void(int)> h) { handlers.push_back(std::move(h)); }
};
struct Widget : std::enable_shared_from_this<Widget> {
  int n = 0;
  std::function<void(int)> own;
  std::weak_ptr<Source> wsrc;
  void start() {
    own = [=](int) { n++;  };
  }
};
struct N0;
struct N0 : std::enable_shared_from_this<N0> {
  N0 * m0;
  std::shared_ptr<N0> m1;
  void reset() { *this = N0(); }
};
Box<int> b;
