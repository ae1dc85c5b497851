#ifndef TREE_H
#define TREE_H

#include <memory>

struct Tree;

// A cycle declared in a header: reported once, however many files include it.
struct Leaf {
  std::shared_ptr<Tree> tree;
};

struct Tree {
  std::shared_ptr<Leaf> leaf;
};

#endif
