struct Source {
  std::vector<std::function<void()>> handlers;
  void connect(std::function<void()> h) { handlers.push_back(std::move(h)); }
  void clear() { handlers.clear(); }
};
std::function<void()> g_callback;
struct Widget : std::enable_shared_from_this<Widget> {
  int n = 0;
  std::function<void()> own;
  Source &src;
  explicit Widget(Source &s) : src(s) {}
  void start() {
    std::thread([this]() { n++;  }).detach();
    g_callback = [this]() { n++;  };
    g_callback = [this]() { n++;  };
  }
  ~Widget() { own = nullptr; }
};
struct Item { int v = 0; };
struct Registry {
  std::map<int, std::unique_ptr<Item>> cache;
  void put(int k) { cache.emplace(k, std::make_unique<Item>()); }
  void trim() { if (cache.size() > 100) cache.clear(); }
};
struct Instance { static std::vector<Instance *> all; Instance() { all.push_back(this); } };
std::vector<Instance *> Instance::all;
