struct Item { int v = 0; };
struct Registry {
  static std::map<std::string, Item> cache;
  void put(int k) { cache[std::to_string(k)] = Item{}; }
  void drop(int k) { cache.erase(std::to_string(k)); }
};
std::map<std::string, Item> Registry::cache;
struct N0;
struct N1;
struct N2;
struct N3;
struct N0 {
  std::weak_ptr<N3> m0;
  void reset() { *this = N0(); }
};
struct N1 {
  std::shared_ptr<N3> m0;
  std::weak_ptr<N1> m1;
  void reset() { *this = N1(); }
};
struct N2 {
  std::weak_ptr<N2> m0;
  std::vector<std::weak_ptr<N2>> m1;
};
struct N3 : std::enable_shared_from_this<N3> {
  std::weak_ptr<N3> m0;
  std::vector<N0 *> m1;
  N1 * m2;
};
struct Source {
  std::vector<std::function<bool(const std::string &)>> handlers;
  void set_handler(std::function<bool(const std::string &)> h) { handlers.push_back(std::move(h)); }
  void clear() { handlers.clear(); }
};
struct Widget : std::enable_shared_from_this<Widget> {
  int n = 0;
  std::function<bool(const std::string &)> own;
  Source &src;
  explicit Widget(Source &s) : src(s) {}
  void start() {
    own = [p = this](const std::string &) { p->n++; return true; };
    own = [&](const std::string &) { n++; return true; };
    own = [=](const std::string &) { n++; return true; };
  }
};
