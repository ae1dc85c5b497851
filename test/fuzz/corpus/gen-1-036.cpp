namespace ns5 {
struct Item { int v = 0; };
struct Registry {
  std::unordered_map<std::string, Item> cache;
  void put(int k) { cache.emplace(std::to_string(k), Item{}); }
  void trim() { if (cache.size() > 100) cache.clear(); }
};
struct N0;
struct N0 : std::enable_shared_from_this<N0> {
  std::list<std::shared_ptr<N0>> m0;
  std::unique_ptr<N0> m1;
};
}
