// Loading a binary WIT package file into a Resolve, as the reference does
// for `*.wasm`/`*.wat` entries of deps/ (or such a file given as the path):
// WebAssembly text is first converted to binary, the binary is decoded into
// a Resolve of its own, and that is merged into `r` right away.
#pragma once

#include <optional>
#include <string>

#include "plumb/diagnostics/diagnostic.h"
#include "plumb/model/model.h"

namespace plumb {

// What a binary may be: deps/ entries must be WIT packages (the reference
// refuses an actual component there); the path itself may also be a
// component, whose imports and exports become the world `root` of the
// package `root:component`, as `wasm-tools component wit` shows it.
enum class BinaryKinds { PackageOnly, PackageOrComponent };

// Returns the id in `r` of the package `path` encodes, or nullopt after
// reporting to `diags` why it could not be loaded.
std::optional<PackageId> load_binary_package(const std::string& path, const std::string& contents, Resolve& r,
                                             Diagnostics& diags, BinaryKinds kinds = BinaryKinds::PackageOnly);

}  // namespace plumb
