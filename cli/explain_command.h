#pragma once

#include "args.h"

namespace plumb::cli {

// `plumb explain [CODE]`: the page of an error code (docs/errors/CODE.md),
// or the list of every code.
int run_explain(const ParsedArgs& args);

}  // namespace plumb::cli
