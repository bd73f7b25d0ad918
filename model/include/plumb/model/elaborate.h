// What linking a WIT package and merging a decoded one share: the feature
// gates, the elaboration of worlds and the interface a type is a `use` of.
#pragma once

#include <optional>

#include "plumb/model/model.h"

namespace plumb {

// Whether an item with `stability` is included in package `pkg` (of `r`):
// @unstable needs its feature enabled; @since needs a versioned package at
// or after that version (otherwise an error).
bool include_stability(const Resolve& r, const Stability& stability, PackageId pkg, Span span);

// The elaboration of a world (elaborate.cc): every interface an import needs
// becomes an import, exports bring in their dependencies, imports are
// ordered interfaces, types, functions.
void elaborate_world(Resolve& r, WorldId id, Span span);

// The interface that `type` is a `use` of, if it is one from another owner.
std::optional<InterfaceId> type_interface_dep(const Resolve& r, TypeId type);

}  // namespace plumb
