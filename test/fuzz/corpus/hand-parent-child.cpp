struct Widget;
struct Panel : std::enable_shared_from_this<Panel> {
  std::vector<std::shared_ptr<Widget>> children;
  void add(std::shared_ptr<Widget> w) { children.push_back(w); }
  std::string title;
};
struct Widget {
  std::shared_ptr<Panel> parent;
  std::string title() const { return parent->title; }
  bool attached() const { return parent ? true : false; }
};
