#include "plumb/diagnostics/codes.h"

#include <array>
#include <cctype>
#include <string>

namespace plumb {
namespace {

constexpr std::array kCodes = {
#define DIAG(name, code, summary) DiagCodeInfo{DiagCode::name, code, summary},
#include "plumb/diagnostics/codes.def"
};

}  // namespace

std::span<const DiagCodeInfo> all_diag_codes() { return kCodes; }

const DiagCodeInfo& diag_code_info(DiagCode code) { return kCodes[static_cast<size_t>(code)]; }

std::optional<DiagCode> parse_diag_code(std::string_view text) {
  std::string wanted;
  for (char c : text) wanted += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const bool bare = !wanted.empty() && std::isdigit(static_cast<unsigned char>(wanted[0]));
  if (bare) {
    while (wanted.size() < 4) wanted.insert(wanted.begin(), '0');
    wanted.insert(wanted.begin(), 'E');
  }
  for (const DiagCodeInfo& info : kCodes) {
    if (info.text == wanted) return info.code;
  }
  return std::nullopt;
}

}  // namespace plumb
