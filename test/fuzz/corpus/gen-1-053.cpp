struct N0;
struct N1;
struct N2;
struct N0 {
  std::weak_ptr<N0> m0;
  void reset() { *this = N0(); }
};
struct N1 {
  std::map<int, std::weak_ptr<N2>> m0;
  void reset() { *this = N1(); }
};
struct N2 {
  std::list<std::shared_ptr<N1>> m0;
  std::unique_ptr<N0> m1;
};
