struct Item { int v = 0; };
struct Registry {
  static std::unordered_map<int, std::shared_ptr<Item>> cache;
  void put(int k) { cache.insert({k, std::make_shared<Item>()}); }
  void trim() { if (cache.size() > 100) cache.clear(); }
};
std::unordered_map<int, std::shared_ptr<Item>> Registry::cache;
