// UTF-8 encoding, shared by the WIT lexer and the WebAssembly text reader.
#pragma once

#include <string>
#include <string_view>

namespace plumb {

// Appends the UTF-8 encoding of `c`.
void append_utf8(std::string& out, char32_t c);

// Is `s` well-formed UTF-8? Strict, as Rust's `str::from_utf8`: overlong
// encodings, surrogates (U+D800..U+DFFF), code points above U+10FFFF, stray
// continuation bytes and truncated sequences are all rejected.
bool valid_utf8(std::string_view s);

// Where `s` stops being well-formed UTF-8 (as Rust's `Utf8Error::valid_up_to`:
// the first byte of the first invalid sequence), or npos if it is valid.
size_t invalid_utf8_offset(std::string_view s);

}  // namespace plumb
