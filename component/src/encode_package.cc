// The top level of the snapshot encoder: one component type per interface
// and per world of the package, each in a type section of its own followed
// by an export section exporting it under the item's plain name (the
// reference's builder starts a new section whenever the kind changes).
#include "plumb/component/encode_package.h"

#include <algorithm>
#include <unordered_set>

#include "encoder.h"
#include "package_docs.h"
#include "plumb/model/elaborate.h"
#include "plumb/wasm/binary_writer.h"

namespace plumb {
namespace encoding {

uint32_t ScopeEncoder::encode_instance(InterfaceId id, bool with_functions) {
  outer_maps_ = std::exchange(maps_, TypeMaps{});
  inner_.emplace();
  const Interface& iface = r_.interface(id);
  for (const auto& [name, type] : iface.types) encode_valtype(Type::ref(type));
  if (with_functions) {
    for (const Function* f : functions_in_order(iface)) {
      uint32_t type = encode_func_type(*f);
      inner_->add_extern(wasm::Decl::Kind::Export, extern_name(f->name, f->external_id),
                         wasm::ExternType{wasm::Sort::Func, type, false, {}});
    }
  }
  wasm::TypeDef instance;
  instance.kind = wasm::TypeDef::Kind::Instance;
  instance.decls = std::move(inner_->decls);
  inner_.reset();
  maps_ = std::move(outer_maps_);
  uint32_t index = outer_.add_type(std::move(instance));
  instance_of_interface_[id.index] = instances_++;
  return index;
}

// Resource functions first, grouped by their resource in type order, then
// the freestanding ones; otherwise as declared (a stable sort).
std::vector<const Function*> ScopeEncoder::functions_in_order(const Interface& iface) {
  std::unordered_map<uint32_t, size_t> position;
  size_t i = 0;
  for (const auto& [name, type] : iface.types) position.emplace(type.index, i++);
  std::vector<std::pair<size_t, const Function*>> keyed;
  for (const auto& [name, f] : iface.functions) {
    size_t key = iface.types.size();
    if (f.has_resource()) {
      if (auto found = position.find(f.resource.index); found != position.end()) key = found->second;
    }
    keyed.emplace_back(key, &f);
  }
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<const Function*> out;
  out.reserve(keyed.size());
  for (const auto& [key, f] : keyed) out.push_back(f);
  return out;
}

wasm::TypeDef ScopeEncoder::finish() {
  wasm::TypeDef component;
  component.kind = wasm::TypeDef::Kind::Component;
  component.decls = std::move(outer_.decls);
  return component;
}

}  // namespace encoding

namespace {

using encoding::ScopeEncoder;

// `id` and the interfaces its types are `use`d from, transitively,
// dependencies first (a post-order walk, without recursion: use chains can
// be as long as the input).
std::vector<InterfaceId> live_interfaces(const Resolve& r, InterfaceId id) {
  std::vector<InterfaceId> order;
  std::unordered_set<uint32_t> seen{id.index};
  std::vector<std::pair<InterfaceId, size_t>> stack{{id, 0}};  // interface, next type to look at
  while (!stack.empty()) {
    auto& [current, next] = stack.back();
    const Interface& iface = r.interface(current);
    if (next == iface.types.size()) {
      order.push_back(current);
      stack.pop_back();
      continue;
    }
    TypeId type = iface.types.at_index(next++).second;
    if (std::optional<InterfaceId> dep = type_interface_dep(r, type); dep && seen.insert(dep->index).second) {
      stack.emplace_back(*dep, 0);
    }
  }
  return order;
}

wasm::ExternName plain_name(std::string name) {
  wasm::ExternName out;
  out.name = std::move(name);
  return out;
}

// An interface: an imported instance per interface it uses types of, with
// those interfaces' types, then its own instance, exported under its id.
wasm::TypeDef encode_interface(const Resolve& r, InterfaceId id, encoding::Problems& problems) {
  ScopeEncoder encoder(r, problems);
  for (InterfaceId live : live_interfaces(r, id)) {
    encoder.set_interface(live);
    bool self = live == id;
    uint32_t type = encoder.encode_instance(live, /*with_functions=*/self);
    encoder.outer().add_extern(self ? wasm::Decl::Kind::Export : wasm::Decl::Kind::Import, plain_name(r.id_of(live)),
                               wasm::ExternType{wasm::Sort::Instance, type, false, {}});
  }
  return encoder.finish();
}

// The import/export name of a world item: its label or interface id, with
// `implements` for a label naming an interface, and its external id.
wasm::ExternName world_item_name(const Resolve& r, const WorldKey& key, const WorldItem& item) {
  wasm::ExternName name;
  name.name = key.is_interface ? r.id_of(key.interface) : std::string(key.name);
  const OptText* external_id = &item.external_id;
  if (item.kind == WorldItemKind::Interface) {
    if (!key.is_interface && !r.interface(item.interface).name.empty()) name.implements = r.id_of(item.interface);
  } else {
    external_id = &item.function.external_id;
  }
  if (external_id->present) name.external_id = std::string(external_id->text());
  return name;
}

void encode_world_item(ScopeEncoder& encoder, const Resolve& r, const WorldKey& key, const WorldItem& item,
                       wasm::Decl::Kind kind) {
  wasm::ExternType type;
  switch (item.kind) {
    case WorldItemKind::Interface:
      encoder.set_interface(item.interface);
      type = {wasm::Sort::Instance, encoder.encode_instance(item.interface, true), false, {}};
      break;
    case WorldItemKind::Function:
      encoder.set_interface(std::nullopt);
      type = {wasm::Sort::Func, encoder.encode_func_type(item.function), false, {}};
      break;
    case WorldItemKind::Type:
      // Its definition, imported under its name, is the whole item.
      encoder.set_interface(std::nullopt);
      encoder.set_import_types(true);
      encoder.encode_valtype(Type::ref(item.type));
      encoder.set_import_types(false);
      return;
  }
  encoder.outer().add_extern(kind, world_item_name(r, key, item), type);
}

wasm::TypeDef encode_world(const Resolve& r, WorldId id, encoding::Problems& problems) {
  ScopeEncoder encoder(r, problems);
  const World& world = r.world(id);
  for (const auto& [key, item] : world.imports) encode_world_item(encoder, r, key, item, wasm::Decl::Kind::Import);
  for (const auto& [key, item] : world.exports) encode_world_item(encoder, r, key, item, wasm::Decl::Kind::Export);
  wasm::TypeDef inner = encoder.finish();
  // The world's component type, exported under the world's id from a
  // component type wrapping it.
  wasm::TypeDef wrapper;
  wrapper.kind = wasm::TypeDef::Kind::Component;
  wasm::Decl& type = wrapper.decls.emplace_back();
  type.kind = wasm::Decl::Kind::Type;
  type.type = std::make_unique<wasm::TypeDef>(std::move(inner));
  wasm::Decl& exported = wrapper.decls.emplace_back();
  exported.kind = wasm::Decl::Kind::Export;
  exported.name = plain_name(r.package(*world.package).name.id_of(world.name));
  exported.extern_type = {wasm::Sort::Component, 0, false, {}};
  return wrapper;
}

// A type section with `type`, then an export section exporting it.
void add_exported_type(wasm::Component& c, std::string_view name, wasm::TypeDef type, uint32_t& type_count) {
  wasm::Section& types = c.sections.emplace_back();
  types.id = wasm::Section::Id::Type;
  types.types.push_back(std::move(type));
  wasm::Section& exports = c.sections.emplace_back();
  exports.id = wasm::Section::Id::Export;
  wasm::Export& e = exports.exports.emplace_back();
  e.name = plain_name(std::string(name));
  e.sort = wasm::Sort::Type;
  e.index = type_count;
  type_count += 2;  // the type, and its export
}

void add_custom(wasm::Component& c, std::string name, std::string data) {
  wasm::Section& s = c.sections.emplace_back();
  s.id = wasm::Section::Id::Custom;
  s.custom_name = std::move(name);
  s.custom_data = std::move(data);
}

}  // namespace

SnapshotResult encode_wit_package(const Resolve& resolve, PackageId pkg) {
  const Package& package = resolve.package(pkg);
  if (package.interfaces.empty() && package.worlds.empty()) {
    // Its snapshot would be a component with no exports, which readers take
    // for a component rather than a package.
    return Unexpected{std::vector<Diagnostic>{
        Diagnostic::error(DiagCode::EmptySnapshot, Span(),
                          "package `" + package.name.to_string() + "` has no interfaces or worlds: there is nothing to build")
            .with_help("a snapshot holds one package, the one at the path; a nested `package ... { }` of a file is a "
                       "dependency, built from a directory of its own")}};
  }
  encoding::Problems problems;
  wasm::Component component;
  uint32_t type_count = 0;
  for (const auto& [name, id] : package.interfaces) {
    add_exported_type(component, name, encode_interface(resolve, id, problems), type_count);
  }
  for (const auto& [name, id] : package.worlds) {
    add_exported_type(component, name, encode_world(resolve, id, problems), type_count);
  }
  if (!problems.list.empty()) return Unexpected{std::move(problems.list)};
  add_custom(component, "package-docs", package_docs_data(resolve, pkg));
  add_custom(component, "producers", wasm::producers_data({{"processed-by", {{"plumb", PLUMB_VERSION}}}}));
  return wasm::write_component(component);
}

}  // namespace plumb
