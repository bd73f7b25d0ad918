// libFuzzer target: the WebAssembly text reader (wat_to_binary); what it
// produces is decoded as a binary WIT package in turn.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "plumb/component/binary_package.h"
#include "plumb/diagnostics/diagnostic.h"
#include "plumb/wasm/wat_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  plumb::Expected<std::string> converted = plumb::wat_to_binary(text);
  if (!converted) {
    // Errors point into the text; a span past its end is a bug.
    if (converted.error().span.start > text.size()) __builtin_trap();
    return 0;
  }
  const std::string& binary = *converted;
  // Decoded as a deps/*.wasm file is: errors are diagnostics, never a crash.
  plumb::Resolve r;
  plumb::Diagnostics diags;
  (void)plumb::load_binary_package("fuzz.wasm", binary, r, diags);
  return 0;
}
