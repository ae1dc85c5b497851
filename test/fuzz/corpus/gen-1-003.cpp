template <class T> struct Box { std::shared_ptr<T> item; std::shared_ptr<Box> next; };
struct Item { int v = 0; };
struct Registry {
  std::map<const void *, std::shared_ptr<Item>> cache;
  void put(int k) { cache.insert({static_cast<const void *>(&cache), std::make_shared<Item>()}); }
  void drop(int k) { cache.erase(static_cast<const void *>(&cache)); }
};
struct Source {
  std::vector<std::function<void(int)>> handlers;
  void subscribe(std::function<void(int)> h) { handlers.push_back(std::move(h)); }
};
struct Widget : std::enable_shared_from_this<Widget> {
  int n = 0;
  std::function<void(int)> own;
  std::shared_ptr<Source> src;
  void start() {
    own = [self = shared_from_this()](int) { self->n++;  };
  }
};
struct N0;
struct N1;
struct N2;
struct N0 : std::enable_shared_from_this<N0> {
  std::vector<std::weak_ptr<N2>> m0;
  void reset() { *this = N0(); }
};
struct N1 : std::enable_shared_from_this<N1> {
  std::unique_ptr<N2> m0;
  void reset() { *this = N1(); }
};
struct N2 {
  std::unordered_map<std::string, std::shared_ptr<N1>> m0;
  N1 * m1;
  void reset() { *this = N2(); }
};
Box<int> b;
