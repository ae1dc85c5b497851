struct N0;
struct N0 {
  std::weak_ptr<N0> m0;
  std::unique_ptr<N0> m1;
  std::set<N0 *> m2;
};
