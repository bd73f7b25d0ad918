// How far apart two names are, for "did you mean ...?" hints.
#pragma once

#include <cstddef>
#include <string_view>

namespace plumb {

// The Levenshtein distance between `a` and `b`: the fewest single-byte
// insertions, deletions and substitutions that turn one into the other.
// Case-sensitive, with no cutoff (callers decide what is close enough).
size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace plumb
