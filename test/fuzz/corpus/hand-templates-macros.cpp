#define OWN(T) std::shared_ptr<T>
template <class T> struct Node {
  OWN(Node) next;
  std::weak_ptr<Node> prev;
  T value;
};
template <class T> struct Graph {
  std::vector<OWN(Node<T>)> nodes;
  std::function<void(T)> on_add;
  void watch() { on_add = [this](T v) { nodes.push_back(std::make_shared<Node<T>>()); }; }
};
Graph<int> g;
struct Self : std::enable_shared_from_this<Self> {
  std::function<void()> cb;
  void arm() { cb = [self = shared_from_this()] { self->cb = nullptr; }; }
};
