// What can be said of a package that failed to resolve once every package
// of the run has been read: the names it `use`s from other packages that
// those do not have (the reference would find them when linking, which a
// failed package never reaches), and the "did you mean" hints that depend
// on them (see DeferredHint).
#pragma once

#include <vector>

#include "plumb/diagnostics/diagnostic.h"
#include "unresolved.h"

namespace plumb {

// `failed` are the packages that failed on their own, `others` every
// package of the run that resolved on its own (not linked yet); packages
// merged from binaries are in `r`. Errors go to `diags`; hints are added to
// the diagnostics they belong to.
void check_failed_packages(Resolve& r, const std::vector<UnresolvedPackage>& failed,
                           const std::vector<const UnresolvedPackage*>& others, Diagnostics& diags);

// The help for a type `name` that interface `iface_id` (`ns:pkg/iface@v`)
// does not have: its closest real name, if one is close.
std::optional<std::string> closest_type_help(std::string_view name, const std::string& iface_id,
                                             const std::vector<std::string_view>& names);

}  // namespace plumb
