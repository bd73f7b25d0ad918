#include "plumb/support/json_escape.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <random>

namespace plumb {
namespace {

// What the diagnostics renderers' nlohmann::json dump writes for `text`.
std::string nlohmann_dump(const std::string& text) {
  return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

TEST_CASE("json_string escapes as serde_json and nlohmann::json") {
  CHECK(json_string("") == "\"\"");
  CHECK(json_string("plain / text") == "\"plain / text\"");
  CHECK(json_string("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(json_string("\b\f\n\r\t") == "\"\\b\\f\\n\\r\\t\"");
  CHECK(json_string(std::string_view("\x00\x01\x1f\x7f", 4)) == "\"\\u0000\\u0001\\u001f\x7f\"");
  CHECK(json_string("caf\xC3\xA9 \xF0\x9F\x98\x80") == "\"caf\xC3\xA9 \xF0\x9F\x98\x80\"");
  // Not UTF-8: a stray continuation byte, a truncated sequence, an overlong
  // form, a surrogate.
  CHECK(json_string("a\x80z") == "\"a\xEF\xBF\xBDz\"");
  CHECK(json_string("a\xE2\x82") == "\"a\xEF\xBF\xBD\"");
  CHECK(json_string("\xE0\x80\x80") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
  CHECK(json_string("\xED\xA0\x80") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
  CHECK(json_string("\xE2\x82z") == "\"\xEF\xBF\xBDz\"");
}

TEST_CASE("json_string writes the bytes nlohmann::json dumps") {
  // Every string of one or two bytes...
  for (int a = 0; a < 256; ++a) {
    for (int b = -1; b < 256; ++b) {
      std::string s(1, static_cast<char>(a));
      if (b >= 0) s += static_cast<char>(b);
      REQUIRE(json_string(s) == nlohmann_dump(s));
    }
  }
  // ... and random ones of bytes likely to make (or break) UTF-8.
  std::mt19937 rng(7);
  const unsigned char pool[] = {'a', '"', '\\', 0x01, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2,
                                0xdf, 0xe0, 0xe1, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf4, 0xf5, 0xff};
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const size_t len = rng() % 9;
    for (size_t i = 0; i < len; ++i) s += static_cast<char>(pool[rng() % sizeof pool]);
    REQUIRE(json_string(s) == nlohmann_dump(s));
  }
}

}  // namespace plumb
