// The WebAssembly text of a component binary, exactly as the reference's
// wasmprinter (`wasm-tools print`) writes it: two-space indentation, an
// `(;N;)` comment giving the index of each item that adds one (per index
// space, in each component and instance type's own scope), strings quoted
// with `\u{..}` escapes, custom sections as `(@custom "name" "\hh...")`,
// the producers and dylink.0 sections in their own syntax (or, when they
// cannot be read, as bytes after a `;;` comment saying why). The names of a
// `component-name` (or `name`) section replace the component's indices
// (`$name`), as in wasmprinter; the section itself is not printed.
//
// Everything the binary reader (binary_reader.h) models can be printed:
// types (defined value types, functions, resources, component and
// instance types with their declarations), imports, exports and aliases,
// and custom sections. Sections it keeps by id only (core modules,
// instances, canonical functions, ...) cannot, and make printing fail.
#pragma once

#include <string>
#include <string_view>

#include "plumb/diagnostics/expected.h"
#include "plumb/wasm/component_syntax.h"

namespace plumb::wasm {

// Throws BinaryError (a section this printer cannot show).
std::string print_component_wat(const Component& component);

// Reads `binary` and prints it; the error says why that could not be done.
Expected<std::string> print_wat(std::string_view binary);

}  // namespace plumb::wasm
