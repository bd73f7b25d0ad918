// Encoding a WIT package as a binary snapshot: the component whose type
// exports describe each interface and world of the package, byte for byte
// as the reference writes it (`wasm-tools component wit --wasm`,
// wit-component's `encode`). Docs and feature gates go in the
// `package-docs` custom section; a `producers` section names plumb.
#pragma once

#include <string>
#include <vector>

#include "plumb/diagnostics/diagnostic.h"
#include "plumb/model/model.h"
#include "plumb/support/expected.h"

namespace plumb {

// The bytes of a snapshot, or every reason the package has none: a package
// with no interfaces or worlds (E0707), empty records, flags, enums,
// variants or tuples, which the component model forbids (E0708).
using SnapshotResult = BasicExpected<std::string, std::vector<Diagnostic>>;

// The snapshot of package `pkg` of `resolve` (which must be resolved:
// every type linked). Depends on nothing but the model, so the same
// package gives the same bytes whatever order its files were read in.
SnapshotResult encode_wit_package(const Resolve& resolve, PackageId pkg);

}  // namespace plumb
