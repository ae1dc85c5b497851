struct Source {
  std::vector<std::function<void(int)>> handlers;
  void connect(std::function<void(int)> h) { handlers.push_back(std::move(h)); }
};
struct Widget : std::enable_shared_from_this<Widget> {
  int n = 0;
  std::function<void(int)> own;
  Source *src = nullptr;
  void start() {
    own = [this](int) { n++;  };
    own = [p = this](int) { p->n++;  };
    own = [self = shared_from_this()](int) { self->n++;  };
  }
};
struct Item { int v = 0; };
struct Registry {
  std::unordered_map<const void *, std::vector<Item>> cache;
  void put(int k) { cache[static_cast<const void *>(&cache)] = std::vector<Item>(1); }
};
struct Instance { static std::vector<Instance *> all; Instance() { all.push_back(this); } };
std::vector<Instance *> Instance::all;
