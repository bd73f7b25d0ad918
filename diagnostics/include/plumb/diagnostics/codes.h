// Stable diagnostic codes (E0301, W0001, ...): the enumeration of
// codes.def, and lookups between a code, its text and its summary.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace plumb {

enum class DiagCode : uint16_t {
#define DIAG(name, code, summary) name,
#include "plumb/diagnostics/codes.def"
};

struct DiagCodeInfo {
  DiagCode code;
  std::string_view text;     // "E0301"
  std::string_view summary;  // what the rule is, in one line
};

// Every code, in table order.
std::span<const DiagCodeInfo> all_diag_codes();
const DiagCodeInfo& diag_code_info(DiagCode code);
inline std::string_view code_text(DiagCode code) { return diag_code_info(code).text; }
// The code spelt `text` ("E0301", case-insensitive; "0301" and "301" mean
// E0301), if there is one.
std::optional<DiagCode> parse_diag_code(std::string_view text);

}  // namespace plumb
