// libFuzzer target: WIT lexing and parsing of one file (parser/), with its
// syntax errors rendered.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_common.h"
#include "plumb/parser/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  plumb::SourceMap sources;
  plumb::FileId file = sources.add("fuzz.wit", std::string(reinterpret_cast<const char*>(data), size));
  plumb::Diagnostics diags;
  auto parsed = plumb::parse_file(sources, file, diags);
  (void)parsed->type_bound();
  plumb::fuzz::render_all(diags, sources);
  return 0;
}
