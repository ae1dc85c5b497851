struct Item { int v = 0; };
struct Registry {
  std::unordered_map<std::string, std::vector<Item>> cache;
  void put(int k) { cache.insert({std::to_string(k), std::vector<Item>(1)}); }
};
