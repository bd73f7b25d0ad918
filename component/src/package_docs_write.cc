// Writing the `package-docs` section: the docs and feature gates of every
// item of a package, which the component binary has no place for, in the
// reference's JSON shapes (wit-parser's PackageMetadata), compact, with
// empty entries left out and maps in package order. Written straight to
// text (a package's docs are most of its snapshot).
#include <vector>

#include "package_docs.h"
#include "plumb/support/json_escape.h"

namespace plumb {
namespace {

// Compact JSON objects whose empty members vanish: an object opened under a
// key and closed with no fields takes its key with it.
class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  void open(std::string_view key = {}) {
    size_t mark = out_.size();
    if (!frames_.empty()) key_of_field(key);
    out_ += '{';
    frames_.push_back({mark, 0});
  }
  void close() {
    Frame f = frames_.back();
    frames_.pop_back();
    if (f.fields == 0 && !frames_.empty()) {
      out_.resize(f.mark);
      --frames_.back().fields;
    } else {
      out_ += '}';
    }
  }
  void field(std::string_view key, std::string_view text) {
    key_of_field(key);
    append_json_string(out_, text);
  }

 private:
  struct Frame {
    size_t mark;    // where the object (and its key) starts
    size_t fields;  // written so far
  };
  void key_of_field(std::string_view key) {
    if (frames_.back().fields++ > 0) out_ += ',';
    append_json_string(out_, key);
    out_ += ':';
  }

  std::string& out_;
  std::vector<Frame> frames_;
};

void stability_json(JsonWriter& w, std::string_view key, const Stability& s) {
  if (s.unknown()) return;
  w.open(key);
  bool stable = s.kind() == Stability::Kind::Stable;
  w.open(stable ? "stable" : "unstable");
  if (stable) w.field("since", s.since()->to_string());
  else w.field("feature", s.feature());
  if (s.deprecated()) w.field("deprecated", s.deprecated()->to_string());
  w.close();
  w.close();
}

// `docs` and `stability`, the fields every entry starts with.
void entry_fields(JsonWriter& w, const Docs& docs, const Stability& stability) {
  if (docs.present) w.field("docs", docs.text());
  stability_json(w, "stability", stability);
}

void function_json(JsonWriter& w, std::string_view name, const Function& f) {
  w.open(name);
  entry_fields(w, f.docs, f.stability);
  w.close();
}

void type_json(JsonWriter& w, std::string_view name, const TypeDef& ty) {
  w.open(name);
  entry_fields(w, ty.docs, ty.stability);
  if (ty.kind == TypeDefKind::Record || ty.kind == TypeDefKind::Flags || ty.kind == TypeDefKind::Variant ||
      ty.kind == TypeDefKind::Enum) {
    w.open("items");
    for (const Member& m : ty.members) {
      if (m.docs.present) w.field(m.name, m.docs.text());
    }
    w.close();
  }
  w.close();
}

void interface_json(JsonWriter& w, std::string_view name, const Resolve& r, InterfaceId id) {
  const Interface& iface = r.interface(id);
  w.open(name);
  entry_fields(w, iface.docs, iface.stability);
  w.open("funcs");
  for (const auto& [fname, f] : iface.functions) function_json(w, fname, f);
  w.close();
  w.open("types");
  for (const auto& [tname, type] : iface.types) type_json(w, tname, r.type(type));
  w.close();
  w.close();
}

// Where each of a world's imports and exports goes: which of the entry's
// maps, in the entry's field order.
enum WorldMap {
  Interfaces, Types, Funcs, InterfaceExports, FuncExports, ImportStability, ExportStability, ImportDocs,
  ExportDocs, kWorldMaps
};
constexpr const char* kWorldMapNames[kWorldMaps] = {
    "interfaces",          "types", "funcs", "interface_exports", "func_exports", "interface_import_stability",
    "interface_export_stability", "interface_import_docs", "interface_export_docs"};

// Writes `map`'s entries for the items of `world` (imports, then exports).
void world_map(JsonWriter& w, const Resolve& r, const World& world, WorldMap map) {
  w.open(kWorldMapNames[map]);
  for (bool import : {true, false}) {
    for (const auto& [key, item] : import ? world.imports : world.exports) {
      bool by_reference = key.is_interface ||
                          (item.kind == WorldItemKind::Interface && !r.interface(item.interface).name.empty());
      if (by_reference) {
        // `import wasi:io/streams;`, `import label: iface;`: the
        // statement's own gate and docs.
        std::string name = key.is_interface ? r.id_of(key.interface) : std::string(key.name);
        if (map == (import ? ImportStability : ExportStability)) stability_json(w, name, item.stability);
        if (map == (import ? ImportDocs : ExportDocs) && item.docs.present) w.field(name, item.docs.text());
        continue;
      }
      switch (item.kind) {
        case WorldItemKind::Interface:
          if (map == (import ? Interfaces : InterfaceExports)) interface_json(w, key.name, r, item.interface);
          break;
        case WorldItemKind::Type:
          if (map == Types) type_json(w, key.name, r.type(item.type));
          break;
        case WorldItemKind::Function:
          if (map == (import ? Funcs : FuncExports)) function_json(w, key.name, item.function);
          break;
      }
    }
  }
  w.close();
}

void world_json(JsonWriter& w, std::string_view name, const Resolve& r, WorldId id) {
  const World& world = r.world(id);
  w.open(name);
  entry_fields(w, world.docs, world.stability);
  for (int map = 0; map < kWorldMaps; ++map) world_map(w, r, world, static_cast<WorldMap>(map));
  w.close();
}

}  // namespace

std::string package_docs_data(const Resolve& r, PackageId pkg) {
  const Package& package = r.package(pkg);
  std::string out = "\x01";
  JsonWriter w(out);
  w.open();
  if (package.docs.present) w.field("docs", package.docs.text());
  w.open("worlds");
  for (const auto& [name, id] : package.worlds) world_json(w, name, r, id);
  w.close();
  w.open("interfaces");
  for (const auto& [name, id] : package.interfaces) interface_json(w, name, r, id);
  w.close();
  w.close();
  return out;
}

}  // namespace plumb
