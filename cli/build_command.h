#pragma once

#include "args.h"

namespace plumb::cli {

// `plumb build [PATH] [-o FILE]`: the binary snapshot of the package at
// PATH (`wasm-tools component wit --wasm`), with every feature-gated item
// kept unless --features narrows it.
int run_build(const ParsedArgs& args);

}  // namespace plumb::cli
