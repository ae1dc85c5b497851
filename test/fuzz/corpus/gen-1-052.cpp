namespace ns7 {
struct N0;
struct N1;
struct N2;
struct N0 {
  std::map<int, std::weak_ptr<N1>> m0;
  std::set<N2 *> m1;
  std::weak_ptr<N1> m2;
  void reset() { *this = N0(); }
};
struct N1 : std::enable_shared_from_this<N1> {
  std::map<int, std::weak_ptr<N2>> m0;
  std::map<int, std::shared_ptr<N2>> m1;
};
struct N2 : std::enable_shared_from_this<N2> {
  std::list<N0 *> m0;
  std::shared_ptr<N0> m1;
  std::shared_ptr<N2> m2;
};
struct Item { int v = 0; };
struct Registry {
  static std::unordered_map<std::string, std::weak_ptr<Item>> cache;
  void put(int k) { cache.insert({std::to_string(k), std::weak_ptr<Item>()}); }
  void trim() { if (cache.size() > 100) cache.clear(); }
};
std::unordered_map<std::string, std::weak_ptr<Item>> Registry::cache;
std::unordered_map<std::string, std::weak_ptr<Item>> &global_cache() { static std::unordered_map<std::string, std::weak_ptr<Item>> c; return c; }
}
