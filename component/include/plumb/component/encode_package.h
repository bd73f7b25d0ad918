// Encoding a WIT package as a binary snapshot: the component whose type
// exports describe each interface and world of the package, byte for byte
// as the reference writes it (`wasm-tools component wit --wasm`,
// wit-component's `encode`). Docs and feature gates go in the
// `package-docs` custom section; a `producers` section names plumb.
#pragma once

#include <string>

#include "plumb/model/model.h"

namespace plumb {

// The snapshot of package `pkg` of `resolve` (which must be resolved:
// every type linked). Depends on nothing but the model, so the same
// package gives the same bytes whatever order its files were read in.
std::string encode_wit_package(const Resolve& resolve, PackageId pkg);

}  // namespace plumb
