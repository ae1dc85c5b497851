#include "tree.h"

#include <memory>

struct Doc;

struct View {
  std::shared_ptr<Doc> doc;
};

struct Doc {
  std::shared_ptr<View> view;
};

int nodes() { return Doc{}.view ? 1 : 0; }
