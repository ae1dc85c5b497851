template <class T> struct Box { std::shared_ptr<T> item; std::shared_ptr<Box> next; };
struct Item { int v = 0; };
struct Registry {
  std::unordered_map<const void *, std::unique_ptr<Item>> cache;
  void put(int k) { cache.insert({static_cast<const void *>(&cache), std::make_unique<Item>()}); }
  void trim() { if (cache.size() > 100) cache.clear(); }
};
struct Instance { static std::vector<Instance *> all; Instance() { all.push_back(this); } };
std::vector<Instance *> Instance::all;
struct Source {
  std::vector<std::function<bool(const std::string &)>> handlers;
  void connect(std::function<bool(const std::string &)> h) { handlers.push_back(std::move(h)); }
  void clear() { handlers.clear(); }
};
std::function<bool(const std::string &)> g_callback;
struct Widget : std::enable_shared_from_this<Widget> {
  int n = 0;
  std::function<bool(const std::string &)> own;
  std::weak_ptr<Source> wsrc;
  void start() {
    own = [weak = weak_from_this()](const std::string &) { if (auto s = weak.lock()) s->n++; return true; };
    if (auto s = wsrc.lock()) s->connect([&](const std::string &) { n++; return true; });
  }
  ~Widget() { own = nullptr; }
};
struct N0;
struct N1;
struct N2;
struct N0 : std::enable_shared_from_this<N0> {
  std::shared_ptr<N2> m0;
  std::unique_ptr<N0> m1;
};
struct N1 {
  std::shared_ptr<N2> m0;
  std::set<std::weak_ptr<N1>> m1;
  std::weak_ptr<N0> m2;
};
struct N2 {
  std::unordered_map<std::string, std::weak_ptr<N1>> m0;
  std::set<N1 *> m1;
  void reset() { *this = N2(); }
};
Box<int> b;
