struct Item { int v = 0; };
struct Registry {
  std::map<std::string, std::weak_ptr<Item>> cache;
  void put(int k) { cache.insert({std::to_string(k), std::weak_ptr<Item>()}); }
};
std::map<std::string, std::weak_ptr<Item>> &global_cache() { static std::map<std::string, std::weak_ptr<Item>> c; return c; }
struct N0;
struct N1;
struct N0 {
  std::shared_ptr<N1> m0;
  N0 * m1;
  std::unique_ptr<N0> m2;
};
struct N1 {
  N1 * m0;
  std::unique_ptr<N0> m1;
  std::weak_ptr<N0> m2;
};
