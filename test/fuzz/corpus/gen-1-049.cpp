struct N0;
struct N1;
struct N0 {
  std::deque<std::weak_ptr<N1>> m0;
  std::unique_ptr<N0> m1;
};
struct N1 {
  std::unique_ptr<N0> m0;
};
struct Item { int v = 0; };
struct Registry {
  static std::unordered_map<std::string, std::vector<Item>> cache;
  void put(int k) { cache.emplace(std::to_string(k), std::vector<Item>(1)); }
  void trim() { if (cache.size() > 100) cache.clear(); }
};
std::unordered_map<std::string, std::vector<Item>> Registry::cache;
std::unordered_map<std::string, std::vector<Item>> &global_cache() { static std::unordered_map<std::string, std::vector<Item>> c; return c; }
