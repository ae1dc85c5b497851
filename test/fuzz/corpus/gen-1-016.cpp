struct Item { int v = 0; };
struct Registry {
  static std::map<const void *, std::weak_ptr<Item>> cache;
  void put(int k) { cache.insert({static_cast<const void *>(&cache), std::weak_ptr<Item>()}); }
};
std::map<const void *, std::weak_ptr<Item>> Registry::cache;
std::map<const void *, std::weak_ptr<Item>> &global_cache() { static std::map<const void *, std::weak_ptr<Item>> c; return c; }
struct Source {
  std::vector<std::function<void(int)>> handlers;
  void defer(std::function<void(int)> h) { handlers.push_back(std::move(h)); }
  void clear() { handlers.clear(); }
};
struct Widget : std::enable_shared_from_this<Widget> {
  int n = 0;
  std::function<void(int)> own;
  std::weak_ptr<Source> wsrc;
  void start() {
    own = [weak = weak_from_this()](int) { if (auto s = weak.lock()) s->n++;  };
  }
};
