#include "decode_package.h"

#include "decoder.h"
#include "package_docs.h"

namespace plumb::wit_decode {

PackageName Decoder::decode_item(const wasm::CComponent& component, PendingPackage& main) {
  if (component.exports.size() != 1) {
    raise(kUndecodable, Span(),
          "Expected a single export, but found " + std::to_string(component.exports.size()) + " instead");
  }
  const auto& [name, item] = component.exports.at_index(0);
  if (item.entity.kind == Sort::Component) return decode_world(name, item, main);
  if (item.entity.kind == Sort::Instance) return decode_interface(name, component.imports, item, main);
  raise(kUndecodable, Span(), "the export `" + name + "` of a WIT package item must be an instance or a component");
}

PackageId Decoder::finish(PendingPackage main) {
  std::vector<size_t> order;
  std::vector<int> state(foreign_.size(), 0);  // 0 new, 1 visiting, 2 done
  for (size_t i = 0; i < foreign_.size(); ++i) visit_package(i, order, state);
  for (size_t i : order) insert_package(std::move(foreign_.at_index(i).second));
  return insert_package(std::move(main));
}

PackageName Decoder::package_name(const ComponentName& name, const Item& item) {
  PackageName out;
  out.ns = keep(name.ns());
  out.name = keep(name.package());
  auto version = name.version(item.version_suffix);
  if (!version) raise(kUndecodable, Span(), std::move(version).error());
  out.version = std::move(version).value();
  return out;
}

PackageName Decoder::decode_interface(const std::string& name, const ItemMap& imports, const Item& item,
                                      PendingPackage& main) {
  ComponentName parsed =
      with_context("expected world name to have an ID form", [&] { return parse_name(name); });
  if (parsed.kind != NameKind::Interface) raise(kUndecodable, Span(), "expected world name to be fully qualified");
  PackageName pkg = package_name(parsed, item);
  for (const auto& [import_name, import] : imports) {
    with_context("failed to process import `" + import_name + "`", [&, &import_name = import_name, &import = import] { register_import(import_name, import); });
  }
  register_interface(name, item, main);
  return pkg;
}

PackageName Decoder::decode_world(const std::string& name, const Item& item, PendingPackage& main) {
  ComponentName parsed =
      with_context("expected world name to have an ID form", [&] { return parse_name(name); });
  if (parsed.kind != NameKind::Interface) raise(kUndecodable, Span(), "expected world name to be fully qualified");
  PackageName pkg = package_name(parsed, item);
  register_world(name, t_.components[item.entity.id], main);
  return pkg;
}

InterfaceId Decoder::register_import(const std::string& name, const Item& item) {
  if (item.entity.kind != Sort::Instance) raise(kUndecodable, Span(), "import `" + name + "` is not an instance");
  const wasm::CInstance& ty = t_.instances[item.entity.id];
  auto local = named_interfaces_.find(name);
  bool is_local = local != named_interfaces_.end();
  InterfaceId iface = is_local ? local->second : extract_dep_interface(name, item);
  TypeOwner owner = TypeOwner::interface(iface);
  for (const auto& [export_name, export_item] : ty.exports) {
    const wasm::Entity& e = export_item.entity;
    if (e.kind == Sort::Type) {
      const TypeId* existing = r_.interface(iface).types.find(export_name);
      if (existing) {
        TypeId id = *existing;
        if (e.referenced.kind == AnyKind::Defined) register_defined(id, t_.def(e.referenced));
        map_created(e.created, id, export_name);
      } else {
        if (is_local)
          raise(kUndecodable, Span(), "instance type export `" + export_name + "` not defined in interface");
        TypeId id = register_type_export(export_name, export_item, owner);
        r_.interface(iface).types.try_insert(keep(export_name), id);
      }
    } else if (e.kind == Sort::Func) {
      if (r_.interface(iface).functions.contains(export_name)) continue;
      if (is_local)
        raise(kUndecodable, Span(), "instance function export `" + export_name + "` not defined in interface");
      Function f = convert_function(export_name, export_item, owner);
      r_.interface(iface).functions.try_insert(f.name, std::move(f));
    } else {
      raise(kUndecodable, Span(), "instance type export `" + export_name + "` is not a type");
    }
  }
  return iface;
}

InterfaceId Decoder::extract_dep_interface(const std::string& name, const Item& item) {
  ComponentName parsed = parse_name(name);
  if (parsed.kind != NameKind::Interface) raise(kUndecodable, Span(), "package name is not a valid id: " + name);
  PackageName pkg_name = package_name(parsed, item);
  std::string key = pkg_name.to_string();
  size_t pkg_index = static_cast<size_t>(foreign_.index_of(key) < 0 ? foreign_.size() : foreign_.index_of(key));
  PendingPackage& pkg = foreign_.get_or_insert_with(key, [&] { return PendingPackage{pkg_name, {}, {}}; });
  std::string_view iface_name = keep(parsed.interface());
  InterfaceId id = pkg.interfaces.get_or_insert_with(iface_name, [&] {
    Interface iface;
    iface.name = iface_name;
    r_.interfaces.push_back(std::move(iface));
    return InterfaceId(r_.interfaces.size() - 1);
  });
  iface_to_package_[id.index] = pkg_index;
  return id;
}

std::pair<WorldKey, InterfaceId> Decoder::register_interface(const std::string& name, const Item& item,
                                                             PendingPackage& pkg) {
  const wasm::CInstance& ty = t_.instances[item.entity.id];
  if (named_interfaces_.count(name)) {
    InterfaceId id = register_import(name, item);
    return {WorldKey::of_interface(id), id};
  }
  ComponentName parsed = parse_name(name);
  std::string_view iface_name;
  if (parsed.kind == NameKind::Interface) iface_name = keep(parsed.interface());
  else if (parsed.kind != NameKind::Label)
    raise(kUndecodable, Span(), "cannot extract item name from: " + name);

  Interface iface;
  iface.name = iface_name;
  InterfaceId next(r_.interfaces.size());
  TypeOwner owner = TypeOwner::interface(next);
  for (const auto& [export_name, export_item] : ty.exports) {
    if (export_item.entity.kind == Sort::Type) {
      TypeId id = with_context("failed to register type export '" + export_name + "'",
                               [&, &export_name = export_name, &export_item = export_item] {
                                   return register_type_export(export_name, export_item, owner);
                                 });
      iface.types.try_insert(keep(export_name), id);
    } else if (export_item.entity.kind == Sort::Func) {
      Function f = with_context("failed to convert function '" + export_name + "'",
                                [&, &export_name = export_name, &export_item = export_item] {
                                    return convert_function(export_name, export_item, owner);
                                  });
      iface.functions.try_insert(f.name, std::move(f));
    } else {
      raise(kUndecodable, Span(), "instance type export `" + export_name + "` is not a type or function");
    }
  }
  r_.interfaces.push_back(std::move(iface));
  InterfaceId id(r_.interfaces.size() - 1);
  if (iface_name.empty()) return {WorldKey::of_name(keep(name)), id};
  if (!pkg.interfaces.try_insert(iface_name, id).second)
    raise(kUndecodable, Span(), "duplicate interface `" + name + "`");
  named_interfaces_.emplace(name, id);
  return {WorldKey::of_interface(id), id};
}

std::pair<WorldKey, WorldItem> Decoder::world_function(const std::string& name, const Item& item, TypeOwner owner) {
  std::pair<WorldKey, WorldItem> entry;
  entry.first = WorldKey::of_name(keep(name));
  entry.second.kind = WorldItemKind::Function;
  entry.second.function = convert_function(name, item, owner);
  return entry;
}

std::optional<std::pair<WorldKey, WorldItem>> Decoder::world_import(const std::string& name, const Item& item,
                                                                     TypeOwner owner, PendingPackage& pkg,
                                                                     bool of_component) {
  std::pair<WorldKey, WorldItem> entry;
  switch (item.entity.kind) {
    case Sort::Instance: return decode_world_instance(name, item, pkg);
    case Sort::Type:
      entry.first = WorldKey::of_name(keep(name));
      entry.second.kind = WorldItemKind::Type;
      entry.second.type = register_type_export(name, item, owner);
      return entry;
    case Sort::Func: return world_function(name, item, owner);
    default:
      // A component's other imports (core modules, components) are not
      // part of its world.
      if (of_component) return std::nullopt;
      raise(kUndecodable, Span(), "component import `" + name + "` is not an instance, func, or type");
  }
}

std::pair<WorldKey, WorldItem> Decoder::world_export(const std::string& name, const Item& item, TypeOwner owner,
                                                     PendingPackage& pkg) {
  switch (item.entity.kind) {
    case Sort::Instance: return decode_world_instance(name, item, pkg);
    case Sort::Func: return world_function(name, item, owner);
    default: raise(kUndecodable, Span(), "component export `" + name + "` was not a function or instance");
  }
}

void Decoder::register_world(const std::string& name, const wasm::CComponent& ty, PendingPackage& pkg) {
  ComponentName parsed =
      with_context("expected world name to have an ID form", [&] { return parse_name(name); });
  if (parsed.kind != NameKind::Interface) raise(kUndecodable, Span(), "expected world name to have an ID form");
  World world;
  world.name = keep(parsed.interface());
  TypeOwner owner = TypeOwner::world(WorldId(r_.worlds.size()));
  for (const auto& [item_name, item] : ty.imports) {
    auto entry = world_import(item_name, item, owner, pkg, false);
    world.imports.insert_or_assign(entry->first, std::move(entry->second));
  }
  for (const auto& [item_name, item] : ty.exports) {
    auto entry = world_export(item_name, item, owner, pkg);
    world.exports.insert_or_assign(entry.first, std::move(entry.second));
  }
  std::string_view world_name = world.name;
  r_.worlds.push_back(std::move(world));
  if (!pkg.worlds.try_insert(world_name, WorldId(r_.worlds.size() - 1)).second) {
    raise(kUndecodable, Span(), "duplicate world `" + name + "`");
  }
}

void Decoder::decode_component(const std::vector<wasm::CheckedComponent::Extern>& externs, PendingPackage& main) {
  // The reference names the package and world of a component so; nothing
  // in the binary names them.
  main.name = PackageName{keep("root"), keep("component"), std::nullopt};
  World world;
  world.name = keep("root");
  WorldId id(r_.worlds.size());
  r_.worlds.push_back(std::move(world));
  TypeOwner owner = TypeOwner::world(id);
  for (const auto& e : externs) {
    const char* what = e.is_export ? "export" : "import";
    with_context(std::string("failed to decode WIT from ") + what + " `" + e.name + "`", [&] {
      if (e.is_export) {
        auto entry = world_export(e.name, e.item, owner, main);
        r_.world(id).exports.insert_or_assign(entry.first, std::move(entry.second));
      } else if (auto entry = world_import(e.name, e.item, owner, main, true)) {
        r_.world(id).imports.insert_or_assign(entry->first, std::move(entry->second));
      }
    });
  }
  main.worlds.try_insert(r_.world(id).name, id);
}

std::pair<WorldKey, WorldItem> Decoder::decode_world_instance(const std::string& name, const Item& item,
                                                              PendingPackage& pkg) {
  std::pair<WorldKey, InterfaceId> key_id;
  if (item.implements) {
    key_id = {WorldKey::of_name(keep(name)), register_import(*item.implements, item)};
  } else if (parse_name(name).kind == NameKind::Interface) {
    InterfaceId id = register_import(name, item);
    key_id = {WorldKey::of_interface(id), id};
  } else {
    key_id = register_interface(name, item, pkg);
  }
  WorldItem w;
  w.kind = WorldItemKind::Interface;
  w.interface = key_id.second;
  if (item.external_id) w.external_id = OptText{keep(*item.external_id), true};
  return {key_id.first, std::move(w)};
}

void Decoder::visit_package(size_t idx, std::vector<size_t>& order, std::vector<int>& state) {
  if (state[idx] == 2) return;
  if (state[idx] == 1) raise(kUndecodable, Span(), "foreign packages depend on each other in a cycle");
  state[idx] = 1;
  const PendingPackage& pkg = foreign_.at_index(idx).second;
  for (const auto& [name, iface] : pkg.interfaces) {
    for (const auto& [type_name, ty] : r_.interface(iface).types) {
      std::optional<InterfaceId> dep = type_interface_dep(r_, ty);
      if (!dep) continue;
      auto it = iface_to_package_.find(dep->index);
      if (it != iface_to_package_.end() && it->second != idx) visit_package(it->second, order, state);
    }
  }
  state[idx] = 2;
  order.push_back(idx);
}

PackageId Decoder::insert_package(PendingPackage pkg) {
  PackageId id;
  if (const PackageId* found = r_.package_names.find(pkg.name)) {
    id = *found;
  } else {
    id = PackageId(r_.packages.size());
    r_.packages.push_back(Package{pkg.name, Docs{}, {}, {}});
    r_.package_names.try_insert(pkg.name, id);
  }
  for (const auto& [name, iface] : pkg.interfaces) {
    if (!r_.package(id).interfaces.try_insert(name, iface).second)
      raise(kUndecodable, Span(), "duplicate interface `" + std::string(name) + "`");
    r_.interface(iface).package = id;
  }
  for (const auto& [name, world_id] : pkg.worlds) {
    if (!r_.package(id).worlds.try_insert(name, world_id).second)
      raise(kUndecodable, Span(), "duplicate world `" + std::string(name) + "`");
    World& world = r_.world(world_id);
    world.package = id;
    for (auto* items : {&world.imports, &world.exports}) {
      for (const auto& [key, item] : *items) {
        if (key.is_interface || item.kind != WorldItemKind::Interface) continue;
        Interface& iface = r_.interface(item.interface);
        if (iface.name.empty()) iface.package = id;
      }
    }
  }
  return id;
}

}  // namespace plumb::wit_decode

namespace plumb {
using namespace wit_decode;
namespace {

enum class Encoding { NotAPackage, V1, V2 };

Encoding package_encoding(const wasm::CheckedComponent& c) {
  if (c.concrete || c.externs.empty()) return Encoding::NotAPackage;
  for (const auto& e : c.externs) {
    if (!e.is_export || e.item.entity.kind != Sort::Type || e.item.entity.created.kind != AnyKind::Component) {
      return Encoding::NotAPackage;
    }
  }
  auto name = wasm::parse_component_name(c.externs[0].name);
  if (!name) return Encoding::NotAPackage;
  if (name->kind == NameKind::Interface && name->interface() == "wit") return Encoding::V1;
  if (name->kind == NameKind::Label) return Encoding::V2;
  return Encoding::NotAPackage;
}

// The docs section of `component`, if it has one.
std::optional<std::string> package_docs_section(const wasm::Component& component) {
  std::optional<std::string> docs;
  for (const wasm::Section& s : component.sections) {
    if (s.id != wasm::Section::Id::Custom || s.custom_name != kPackageDocs) continue;
    if (docs) raise_at_byte(DiagCode::InvalidPackageDocs, s.offset, "multiple \"package-docs\" sections");
    docs = s.custom_data;
  }
  return docs;
}

PackageId decode(std::string_view bytes, Resolve& out, Strings& strings, Decodes decodes) {
  Expected<wasm::Component> component = wasm::read_component(bytes);
  if (!component) raise(std::move(component).error());
  std::optional<std::string> docs = package_docs_section(*component);
  Expected<wasm::CheckedComponent> checked_or = wasm::check_component(*component);
  if (!checked_or) raise(std::move(checked_or).error());
  const wasm::CheckedComponent& checked = *checked_or;

  switch (package_encoding(checked)) {
    case Encoding::NotAPackage: {
      if (decodes == Decodes::PackageOnly) {
        raise(DiagCode::NotWitPackage, Span(), "found an actual component instead of an encoded WIT package in wasm");
      }
      Decoder decoder(checked.types, out, strings);
      PendingPackage main;
      decoder.decode_component(checked.externs, main);
      PackageId id = decoder.finish(std::move(main));
      if (docs) with_context("invalid \"package-docs\" section", [&] { inject_package_docs(*docs, out, id, strings); });
      return id;
    }
    case Encoding::V1:
      raise(DiagCode::NotWitPackage, Span(),
            "this binary uses the legacy (v1) encoding of WIT packages, which is not supported; "
            "re-encode it with a current `wasm-tools component wit --wasm`");
    case Encoding::V2:
      break;
  }

  Decoder decoder(checked.types, out, strings);
  PendingPackage main;
  std::optional<PackageName> name;
  for (const auto& e : checked.externs) {
    PackageName item_pkg = decoder.decode_item(checked.types.components[e.item.entity.created.index], main);
    if (name && !(*name == item_pkg)) raise(kUndecodable, Span(), "item defined with mismatched package name");
    if (!name) name = item_pkg;
  }
  main.name = *name;
  PackageId id = decoder.finish(std::move(main));
  if (docs) with_context("invalid \"package-docs\" section", [&] { inject_package_docs(*docs, out, id, strings); });
  return id;
}

}  // namespace

Expected<PackageId> decode_wit_package(std::string_view bytes, Resolve& out, Strings& strings, Decodes decodes) {
  try {
    return decode(bytes, out, strings, decodes);
  } catch (DiagnosticError& e) {
    return Unexpected{std::move(e.diag)};
  }
}

}  // namespace plumb
