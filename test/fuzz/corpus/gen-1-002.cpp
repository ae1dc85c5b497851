template <class T> struct Box { std::shared_ptr<T> item; std::shared_ptr<Box> next; };
struct Source {
  std::vector<std::function<bool(const std::string &)>> handlers;
  void subscribe(std::function<bool(const std::string &)> h) { handlers.push_back(std::move(h)); }
  void clear() { handlers.clear(); }
};
struct Widget : std::enable_shared_from_this<Widget> {
  int n = 0;
  std::function<bool(const std::string &)> own;
  std::weak_ptr<Source> wsrc;
  void start() {
    own = [=](const std::string &) { n++; return true; };
    own = [weak = weak_from_this()](const std::string &) { if (auto s = weak.lock()) s->n++; return true; };
    own = [this](const std::string &) { n++; return true; };
  }
};
struct Item { int v = 0; };
struct Registry {
  static std::unordered_map<const void *, Item> cache;
  void put(int k) { cache.insert({static_cast<const void *>(&cache), Item{}}); }
  void trim() { if (cache.size() > 100) cache.clear(); }
};
std::unordered_map<const void *, Item> Registry::cache;
struct Instance { static std::vector<Instance *> all; Instance() { all.push_back(this); } };
std::vector<Instance *> Instance::all;
struct N0;
struct N0 : std::enable_shared_from_this<N0> {
  std::weak_ptr<N0> m0;
  N0 * m1;
  N0 * m2;
  void reset() { *this = N0(); }
};
Box<int> b;
