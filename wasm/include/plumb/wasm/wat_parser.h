// WebAssembly text for WIT packages: the component text format as
// wasmprinter prints a binary WIT package, turned into the binary the
// reference's `wat` crate would produce for it.
//
// Supported: `(component ...)` with type definitions (defined value types,
// function, component and instance types), exports, custom sections
// (`@custom`, `@producers`); inside component/instance types, types,
// aliases (`outer`, instance `export`), imports and exports with the
// `implements`/`versionsuffix`/`external-id` attributes and `eq`/`sub
// resource` bounds; symbolic `$ids` (including references to enclosing
// scopes, which become outer aliases) and numeric indices; inline types
// where a type index is expected. Anything else (core modules, instances,
// functions, values, ...) is rejected with its location.
#pragma once

#include <string>
#include <string_view>

#include "plumb/diagnostics/codes.h"

namespace plumb {

struct WatError {
  std::string message;
  size_t offset = 0;  // in the text
  size_t length = 0;
  DiagCode code = DiagCode::WatSyntax;
};

// Throws WatError.
std::string wat_to_binary(std::string_view text);

}  // namespace plumb
