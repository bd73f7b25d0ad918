#pragma once

#include "args.h"

namespace plumb::cli {

// `plumb check [PATH]...`: validate WIT packages; exit 0 when valid, 1 when
// any error was reported.
int run_check(const ParsedArgs& args);

}  // namespace plumb::cli
