struct Item { int v = 0; };
struct Registry {
  static std::unordered_map<std::string, Item> cache;
  void put(int k) { cache.emplace(std::to_string(k), Item{}); }
  void drop(int k) { cache.erase(std::to_string(k)); }
};
std::unordered_map<std::string, Item> Registry::cache;
std::unordered_map<std::string, Item> &global_cache() { static std::unordered_map<std::string, Item> c; return c; }
struct Instance { static std::vector<Instance *> all; Instance() { all.push_back(this); } };
std::vector<Instance *> Instance::all;
struct N0;
struct N1;
struct N2;
struct N0 : std::enable_shared_from_this<N0> {
  std::unique_ptr<N1> m0;
  void reset() { *this = N0(); }
};
struct N1 : std::enable_shared_from_this<N1> {
  std::shared_ptr<N2> m0;
  void reset() { *this = N1(); }
};
struct N2 : std::enable_shared_from_this<N2> {
  std::map<int, N2 *> m0;
  std::unordered_map<std::string, std::weak_ptr<N0>> m1;
  N0 * m2;
};
