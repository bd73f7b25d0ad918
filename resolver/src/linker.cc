#include "linker.h"

#include <algorithm>
#include <iterator>
#include <string>

#include "foreign_check.h"
#include "plumb/model/value_types.h"
#include "suggest.h"

namespace plumb {
namespace {

std::string quoted(std::string_view s) { return "`" + std::string(s) + "`"; }

// `excluded` says, for the items left out, their name and the feature that
// gates them, for the help of the error.
template <class IdT>
IdT apply_map(const std::vector<std::optional<IdT>>& map, IdT id, const char* desc, Span span,
              const std::unordered_map<uint32_t, Linker::Excluded>& excluded) {
  const std::optional<IdT>& mapped = map.at(id.index);
  if (!mapped) {
    Diagnostic d = Diagnostic::error(DiagCode::FeatureExcluded, span, std::string("found a reference to a ") + desc +
                                                                         " which is excluded due to its feature not being activated");
    if (auto it = excluded.find(id.index); it != excluded.end() && !it->second.feature.empty()) {
      const std::string feature(it->second.feature);
      std::string what = it->second.name.empty() ? std::string("it") : "`" + std::string(it->second.name) + "`";
      d.with_note(what + " is gated by `@unstable(feature = " + feature + ")`");
      d.with_help("enable the feature with `--features " + feature + "` (or `--all-features`)");
    }
    throw DiagnosticError{std::move(d)};
  }
  return *mapped;
}

// Room for `more` elements, keeping growth geometric across many packages.
template <class T>
void grow_for(std::vector<T>& v, size_t more) {
  if (v.capacity() - v.size() < more) v.reserve(std::max(v.size() + more, v.capacity() * 2));
}

}  // namespace

TypeId Linker::map_type(TypeId id, Span span) const { return apply_map(types_, id, "type", span, excluded_types_); }
InterfaceId Linker::map_interface(InterfaceId id, Span span) const {
  return apply_map(interfaces_, id, "interface", span, excluded_interfaces_);
}
WorldId Linker::map_world(WorldId id, Span span) const {
  return apply_map(worlds_, id, "world", span, excluded_worlds_);
}

PackageId Linker::append(UnresolvedPackage pkg) {
  PackageId pkgid(r_.packages.size());
  r_.packages.push_back(Package{pkg.name, pkg.docs, {}, {}});
  r_.package_names.try_insert(pkg.name, pkgid);
  process_foreign_deps(pkg, pkgid);

  const size_t foreign_types = types_.size();
  const size_t foreign_interfaces = interfaces_.size();
  const size_t foreign_worlds = worlds_.size();
  // Moving a package's items in reallocates each arena at most once.
  types_.reserve(pkg.types.size());
  interfaces_.reserve(pkg.interfaces.size());
  worlds_.reserve(pkg.worlds.size());
  grow_for(r_.interfaces, pkg.interfaces.size() - foreign_interfaces);
  grow_for(r_.worlds, pkg.worlds.size() - foreign_worlds);

  // Types first (they are in dependency order), then interfaces, then worlds.
  std::vector<TypeDef> rest;
  size_t from = foreign_types;
  if (r_.types.empty() && foreign_types == 0) {
    link_types_in_place(pkg.types, pkgid, rest);
    from = 0;
  } else {
    grow_for(r_.types, pkg.types.size() - foreign_types);
    rest = std::move(pkg.types);
  }
  link_types_copying(rest, from, pkgid);

  gates_ = pkg.has_gates;
  link_interfaces(pkg, foreign_interfaces, pkgid);
  remap_owners(foreign_types, TypeOwnerKind::Interface);
  link_worlds(pkg, foreign_worlds, pkgid);
  remap_owners(foreign_types, TypeOwnerKind::World);

  // Worlds are in dependency order, so an included world is complete by the
  // time it is included.
  for (size_t i = foreign_worlds; i < worlds_.size(); ++i) {
    if (!worlds_[i]) continue;
    process_world_includes(*worlds_[i], pkgid);
    elaborate_world(r_, *worlds_[i], r_.world(*worlds_[i]).span);
  }
  name_package_items(pkgid, foreign_interfaces, foreign_worlds);
  return pkgid;
}

// The package's own interfaces (after its `foreign` placeholders), minus
// those a feature gate leaves out.
void Linker::link_interfaces(UnresolvedPackage& pkg, size_t foreign, PackageId pkgid) {
  for (size_t i = foreign; i < pkg.interfaces.size(); ++i) {
    Interface& iface = pkg.interfaces[i];
    if (!include_stability(r_, iface.stability, pkgid, iface.span)) {
      excluded_interfaces_[static_cast<uint32_t>(interfaces_.size())] = {iface.name, iface.stability.feature()};
      interfaces_.push_back(std::nullopt);
      continue;
    }
    iface.package = pkgid;
    update_interface(iface);
    r_.interfaces.push_back(std::move(iface));
    interfaces_.push_back(InterfaceId(r_.interfaces.size() - 1));
  }
}

// The package's own worlds, as link_interfaces.
void Linker::link_worlds(UnresolvedPackage& pkg, size_t foreign, PackageId pkgid) {
  for (size_t i = foreign; i < pkg.worlds.size(); ++i) {
    World& world = pkg.worlds[i];
    if (!include_stability(r_, world.stability, pkgid, world.span)) {
      excluded_worlds_[static_cast<uint32_t>(worlds_.size())] = {world.name, world.stability.feature()};
      worlds_.push_back(std::nullopt);
      continue;
    }
    update_world(world, pkgid);
    r_.worlds.push_back(std::move(world));
    worlds_.push_back(WorldId(r_.worlds.size() - 1));
  }
}

// Fills the package's name maps with its linked interfaces and worlds. Its
// names are unique (the resolver saw to it), so the maps are filled without
// lookups; they hash their names on first use.
void Linker::name_package_items(PackageId pkgid, size_t foreign_interfaces, size_t foreign_worlds) {
  for (size_t i = foreign_interfaces; i < interfaces_.size(); ++i) {
    if (!interfaces_[i]) continue;
    Interface& iface = r_.interface(*interfaces_[i]);
    iface.package = pkgid;
    if (!iface.name.empty()) r_.package(pkgid).interfaces.push_new(iface.name, *interfaces_[i]);
  }
  for (size_t i = foreign_worlds; i < worlds_.size(); ++i) {
    if (!worlds_[i]) continue;
    World& world = r_.world(*worlds_[i]);
    world.package = pkgid;
    r_.package(pkgid).worlds.push_new(world.name, *worlds_[i]);
  }
}

// The first package linked into an empty Resolve (one with no dependency
// that has types) keeps its types where they are: they take the Resolve's
// first ids unchanged, up to the first type that is left out (its feature
// is off) or that needs an `own` handle made before it. Those types are
// updated in place, not copied; the rest (from that type on) is left in
// `rest` for copying.
void Linker::link_types_in_place(std::vector<TypeDef>& types, PackageId pkgid, std::vector<TypeDef>& rest) {
  r_.types = std::move(types);
  types_moved_ = false;
  size_t i = 0;
  for (; i < r_.types.size(); ++i) {
    TypeDef& ty = r_.types[i];
    if (!include_stability(r_, ty.stability, pkgid, ty.span)) break;
    // While every type so far kept its id and none is a resource, every
    // reference maps to itself: there is nothing to update.
    if (!ids_unchanged()) {
      if (makes_own_handle(ty, ty.span)) break;
      update_typedef(ty, ty.span);
    }
    TypeId id = linked(TypeId(i));
    if (id.index != i) types_moved_ = true;
    types_.push_back(id);
  }
  if (i < r_.types.size()) types_moved_ = true;
  rest.assign(std::make_move_iterator(r_.types.begin() + static_cast<ptrdiff_t>(i)),
              std::make_move_iterator(r_.types.end()));
  r_.types.erase(r_.types.begin() + static_cast<ptrdiff_t>(i), r_.types.end());
}

// Appends the package's types from `types[from]` on to the Resolve.
void Linker::link_types_copying(std::vector<TypeDef>& types, size_t from, PackageId pkgid) {
  for (size_t i = from; i < types.size(); ++i) {
    TypeDef& ty = types[i];
    Span span = ty.span;
    if (!include_stability(r_, ty.stability, pkgid, span)) {
      excluded_types_[static_cast<uint32_t>(types_.size())] = {ty.name, ty.stability.feature()};
      types_.push_back(std::nullopt);
      continue;
    }
    update_typedef(ty, span);
    r_.types.push_back(std::move(ty));
    types_.push_back(linked(TypeId(r_.types.size() - 1)));
  }
}

// What the package's references to a type just linked at `id` map to:
// itself, or for an anonymous `own<r>`, the one handle of `r`.
TypeId Linker::linked(TypeId id) {
  const TypeDef& def = r_.type(id);
  own_handles_.note(r_, id);
  if (def.kind == TypeDefKind::Resource) resources_ = true;
  if (def.kind != TypeDefKind::Handle) return id;
  if (def.handle == HandleKind::Borrow) {
    may_borrow_ = true;
    return id;
  }
  if (def.name.empty() && def.owner.kind == TypeOwnerKind::None) return own_handles_.remember(def.resource().index, id);
  return id;
}

// Whether updating `ty` would make an `own` handle (at the end of the
// Resolve's types).
bool Linker::makes_own_handle(const TypeDef& ty, Span span) {
  bool makes = false;
  for_each_value_type(ty, span, [&](const Type& t, Span at) {
    makes = makes || (t.is_ref() && own_handles_.would_make(r_, Type::ref(map_type(t.id(), at))));
  });
  return makes;
}

// Points the package's types at their owners' new ids, once those exist.
void Linker::remap_owners(size_t first_local_type, TypeOwnerKind kind) {
  // Nothing to do when every interface (or world) kept its index.
  const auto unchanged = [](const auto& map) {
    for (size_t i = 0; i < map.size(); ++i) {
      if (!map[i] || map[i]->index != i) return false;
    }
    return true;
  };
  if (kind == TypeOwnerKind::Interface ? unchanged(interfaces_) : unchanged(worlds_)) return;
  for (size_t i = first_local_type; i < types_.size(); ++i) {
    if (!types_[i]) continue;
    TypeDef& def = r_.type(*types_[i]);
    if (def.owner.kind != kind) continue;
    try {
      def.owner.index = kind == TypeOwnerKind::Interface ? map_interface(InterfaceId(def.owner.index), def.span).index
                                                         : map_world(WorldId(def.owner.index), def.span).index;
    } catch (DiagnosticError& e) {
      e.diag.message += kind == TypeOwnerKind::Interface
                            ? "; this type is not gated by a feature but its interface is"
                            : "; this type is not gated by a feature but its world is";
      throw;
    }
  }
}

void Linker::process_foreign_deps(const UnresolvedPackage& pkg, PackageId id) {
  process_foreign_items(pkg, id, false);
  process_foreign_items(pkg, id, true);
  process_foreign_types(pkg, id);
  for (const auto& [type, span] : pkg.required_resource_types) {
    // A type configured away is skipped: any use of it is reported
    // elsewhere. (Not an exception: that is an expected case, and the first
    // exception a static binary throws costs milliseconds.)
    if (!types_.at(type.index)) continue;
    TypeId cur = *types_[type.index];
    for (;;) {
      const TypeDef& def = r_.type(cur);
      if (def.kind == TypeDefKind::Alias && def.element().is_ref()) {
        cur = def.element().id();
      } else if (def.kind == TypeDefKind::Resource) {
        break;
      } else {
        raise(DiagCode::HandleNotResource, span, "type used in a handle must be a resource");
      }
    }
  }
}

// The placeholders for foreign interfaces (or worlds) come first in the
// package's arena; each maps onto the dependency's item of that name.
void Linker::process_foreign_items(const UnresolvedPackage& pkg, PackageId id, bool worlds) {
  struct Ref {
    const PackageName* pkg;
    std::string_view name;
    Span pkg_span;
    const std::vector<Stability>* stabilities;
  };
  std::unordered_map<uint32_t, Ref> refs;
  for (size_t i = 0; i < pkg.foreign_deps.size(); ++i) {
    const auto& [pkg_name, items] = pkg.foreign_deps.at_index(i);
    for (const auto& [name, item] : items) {
      if (item.item.is_world == worlds) refs[item.item.index] = Ref{&pkg_name, name, pkg.foreign_dep_spans[i], &item.stabilities};
    }
  }
  const size_t count = worlds ? pkg.worlds.size() : pkg.interfaces.size();
  for (size_t i = 0; i < count; ++i) {
    auto it = refs.find(static_cast<uint32_t>(i));
    if (it == refs.end()) break;  // all foreign items come first
    const Ref& ref = it->second;
    const PackageId* dep = r_.package_names.find(*ref.pkg);
    if (!dep) {
      std::string msg = "package '" + ref.pkg->to_string() + "' not found";
      if (!r_.package_names.empty()) {
        msg += ". known packages:";
        for (const auto& [known, _] : r_.package_names) msg += "\n    " + known.to_string();
      }
      DiagnosticError e{Diagnostic::error(DiagCode::PackageNotFound, ref.pkg_span, std::move(msg))};
      // The same package at another version is a likely slip; otherwise the
      // dependency is simply not there.
      for (const PackageName& known : available_) {
        if (known.ns == ref.pkg->ns && known.name == ref.pkg->name) {
          e.diag.with_help("`" + known.to_string() + "` is available: versions must match exactly, so refer to it as `" +
                           known.to_string() + "`");
        }
      }
      if (e.diag.help.empty()) {
        e.diag.with_help("put the WIT of `" + ref.pkg->to_string() + "` in the `deps/` folder beside this package (a folder such as `deps/" +
                         std::string(ref.pkg->name) + "/` or a file `deps/" + std::string(ref.pkg->name) + ".wit`)");
      }
      throw e;
    }
    Span item_span = worlds ? pkg.worlds[i].span : pkg.interfaces[i].span;
    bool enabled = false;
    for (const Stability& s : *ref.stabilities) {
      if (include_stability(r_, s, id, item_span)) {
        enabled = true;
        break;
      }
    }
    if (!enabled) {
      if (worlds) worlds_.push_back(std::nullopt);
      else interfaces_.push_back(std::nullopt);
      continue;
    }
    const Package& p = r_.package(*dep);
    if (worlds) {
      const WorldId* w = p.worlds.find(ref.name);
      if (!w) {
        raise(DiagCode::ForeignItemNotFound, item_span,
              "world '" + std::string(ref.name) + "' not found in package '" + p.name.to_string() + "'");
      }
      worlds_.push_back(*w);
    } else {
      const InterfaceId* f = p.interfaces.find(ref.name);
      if (!f) {
        DiagnosticError e{Diagnostic::error(
            DiagCode::ForeignItemNotFound, item_span,
            "interface '" + std::string(ref.name) + "' not found in package '" + p.name.to_string() + "'")};
        std::vector<std::string_view> names;
        for (const auto& [n, id] : p.interfaces) names.push_back(n);
        if (auto best = closest_name(ref.name, names)) e.diag.with_help("did you mean `" + *best + "`?");
        throw e;
      }
      interfaces_.push_back(*f);
    }
  }
}

void Linker::process_foreign_types(const UnresolvedPackage& pkg, PackageId id) {
  std::vector<Diagnostic> missing;
  for (size_t i = 0; i < pkg.types.size(); ++i) {
    const TypeDef& ty = pkg.types[i];
    if (ty.kind != TypeDefKind::Unknown) break;  // all placeholders come first
    if (!include_stability(r_, ty.stability, id, ty.span)) {
      excluded_types_[static_cast<uint32_t>(types_.size())] = {ty.name, ty.stability.feature()};
      types_.push_back(std::nullopt);
      continue;
    }
    InterfaceId iface = map_interface(InterfaceId(ty.owner.index), Span());
    const TypeId* found = r_.interface(iface).types.find(ty.name);
    if (!found) {
      // Every name missing from its interface is reported, not only the first.
      Diagnostic d = Diagnostic::error(DiagCode::ForeignTypeNotFound, pkg.unknown_type_spans[i],
                                       "type " + quoted(ty.name) + " not defined in interface");
      std::vector<std::string_view> names;
      for (const auto& [n, t] : r_.interface(iface).types) names.push_back(n);
      if (auto help = closest_type_help(ty.name, r_.id_of(iface), names)) d.with_help(*help);
      missing.push_back(std::move(d));
      types_.push_back(std::nullopt);
      continue;
    }
    types_.push_back(*found);
    if (!may_borrow_ && type_has_borrow(Type::ref(*found))) may_borrow_ = true;
  }
  if (!missing.empty()) {
    Diagnostic first = std::move(missing.front());
    missing.erase(missing.begin());
    throw DiagnosticError(std::move(first), std::move(missing), false);
  }
}

void Linker::update_typedef(TypeDef& ty, Span span) {
  switch (ty.kind) {
    case TypeDefKind::Handle:
    case TypeDefKind::Alias:
      // `type a = r` stays an alias (usable as the resource and as a
      // handle): no implicit `own` here.
      ty.for_each_slot([&](Type& t) {
        if (t.is_ref()) t.set_id(map_type(t.id(), span));
      });
      break;
    default:
      for_each_value_type(ty, span, [&](Type& t, Span at) { update_type(t, at); });
      break;
  }
}

// Maps a type reference; one to a resource becomes its `own` handle.
void Linker::update_type(Type& ty, Span span) {
  if (!ty.is_ref()) return;
  ty.set_id(map_type(ty.id(), span));
  own_handles_.apply(r_, ty);
}

void Linker::update_interface(Interface& iface) {
  if (!ids_unchanged()) {
    iface.types.retain([&](std::string_view, TypeId& id) { return types_[id.index].has_value(); });
    for (auto& [name, id] : iface.types) id = map_type(id, iface.span);
  }
  // Functions need a look only for a gate to check, an id to update or a
  // borrow to look for in results.
  if (!gates_ && ids_unchanged() && !may_borrow_) return;
  PackageId pkg = *iface.package;
  bool dropped = false;
  for (auto& [name, f] : iface.functions) {
    if (include_stability(r_, f.stability, pkg, f.span)) update_function(f, f.span);
    else dropped = true;
  }
  if (dropped) {
    iface.functions.retain([&](std::string_view, Function& f) { return include_stability(r_, f.stability, pkg, f.span); });
  }
}

void Linker::update_function(Function& f, Span span) {
  if (!ids_unchanged()) {
    if (f.has_resource()) f.resource = map_type(f.resource, span);
    for (Param& p : f.params) update_type(p.type, span);
    if (f.result) update_type(*f.result, span);
  }
  if (f.result) {
    if (may_borrow_ && type_has_borrow(*f.result)) {
      raise(DiagCode::BorrowInResult, span,
            "function " + quoted(f.name) + " returns a type which contains a `borrow<T>` which is not supported");
    }
  }
}

bool Linker::type_has_borrow(Type ty) {
  if (!ty.is_ref()) return false;
  uint32_t i = ty.id().index;
  if (has_borrow_.size() <= i) has_borrow_.resize(r_.types.size() > i ? r_.types.size() : i + 1, -1);
  if (has_borrow_[i] >= 0) return has_borrow_[i] != 0;
  const TypeDef& def = r_.type(ty.id());
  bool result = false;
  switch (def.kind) {
    case TypeDefKind::Handle:
      result = def.handle == HandleKind::Borrow;
      break;
    case TypeDefKind::Alias: case TypeDefKind::Option: case TypeDefKind::List: case TypeDefKind::FixedList:
    case TypeDefKind::Future: case TypeDefKind::Stream: case TypeDefKind::Map: case TypeDefKind::Result:
      def.for_each_slot([&](Type t) { result = result || type_has_borrow(t); });
      break;
    case TypeDefKind::Record: case TypeDefKind::Variant: case TypeDefKind::Tuple:
      for (const Member& m : r_.type(ty.id()).members) {
        if (m.has_type && type_has_borrow(m.type)) {
          result = true;
          break;
        }
      }
      break;
    default:
      break;
  }
  if (has_borrow_.size() <= i) has_borrow_.resize(i + 1, -1);
  has_borrow_[i] = result ? 1 : 0;
  return result;
}

void Linker::update_world(World& world, PackageId pkg) {
  auto imports = std::move(world.imports);
  auto exports = std::move(world.exports);
  world.imports.clear();
  world.exports.clear();
  for (int pass = 0; pass < 2; ++pass) {
    auto& from = pass == 0 ? imports : exports;
    auto& to = pass == 0 ? world.imports : world.exports;
    for (auto& [key_in, item_in] : from) {
      WorldKey key = key_in;
      WorldItem item = std::move(item_in);
      Span span = item.span;
      if (item.kind == WorldItemKind::Type) item.type = map_type(item.type, span);
      const Stability& stab = item.kind == WorldItemKind::Interface  ? item.stability
                              : item.kind == WorldItemKind::Function ? item.function.stability
                                                                     : r_.type(item.type).stability;
      if (!include_stability(r_, stab, pkg, span)) continue;
      if (key.is_interface) key.interface = map_interface(key.interface, span);
      if (item.kind == WorldItemKind::Interface) item.interface = map_interface(item.interface, span);
      if (item.kind == WorldItemKind::Function) update_function(item.function, span);
      to.try_insert(key, std::move(item));
    }
  }
}

}  // namespace plumb
