struct Item { int v = 0; };
struct Registry {
  std::map<std::string, std::vector<Item>> cache;
  void put(int k) { cache[std::to_string(k)] = std::vector<Item>(1); }
  void drop(int k) { cache.erase(std::to_string(k)); }
};
std::map<std::string, std::vector<Item>> &global_cache() { static std::map<std::string, std::vector<Item>> c; return c; }
struct Instance { static std::vector<Instance *> all; Instance() { all.push_back(this); } };
std::vector<Instance *> Instance::all;
struct N0;
struct N1;
struct N0 : std::enable_shared_from_this<N0> {
  std::weak_ptr<N0> m0;
  std::weak_ptr<N0> m1;
  std::weak_ptr<N0> m2;
};
struct N1 {
  std::shared_ptr<N1> m0;
};
struct Source {
  std::vector<std::function<void(int)>> handlers;
  void subscribe(std::function<void(int)> h) { handlers.push_back(std::move(h)); }
};
std::function<void(int)> g_callback;
struct Widget : std::enable_shared_from_this<Widget> {
  int n = 0;
  std::function<void(int)> own;
  std::shared_ptr<Source> src;
  void start() {
    g_callback = [p = this](int) { p->n++;  };
  }
};
