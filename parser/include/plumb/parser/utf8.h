// UTF-8 encoding, shared by the WIT lexer and the WebAssembly text reader.
#pragma once

#include <string>

namespace plumb {

// Appends the UTF-8 encoding of `c`.
void append_utf8(std::string& out, char32_t c);

}  // namespace plumb
