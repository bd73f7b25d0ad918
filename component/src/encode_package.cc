// The top level of the snapshot encoder: one component type per interface
// and per world of the package, each in a type section of its own followed
// by an export section exporting it under the item's plain name (the
// reference's builder starts a new section whenever the kind changes).
#include "plumb/component/encode_package.h"

#include <algorithm>
#include <unordered_set>

#include "encoder.h"
#include "function_order.h"
#include "package_docs.h"
#include "plumb/model/elaborate.h"
#include "plumb/wasm/binary_writer.h"

namespace plumb {
namespace encoding {

uint32_t ScopeEncoder::encode_instance(InterfaceId id, bool with_functions) {
  in_instance_ = true;
  inner_.clear();
  inner_types_ = 0;
  inner_generation_ = cx_.next_generation++;
  inner_functions_.clear();
  const Interface& iface = r_.interface(id);
  for (const auto& [name, type] : iface.types) encode_valtype(Type::ref(type));
  if (with_functions) {
    for (const Function* f : functions_in_order(iface)) {
      uint32_t type = encode_func_type(*f);
      inner_.extern_decl(wasm::Decl::Kind::Export, wasm::NameRef{f->name, std::nullopt, external_id_of(f->external_id)},
                         wasm::ExternType{wasm::Sort::Func, type, false, {}});
    }
  }
  in_instance_ = false;
  outer_.nested(/*component=*/false, inner_);
  instance_of_interface_[id.index] = instances_++;
  return outer_types_++;
}

void ScopeEncoder::outer_extern(wasm::Decl::Kind kind, const wasm::NameRef& name, const wasm::ExternType& type) {
  outer_.extern_decl(kind, name, type);
  if (type.kind == wasm::Sort::Type) ++outer_types_;
}

// The snapshot's order of the functions (function_order.h).
std::vector<const Function*> ScopeEncoder::functions_in_order(const Interface& iface) {
  std::vector<size_t> groups = function_groups(iface);
  std::vector<size_t> order(groups.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return groups[a] < groups[b]; });
  std::vector<const Function*> out;
  out.reserve(order.size());
  for (size_t i : order) out.push_back(&iface.functions.at_index(i).second);
  return out;
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

// An interface: an imported instance per interface it uses types of, with
// those interfaces' types, then its own instance, exported under its id.
void encode_interface(encoding::EncodeContext& cx, InterfaceId id, wasm::ComponentWriter& out) {
  ScopeEncoder encoder(cx);
  for (InterfaceId live : live_interfaces(cx.r, id)) {
    encoder.set_interface(live);
    bool self = live == id;
    uint32_t type = encoder.encode_instance(live, /*with_functions=*/self);
    std::string name = cx.r.id_of(live);
    encoder.outer_extern(self ? wasm::Decl::Kind::Export : wasm::Decl::Kind::Import, wasm::NameRef{name},
                         wasm::ExternType{wasm::Sort::Instance, type, false, {}});
  }
  out.type_section(/*component=*/true, encoder.component_type());
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
  // The label or interface id, with `implements` for a label naming an
  // interface, and the external id.
  std::string name = key.is_interface ? r.id_of(key.interface) : std::string(key.name);
  std::optional<std::string> implements;
  if (item.kind == WorldItemKind::Interface && !key.is_interface && !r.interface(item.interface).name.empty()) {
    implements = r.id_of(item.interface);
  }
  const OptText& external_id = item.kind == WorldItemKind::Interface ? item.external_id : item.function.external_id;
  encoder.outer_extern(kind,
                       wasm::NameRef{name, implements ? std::optional<std::string_view>(*implements) : std::nullopt,
                                     encoding::external_id_of(external_id)},
                       type);
}

// A world: its component type, exported under the world's id from a
// component type wrapping it.
void encode_world(encoding::EncodeContext& cx, WorldId id, wasm::ComponentWriter& out) {
  ScopeEncoder encoder(cx);
  const World& world = cx.r.world(id);
  for (const auto& [key, item] : world.imports) encode_world_item(encoder, cx.r, key, item, wasm::Decl::Kind::Import);
  for (const auto& [key, item] : world.exports) encode_world_item(encoder, cx.r, key, item, wasm::Decl::Kind::Export);
  wasm::DeclWriter wrapper;
  wrapper.nested(/*component=*/true, encoder.component_type());
  std::string name = cx.r.package(*world.package).name.id_of(world.name);
  wrapper.extern_decl(wasm::Decl::Kind::Export, wasm::NameRef{name}, wasm::ExternType{wasm::Sort::Component, 0, false, {}});
  out.type_section(/*component=*/true, wrapper);
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
  encoding::EncodeContext cx(resolve);
  wasm::ComponentWriter out;
  // Each item: a type section with its component type, then an export
  // section exporting it (the type is 2k, its export 2k + 1).
  uint32_t type_count = 0;
  for (const auto& [name, id] : package.interfaces) {
    encode_interface(cx, id, out);
    out.export_section(name, wasm::Sort::Type, type_count);
    type_count += 2;
  }
  for (const auto& [name, id] : package.worlds) {
    encode_world(cx, id, out);
    out.export_section(name, wasm::Sort::Type, type_count);
    type_count += 2;
  }
  if (!cx.problems.list.empty()) return Unexpected{std::move(cx.problems.list)};
  out.custom_section("package-docs", package_docs_data(resolve, pkg));
  out.custom_section("producers", wasm::producers_data({{"processed-by", {{"plumb", PLUMB_VERSION}}}}));
  return out.finish();
}

}  // namespace plumb
