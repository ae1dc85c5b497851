struct Item { int v = 0; };
struct Registry {
  std::unordered_map<int, std::shared_ptr<Item>> cache;
  void put(int k) { cache.insert({k, std::make_shared<Item>()}); }
  void drop(int k) { cache.erase(k); }
};
