// World elaboration (the reference's elaborate_world): imports gain every
// interface they depend on, exports bring in what they need, and imports end
// up ordered interfaces, `use`d types, other types, functions, resource
// functions.
#include "plumb/model/elaborate.h"

#include <string>
#include <unordered_set>

#include "plumb/diagnostics/diagnostic_error.h"

namespace plumb {
namespace {

using Items = IndexMap<WorldKey, WorldItem, WorldKeyHash>;

int sort_class(const Resolve& r, const WorldItem& item) {
  switch (item.kind) {
    case WorldItemKind::Interface:
      return 0;
    case WorldItemKind::Type: {
      const TypeDef& ty = r.type(item.type);
      if (ty.kind == TypeDefKind::Alias && ty.element().is_ref() && !(r.type(ty.element().id()).owner == ty.owner)) return 1;
      return 2;
    }
    case WorldItemKind::Function:
      return item.function.has_resource() ? 4 : 3;
  }
  return 0;
}

template <class Visit>
void for_each_direct_dep(const Resolve& r, InterfaceId id, Visit&& visit) {
  for (const auto& [name, ty] : r.interface(id).types) {
    if (auto dep = type_interface_dep(r, ty)) visit(*dep);
  }
}

WorldItem interface_item(InterfaceId id, const Stability& stability, const Docs& docs, const OptText& external_id) {
  WorldItem item;
  item.kind = WorldItemKind::Interface;
  item.interface = id;
  item.stability = stability;
  item.docs = docs;
  item.external_id = external_id;
  return item;
}

void elaborate_import(const Resolve& r, Items& imports, const WorldKey& key, InterfaceId id,
                      const Stability& stability, const Docs& docs, const OptText& external_id) {
  if (imports.contains(key)) return;
  for_each_direct_dep(r, id, [&](InterfaceId dep) {
    elaborate_import(r, imports, WorldKey::of_interface(dep), dep, stability, Docs{}, OptText{});
  });
  imports.try_insert(key, interface_item(id, stability, docs, external_id));
}

// Adds an exported interface after its dependencies: those also exported
// are exported first, the rest become imports. Fails when an interface would
// have to be both imported and exported.
bool add_export(const Resolve& r, Items& imports, Items& exports, const Items& export_interfaces,
                std::unordered_set<uint32_t>& required_imports, const WorldKey& key, const WorldItem& item,
                bool as_export) {
  if (exports.contains(key)) return as_export;
  InterfaceId id = item.interface;
  if (!as_export && required_imports.count(id.index)) return true;
  bool ok = true;
  for (const auto& [name, ty] : r.interface(id).types) {
    auto dep = type_interface_dep(r, ty);
    if (!dep) continue;
    WorldItem dep_item = interface_item(*dep, item.stability, Docs{}, item.external_id);
    WorldKey dep_key = WorldKey::of_interface(*dep);
    bool dep_export = as_export && export_interfaces.contains(dep_key);
    if (!add_export(r, imports, exports, export_interfaces, required_imports, dep_key, dep_item, dep_export)) {
      ok = false;
      break;
    }
  }
  if (!ok) return false;
  if (as_export) {
    if (required_imports.count(id.index)) return false;
    exports.try_insert(key, item);
  } else {
    required_imports.insert(id.index);
    if (!imports.contains(key)) imports.try_insert(key, item);
  }
  return true;
}

}  // namespace

std::optional<InterfaceId> type_interface_dep(const Resolve& r, TypeId type) {
  const TypeDef& ty = r.type(type);
  if (ty.kind != TypeDefKind::Alias || !ty.element().is_ref()) return std::nullopt;
  const TypeDef& other = r.type(ty.element().id());
  if (ty.owner == other.owner || other.owner.kind != TypeOwnerKind::Interface) return std::nullopt;
  return InterfaceId(other.owner.index);
}

void elaborate_world(Resolve& r, WorldId id, Span span) {
  const World& world = r.world(id);
  Items imports;
  std::vector<const Items::Entry*> sorted;
  for (const auto& entry : world.imports) sorted.push_back(&entry);
  std::stable_sort(sorted.begin(), sorted.end(), [&](const Items::Entry* a, const Items::Entry* b) {
    return sort_class(r, a->second) < sort_class(r, b->second);
  });
  for (const Items::Entry* entry : sorted) {
    const auto& [key, item] = *entry;
    switch (item.kind) {
      case WorldItemKind::Interface:
        elaborate_import(r, imports, key, item.interface, item.stability, item.docs, item.external_id);
        break;
      case WorldItemKind::Function:
        imports.try_insert(key, item);
        break;
      case WorldItemKind::Type:
        if (auto dep = type_interface_dep(r, item.type)) {
          elaborate_import(r, imports, WorldKey::of_interface(*dep), *dep, r.type(item.type).stability, Docs{},
                           OptText{});
        }
        imports.try_insert(key, item);
        break;
    }
  }

  Items exports, export_interfaces;
  for (const auto& [key, item] : world.exports) {
    if (item.kind == WorldItemKind::Interface) export_interfaces.try_insert(key, item);
    else exports.try_insert(key, item);
  }
  std::unordered_set<uint32_t> required_imports;
  for (const auto& [key, item] : export_interfaces) {
    if (!add_export(r, imports, exports, export_interfaces, required_imports, key, item, true)) {
      std::string name = key.is_interface ? r.id_of(key.interface) : std::string(key.name);
      raise(DiagCode::IncompatibleInterfaces, span,
            "interface `" + name + "` transitively depends on an interface in incompatible ways");
    }
  }
  imports.stable_sort_by([&](const WorldKey&, const WorldItem& item) { return sort_class(r, item); });
  World& w = r.world(id);
  w.imports = std::move(imports);
  w.exports = std::move(exports);
}

}  // namespace plumb
