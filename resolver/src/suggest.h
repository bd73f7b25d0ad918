// "Did you mean ...?": the candidate closest to a misspelt name.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace plumb {

// Finds the candidate within a small edit distance of `name` (scaled with
// its length), preferring the closest (the first of equals), among names
// offered one at a time: no list to build where the names are already held.
class NameMatcher {
 public:
  explicit NameMatcher(std::string_view name);
  void consider(std::string_view candidate);
  // Nothing when none was close.
  std::optional<std::string> best() const;

 private:
  std::string_view name_;
  std::string_view best_;
  size_t best_distance_;
  bool found_ = false;
};

// The same over a list.
std::optional<std::string> closest_name(std::string_view name, const std::vector<std::string_view>& candidates);

// The names of WIT's primitive types (`string`, `u32`, ...).
const std::vector<std::string_view>& primitive_type_names();

}  // namespace plumb
