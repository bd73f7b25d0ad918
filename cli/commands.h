// The commands plumb has and the options each accepts: the tables the
// parser reads (args.h) and help.cc describes.
#pragma once

#include <span>
#include <string_view>

#include "args.h"

namespace plumb::cli {

// Accepted before and after any command: --color, --message-format,
// -q/--quiet, -h/--help, -V/--version.
std::span<const OptionSpec> global_options();
// check, print, explain, help.
std::span<const CommandSpec> commands();
const CommandSpec* find_command(std::string_view name);

}  // namespace plumb::cli
