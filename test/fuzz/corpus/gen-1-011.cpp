struct Item { int v = 0; };
struct Registry {
  static std::map<int, std::vector<Item>> cache;
  void put(int k) { cache.emplace(k, std::vector<Item>(1)); }
  void drop(int k) { cache.erase(k); }
};
std::map<int, std::vector<Item>> Registry::cache;
struct Instance { static std::vector<Instance *> all; Instance() { all.push_back(this); } };
std::vector<Instance *> Instance::all;
