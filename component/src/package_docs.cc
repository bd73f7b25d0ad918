#include "package_docs.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "function_order.h"
#include "plumb/diagnostics/diagnostic_error.h"

namespace plumb {
namespace {

using Json = nlohmann::ordered_json;

constexpr DiagCode kInvalidDocs = DiagCode::InvalidPackageDocs;

// Field access with the reference's strictness (serde's
// `deny_unknown_fields`): every key must be one the format knows.
void only_fields(const Json& obj, std::initializer_list<std::string_view> known, const char* what) {
  if (!obj.is_object()) raise(kInvalidDocs, Span(), std::string("invalid type: expected ") + what);
  for (const auto& [key, value] : obj.items()) {
    bool ok = false;
    for (std::string_view k : known) ok = ok || key == k;
    if (!ok) raise(kInvalidDocs, Span(), "unknown field `" + key + "` in " + what);
  }
}

const Json* field(const Json& obj, const char* name) {
  auto it = obj.find(name);
  return it == obj.end() ? nullptr : &*it;
}

std::string_view text(const Json& v, Strings& strings, const char* what) {
  if (!v.is_string()) raise(kInvalidDocs, Span(), std::string("invalid type: expected a string for ") + what);
  return strings.add(v.get_ref<const std::string&>());
}

Docs docs_of(const Json& obj, Strings& strings) {
  const Json* d = field(obj, "docs");
  if (!d || d->is_null()) return Docs{};
  return Docs{text(*d, strings, "docs"), true};
}

const Version* version(const Json& v, Strings& strings) {
  if (!v.is_string()) raise(kInvalidDocs, Span(), "invalid type: expected a version string");
  BasicExpected<Version, std::string> parsed = parse_version(v.get_ref<const std::string&>());
  if (!parsed) raise(kInvalidDocs, Span(), std::move(parsed).error());
  return strings.add(*parsed);
}

Stability stability(const Json& v, Strings& strings) {
  StabilityGate s;
  if (v.is_string() && v.get_ref<const std::string&>() == "unknown") return Stability();
  if (!v.is_object() || v.size() != 1) raise(kInvalidDocs, Span(), "invalid stability");
  const std::string& tag = v.begin().key();
  const Json& body = v.begin().value();
  if (!body.is_object()) raise(kInvalidDocs, Span(), "invalid stability");
  const Json* deprecated = field(body, "deprecated");
  if (deprecated && !deprecated->is_null()) s.deprecated = version(*deprecated, strings);
  if (tag == "stable") {
    const Json* since = field(body, "since");
    if (!since) raise(kInvalidDocs, Span(), "missing field `since`");
    s.kind = Stability::Kind::Stable;
    s.since = version(*since, strings);
  } else if (tag == "unstable") {
    const Json* feature = field(body, "feature");
    if (!feature) raise(kInvalidDocs, Span(), "missing field `feature`");
    s.kind = Stability::Kind::Unstable;
    s.feature = text(*feature, strings, "feature");
  } else {
    raise(kInvalidDocs, Span(), "unknown variant `" + tag + "`, expected one of `unknown`, `unstable`, `stable`");
  }
  return strings.add(s);
}

Stability stability_of(const Json& obj, Strings& strings) {
  const Json* s = field(obj, "stability");
  return s ? stability(*s, strings) : Stability{};
}

const Json& map_of(const Json& obj, const char* name) {
  static const Json empty = Json::object();
  const Json* m = field(obj, name);
  if (!m) return empty;
  if (!m->is_object()) raise(kInvalidDocs, Span(), std::string("invalid type: expected a map for `") + name + "`");
  return *m;
}

// Docs of record fields, variant/enum cases and flags.
void inject_items(const Json& items, TypeDef& ty, Strings& strings) {
  size_t unused = items.size();
  if (unused == 0) return;
  switch (ty.kind) {
    case TypeDefKind::Record: case TypeDefKind::Flags: case TypeDefKind::Variant: case TypeDefKind::Enum: break;
    default: raise(kInvalidDocs, Span(), "got 'items' for unexpected type");
  }
  for (Member& m : ty.members) {
    auto it = items.find(std::string(m.name));
    if (it == items.end()) continue;
    m.docs = Docs{text(*it, strings, "item docs"), true};
    --unused;
  }
  if (unused > 0) raise(kInvalidDocs, Span(), "not all 'items' match type items");
}

void inject_type(const Json& meta, Resolve& r, TypeId id, Strings& strings) {
  only_fields(meta, {"docs", "stability", "items"}, "type metadata");
  TypeDef& ty = r.type(id);
  inject_items(map_of(meta, "items"), ty, strings);
  if (Docs d = docs_of(meta, strings); d.present) ty.docs = d;
  ty.stability = stability_of(meta, strings);
}

// Function metadata is either just docs (a string or null: the format's v0)
// or an object with docs and stability.
void inject_function(const Json& meta, Function& f, Strings& strings) {
  if (meta.is_null()) {
    f.docs = Docs{};
    return;
  }
  if (meta.is_string()) {
    f.docs = Docs{text(meta, strings, "docs"), true};
    return;
  }
  only_fields(meta, {"docs", "stability"}, "function metadata");
  f.docs = docs_of(meta, strings);
  f.stability = stability_of(meta, strings);
}

// A snapshot lists an interface's functions resource by resource, then the
// freestanding ones; `funcs` keeps the source order of those with docs or
// gates. Where the two disagree, puts the functions in an order that has
// both (each group's functions in binary order, those in `funcs` in its
// order), otherwise staying as close to the binary order as it can; so
// encoding the decoded package gives the same bytes again.
void restore_function_order(Interface& iface, const Json& funcs) {
  const size_t n = iface.functions.size();
  const std::vector<size_t> group_of = function_groups(iface);
  std::map<size_t, std::vector<size_t>> groups;  // group -> its functions, in binary order
  for (size_t i = 0; i < n; ++i) groups[group_of[i]].push_back(i);
  std::vector<size_t> expected;  // the documented functions, in `funcs` order
  std::vector<bool> documented(n, false);
  for (const auto& [name, data] : funcs.items()) {
    int64_t index = iface.functions.index_of(name);
    if (index >= 0 && !documented[static_cast<size_t>(index)]) {
      expected.push_back(static_cast<size_t>(index));
      documented[static_cast<size_t>(index)] = true;
    }
  }
  // Each step emits the first function of the earliest group that may go
  // next: an undocumented one, or the documented one `funcs` expects next.
  std::map<size_t, size_t> next;  // group -> how many of its functions are out
  std::set<size_t> undocumented_next;
  auto refresh = [&](size_t g) {
    undocumented_next.erase(g);
    size_t k = next[g];
    if (k < groups[g].size() && !documented[groups[g][k]]) undocumented_next.insert(g);
  };
  for (const auto& entry : groups) refresh(entry.first);
  std::vector<size_t> rank(n);
  size_t e = 0;
  for (size_t placed = 0; placed < n; ++placed) {
    size_t g = undocumented_next.empty() ? SIZE_MAX : *undocumented_next.begin();
    if (e < expected.size()) {
      size_t want = group_of[expected[e]];
      if (groups[want][next[want]] == expected[e] && want < g) g = want;
    }
    size_t index = groups[g][next[g]++];
    if (documented[index]) ++e;
    rank[index] = placed;
    refresh(g);
  }
  std::unordered_map<std::string_view, size_t> rank_of;
  for (size_t i = 0; i < n; ++i) rank_of.emplace(iface.functions.at_index(i).first, rank[i]);
  iface.functions.stable_sort_by([&](std::string_view name, const Function&) { return rank_of.at(name); });
}

void inject_interface(const Json& meta, Resolve& r, InterfaceId id, Strings& strings) {
  only_fields(meta, {"docs", "stability", "funcs", "types"}, "interface metadata");
  for (const auto& [name, data] : map_of(meta, "types").items()) {
    const TypeId* ty = r.interface(id).types.find(name);
    if (!ty) raise(kInvalidDocs, Span(), "missing type \"" + name + "\"");
    inject_type(data, r, *ty, strings);
  }
  Interface& iface = r.interface(id);
  for (const auto& [name, data] : map_of(meta, "funcs").items()) {
    Function* f = iface.functions.find(name);
    if (!f) raise(kInvalidDocs, Span(), "missing func \"" + name + "\"");
    inject_function(data, *f, strings);
  }
  restore_function_order(iface, map_of(meta, "funcs"));
  if (Docs d = docs_of(meta, strings); d.present) iface.docs = d;
  iface.stability = stability_of(meta, strings);
}

std::string key_name(const Resolve& r, const WorldKey& key) {
  return key.is_interface ? r.id_of(key.interface) : std::string(key.name);
}

void inject_world(const Json& meta, Resolve& r, WorldId id, Strings& strings) {
  only_fields(meta,
              {"docs", "stability", "interfaces", "types", "funcs", "interface_exports", "func_exports",
               "interface_import_stability", "interface_export_stability", "interface_import_docs",
               "interface_export_docs"},
              "world metadata");
  // Kebab-named interfaces: imports (or exports with no such import), then
  // exports only.
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& [name, data] : map_of(meta, pass == 0 ? "interfaces" : "interface_exports").items()) {
      World& world = r.world(id);
      WorldKey key = WorldKey::of_name(name);
      WorldItem* item = pass == 0 ? world.imports.find(key) : nullptr;
      if (!item) item = world.exports.find(key);
      if (!item || item->kind != WorldItemKind::Interface)
        raise(kInvalidDocs, Span(), "missing interface \"" + name + "\"");
      only_fields(data, {"docs", "stability", "funcs", "types"}, "interface metadata");
      item->stability = stability_of(data, strings);
      inject_interface(data, r, item->interface, strings);
    }
  }
  for (const auto& [name, data] : map_of(meta, "types").items()) {
    const WorldItem* item = r.world(id).imports.find(WorldKey::of_name(name));
    if (!item || item->kind != WorldItemKind::Type) raise(kInvalidDocs, Span(), "missing type \"" + name + "\"");
    inject_type(data, r, item->type, strings);
  }
  // Interface imports/exports by their printed key (`ns:pkg/iface@v` or the
  // label).
  World& world = r.world(id);
  auto find_interface = [&](const std::string& name, bool import) -> WorldItem* {
    auto& items = import ? world.imports : world.exports;
    for (auto& [key, item] : items) {
      if (item.kind == WorldItemKind::Interface && key_name(r, key) == name) return &item;
    }
    return nullptr;
  };
  for (int pass = 0; pass < 2; ++pass) {
    bool import = pass == 0;
    for (const auto& [name, data] :
         map_of(meta, import ? "interface_import_stability" : "interface_export_stability").items()) {
      WorldItem* item = find_interface(name, import);
      if (!item) raise(kInvalidDocs, Span(), "missing interface `" + name + "`");
      item->stability = stability(data, strings);
    }
  }
  for (int pass = 0; pass < 2; ++pass) {
    bool import = pass == 0;
    for (const auto& [name, data] : map_of(meta, import ? "interface_import_docs" : "interface_export_docs").items()) {
      WorldItem* item = find_interface(name, import);
      if (!item) raise(kInvalidDocs, Span(), "missing interface `" + name + "`");
      item->docs = Docs{text(data, strings, "docs"), true};
    }
  }
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& [name, data] : map_of(meta, pass == 0 ? "funcs" : "func_exports").items()) {
      WorldKey key = WorldKey::of_name(name);
      WorldItem* item = pass == 0 ? world.imports.find(key) : nullptr;
      if (!item) item = world.exports.find(key);
      if (!item || item->kind != WorldItemKind::Function) raise(kInvalidDocs, Span(), "missing func \"" + name + "\"");
      inject_function(data, item->function, strings);
    }
  }
  if (Docs d = docs_of(meta, strings); d.present) world.docs = d;
  world.stability = stability_of(meta, strings);
}

}  // namespace

void inject_package_docs(std::string_view data, Resolve& r, PackageId pkg, Strings& strings) {
  if (data.empty() || (data[0] != 0 && data[0] != 1)) {
    raise(
        kInvalidDocs, Span(),
        "expected package-docs version 1, got " +
            (data.empty() ? std::string("None") : "Some(" + std::to_string(static_cast<unsigned char>(data[0])) + ")"));
  }
  Json root = Json::parse(data.begin() + 1, data.end(), nullptr, false);
  if (root.is_discarded()) raise(kInvalidDocs, Span(), "package-docs is not valid JSON");
  only_fields(root, {"docs", "worlds", "interfaces"}, "package metadata");
  for (const auto& [name, meta] : map_of(root, "worlds").items()) {
    const WorldId* id = r.package(pkg).worlds.find(name);
    if (!id) raise(kInvalidDocs, Span(), "missing world \"" + name + "\"");
    inject_world(meta, r, *id, strings);
  }
  for (const auto& [name, meta] : map_of(root, "interfaces").items()) {
    const InterfaceId* id = r.package(pkg).interfaces.find(name);
    if (!id) raise(kInvalidDocs, Span(), "missing interface \"" + name + "\"");
    inject_interface(meta, r, *id, strings);
  }
  if (Docs d = docs_of(root, strings); d.present) r.package(pkg).docs = d;
}

}  // namespace plumb
