// libFuzzer target: the WebAssembly text reader (wat_to_binary); what it
// produces is decoded as a binary WIT package in turn.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "decode_package.h"
#include "plumb/wasm/wat_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string binary;
  try {
    binary = plumb::wat_to_binary(text);
  } catch (const plumb::WatError& e) {
    // Errors point into the text; a span past its end is a bug.
    if (e.offset > text.size()) __builtin_trap();
    return 0;
  }
  plumb::Strings strings;
  plumb::Resolve r;
  try {
    (void)plumb::decode_wit_package(binary, r, strings);
  } catch (const plumb::DecodeError&) {
  }
  return 0;
}
