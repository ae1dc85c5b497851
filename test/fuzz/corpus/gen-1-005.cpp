struct N0;
struct N1;
struct N0 : std::enable_shared_from_this<N0> {
  std::unique_ptr<N1> m0;
};
struct N1 {
  std::shared_ptr<N0> m0;
  std::set<std::weak_ptr<N0>> m1;
  std::unique_ptr<N0> m2;
};
struct Source {
  std::vector<std::function<void(int)>> handlers;
  void register_callback(std::function<void(int)> h) { handlers.push_back(std::move(h)); }
  void clear() { handlers.clear(); }
};
std::function<void(int)> g_callback;
struct Widget : std::enable_shared_from_this<Widget> {
  int n = 0;
  std::function<void(int)> own;
  Source *src = nullptr;
  void start() {
    g_callback = [p = this](int) { p->n++;  };
    g_callback = [self = shared_from_this()](int) { self->n++;  };
    g_callback = [weak = weak_from_this()](int) { if (auto s = weak.lock()) s->n++;  };
  }
};
struct Item { int v = 0; };
struct Registry {
  static std::unordered_map<int, std::shared_ptr<Item>> cache;
  void put(int k) { cache[k] = std::make_shared<Item>(); }
  void drop(int k) { cache.erase(k); }
};
std::unordered_map<int, std::shared_ptr<Item>> Registry::cache;
std::unordered_map<int, std::shared_ptr<Item>> &global_cache() { static std::unordered_map<int, std::shared_ptr<Item>> c; return c; }
