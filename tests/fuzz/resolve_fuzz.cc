// libFuzzer target: resolving one WIT file held in memory (resolve_text),
// then, when it resolved, printing the model as JSON and as WIT and taking
// its snapshot through a round trip (encode, decode, encode). Nested `package x:y {}`
// blocks let one input hold several packages that use each other.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_common.h"
#include "plumb/model/json.h"
#include "plumb/resolver/resolve.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  plumb::ResolveOptions options;
  // A leading byte picks feature gates, so @unstable items get both paths.
  options.all_features = size > 0 && (data[0] & 1);
  plumb::Diagnostics diags;
  plumb::ResolveResult out = plumb::resolve_text("fuzz.wit", std::move(text), options, diags);
  if (out.ok()) {
    (void)plumb::to_json(*out.resolve);
    plumb::fuzz::snapshot_round_trip(*out.resolve, *out.main, options);
  }
  plumb::fuzz::render_all(diags, out.resolve->sources);
  return 0;
}
