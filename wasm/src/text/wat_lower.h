// From parsed component text to the binary syntax, the way the `wat` crate
// does it: first every type written inline (a value type, a function,
// instance or component type in an import/export) is hoisted into a type
// definition of its own just before the item that uses it; then `$names`
// are resolved scope by scope, a name found in an enclosing scope becoming
// an `alias outer` inserted before its first use. Numeric indices are kept
// as written (they count the hoisted definitions too).
#pragma once

#include "plumb/wasm/component_syntax.h"
#include "wat_ast.h"

namespace plumb::wat {

// Raises a DiagnosticError (code WatUnknownName: an unknown or duplicate name).
wasm::Component lower(Component component);

}  // namespace plumb::wat
