//===--- IndexHashTable.h - a flat hash index over a vector ----------------===//
//
// Finds an element of a vector by its contents in O(1): an open-addressing
// table (linear probing) of indices into a vector the caller owns, each slot
// one 64-bit word (the element's 32-bit hash and its index). Keys are not
// copied: the caller compares its key with the element at a candidate index.
// It replaces std::unordered_map where the whole-program tool looks up
// millions of keys (type USRs, member names, edge identities): no allocation
// per entry, and one cache line per probe. Clang-free.
//
//===----------------------------------------------------------------------===//

#ifndef REFCYCLE_CHECKER_INDEXHASHTABLE_H
#define REFCYCLE_CHECKER_INDEXHASHTABLE_H

#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <string_view>
#include <utility>
#include <vector>

namespace refcycle::graph {

class IndexHashTable {
public:
  /// Looks up the element with this hash for which Equal(index) holds; if
  /// there is none, records NewIndex under this hash. Returns the index
  /// found or NewIndex, and whether it was inserted.
  template <typename EqualFn>
  std::pair<unsigned, bool> findOrInsert(std::uint32_t Hash, unsigned NewIndex,
                                         EqualFn &&Equal) {
    if ((Count + 1) * 4 > Slots.size() * 3)
      grow(Slots.empty() ? 16 : Slots.size() * 2);
    const std::size_t Mask = Slots.size() - 1;
    for (std::size_t At = Hash & Mask;; At = (At + 1) & Mask) {
      const std::uint64_t Slot = Slots[At];
      if (Slot == 0) {
        Slots[At] = (std::uint64_t(Hash) << 32) | (std::uint64_t(NewIndex) + 1);
        ++Count;
        return {NewIndex, true};
      }
      if (std::uint32_t(Slot >> 32) == Hash) {
        const unsigned Index = unsigned(std::uint32_t(Slot) - 1);
        if (Equal(Index))
          return {Index, false};
      }
    }
  }

  /// Same without inserting: the index found, or ~0U.
  template <typename EqualFn>
  unsigned find(std::uint32_t Hash, EqualFn &&Equal) const {
    if (Slots.empty())
      return ~0U;
    const std::size_t Mask = Slots.size() - 1;
    for (std::size_t At = Hash & Mask;; At = (At + 1) & Mask) {
      const std::uint64_t Slot = Slots[At];
      if (Slot == 0)
        return ~0U;
      if (std::uint32_t(Slot >> 32) == Hash) {
        const unsigned Index = unsigned(std::uint32_t(Slot) - 1);
        if (Equal(Index))
          return Index;
      }
    }
  }

  /// Makes room for Entries entries without growing again.
  void reserve(std::size_t Entries) {
    std::size_t Size = 16;
    while (Size * 3 < Entries * 4 + 4)
      Size *= 2;
    if (Size > Slots.size())
      grow(Size);
  }

  std::size_t size() const { return Count; }

  void clear() {
    Slots.clear();
    Count = 0;
  }

private:
  void grow(std::size_t NewSize) {
    std::vector<std::uint64_t> Old(NewSize, 0);
    Old.swap(Slots);
    const std::size_t Mask = Slots.size() - 1;
    for (std::uint64_t Slot : Old) {
      if (Slot == 0)
        continue;
      std::size_t At = std::uint32_t(Slot >> 32) & Mask;
      while (Slots[At] != 0)
        At = (At + 1) & Mask;
      Slots[At] = Slot;
    }
  }

  std::vector<std::uint64_t> Slots; // 0: empty; else hash << 32 | index + 1
  std::size_t Count = 0;
};

/// A 32-bit hash of a string, for IndexHashTable.
inline std::uint32_t hashText(std::string_view Text) {
  const std::size_t H = std::hash<std::string_view>()(Text);
  return std::uint32_t(std::uint64_t(H) ^ (std::uint64_t(H) >> 32));
}

/// Mixes integers into a 32-bit hash, for IndexHashTable.
inline std::uint32_t hashWords(std::initializer_list<std::uint64_t> Words) {
  std::uint64_t H = 0x9e3779b97f4a7c15ULL;
  for (std::uint64_t W : Words) {
    H ^= W;
    H *= 0xff51afd7ed558ccdULL;
    H ^= H >> 32;
  }
  return std::uint32_t(H ^ (H >> 29));
}

} // namespace refcycle::graph

#endif // REFCYCLE_CHECKER_INDEXHASHTABLE_H
