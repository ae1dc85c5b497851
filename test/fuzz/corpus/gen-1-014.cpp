struct Source {
  std::vector<std::function<bool(const std::string &)>> handlers;
  void connect(std::function<bool(const std::string &)> h) { handlers.push_back(std::move(h)); }
};
std::function<bool(const std::string &)> g_callback;
struct Widget : std::enable_shared_from_this<Widget> {
  int n = 0;
  std::function<bool(const std::string &)> own;
  std::shared_ptr<Source> src;
  void start() {
    src->connect([p = this](const std::string &) { p->n++; return true; });
    g_callback = [p = this](const std::string &) { p->n++; return true; };
  }
};
