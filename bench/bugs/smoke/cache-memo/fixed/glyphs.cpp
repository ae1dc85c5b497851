// The renderer's width cache is bounded: it is dropped whenever it has
// reached its limit.
#include <cstdint>
#include <unordered_map>

int measure_uncached(std::uint64_t key);

int glyph_width(std::uint32_t font, std::uint32_t code_point) {
  static std::unordered_map<std::uint64_t, int> widths;
  std::uint64_t key = (std::uint64_t(font) << 32) | code_point;
  auto it = widths.find(key);
  if (it != widths.end())
    return it->second;
  int width = measure_uncached(key);
  if (widths.size() >= 4096)
    widths.clear();
  widths.emplace(key, width);
  return width;
}
