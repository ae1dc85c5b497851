#include "tree.h"

int usesTree() { return Tree{}.leaf ? 1 : 0; }
