struct Item { int v = 0; };
struct Registry {
  std::unordered_map<const void *, std::shared_ptr<Item>> cache;
  void put(int k) { cache.emplace(static_cast<const void *>(&cache), std::make_shared<Item>()); }
  void drop(int k) { cache.erase(static_cast<const void *>(&cache)); }
};
std::unordered_map<const void *, std::shared_ptr<Item>> &global_cache() { static std::unordered_map<const void *, std::shared_ptr<Item>> c; return c; }
struct Instance { static std::vector<Instance *> all; Instance() { all.push_back(this); } };
std::vector<Instance *> Instance::all;
struct N0;
struct N1;
struct N0 : std::enable_shared_from_this<N0> {
  N0 * m0;
  N1 * m1;
};
struct N1 {
  N1 * m0;
  std::unique_ptr<N1> m1;
  void reset() { *this = N1(); }
};
