namespace ns4 {
struct Source {
  std::vector<std::function<void()>> handlers;
  void post(std::function<void()> h) { handlers.push_back(std::move(h)); }
};
struct Widget : std::enable_shared_from_this<Widget> {
  int n = 0;
  std::function<void()> own;
  Source &src;
  explicit Widget(Source &s) : src(s) {}
  void start() {
    own = [weak = weak_from_this()]() { if (auto s = weak.lock()) s->n++;  };
    std::thread([=]() { n++;  }).detach();
  }
};
struct Item { int v = 0; };
struct Registry {
  std::unordered_map<std::string, std::unique_ptr<Item>> cache;
  void put(int k) { cache.emplace(std::to_string(k), std::make_unique<Item>()); }
  void drop(int k) { cache.erase(std::to_string(k)); }
};
std::unordered_map<std::string, std::unique_ptr<Item>> &global_cache() { static std::unordered_map<std::string, std::unique_ptr<Item>> c; return c; }
struct N0;
struct N1;
struct N0 {
  std::unique_ptr<N1> m0;
};
struct N1 : std::enable_shared_from_this<N1> {
  std::shared_ptr<N0> m0;
  N0 * m1;
};
}
