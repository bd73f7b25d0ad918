#pragma once

#include <CLI/CLI.hpp>

namespace plumb::cli {

// `plumb check PATH...`: validate WIT packages; exit 0 when valid, 1 when
// any error was reported.
void add_check_command(CLI::App& app, int& exit_code);

}  // namespace plumb::cli
