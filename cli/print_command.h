#pragma once

#include "args.h"

namespace plumb::cli {

// `plumb print [PATH]`: the package at PATH and its dependencies as
// canonical WIT (`wasm-tools component wit`), or with --json the resolved
// model in the reference's shape (`wasm-tools component wit --json`).
int run_print(const ParsedArgs& args);

}  // namespace plumb::cli
