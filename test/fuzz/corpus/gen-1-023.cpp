#define PTR(T) std::shared_ptr<T>
struct N0;
struct N0 {
  std::unique_ptr<N0> m0;
};
