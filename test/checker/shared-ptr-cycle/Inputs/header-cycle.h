#ifndef HEADER_CYCLE_H
#define HEADER_CYCLE_H

#include <memory>
#include <vector>

namespace lib {
struct Cache;
struct Entry {
  std::shared_ptr<Cache> cache_owner;
  int value = 0;
  int read() const;
};
struct Cache {
  std::vector<std::shared_ptr<Entry>> entries;
  int hits = 0;
};
inline int Entry::read() const { return cache_owner->hits; }
} // namespace lib

#endif
