#define PTR(T) std::shared_ptr<T>
struct Item { int v = 0; };
struct Registry {
  std::unordered_map<const void *, std::vector<Item>> cache;
  void put(int k) { cache.insert({static_cast<const void *>(&cache), std::vector<Item>(1)}); }
  void trim() { if (cache.size() > 100) cache.clear(); }
};
struct N0;
struct N1;
struct N0 : std::enable_shared_from_this<N0> {
  N1 * m0;
  void reset() { *this = N0(); }
};
struct N1 {
  N0 * m0;
  std::unique_ptr<N0> m1;
  std::weak_ptr<N1> m2;
};
struct Source {
  std::vector<std::function<void(int)>> handlers;
  void add_listener(std::function<void(int)> h) { handlers.push_back(std::move(h)); }
};
struct Widget : std::enable_shared_from_this<Widget> {
  int n = 0;
  std::function<void(int)> own;
  std::shared_ptr<Source> src;
  void start() {
    own = [&](int) { n++;  };
    own = [self = shared_from_this()](int) { self->n++;  };
  }
};
