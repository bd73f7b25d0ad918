#include <doctest/doctest.h>

#include <string>

#include "plumb/support/utf8.h"

using namespace plumb;

namespace {
// Bytes written as a string literal may hold NULs: take the literal's size.
template <size_t N>
std::string_view bytes(const char (&s)[N]) {
  return std::string_view(s, N - 1);
}
}  // namespace

TEST_CASE("valid_utf8 accepts well-formed text") {
  CHECK(valid_utf8(""));
  CHECK(valid_utf8("plain ASCII, long enough for the 8-byte fast path"));
  CHECK(valid_utf8(bytes("nul \0 inside")));
  CHECK(valid_utf8("\xC2\x80"));          // U+0080, the smallest 2-byte
  CHECK(valid_utf8("\xDF\xBF"));          // U+07FF
  CHECK(valid_utf8("\xE0\xA0\x80"));      // U+0800, the smallest 3-byte
  CHECK(valid_utf8("\xED\x9F\xBF"));      // U+D7FF, just below the surrogates
  CHECK(valid_utf8("\xEE\x80\x80"));      // U+E000, just above them
  CHECK(valid_utf8("\xEF\xBF\xBF"));      // U+FFFF
  CHECK(valid_utf8("\xF0\x90\x80\x80"));  // U+10000, the smallest 4-byte
  CHECK(valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the largest
  CHECK(valid_utf8("caf\xC3\xA9 \xE2\x9C\x93 \xF0\x9F\x98\x80 and more ASCII after"));
}

TEST_CASE("valid_utf8 rejects overlong encodings") {
  CHECK_FALSE(valid_utf8("\xC0\x80"));          // U+0000 in two bytes
  CHECK_FALSE(valid_utf8("\xC1\xBF"));          // U+007F in two bytes
  CHECK_FALSE(valid_utf8("\xE0\x80\xAF"));      // '/' in three bytes
  CHECK_FALSE(valid_utf8("\xE0\x9F\xBF"));      // U+07FF in three bytes
  CHECK_FALSE(valid_utf8("\xF0\x80\x80\xAF"));  // '/' in four bytes
  CHECK_FALSE(valid_utf8("\xF0\x8F\xBF\xBF"));  // U+FFFF in four bytes
}

TEST_CASE("valid_utf8 rejects surrogates") {
  CHECK_FALSE(valid_utf8("\xED\xA0\x80"));              // U+D800
  CHECK_FALSE(valid_utf8("\xED\xBF\xBF"));              // U+DFFF
  CHECK_FALSE(valid_utf8("\xED\xA0\xBD\xED\xB8\x80"));  // a CESU-8 pair
}

TEST_CASE("valid_utf8 rejects code points above U+10FFFF and invalid lead bytes") {
  CHECK_FALSE(valid_utf8("\xF4\x90\x80\x80"));  // U+110000
  CHECK_FALSE(valid_utf8("\xF7\xBF\xBF\xBF"));  // U+1FFFFF
  CHECK_FALSE(valid_utf8("\xF8\x88\x80\x80\x80"));
  CHECK_FALSE(valid_utf8("\xFC\x84\x80\x80\x80\x80"));
  CHECK_FALSE(valid_utf8("\xFE"));
  CHECK_FALSE(valid_utf8("\xFF"));
}

TEST_CASE("valid_utf8 rejects truncated sequences and stray continuation bytes") {
  CHECK_FALSE(valid_utf8("\xC3"));
  CHECK_FALSE(valid_utf8("\xE2\x9C"));
  CHECK_FALSE(valid_utf8("\xF0\x9F\x98"));
  CHECK_FALSE(valid_utf8("ASCII first, then a cut \xF0\x9F"));  // at the very end
  CHECK_FALSE(valid_utf8("\xE2\x9C" "A"));                      // cut by an ASCII byte
  CHECK_FALSE(valid_utf8("\x80"));
  CHECK_FALSE(valid_utf8("ok \xBF"));
  CHECK_FALSE(valid_utf8("\xC3\xA9\xA9"));  // one continuation too many
}

TEST_CASE("invalid_utf8_offset is where the first invalid sequence starts") {
  CHECK(invalid_utf8_offset("plain ASCII, longer than eight bytes") == std::string_view::npos);
  CHECK(invalid_utf8_offset("caf\xC3\xA9 \xE2\x9C\x93") == std::string_view::npos);
  CHECK(invalid_utf8_offset("\xFF") == 0);
  CHECK(invalid_utf8_offset("0123456789abcdef\x80") == 16);  // past the 8-byte fast path
  CHECK(invalid_utf8_offset("caf\xC3\xA9 \xE2\x9C" "A") == 6);  // a cut sequence: its lead byte
  CHECK(invalid_utf8_offset("ab\xC0\xAF") == 2);                 // overlong
  CHECK(invalid_utf8_offset("a\xED\xA0\x80") == 1);              // a surrogate
  CHECK(invalid_utf8_offset("xy\xF0\x9F") == 2);                 // cut at the end
}

// ASCII is passed over 64 bytes, then 8, at a time: a bad byte at any offset,
// after valid multi-byte text or none, in a block or in the tail, is found
// where it is.
TEST_CASE("invalid_utf8_offset finds a bad byte at every offset") {
  for (size_t at = 0; at < 200; ++at) {
    for (bool accents : {false, true}) {
      std::string text(at, 'x');
      if (accents && at >= 2) text.replace(at / 2 - 1, 2, "\xC3\xA9");  // é, valid
      std::string clean = text + std::string(at % 70, 'y');
      CAPTURE(at);
      CAPTURE(accents);
      CHECK(invalid_utf8_offset(clean) == std::string_view::npos);
      text += '\x80';
      text += std::string(at % 70, 'y');
      CHECK(invalid_utf8_offset(text) == at);
    }
  }
}
