// The encoder of WIT types into one component type (an interface's or a
// world's), with the instance types nested in it. It follows the
// reference's InterfaceEncoder/ValtypeEncoder (wit-component encoding/),
// so that type indices, deduplication and declaration order, and so the
// bytes, are the same:
//   - each scope (the component type, the instance type being built)
//     remembers the index of every TypeId it has encoded, and an anonymous
//     type is shared with an identical anonymous one (`list<u8>` once);
//   - a type owned by another interface is aliased from that interface's
//     instance (an alias in the component type, cached per TypeId, then an
//     outer alias into the instance);
//   - a named type is exported (or, for world imports, imported) as
//     `(eq N)`, and the name's index stands for it from then on.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "plumb/diagnostics/diagnostic.h"
#include "plumb/model/model.h"
#include "plumb/wasm/component_syntax.h"

namespace plumb::encoding {

// What one index space has encoded: TypeId -> type index, the anonymous
// types by their structure, function signatures.
struct TypeMaps {
  std::unordered_map<uint32_t, uint32_t> id_to_index;
  std::unordered_map<std::string, uint32_t> anonymous_to_index;
  std::unordered_map<std::string, uint32_t> function_to_index;
};

// The declarations of a component or instance type being built, and the
// size of its type index space.
struct Scope {
  std::vector<wasm::Decl> decls;
  uint32_t type_count = 0;

  uint32_t add_type(wasm::TypeDef type);
  // An import (component types) or export of `name`; returns the type index
  // it adds, if it declares a type.
  uint32_t add_extern(wasm::Decl::Kind kind, wasm::ExternName name, wasm::ExternType type);
  uint32_t add_alias(wasm::Alias alias);
};

// What makes a package's bytes an invalid component, each type once: the
// component model has no empty records, flags, enums, variants or tuples.
struct Problems {
  std::vector<Diagnostic> list;
  std::unordered_map<uint32_t, bool> reported;  // TypeId
  void empty_type(const TypeDef& ty, TypeId id);
};

class ScopeEncoder {
 public:
  ScopeEncoder(const Resolve& resolve, Problems& problems) : r_(resolve), problems_(problems) {}

  // The interface whose types are defined here rather than imported.
  void set_interface(std::optional<InterfaceId> id) { interface_ = id; }
  // Whether named types of the component type are imports (world imports).
  void set_import_types(bool on) { import_types_ = on; }

  wasm::ValType encode_valtype(Type type);
  uint32_t encode_func_type(const Function& f);
  // An instance type with every type of `id` and, if `with_functions`, its
  // functions; returns its index in the component type. Registers the
  // instance (the next instance index) as where `id`'s types come from.
  uint32_t encode_instance(InterfaceId id, bool with_functions);

  Scope& outer() { return outer_; }
  wasm::TypeDef finish();

 private:
  Scope& current() { return inner_ ? *inner_ : outer_; }
  TypeMaps& maps() { return maps_; }
  std::optional<uint32_t> lookup(TypeId id);
  void remember(TypeId id, uint32_t index);
  std::optional<uint32_t> maybe_import_type(TypeId id);
  uint32_t import_type(InterfaceId owner, TypeId id);
  uint32_t defined(wasm::DefinedType type);
  uint32_t export_type(uint32_t index, const TypeDef& ty);
  uint32_t export_resource(const TypeDef& ty);
  wasm::ValType encode_kind(const TypeDef& ty, TypeId id, bool& done);
  wasm::DefinedType encode_members(const TypeDef& ty);
  std::optional<wasm::ValType> encode_optional(std::optional<Type> type);
  uint32_t resource_index(TypeId resource);
  std::vector<const Function*> functions_in_order(const Interface& iface);

  const Resolve& r_;
  Problems& problems_;
  Scope outer_;
  std::optional<Scope> inner_;
  TypeMaps maps_;        // of the current scope
  TypeMaps outer_maps_;  // of the component type, while an instance is built
  std::unordered_map<uint32_t, uint32_t> instance_of_interface_;
  std::unordered_map<uint32_t, uint32_t> outer_alias_of_type_;
  uint32_t instances_ = 0;
  bool import_types_ = false;
  std::optional<InterfaceId> interface_;
};

// The name of an item as a component import/export name.
wasm::ExternName extern_name(std::string_view name, const OptText& external_id);

}  // namespace plumb::encoding
