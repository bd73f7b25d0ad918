#pragma once

#include <CLI/CLI.hpp>

namespace plumb::cli {

// `plumb print --json PATH`: the resolved model as JSON, in the reference's
// shape (`wasm-tools component wit --json`).
void add_print_command(CLI::App& app, int& exit_code);

}  // namespace plumb::cli
