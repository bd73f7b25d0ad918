// A package resolved on its own, before its foreign references are linked
// into a Resolve: the reference's UnresolvedPackage. Ids in it are local to
// it; foreign interfaces, worlds and types come first in their arenas as
// placeholders.
#pragma once

#include <vector>

#include "plumb/diagnostics/diagnostic.h"
#include "plumb/diagnostics/diagnostic_error.h"
#include "plumb/model/model.h"

namespace plumb {

// A local interface or world of the package being resolved.
struct ItemRef {
  // The index of an item whose name was not found (already reported):
  // what refers to it fails silently.
  static constexpr uint32_t kMissing = UINT32_MAX;
  bool is_world = false;
  uint32_t index = 0;
  bool missing() const { return index == kMissing; }
  friend bool operator==(ItemRef, ItemRef) = default;
};

struct ForeignItem {
  ItemRef item;
  std::vector<Stability> stabilities;  // of every statement that references it
};

// A "did you mean" that cannot be decided while the package is resolved on
// its own: the closest name in scope is one `use`d from another package,
// which may itself be the misspelling. Decided once every package is read.
struct DeferredHint {
  size_t diag = 0;            // the diagnostic's position in the run's Diagnostics
  std::string missing;        // the name not found
  std::string candidate;      // the closest name in scope, `use`d from...
  PackageName package;        // ...this package's
  std::string interface;      // interface
  Span candidate_span;        // where the `use` names it
};

struct UnresolvedPackage {
  PackageName name;
  Span name_span;
  Docs docs;
  std::vector<World> worlds;
  std::vector<Interface> interfaces;
  std::vector<TypeDef> types;
  // Package → interface/world name → placeholder, in first-reference order.
  IndexMap<PackageName, IndexMap<std::string_view, ForeignItem>, PackageNameHash> foreign_deps;
  std::vector<Span> foreign_dep_spans;  // one per foreign package
  std::vector<Span> unknown_type_spans;  // one per placeholder type
  std::vector<std::pair<TypeId, Span>> required_resource_types;
  // Whether any item of the package has a feature gate (@since, @unstable,
  // @deprecated): without one, linking has no stability to check.
  bool has_gates = false;
  // Only in a package that failed (see DeferredHint).
  std::vector<DeferredHint> deferred_hints;
};

}  // namespace plumb
