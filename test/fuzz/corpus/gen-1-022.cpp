template <class T> struct Box { std::shared_ptr<T> item; std::shared_ptr<Box> next; };
struct Source {
  std::vector<std::function<bool(const std::string &)>> handlers;
  void post(std::function<bool(const std::string &)> h) { handlers.push_back(std::move(h)); }
};
struct Widget : std::enable_shared_from_this<Widget> {
  int n = 0;
  std::function<bool(const std::string &)> own;
  Source *src = nullptr;
  void start() {
    own = [this](const std::string &) { n++; return true; };
  }
  ~Widget() { own = nullptr; }
};
struct Item { int v = 0; };
struct Registry {
  static std::map<const void *, std::vector<Item>> cache;
  void put(int k) { cache.emplace(static_cast<const void *>(&cache), std::vector<Item>(1)); }
  void drop(int k) { cache.erase(static_cast<const void *>(&cache)); }
};
std::map<const void *, std::vector<Item>> Registry::cache;
std::map<const void *, std::vector<Item>> &global_cache() { static std::map<const void *, std::vector<Item>> c; return c; }
Box<int> b;
