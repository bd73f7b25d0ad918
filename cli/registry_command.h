#pragma once

#include "args.h"

namespace plumb::cli {

// `plumb registry serve`: plumb's Warg registry server.
int run_registry(const ParsedArgs& args);

}  // namespace plumb::cli
