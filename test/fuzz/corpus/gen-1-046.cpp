struct Source {
  std::vector<std::function<void(int)>> handlers;
  void post(std::function<void(int)> h) { handlers.push_back(std::move(h)); }
  void clear() { handlers.clear(); }
};
struct Widget : std::enable_shared_from_this<Widget> {
  int n = 0;
  std::function<void(int)> own;
  Source *src = nullptr;
  void start() {
    own = [self = shared_from_this()](int) { self->n++;  };
    own = [&](int) { n++;  };
    own = [weak = weak_from_this()](int) { if (auto s = weak.lock()) s->n++;  };
  }
};
