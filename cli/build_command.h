#pragma once

#include <optional>
#include <string>

#include "args.h"

namespace plumb::cli {

// `plumb build [PATH] [-o FILE]`: the binary snapshot of the package at
// PATH (`wasm-tools component wit --wasm`), with every feature-gated item
// kept unless --features narrows it.
int run_build(const ParsedArgs& args);

// The snapshot of the package at the PATH of `args` (all features kept
// unless --features narrows them), and its name, for `plumb publish`.
struct Snapshot {
  std::string bytes;
  std::string name;     // ns:name
  std::string version;  // empty when the package has none
};
// Returns the exit status to stop with after reporting why there is no
// snapshot, or nothing when `out` is set.
std::optional<int> build_snapshot(const ParsedArgs& args, Snapshot& out);

}  // namespace plumb::cli
