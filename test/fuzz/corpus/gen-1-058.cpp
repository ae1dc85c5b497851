struct Item { int v = 0; };
struct Registry {
  static std::unordered_map<std::string, std::shared_ptr<Item>> cache;
  void put(int k) { cache.emplace(std::to_string(k), std::make_shared<Item>()); }
};
std::unordered_map<std::string, std::shared_ptr<Item>> Registry::cache;
std::unordered_map<std::string, std::shared_ptr<Item>> &global_cache() { static std::unordered_map<std::string, std::shared_ptr<Item>> c; return c; }
