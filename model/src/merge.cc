#include "plumb/model/merge.h"

#include <string>
#include <tuple>
#include <unordered_map>

#include "plumb/diagnostics/diagnostic_error.h"
#include "plumb/model/elaborate.h"
#include "plumb/model/own_handles.h"
#include "plumb/model/value_types.h"

namespace plumb {
namespace {

std::string quoted(std::string_view s) { return "`" + std::string(s) + "`"; }

constexpr DiagCode kConflict = DiagCode::BinaryMergeConflict;

std::string key_name(const Resolve& r, const WorldKey& key) {
  return key.is_interface ? r.id_of(key.interface) : std::string(key.name);
}

std::string stability_text(const Stability& s) {
  std::string out;
  switch (s.kind()) {
    case Stability::Kind::Unknown: return "unknown";
    case Stability::Kind::Stable: out = "@since(version = " + s.since()->to_string() + ")"; break;
    case Stability::Kind::Unstable: out = "@unstable(feature = " + std::string(s.feature()) + ")"; break;
  }
  if (s.deprecated()) out += " @deprecated(version = " + s.deprecated()->to_string() + ")";
  return out;
}

// Keeps the better-known stability of an item found in both Resolves.
void update_stability(const Stability& from, Stability& into) {
  if (from == into || from.unknown()) return;
  if (into.unknown()) {
    into = from;
    return;
  }
  raise(kConflict, Span(),
        "mismatch in stability from '" + stability_text(from) + "' to '" + stability_text(into) + "'");
}

// The packages of `r` in an order where each comes after those it uses.
std::vector<PackageId> topological_packages(const Resolve& r) {
  std::vector<bool> pushed(r.packages.size(), false);
  std::vector<PackageId> order;
  auto deps_of = [&](PackageId id) {
    std::vector<PackageId> deps;
    auto add_iface = [&](InterfaceId iface) {
      std::optional<PackageId> pkg = r.interface(iface).package;
      if (pkg && *pkg != id) deps.push_back(*pkg);
    };
    const Package& pkg = r.package(id);
    for (const auto& [name, iface] : pkg.interfaces) {
      for (const auto& [type_name, ty] : r.interface(iface).types) {
        if (auto dep = type_interface_dep(r, ty)) add_iface(*dep);
      }
    }
    for (const auto& [name, world_id] : pkg.worlds) {
      const World& world = r.world(world_id);
      for (const auto* items : {&world.imports, &world.exports}) {
        for (const auto& [key, item] : *items) {
          if (item.kind == WorldItemKind::Interface) add_iface(item.interface);
          else if (item.kind == WorldItemKind::Type) {
            if (auto dep = type_interface_dep(r, item.type)) add_iface(*dep);
          }
        }
      }
    }
    return deps;
  };
  std::vector<bool> visiting(r.packages.size(), false);
  auto visit = [&](auto& self, PackageId id) -> void {
    if (pushed[id.index]) return;
    // Only crafted binaries can get here (WIT cannot express it); the
    // reference would recurse without end.
    if (visiting[id.index])
      raise(kConflict, Span(), "package `" + r.package(id).name.to_string() + "` depends on itself");
    visiting[id.index] = true;
    for (PackageId dep : deps_of(id)) self(self, dep);
    order.push_back(id);
    pushed[id.index] = true;
  };
  for (size_t i = 0; i < r.packages.size(); ++i) visit(visit, PackageId(i));
  return order;
}

// Interfaces that use each other's types in a cycle cannot come from WIT,
// only from crafted binaries; elaboration walks these dependencies
// recursively, so they are refused first.
void check_interface_cycles(const Resolve& r) {
  std::vector<int> state(r.interfaces.size(), 0);  // 0 new, 1 visiting, 2 done
  auto visit = [&](auto& self, InterfaceId id) -> void {
    if (state[id.index] == 2) return;
    if (state[id.index] == 1)
      raise(kConflict, Span(), "interface `" + std::string(r.interface(id).name) + "` depends on itself");
    state[id.index] = 1;
    for (const auto& [name, ty] : r.interface(id).types) {
      if (auto dep = type_interface_dep(r, ty)) self(self, *dep);
    }
    state[id.index] = 2;
  };
  for (size_t i = 0; i < r.interfaces.size(); ++i) visit(visit, InterfaceId(i));
}

// Which items of `from` are already in `into` (the reference's MergeMap).
class MergeMap {
 public:
  MergeMap(const Resolve& from, const Resolve& into) : from_(from), into_(into) {}

  std::unordered_map<uint32_t, PackageId> packages;
  std::unordered_map<uint32_t, InterfaceId> interfaces;
  std::unordered_map<uint32_t, TypeId> types;
  std::unordered_map<uint32_t, WorldId> worlds;
  std::vector<std::tuple<std::string_view, PackageId, InterfaceId>> interfaces_to_add;
  std::vector<std::tuple<std::string_view, PackageId, WorldId>> worlds_to_add;

  void build() {
    for (PackageId from_id : topological_packages(from_)) {
      const Package& from = from_.package(from_id);
      const PackageId* into_id = into_.package_names.find(from.name);
      if (!into_id) continue;
      with_context("failed to merge package " + quoted(from.name.to_string()) + " into existing copy",
                   [&] { build_package(from_id, *into_id); });
    }
  }

 private:
  void build_package(PackageId from_id, PackageId into_id) {
    packages.emplace(from_id.index, into_id);
    const Package& from = from_.package(from_id);
    const Package& into = into_.package(into_id);
    for (const auto& [name, from_iface] : from.interfaces) {
      const InterfaceId* into_iface = into.interfaces.find(name);
      if (!into_iface) {
        interfaces_to_add.emplace_back(name, into_id, from_iface);
        continue;
      }
      with_context("failed to merge interface " + quoted(name), [&, from_iface = from_iface] { build_interface(from_iface, *into_iface); });
    }
    for (const auto& [name, from_world] : from.worlds) {
      const WorldId* into_world = into.worlds.find(name);
      if (!into_world) {
        worlds_to_add.emplace_back(name, into_id, from_world);
        continue;
      }
      with_context("failed to merge world " + quoted(name), [&, from_world = from_world] { build_world(from_world, *into_world); });
    }
  }

  void build_interface(InterfaceId from_id, InterfaceId into_id) {
    interfaces.emplace(from_id.index, into_id);
    const Interface& from = from_.interface(from_id);
    const Interface& into = into_.interface(into_id);
    // Either side may have types and functions the other lacks; those both
    // have must agree.
    for (const auto& [name, from_ty] : from.types) {
      const TypeId* into_ty = into.types.find(name);
      if (!into_ty) continue;
      types.emplace(from_ty.index, *into_ty);
    }
    for (const auto& [name, from_func] : from.functions) {
      const Function* into_func = into.functions.find(name);
      if (!into_func) continue;
      with_context("mismatch in function " + quoted(name), [&, &from_func = from_func] { build_function(from_func, *into_func); });
    }
  }

  static void build_type(const Type& from, const Type& into) {
    if (from.is_ref() && into.is_ref()) return;
    if (!(from == into)) raise(kConflict, Span(), "different kinds of types");
  }

  static bool same_function_kind(FunctionKind a, FunctionKind b) { return a == b; }

  void build_function(const Function& from, const Function& into) {
    if (from.name != into.name) {
      raise(kConflict, Span(), "different function names " + quoted(from.name) + " and " + quoted(into.name));
    }
    if (!same_function_kind(from.kind, into.kind)) raise(kConflict, Span(), "different function kind types");
    if (from.params.size() != into.params.size()) raise(kConflict, Span(), "different number of function parameters");
    for (size_t i = 0; i < from.params.size(); ++i) {
      if (from.params[i].name != into.params[i].name) {
        raise(kConflict, Span(),
              "different function parameter names: " + std::string(from.params[i].name) +
                  " != " + std::string(into.params[i].name));
      }
      with_context("different function parameter types for " + quoted(from.params[i].name),
                   [&] { build_type(from.params[i].type, into.params[i].type); });
    }
    if (from.result && into.result) {
      with_context("different function result types", [&] { build_type(*from.result, *into.result); });
    } else if (from.result.has_value() != into.result.has_value()) {
      raise(kConflict, Span(), "different number of function results");
    }
  }

  WorldKey map_key(const WorldKey& key) const {
    if (!key.is_interface) return key;
    auto it = interfaces.find(key.interface.index);
    return WorldKey::of_interface(it == interfaces.end() ? key.interface : it->second);
  }

  void build_world(WorldId from_id, WorldId into_id) {
    worlds.emplace(from_id.index, into_id);
    const World& from = from_.world(from_id);
    const World& into = into_.world(into_id);
    if (from.imports.size() != into.imports.size())
      raise(kConflict, Span(), "world contains different number of imports than expected");
    if (from.exports.size() != into.exports.size())
      raise(kConflict, Span(), "world contains different number of exports than expected");
    for (int pass = 0; pass < 2; ++pass) {
      const char* what = pass == 0 ? "import" : "export";
      const auto& from_items = pass == 0 ? from.imports : from.exports;
      const auto& into_items = pass == 0 ? into.imports : into.exports;
      for (const auto& [key, item] : from_items) {
        std::string name = key_name(from_, key);
        const WorldItem* target = into_items.find(map_key(key));
        if (!target) raise(kConflict, Span(), std::string(what) + " " + quoted(name) + " not found in target world");
        with_context(std::string(what) + " " + quoted(name) + " didn't match target world",
                     [&, &item = item] { match_world_item(item, *target); });
      }
    }
  }

  void match_world_item(const WorldItem& from, const WorldItem& into) {
    if (from.kind != into.kind) raise(kConflict, Span(), "world items do not have the same type");
    switch (from.kind) {
      case WorldItemKind::Interface: {
        bool from_named = !from_.interface(from.interface).name.empty();
        bool into_named = !into_.interface(into.interface).name.empty();
        if (!from_named && !into_named) {
          build_interface(from.interface, into.interface);
        } else {
          auto it = interfaces.find(from.interface.index);
          if (it == interfaces.end() || it->second != into.interface)
            raise(kConflict, Span(), "interfaces are not the same");
        }
        break;
      }
      case WorldItemKind::Function:
        break;
      case WorldItemKind::Type:
        types.emplace(from.type.index, into.type);
        break;
    }
  }

  const Resolve& from_;
  const Resolve& into_;
};

// Moves what `from` adds into `into`, rewriting its ids (the reference's
// Remap as `merge` uses it).
class Mover {
 public:
  explicit Mover(Resolve& into) : r_(into) {}

  std::vector<TypeId> types;
  std::vector<InterfaceId> interfaces;
  std::vector<WorldId> worlds;
  std::vector<PackageId> packages;

  TypeId map_type(TypeId id) const {
    if (id.index >= types.size()) raise(kConflict, Span(), "found a reference to a type which is not yet defined");
    return types[id.index];
  }
  InterfaceId map_interface(InterfaceId id) const {
    if (id.index >= interfaces.size())
      raise(kConflict, Span(), "found a reference to an interface which is not yet defined");
    return interfaces[id.index];
  }
  WorldId map_world(WorldId id) const {
    if (id.index >= worlds.size()) raise(kConflict, Span(), "found a reference to a world which is not yet defined");
    return worlds[id.index];
  }

  void update_typedef(TypeDef& ty) {
    switch (ty.kind) {
      case TypeDefKind::Handle:
      case TypeDefKind::Alias:
        // `type a = r` stays an alias of the resource (no implicit `own`).
        ty.for_each_slot([&](Type& t) {
          if (t.is_ref()) t.set_id(map_type(t.id()));
        });
        break;
      default:  // the types held as values (a decoded record's fields all have one)
        for_each_value_type(ty, Span(), [&](Type& t, Span) { update_type(t); });
        break;
    }
  }

  // A reference to a resource becomes its `own` handle, made once per
  // referenced type in this merge.
  void update_type(Type& ty) {
    if (!ty.is_ref()) return;
    ty.set_id(map_type(ty.id()));
    own_handles_.apply(r_, ty);
  }

  void update_function(Function& f) {
    if (f.has_resource()) f.resource = map_type(f.resource);
    for (Param& p : f.params) update_type(p.type);
    if (f.result) {
      update_type(*f.result);
      if (has_borrow(*f.result)) {
        raise(kConflict, Span(),
              "function " + quoted(f.name) + " returns a type which contains a `borrow<T>` which is not supported");
      }
    }
  }

  // The reference looks up the package by the interface's id *before* the
  // merge renumbers it; a package beyond the arena is taken as "no package".
  bool include(const Stability& s, std::optional<PackageId> pkg) const {
    if (s.kind() == Stability::Kind::Stable && (!pkg || pkg->index >= r_.packages.size())) return true;
    return include_stability(r_, s, pkg.value_or(PackageId(0u)), Span());
  }

  void update_interface(Interface& iface) {
    for (auto& [name, id] : iface.types) id = map_type(id);
    std::optional<PackageId> pkg = iface.package;
    for (auto& [name, f] : iface.functions) {
      if (include(f.stability, pkg)) update_function(f);
    }
    iface.functions.retain([&](std::string_view, Function& f) { return include(f.stability, pkg); });
  }

  void update_world(World& world) {
    for (auto* items : {&world.imports, &world.exports}) {
      auto old = std::move(*items);
      items->clear();
      for (auto& [key_in, item_in] : old) {
        WorldKey key = key_in;
        WorldItem item = std::move(item_in);
        if (key.is_interface) key.interface = map_interface(key.interface);
        switch (item.kind) {
          case WorldItemKind::Function: update_function(item.function); break;
          case WorldItemKind::Interface: item.interface = map_interface(item.interface); break;
          case WorldItemKind::Type: item.type = map_type(item.type); break;
        }
        items->insert_or_assign(key, std::move(item));
      }
    }
  }

 private:
  bool has_borrow(const Type& ty) const {
    if (!ty.is_ref()) return false;
    const TypeDef& def = r_.type(ty.id());
    switch (def.kind) {
      case TypeDefKind::Handle: return def.handle == HandleKind::Borrow;
      case TypeDefKind::Record: case TypeDefKind::Variant: case TypeDefKind::Tuple:
        for (const Member& m : def.members) {
          if (m.has_type && has_borrow(m.type)) return true;
        }
        return false;
      case TypeDefKind::Resource: case TypeDefKind::Flags: case TypeDefKind::Enum: case TypeDefKind::Unknown:
        return false;
      default:
      {
        bool found = false;
        def.for_each_slot([&](Type t) { found = found || has_borrow(t); });
        return found;
      }
    }
  }

  Resolve& r_;
  OwnHandles own_handles_;
};

// Each kind of item of `from` either joins the item `map` found for it in
// `into` (its stability merged, and what only `from` has added) or moves into
// `into` whole; returns what moved.
std::vector<TypeId> move_types(Resolve& into, Resolve& from, const MergeMap& map, Mover& mv) {
  std::vector<TypeId> moved_types;
  for (size_t i = 0; i < from.types.size(); ++i) {
    TypeDef& ty = from.types[i];
    auto found = map.types.find(static_cast<uint32_t>(i));
    if (found != map.types.end()) {
      update_stability(ty.stability, into.type(found->second).stability);
      mv.types.push_back(found->second);
      continue;
    }
    mv.update_typedef(ty);
    into.types.push_back(std::move(ty));
    TypeId id(into.types.size() - 1);
    moved_types.push_back(id);
    mv.types.push_back(id);
  }
  return moved_types;
}

std::vector<InterfaceId> move_interfaces(Resolve& into, Resolve& from, const MergeMap& map, Mover& mv) {
  std::vector<InterfaceId> moved_interfaces;
  for (size_t i = 0; i < from.interfaces.size(); ++i) {
    Interface& iface = from.interfaces[i];
    auto found = map.interfaces.find(static_cast<uint32_t>(i));
    if (found != map.interfaces.end()) {
      InterfaceId into_id = found->second;
      update_stability(iface.stability, into.interface(into_id).stability);
      // Types and functions only `from` has join the existing interface.
      for (const auto& [name, ty] : iface.types) {
        if (into.interface(into_id).types.contains(name)) continue;
        into.interface(into_id).types.try_insert(name, mv.map_type(ty));
      }
      for (auto& [name, f] : iface.functions) {
        if (into.interface(into_id).functions.contains(name)) continue;
        mv.update_function(f);
        into.interface(into_id).functions.try_insert(name, std::move(f));
      }
      mv.interfaces.push_back(into_id);
      continue;
    }
    mv.update_interface(iface);
    into.interfaces.push_back(std::move(iface));
    InterfaceId id(into.interfaces.size() - 1);
    moved_interfaces.push_back(id);
    mv.interfaces.push_back(id);
  }
  return moved_interfaces;
}

std::vector<WorldId> move_worlds(Resolve& into, Resolve& from, const MergeMap& map, Mover& mv) {
  std::vector<WorldId> moved_worlds;
  for (size_t i = 0; i < from.worlds.size(); ++i) {
    World& world = from.worlds[i];
    auto found = map.worlds.find(static_cast<uint32_t>(i));
    if (found != map.worlds.end()) {
      World& target = into.world(found->second);
      update_stability(world.stability, target.stability);
      for (int pass = 0; pass < 2; ++pass) {
        auto& from_items = pass == 0 ? world.imports : world.exports;
        auto& into_items = pass == 0 ? target.imports : target.exports;
        for (const auto& [key, item] : from_items) {
          if (!key.is_interface) continue;
          auto mapped = map.interfaces.find(key.interface.index);
          WorldKey into_key = WorldKey::of_interface(mapped == map.interfaces.end() ? key.interface : mapped->second);
          WorldItem* into_item = into_items.find(into_key);
          if (into_item && into_item->kind == WorldItemKind::Interface) {
            update_stability(item.stability, into_item->stability);
          }
        }
      }
      mv.worlds.push_back(found->second);
      continue;
    }
    mv.update_world(world);
    into.worlds.push_back(std::move(world));
    WorldId id(into.worlds.size() - 1);
    moved_worlds.push_back(id);
    mv.worlds.push_back(id);
  }
  return moved_worlds;
}

void move_packages(Resolve& into, Resolve& from, const MergeMap& map, Mover& mv) {
  for (size_t i = 0; i < from.packages.size(); ++i) {
    auto found = map.packages.find(static_cast<uint32_t>(i));
    if (found != map.packages.end()) {
      mv.packages.push_back(found->second);
      continue;
    }
    Package pkg = std::move(from.packages[i]);
    for (auto& [name, id] : pkg.interfaces) id = mv.map_interface(id);
    for (auto& [name, id] : pkg.worlds) id = mv.map_world(id);
    into.packages.push_back(std::move(pkg));
    mv.packages.push_back(PackageId(into.packages.size() - 1));
  }
  for (const auto& [name, id] : from.package_names) into.package_names.try_insert(name, mv.packages[id.index]);
}

// The parent links of what moved: packages of worlds and interfaces, owners
// of types, the interface an interface was cloned from.
void relink_moved(Resolve& into, const Mover& mv, const std::vector<TypeId>& moved_types,
                  const std::vector<InterfaceId>& moved_interfaces, const std::vector<WorldId>& moved_worlds) {
  for (WorldId id : moved_worlds) {
    World& w = into.world(id);
    if (w.package) w.package = mv.packages[w.package->index];
  }
  for (InterfaceId id : moved_interfaces) {
    Interface& iface = into.interface(id);
    if (iface.package) iface.package = mv.packages[iface.package->index];
    if (iface.clone_of) iface.clone_of = mv.map_interface(*iface.clone_of);
  }
  for (TypeId id : moved_types) {
    TypeOwner& owner = into.type(id).owner;
    if (owner.kind == TypeOwnerKind::Interface) owner.index = mv.map_interface(InterfaceId(owner.index)).index;
    else if (owner.kind == TypeOwnerKind::World) owner.index = mv.map_world(WorldId(owner.index)).index;
  }
}

std::vector<PackageId> merge(Resolve& into, Resolve&& from) {
  MergeMap map(from, into);
  map.build();
  Mover mv(into);
  std::vector<TypeId> moved_types = move_types(into, from, map, mv);
  std::vector<InterfaceId> moved_interfaces = move_interfaces(into, from, map, mv);
  std::vector<WorldId> moved_worlds = move_worlds(into, from, map, mv);
  move_packages(into, from, map, mv);
  relink_moved(into, mv, moved_types, moved_interfaces, moved_worlds);

  for (const auto& [name, pkg, iface] : map.interfaces_to_add) {
    into.package(pkg).interfaces.try_insert(name, mv.map_interface(iface));
  }
  for (const auto& [name, pkg, world] : map.worlds_to_add) {
    into.package(pkg).worlds.try_insert(name, mv.map_world(world));
  }

  check_interface_cycles(into);
  // Merging may give existing interfaces new dependencies: elaborate every
  // world again.
  for (size_t i = 0; i < into.worlds.size(); ++i) elaborate_world(into, WorldId(i), into.worlds[i].span);
  return mv.packages;
}

}  // namespace

Expected<std::vector<PackageId>> merge_resolve(Resolve& into, Resolve&& from) {
  try {
    return merge(into, std::move(from));
  } catch (DiagnosticError& e) {
    return Unexpected{std::move(e.diag)};
  }
}

}  // namespace plumb
