// The Warg commands run in plumb-registry, the executable beside plumb
// (cli/meson.build says why): plumb checks their command line, then
// replaces itself with plumb-registry and the same arguments.
#pragma once

#include <string_view>

namespace plumb::cli {

bool is_registry_command(std::string_view command);

// Executes plumb-registry with plumb's own arguments; returns only if it
// cannot, with exit status 1 after saying why.
int run_plumb_registry();

// Keeps argv for run_plumb_registry (main calls it first).
void remember_argv(char** argv);

}  // namespace plumb::cli
