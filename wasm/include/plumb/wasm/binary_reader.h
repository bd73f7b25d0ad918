// Reading the bytes of a component binary into its syntax
// (component_syntax.h). Only the structure is checked here (LEB128s, known
// leading bytes, lengths, UTF-8 names); what indices refer to is checked by
// the type checker.
#pragma once

#include <string_view>

#include "plumb/diagnostics/expected.h"
#include "plumb/wasm/component_syntax.h"

namespace plumb::wasm {

// What the 8-byte preamble says the bytes are.
enum class BinaryKind { Component, CoreModule, Unknown };
BinaryKind binary_kind(std::string_view bytes);

// The component, or the first problem with its bytes (at a byte offset, see
// label_section).
Expected<Component> read_component(std::string_view bytes);

}  // namespace plumb::wasm
