#include "suggest.h"

#include <algorithm>

#include "plumb/diagnostics/edit_distance.h"

namespace plumb {

std::optional<std::string> closest_name(std::string_view name, const std::vector<std::string_view>& candidates) {
  const size_t limit = std::max<size_t>(1, name.size() / 3);
  std::optional<std::string> best;
  size_t best_distance = limit + 1;
  for (std::string_view c : candidates) {
    if (c == name || c.empty()) continue;
    // The distance is at least the difference in length: skip the far ones
    // without computing it (a package with thousands of names and errors).
    const size_t longer = std::max(c.size(), name.size()), shorter = std::min(c.size(), name.size());
    if (longer - shorter >= best_distance) continue;
    size_t d = edit_distance(name, c);
    if (d < best_distance) {
      best_distance = d;
      best = std::string(c);
    }
  }
  return best;
}

const std::vector<std::string_view>& primitive_type_names() {
  static const std::vector<std::string_view> names = {"bool", "u8",  "u16", "u32",  "u64",    "s8",
                                                      "s16",  "s32", "s64", "f32",  "f64",    "char",
                                                      "string", "error-context"};
  return names;
}

}  // namespace plumb
