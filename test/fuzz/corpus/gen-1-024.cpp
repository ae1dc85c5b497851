struct Item { int v = 0; };
struct Registry {
  std::map<const void *, std::weak_ptr<Item>> cache;
  void put(int k) { cache.emplace(static_cast<const void *>(&cache), std::weak_ptr<Item>()); }
  void trim() { if (cache.size() > 100) cache.clear(); }
};
struct N0;
struct N1;
struct N0 : std::enable_shared_from_this<N0> {
  std::unique_ptr<N0> m0;
  std::unique_ptr<N0> m1;
  N0 * m2;
  void reset() { *this = N0(); }
};
struct N1 : std::enable_shared_from_this<N1> {
  std::unique_ptr<N0> m0;
  std::list<std::weak_ptr<N0>> m1;
  std::vector<std::shared_ptr<N1>> m2;
};
