struct Item { int v = 0; };
struct Registry {
  static std::map<int, std::weak_ptr<Item>> cache;
  void put(int k) { cache[k] = std::weak_ptr<Item>(); }
  void trim() { if (cache.size() > 100) cache.clear(); }
};
std::map<int, std::weak_ptr<Item>> Registry::cache;
std::map<int, std::weak_ptr<Item>> &global_cache() { static std::map<int, std::weak_ptr<Item>> c; return c; }
struct Source {
  std::vector<std::function<bool(const std::string &)>> handlers;
  void subscribe(std::function<bool(const std::string &)> h) { handlers.push_back(std::move(h)); }
};
struct Widget : std::enable_shared_from_this<Widget> {
  int n = 0;
  std::function<bool(const std::string &)> own;
  Source *src = nullptr;
  void start() {
    own = [=](const std::string &) { n++; return true; };
    own = [weak = weak_from_this()](const std::string &) { if (auto s = weak.lock()) s->n++; return true; };
    own = [&](const std::string &) { n++; return true; };
  }
};
