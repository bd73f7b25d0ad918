// The JSON of a Resolve, exactly as the reference prints it
// (`wasm-tools component wit --json`: serde_json's pretty printer over
// wit-parser's serde shapes). Its JSON Schema is schemas/resolve.schema.json.
#pragma once

#include <string>

#include "plumb/model/model.h"

namespace plumb {

std::string to_json(const Resolve& resolve);

}  // namespace plumb
