#define PTR(T) std::shared_ptr<T>
struct Source {
  std::vector<std::function<void(int)>> handlers;
  void connect(std::function<void(int)> h) { handlers.push_back(std::move(h)); }
};
struct Widget : std::enable_shared_from_this<Widget> {
  int n = 0;
  std::function<void(int)> own;
  Source *src = nullptr;
  void start() {
    own = [weak = weak_from_this()](int) { if (auto s = weak.lock()) s->n++;  };
    own = [=](int) { n++;  };
  }
};
struct Item { int v = 0; };
struct Registry {
  std::unordered_map<int, std::vector<Item>> cache;
  void put(int k) { cache.insert({k, std::vector<Item>(1)}); }
  void drop(int k) { cache.erase(k); }
};
struct N0;
struct N1;
struct N2;
struct N3;
struct N0 : std::enable_shared_from_this<N0> {
  std::unique_ptr<N2> m0;
  std::unique_ptr<N3> m1;
  std::weak_ptr<N0> m2;
  void reset() { *this = N0(); }
};
struct N1 : std::enable_shared_from_this<N1> {
  std::unique_ptr<N1> m0;
};
struct N2 {
  std::unordered_map<std::string, N1 *> m0;
};
struct N3 : std::enable_shared_from_this<N3> {
  std::unique_ptr<N3> m0;
  void reset() { *this = N3(); }
};
