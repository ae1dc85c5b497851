struct N0;
struct N1;
struct N0 : std::enable_shared_from_this<N0> {
  std::unordered_map<std::string, std::shared_ptr<N0>> m0;
};
struct N1 {
  std::vector<std::shared_ptr<N1>> m0;
};
