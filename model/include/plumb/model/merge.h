// Merging one Resolve into another (the reference's `Resolve::merge`), used
// to add a decoded binary package and its dependencies to the Resolve being
// built. Packages with the same name are unified: what `from` has that
// `into` lacks is added (interfaces, worlds, extra types and functions of a
// shared interface); what both have must agree. Everything else is appended
// in `from`'s arena order, and then every world is elaborated again.
#pragma once

#include <vector>

#include "plumb/diagnostics/expected.h"
#include "plumb/model/model.h"

namespace plumb {

// Returns the id in `into` of each package of `from`, or the first conflict
// between them (then `into` may be partly merged). `from`'s names must
// already live in storage that outlives `into` (see decode_wit_package).
Expected<std::vector<PackageId>> merge_resolve(Resolve& into, Resolve&& from);

}  // namespace plumb
