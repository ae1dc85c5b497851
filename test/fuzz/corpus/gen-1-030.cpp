struct Source {
  std::vector<std::function<bool(const std::string &)>> handlers;
  void connect(std::function<bool(const std::string &)> h) { handlers.push_back(std::move(h)); }
};
struct Widget : std::enable_shared_from_this<Widget> {
  int n = 0;
  std::function<bool(const std::string &)> own;
  Source &src;
  explicit Widget(Source &s) : src(s) {}
  void start() {
    own = [=](const std::string &) { n++; return true; };
    own = [this](const std::string &) { n++; return true; };
  }
};
