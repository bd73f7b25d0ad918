// Substituting resources into types, as the reference does when a component
// is instantiated or an instance type imported: every type that (through
// its parts) names a substituted resource becomes a new type; the others
// stay what they were. Private to the wasm layer.
#pragma once

#include <set>
#include <unordered_map>

#include "plumb/wasm/component_types.h"

namespace plumb::wasm::check {

struct Remapping {
  std::unordered_map<uint32_t, uint32_t> resources;  // old resource -> new resource
  // Types already visited and what they became (or were renamed to: an
  // instantiation maps the component's imported types to its arguments).
  std::unordered_map<AnyId, AnyId, AnyIdHash> types;
};

// Each function returns whether what it was given changed.
class Remapper {
 public:
  Remapper(TypeStore& t, Remapping& map) : t_(t), map_(map) {}

  bool entity(Entity& e);
  bool any(AnyId& id);
  bool valtype(CValType& v);
  bool resource(AnyId& id);
  bool defined(AnyId& id);
  bool func(uint32_t& id);
  bool instance(uint32_t& id);
  bool component(uint32_t& id);
  bool paths(ResourcePaths& paths);

 private:
  // What the memo says of `id`, if it has visited it.
  std::optional<bool> memo(AnyId& id) const;
  // Records that `id` became `fresh` (when changed) and updates it.
  bool record(AnyId& id, bool changed, AnyId fresh);

  TypeStore& t_;
  Remapping& map_;
};

// The resources `e` refers to and does not itself define.
void free_variables(const TypeStore& t, const Entity& e, std::set<uint32_t>& out);

}  // namespace plumb::wasm::check
