#include "suggest.h"

#include <algorithm>

#include "plumb/support/edit_distance.h"

namespace plumb {

NameMatcher::NameMatcher(std::string_view name)
    : name_(name), best_distance_(std::max<size_t>(1, name.size() / 3) + 1) {}

void NameMatcher::consider(std::string_view c) {
  if (c == name_ || c.empty()) return;
  // The distance is at least the difference in length: skip the far ones
  // without computing it (a package with thousands of names and errors).
  const size_t longer = std::max(c.size(), name_.size()), shorter = std::min(c.size(), name_.size());
  if (longer - shorter >= best_distance_) return;
  size_t d = edit_distance(name_, c);
  if (d < best_distance_) {
    best_distance_ = d;
    best_ = c;
    found_ = true;
  }
}

std::optional<std::string> NameMatcher::best() const {
  if (!found_) return std::nullopt;
  return std::string(best_);
}

std::optional<std::string> closest_name(std::string_view name, const std::vector<std::string_view>& candidates) {
  NameMatcher m(name);
  for (std::string_view c : candidates) m.consider(c);
  return m.best();
}

const std::vector<std::string_view>& primitive_type_names() {
  static const std::vector<std::string_view> names = {"bool", "u8",  "u16", "u32",  "u64",    "s8",
                                                      "s16",  "s32", "s64", "f32",  "f64",    "char",
                                                      "string", "error-context"};
  return names;
}

}  // namespace plumb
