// The one JSON string escaper: what the model's JSON and the machine-readable
// diagnostics write strings with.
#pragma once

#include <string>
#include <string_view>

namespace plumb {

// Appends `text` as a JSON string literal, quotes included: `"` and `\`
// escaped, \b \f \n \r \t by name and the other control characters as
// \u00xx; everything else as is (UTF-8, not \u escapes). A byte sequence
// that is not UTF-8 becomes U+FFFD (one per maximal invalid subpart). These
// are the bytes of serde_json's and of nlohmann::json's dump (with
// error_handler_t::replace) for the same text.
void append_json_string(std::string& out, std::string_view text);

// The same, as a new string.
std::string json_string(std::string_view text);

}  // namespace plumb
