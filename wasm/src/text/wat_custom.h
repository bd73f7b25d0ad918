// The custom sections wasmprinter interprets rather than printing their
// bytes:
//   (@producers
//     (processed-by "wit-component" "0.1.0")
//   )
//   (@dylink.0
//     (mem-info (memory 16 2))
//     (needed "libc.so")
//   )
// and those it leaves out (names, which it uses instead; branch hints).
#pragma once

#include "plumb/wasm/component_syntax.h"
#include "wat_writer.h"

namespace plumb::wasm::text {

// Prints custom section `s` as wasmprinter does, on a line of its own.
// Throws BinaryError where wasmprinter fails (a dylink.0 subsection it does
// not know).
void print_custom_section(WatWriter& out, const Section& s);

// The dylink.0 section; false (nothing printed) when it cannot be read.
struct DataError;
bool print_dylink0(WatWriter& out, const Section& s, DataError& error);

// `(@custom "name" "bytes")`.
void print_raw_custom_section(WatWriter& out, const Section& s);

}  // namespace plumb::wasm::text
