// The Warg client commands (run in plumb-registry): keys, and publishing
// and pulling snapshots through a registry.
#pragma once

#include "args.h"

namespace plumb::cli {

int run_key(const ParsedArgs& args);      // plumb key new|show|list
int run_publish(const ParsedArgs& args);  // plumb publish [PATH]
int run_pull(const ParsedArgs& args);     // plumb pull NS:NAME[@VERSION]
int run_yank(const ParsedArgs& args);     // plumb yank NS:NAME@VERSION
int run_grant(const ParsedArgs& args);    // plumb grant|revoke NS:NAME KEY

}  // namespace plumb::cli
