// A byte range in a SourceMap's global offset space.
#pragma once

#include <cstdint>

namespace plumb {

struct Span {
  static constexpr uint32_t kUnknown = UINT32_MAX;

  uint32_t start = kUnknown;
  uint32_t end = kUnknown;

  constexpr Span() = default;
  constexpr Span(uint32_t s, uint32_t e) : start(s), end(e) {}

  constexpr bool known() const { return start != kUnknown && end != kUnknown; }
  constexpr uint32_t size() const { return known() ? end - start : 0; }
  friend constexpr bool operator==(Span, Span) = default;
};

}  // namespace plumb
