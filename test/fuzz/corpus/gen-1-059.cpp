#define PTR(T) std::shared_ptr<T>
struct Item { int v = 0; };
struct Registry {
  std::unordered_map<int, std::shared_ptr<Item>> cache;
  void put(int k) { cache.insert({k, std::make_shared<Item>()}); }
};
std::unordered_map<int, std::shared_ptr<Item>> &global_cache() { static std::unordered_map<int, std::shared_ptr<Item>> c; return c; }
struct Instance { static std::vector<Instance *> all; Instance() { all.push_back(this); } };
std::vector<Instance *> Instance::all;
struct Source {
  std::vector<std::function<bool(const std::string &)>> handlers;
  void post(std::function<bool(const std::string &)> h) { handlers.push_back(std::move(h)); }
  void clear() { handlers.clear(); }
};
struct Widget : std::enable_shared_from_this<Widget> {
  int n = 0;
  std::function<bool(const std::string &)> own;
  std::shared_ptr<Source> src;
  void start() {
    own = [weak = weak_from_this()](const std::string &) { if (auto s = weak.lock()) s->n++; return true; };
  }
};
