template <class T> struct Box { std::shared_ptr<T> item; std::shared_ptr<Box> next; };
struct Source {
  std::vector<std::function<bool(const std::string &)>> handlers;
  void post(std::function<bool(const std::string &)> h) { handlers.push_back(std::move(h)); }
  void clear() { handlers.clear(); }
};
std::function<bool(const std::string &)> g_callback;
struct Widget : std::enable_shared_from_this<Widget> {
  int n = 0;
  std::function<bool(const std::string &)> own;
  std::shared_ptr<Source> src;
  void start() {
    g_callback = [p = this](const std::string &) { p->n++; return true; };
    g_callback = [p = this](const std::string &) { p->n++; return true; };
  }
};
struct N0;
struct N1;
struct N0 : std::enable_shared_from_this<N0> {
  std::shared_ptr<N0> m0;
  std::unique_ptr<N0> m1;
};
struct N1 : std::enable_shared_from_this<N1> {
  N1 * m0;
  std::shared_ptr<N1> m1;
  void reset() { *this = N1(); }
};
Box<int> b;
