struct Item { int v = 0; };
struct Registry {
  static std::map<const void *, std::weak_ptr<Item>> cache;
  void put(int k) { cache.emplace(static_cast<const void *>(&cache), std::weak_ptr<Item>()); }
};
std::map<const void *, std::weak_ptr<Item>> Registry::cache;
std::map<const void *, std::weak_ptr<Item>> &global_cache() { static std::map<const void *, std::weak_ptr<Item>> c; return c; }
struct Instance { static std::vector<Instance *> all; Instance() { all.push_back(this); } };
std::vector<Instance *> Instance::all;
