// Writing the syntax of a component (component_syntax.h) as binary. Only
// the sections the syntax models in full are written (custom, type, import,
// export, alias); the WAT reader produces nothing else.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "plumb/wasm/component_syntax.h"

namespace plumb::wasm {

std::string write_component(const Component& component);

// The fields of a `producers` custom section: (field name, [(name, version)]),
// e.g. ("processed-by", [("plumb", "0.3.0")]).
using ProducerFields = std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>>;
// The data of that section.
std::string producers_data(const ProducerFields& fields);

}  // namespace plumb::wasm
