struct N0;
struct N1;
struct N0 {
  std::unique_ptr<N1> m0;
  N1 * m1;
  std::weak_ptr<N0> m2;
  void reset() { *this = N0(); }
};
struct N1 : std::enable_shared_from_this<N1> {
  std::weak_ptr<N0> m0;
  void reset() { *this = N1(); }
};
struct Item { int v = 0; };
struct Registry {
  std::unordered_map<const void *, Item> cache;
  void put(int k) { cache.emplace(static_cast<const void *>(&cache), Item{}); }
};
