// Writing the `package-docs` section: the docs and feature gates of every
// item of a package, which the component binary has no place for, in the
// reference's JSON shapes (wit-parser's PackageMetadata), compact, with
// empty entries left out and maps in package order.
#include <nlohmann/json.hpp>

#include "package_docs.h"

namespace plumb {
namespace {

using Json = nlohmann::ordered_json;

Json stability_json(const Stability& s) {
  Json body = Json::object();
  if (s.kind() == Stability::Kind::Stable) {
    body["since"] = s.since()->to_string();
  } else {
    body["feature"] = std::string(s.feature());
  }
  if (s.deprecated()) body["deprecated"] = s.deprecated()->to_string();
  Json out = Json::object();
  out[s.kind() == Stability::Kind::Stable ? "stable" : "unstable"] = std::move(body);
  return out;
}

// `docs` and `stability`, the fields every entry starts with.
Json entry(const Docs& docs, const Stability& stability) {
  Json out = Json::object();
  if (docs.present) out["docs"] = std::string(docs.text());
  if (!stability.unknown()) out["stability"] = stability_json(stability);
  return out;
}

void put_if_any(Json& obj, const char* key, Json value) {
  if (!value.empty()) obj[key] = std::move(value);
}

Json function_json(const Function& f) { return entry(f.docs, f.stability); }

Json type_json(const TypeDef& ty) {
  Json out = entry(ty.docs, ty.stability);
  bool has_items = ty.kind == TypeDefKind::Record || ty.kind == TypeDefKind::Flags ||
                   ty.kind == TypeDefKind::Variant || ty.kind == TypeDefKind::Enum;
  Json items = Json::object();
  if (has_items) {
    for (const Member& m : ty.members) {
      if (m.docs.present) items[std::string(m.name)] = std::string(m.docs.text());
    }
  }
  put_if_any(out, "items", std::move(items));
  return out;
}

Json interface_json(const Resolve& r, InterfaceId id) {
  const Interface& iface = r.interface(id);
  Json out = entry(iface.docs, iface.stability);
  Json funcs = Json::object(), types = Json::object();
  for (const auto& [name, f] : iface.functions) put_if_any(funcs, std::string(name).c_str(), function_json(f));
  for (const auto& [name, type] : iface.types) put_if_any(types, std::string(name).c_str(), type_json(r.type(type)));
  put_if_any(out, "funcs", std::move(funcs));
  put_if_any(out, "types", std::move(types));
  return out;
}

// The maps of a world's entry, filled from its imports and exports.
struct WorldMaps {
  Json interfaces = Json::object(), types = Json::object(), funcs = Json::object();
  Json interface_exports = Json::object(), func_exports = Json::object();
  Json import_stability = Json::object(), export_stability = Json::object();
  Json import_docs = Json::object(), export_docs = Json::object();

  // An interface named by reference (`import wasi:io/streams;`, `import
  // label: iface;`): only the statement's own gate and docs.
  void reference(const std::string& name, const WorldItem& item, bool import) {
    if (!item.stability.unknown()) (import ? import_stability : export_stability)[name] = stability_json(item.stability);
    if (item.docs.present) (import ? import_docs : export_docs)[name] = std::string(item.docs.text());
  }

  void add(const Resolve& r, const WorldKey& key, const WorldItem& item, bool import) {
    if (key.is_interface) return reference(r.id_of(key.interface), item, import);
    std::string name(key.name);
    switch (item.kind) {
      case WorldItemKind::Interface:
        if (!r.interface(item.interface).name.empty()) return reference(name, item, import);
        put_if_any(import ? interfaces : interface_exports, name.c_str(), interface_json(r, item.interface));
        return;
      case WorldItemKind::Type: put_if_any(types, name.c_str(), type_json(r.type(item.type))); return;
      case WorldItemKind::Function:
        put_if_any(import ? funcs : func_exports, name.c_str(), function_json(item.function));
        return;
    }
  }
};

Json world_json(const Resolve& r, WorldId id) {
  const World& world = r.world(id);
  WorldMaps maps;
  for (const auto& [key, item] : world.imports) maps.add(r, key, item, true);
  for (const auto& [key, item] : world.exports) maps.add(r, key, item, false);
  Json out = entry(world.docs, world.stability);
  put_if_any(out, "interfaces", std::move(maps.interfaces));
  put_if_any(out, "types", std::move(maps.types));
  put_if_any(out, "funcs", std::move(maps.funcs));
  put_if_any(out, "interface_exports", std::move(maps.interface_exports));
  put_if_any(out, "func_exports", std::move(maps.func_exports));
  put_if_any(out, "interface_import_stability", std::move(maps.import_stability));
  put_if_any(out, "interface_export_stability", std::move(maps.export_stability));
  put_if_any(out, "interface_import_docs", std::move(maps.import_docs));
  put_if_any(out, "interface_export_docs", std::move(maps.export_docs));
  return out;
}

}  // namespace

std::string package_docs_data(const Resolve& r, PackageId pkg) {
  const Package& package = r.package(pkg);
  Json out = Json::object();
  if (package.docs.present) out["docs"] = std::string(package.docs.text());
  Json worlds = Json::object(), interfaces = Json::object();
  for (const auto& [name, id] : package.worlds) put_if_any(worlds, std::string(name).c_str(), world_json(r, id));
  for (const auto& [name, id] : package.interfaces) {
    put_if_any(interfaces, std::string(name).c_str(), interface_json(r, id));
  }
  put_if_any(out, "worlds", std::move(worlds));
  put_if_any(out, "interfaces", std::move(interfaces));
  return "\x01" + out.dump();
}

}  // namespace plumb
