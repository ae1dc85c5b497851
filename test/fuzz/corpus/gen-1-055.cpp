namespace ns1 {
struct Source {
  std::vector<std::function<void(int)>> handlers;
  void register_callback(std::function<void(int)> h) { handlers.push_back(std::move(h)); }
  void clear() { handlers.clear(); }
};
struct Widget : std::enable_shared_from_this<Widget> {
  int n = 0;
  std::function<void(int)> own;
  std::weak_ptr<Source> wsrc;
  void start() {
    own = [this](int) { n++;  };
    own = [=](int) { n++;  };
  }
};
}
