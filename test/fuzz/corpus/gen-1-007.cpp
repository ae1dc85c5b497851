struct N0;
struct N1;
struct N2;
struct N3;
struct N0 : std::enable_shared_from_this<N0> {
  std::shared_ptr<N1> m0;
};
struct N1 {
  std::unique_ptr<N2> m0;
  std::map<int, std::shared_ptr<N2>> m1;
  std::map<int, std::shared_ptr<N0>> m2;
};
struct N2 : std::enable_shared_from_this<N2> {
  std::map<int, N2 *> m0;
  std::set<std::shared_ptr<N3>> m1;
};
struct N3 {
  std::unique_ptr<N3> m0;
  std::unique_ptr<N1> m1;
  std::shared_ptr<N2> m2;
  void reset() { *this = N3(); }
};
