namespace ns0 {
struct Item { int v = 0; };
struct Registry {
  static std::map<std::string, std::weak_ptr<Item>> cache;
  void put(int k) { cache.emplace(std::to_string(k), std::weak_ptr<Item>()); }
};
std::map<std::string, std::weak_ptr<Item>> Registry::cache;
}
