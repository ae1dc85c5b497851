struct N0;
struct N0 {
  std::shared_ptr<N0> m0;
  std::shared_ptr<N0> m1;
};
struct Item { int v = 0; };
struct Registry {
  static std::map<std::string, std::vector<Item>> cache;
  void put(int k) { cache[std::to_string(k)] = std::vector<Item>(1); }
};
std::map<std::string, std::vector<Item>> Registry::cache;
std::map<std::string, std::vector<Item>> &global_cache() { static std::map<std::string, std::vector<Item>> c; return c; }
