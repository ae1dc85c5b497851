struct Source {
  std::vector<std::function<void()>> handlers;
  void add_listener(std::function<void()> h) { handlers.push_back(std::move(h)); }
};
struct Widget : std::enable_shared_from_this<Widget> {
  int n = 0;
  std::function<void()> own;
  Source *src = nullptr;
  void start() {
    own = [p = this]() { p->n++;  };
    own = [self = shared_from_this()]() { self->n++;  };
  }
};
struct N0;
struct N1;
struct N2;
struct N0 : std::enable_shared_from_this<N0> {
  std::unique_ptr<N0> m0;
  std::shared_ptr<N1> m1;
  void reset() { *this = N0(); }
};
struct N1 : std::enable_shared_from_this<N1> {
  std::unique_ptr<N0> m0;
  std::map<int, std::weak_ptr<N0>> m1;
};
struct N2 : std::enable_shared_from_this<N2> {
  std::unordered_map<std::string, std::shared_ptr<N1>> m0;
  std::shared_ptr<N2> m1;
  std::unordered_map<std::string, std::weak_ptr<N1>> m2;
};
struct Item { int v = 0; };
struct Registry {
  static std::unordered_map<std::string, std::unique_ptr<Item>> cache;
  void put(int k) { cache[std::to_string(k)] = std::make_unique<Item>(); }
};
std::unordered_map<std::string, std::unique_ptr<Item>> Registry::cache;
std::unordered_map<std::string, std::unique_ptr<Item>> &global_cache() { static std::unordered_map<std::string, std::unique_ptr<Item>> c; return c; }
