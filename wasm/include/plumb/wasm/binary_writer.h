// Writing the syntax of a component (component_syntax.h) as binary. Only
// the sections the syntax models in full are written (custom, type, import,
// export, alias); the WAT reader produces nothing else.
#pragma once

#include <string>

#include "plumb/wasm/component_syntax.h"

namespace plumb::wasm {

std::string write_component(const Component& component);

}  // namespace plumb::wasm
