// The decoder of binary WIT packages (decode_package.h), shared by its two
// files: decode_package.cc decodes the packages, interfaces and worlds,
// decode_types.cc their types and functions.
#pragma once

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "decode_package.h"
#include "plumb/diagnostics/diagnostic_error.h"
#include "plumb/model/elaborate.h"
#include "plumb/wasm/binary_reader.h"
#include "plumb/wasm/component_names.h"
#include "plumb/wasm/component_types.h"

namespace plumb::wit_decode {

using wasm::AnyId;
using wasm::AnyKind;
using wasm::CDefined;
using wasm::CValType;
using wasm::ComponentName;
using wasm::DefinedKind;
using wasm::Item;
using wasm::ItemMap;
using wasm::NameKind;
using wasm::Sort;

constexpr std::string_view kPackageDocs = "package-docs";

constexpr DiagCode kUndecodable = DiagCode::UndecodableWit;

inline Type primitive(wasm::PrimValType p) {
  switch (p) {
    case wasm::PrimValType::Bool: return Type::primitive(Type::Bool);
    case wasm::PrimValType::S8: return Type::primitive(Type::S8);
    case wasm::PrimValType::U8: return Type::primitive(Type::U8);
    case wasm::PrimValType::S16: return Type::primitive(Type::S16);
    case wasm::PrimValType::U16: return Type::primitive(Type::U16);
    case wasm::PrimValType::S32: return Type::primitive(Type::S32);
    case wasm::PrimValType::U32: return Type::primitive(Type::U32);
    case wasm::PrimValType::S64: return Type::primitive(Type::S64);
    case wasm::PrimValType::U64: return Type::primitive(Type::U64);
    case wasm::PrimValType::F32: return Type::primitive(Type::F32);
    case wasm::PrimValType::F64: return Type::primitive(Type::F64);
    case wasm::PrimValType::Char: return Type::primitive(Type::Char);
    case wasm::PrimValType::String: return Type::primitive(Type::String);
    case wasm::PrimValType::ErrorContext: return Type::primitive(Type::ErrorContext);
  }
  return Type::primitive(Type::Bool);
}

inline const char* kind_name(const TypeDef& t) {
  switch (t.kind) {
    case TypeDefKind::Record: return "record";
    case TypeDefKind::Resource: return "resource";
    case TypeDefKind::Handle: return t.handle == HandleKind::Own ? "own" : "borrow";
    case TypeDefKind::Flags: return "flags";
    case TypeDefKind::Tuple: return "tuple";
    case TypeDefKind::Variant: return "variant";
    case TypeDefKind::Enum: return "enum";
    case TypeDefKind::Option: return "option";
    case TypeDefKind::Result: return "result";
    case TypeDefKind::List: return "list";
    case TypeDefKind::Map: return "map";
    case TypeDefKind::FixedList: return "fixed-length list";
    case TypeDefKind::Future: return "future";
    case TypeDefKind::Stream: return "stream";
    case TypeDefKind::Alias: return "type";
    case TypeDefKind::Unknown: return "unknown";
  }
  return "unknown";
}

inline ComponentName parse_name(std::string_view name) {
  auto parsed = wasm::parse_component_name(name);
  if (!parsed)
    raise(kUndecodable, Span(), "cannot extract item name from: " + std::string(name) + ": " + parsed.error());
  return std::move(parsed).value();
}

// A package's items while it is being decoded, before it gets an id.
struct PendingPackage {
  PackageName name;
  IndexMap<std::string_view, InterfaceId> interfaces;
  IndexMap<std::string_view, WorldId> worlds;
};

struct OwnerKey {
  TypeOwnerKind kind;
  uint32_t index;
  friend auto operator<=>(const OwnerKey&, const OwnerKey&) = default;
};

class Decoder {
 public:
  Decoder(const wasm::TypeStore& types, Resolve& r, Strings& strings) : t_(types), r_(r), s_(strings) {}

  // An exported component type of the package: an interface or a world.
  PackageName decode_item(const wasm::CComponent& component, PendingPackage& main);

  // A concrete component: its imports and exports as the world `root` of
  // the package `root:component`, as the reference shows it.
  void decode_component(const std::vector<wasm::CheckedComponent::Extern>& externs, PendingPackage& main);

  // Adds the foreign packages (dependencies first) and then `main` to the
  // Resolve; returns main's id.
  PackageId finish(PendingPackage main);

 private:
  std::string_view keep(std::string_view s) { return s_.add(s); }

  PackageName package_name(const ComponentName& name, const Item& item);

  PackageName decode_interface(const std::string& name, const ItemMap& imports, const Item& item,
                               PendingPackage& main);

  PackageName decode_world(const std::string& name, const Item& item, PendingPackage& main);

  // An interface known by its full name: one of this package's (already
  // decoded: its types must all be there) or a foreign one (created on
  // first use and filled in with what each use shows of it).
  InterfaceId register_import(const std::string& name, const Item& item);

  InterfaceId extract_dep_interface(const std::string& name, const Item& item);

  // A whole interface of this package, or an inline interface of a world
  // (a plain name: no interface name, keyed by the name in the world).
  std::pair<WorldKey, InterfaceId> register_interface(const std::string& name, const Item& item,
                                                      PendingPackage& pkg);

  TypeId register_type_export(const std::string& name, const Item& item, TypeOwner owner);

  void map_created(AnyId created, TypeId id, const std::string& name);

  std::optional<TypeId> find_alias(AnyId id) const;

  void register_world(const std::string& name, const wasm::CComponent& ty, PendingPackage& pkg);

  // A world's import or export (an import of a component that a world
  // cannot have, such as a core module, is left out of its world).
  std::pair<WorldKey, WorldItem> world_function(const std::string& name, const Item& item, TypeOwner owner);
  std::optional<std::pair<WorldKey, WorldItem>> world_import(const std::string& name, const Item& item,
                                                             TypeOwner owner, PendingPackage& pkg, bool of_component);
  std::pair<WorldKey, WorldItem> world_export(const std::string& name, const Item& item, TypeOwner owner,
                                              PendingPackage& pkg);

  // An interface imported or exported by a world: `ns:pkg/iface` (keyed by
  // the interface), `label (implements "ns:pkg/iface")` (keyed by the label)
  // or an inline interface (keyed by the label).
  std::pair<WorldKey, WorldItem> decode_world_instance(const std::string& name, const Item& item,
                                                       PendingPackage& pkg);

  TypeId resource_of(TypeOwner owner, std::string_view resource, const std::string& func);

  Function convert_function(const std::string& name, const Item& item, TypeOwner owner);

  Type convert_valtype(const CValType& v);

  TypeId handle_target(AnyId resource);

  TypeDef convert_defined(const CDefined& d);
  void convert_members(const CDefined& d, TypeDef& out);

  // A type seen again (a second use of a foreign interface, or a world's
  // view of one): ties the anonymous types inside its wasm definition to
  // the ones already made for it, so they are not made twice.
  void register_defined(TypeId id, const CDefined& d);
  void register_members(const TypeDef& wit, const CDefined& d);

  void register_valtype(const CValType& wasm, const Type& wit);

  // Visits the foreign packages in dependency order (a package after those
  // its interfaces use types from).
  void visit_package(size_t idx, std::vector<size_t>& order, std::vector<int>& state);

  PackageId insert_package(PendingPackage pkg);

  const wasm::TypeStore& t_;
  Resolve& r_;
  Strings& s_;
  IndexMap<std::string, PendingPackage> foreign_;
  std::unordered_map<uint32_t, size_t> iface_to_package_;
  std::unordered_map<std::string, InterfaceId> named_interfaces_;
  std::map<OwnerKey, std::unordered_map<std::string, TypeId>> resources_;
  std::unordered_map<AnyId, TypeId, wasm::AnyIdHash> type_map_;
};

}  // namespace plumb::wit_decode
