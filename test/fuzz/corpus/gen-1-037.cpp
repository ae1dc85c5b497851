template <class T> struct Box { std::shared_ptr<T> item; std::shared_ptr<Box> next; };
struct Source {
  std::vector<std::function<bool(const std::string &)>> handlers;
  void subscribe(std::function<bool(const std::string &)> h) { handlers.push_back(std::move(h)); }
  void clear() { handlers.clear(); }
};
std::function<bool(const std::string &)> g_callback;
struct Widget : std::enable_shared_from_this<Widget> {
  int n = 0;
  std::function<bool(const std::string &)> own;
  std::weak_ptr<Source> wsrc;
  void start() {
    g_callback = [this](const std::string &) { n++; return true; };
    g_callback = [this](const std::string &) { n++; return true; };
  }
  ~Widget() { own = nullptr; }
};
Box<int> b;
