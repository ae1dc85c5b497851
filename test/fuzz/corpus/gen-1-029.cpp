struct N0;
struct N1;
struct N0 {
  std::shared_ptr<N1> m0;
};
struct N1 : std::enable_shared_from_this<N1> {
  std::weak_ptr<N0> m0;
  N0 * m1;
  void reset() { *this = N1(); }
};
