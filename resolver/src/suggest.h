// "Did you mean ...?": the candidate closest to a misspelt name.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace plumb {

// The candidate within a small edit distance of `name` (scaled with its
// length), preferring the closest; nothing when none is close.
std::optional<std::string> closest_name(std::string_view name, const std::vector<std::string_view>& candidates);

// The names of WIT's primitive types (`string`, `u32`, ...).
const std::vector<std::string_view>& primitive_type_names();

}  // namespace plumb
