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

#include "plumb/diagnostics/expected.h"

namespace plumb {

// The binary, or why there is none: the error's span is a range of `text`'s
// own offsets (an empty one where there is no extent), its code one of the
// Wat* codes.
Expected<std::string> wat_to_binary(std::string_view text);

}  // namespace plumb
