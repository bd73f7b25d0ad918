// UTF-8 and Unicode, shared by the WIT lexer and the WebAssembly text reader.
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

// Decodes one UTF-8 code point at s[i]; returns it and sets `len`. Input is
// meant to be valid UTF-8 (files are checked when read); a sequence cut
// short by the end of `s` has the length of what is left, never more.
char32_t decode_utf8(std::string_view s, size_t i, size_t& len);

// Rust's `{:?}` of a char: 'x', '\n', '\u{7f}'.
std::string debug_char(char32_t c);

// Is `c` XID_Start / XID_Continue (non-ASCII tables; ASCII inline).
bool is_xid_start(char32_t c);
bool is_xid_continue(char32_t c);

}  // namespace plumb
