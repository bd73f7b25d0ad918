// The producers custom section as wasmprinter prints it:
//   (@producers
//     (processed-by "wit-component" "0.1.0")
//   )
#pragma once

#include "plumb/wasm/component_syntax.h"
#include "wat_writer.h"

namespace plumb::wasm::text {

// Prints custom section `s` (named "producers") and returns true, or
// returns false with nothing printed when its count cannot be read (it is
// then printed as a plain custom section). A section that goes wrong later
// is printed plain after a `;;` comment saying what is wrong, as
// wasmprinter does.
bool print_producers(WatWriter& out, const Section& s);

}  // namespace plumb::wasm::text
