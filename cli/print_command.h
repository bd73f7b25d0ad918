#pragma once

#include "args.h"

namespace plumb::cli {

// `plumb print --json [PATH]`: the resolved model as JSON, in the
// reference's shape (`wasm-tools component wit --json`).
int run_print(const ParsedArgs& args);

}  // namespace plumb::cli
