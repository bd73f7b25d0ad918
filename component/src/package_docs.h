// The `package-docs` custom section of a binary WIT package: the docs and
// feature gates (stability) of the package's items, which the component
// binary itself cannot hold. Data = a version byte (0 or 1) then JSON (see
// docs/wit-reference.md §4.4).
#pragma once

#include <string>
#include <string_view>

#include "plumb/model/model.h"

namespace plumb {

// Restores the docs and stability in `data` onto package `pkg` of `r`
// (strings go to `strings`). Raises a DiagnosticError (InvalidPackageDocs).
void inject_package_docs(std::string_view data, Resolve& r, PackageId pkg, Strings& strings);

// The data of the `package-docs` section for package `pkg`: version byte 1,
// then the compact JSON the reference writes (empty entries left out).
std::string package_docs_data(const Resolve& r, PackageId pkg);

}  // namespace plumb
