struct N0;
struct N0 {
  std::unique_ptr<N0> m0;
  std::shared_ptr<N0> m1;
  void reset() { *this = N0(); }
};
