// libFuzzer target: a binary WIT package (component bytes starting with
// `\0asm`) decoded and merged into a Resolve, as a deps/*.wasm file is
// (load_binary_package), then printed as JSON and as WIT and encoded
// again: mutations of snapshots (the seeds include the encoder's output)
// reach the encoder through the decoder. Every binary is also printed as
// WebAssembly text (print_wat): an error or the text, never a crash.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "plumb/component/binary_package.h"
#include "fuzz_common.h"
#include "plumb/model/json.h"
#include "plumb/wasm/wat_printer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Text goes to the WAT reader, which has its own target.
  if (size < 4 || std::memcmp(data, "\0asm", 4) != 0) return -1;
  std::string bytes(reinterpret_cast<const char*>(data), size);
  (void)plumb::wasm::print_wat(bytes);
  plumb::Resolve r;
  plumb::Diagnostics diags;
  if (auto pkg = plumb::load_binary_package("fuzz.wasm", bytes, r, diags)) {
    (void)plumb::to_json(r);
    (void)plumb::print_wit(r, *pkg, plumb::nested_packages(r, *pkg));
    (void)plumb::encode_wit_package(r, *pkg);
  }
  plumb::fuzz::render_all(diags, r.sources);
  return 0;
}
