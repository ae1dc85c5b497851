struct Item { int v = 0; };
struct Registry {
  static std::map<const void *, std::unique_ptr<Item>> cache;
  void put(int k) { cache.emplace(static_cast<const void *>(&cache), std::make_unique<Item>()); }
  void drop(int k) { cache.erase(static_cast<const void *>(&cache)); }
};
std::map<const void *, std::unique_ptr<Item>> Registry::cache;
