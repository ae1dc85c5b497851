struct Source {
  std::vector<std::function<void(int)>> handlers;
  void post(std::function<void(int)> h) { handlers.push_back(std::move(h)); }
  void clear() { handlers.clear(); }
};
struct Widget : std::enable_shared_from_this<Widget> {
  int n = 0;
  std::function<void(int)> own;
  std::shared_ptr<Source> src;
  void start() {
    src->post([this](int) { n++;  });
    own = [&](int) { n++;  };
    own = [&](int) { n++;  };
  }
};
struct Item { int v = 0; };
struct Registry {
  static std::unordered_map<int, std::weak_ptr<Item>> cache;
  void put(int k) { cache.emplace(k, std::weak_ptr<Item>()); }
};
std::unordered_map<int, std::weak_ptr<Item>> Registry::cache;
