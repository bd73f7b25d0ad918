// The types of a component, as the reference's validator (wasmparser)
// records them, checked from the syntax: every type definition gets an
// identity, `(eq T)` bounds and aliases keep pointing at the identity they
// name, and component/instance types become maps of named items.
//
// Identity matters to the WIT decoder: the reference tells "a new type" from
// "another name for a type already seen" by these identities. Like
// wasmparser, a type exported with `(eq T)` gets a fresh alias identity whose
// parent is T, so `peel` walks back to what it names.
//
// Concrete components (what a toolchain produces) are checked as far as their
// imports and exports need: instances (instantiation substitutes the
// arguments' resources and types into the component's exports, and defined
// resources get fresh identities), lifted functions, aliases and nested
// components. Not modelled: core modules, core instances and core types,
// values, and subtyping (an instantiation argument or an export ascription
// is taken to match what it is given for; the reference also checks it).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "plumb/diagnostics/expected.h"
#include "plumb/support/index_map.h"
#include "plumb/wasm/component_syntax.h"

namespace plumb::wasm {

constexpr uint32_t kNoAlias = UINT32_MAX;

enum class AnyKind : uint8_t { Defined, Func, Instance, Component, Resource };

// The identity of a type. Defined types and resources may be aliases
// (alias != kNoAlias) of another identity of the same index.
struct AnyId {
  AnyKind kind = AnyKind::Defined;
  uint32_t index = 0;
  uint32_t alias = kNoAlias;
  friend bool operator==(const AnyId&, const AnyId&) = default;
};

struct AnyIdHash {
  size_t operator()(const AnyId& id) const {
    return (static_cast<size_t>(id.kind) * 0x9E3779B1u) ^ (static_cast<size_t>(id.index) << 20) ^ id.alias;
  }
};

// A value type: a primitive or a defined type.
struct CValType {
  bool is_prim = true;
  PrimValType prim = PrimValType::Bool;
  AnyId defined;  // kind Defined
};

struct CDefined {
  DefinedKind kind = DefinedKind::Primitive;
  PrimValType prim = PrimValType::Bool;
  std::vector<std::pair<std::string, CValType>> fields;                 // Record
  std::vector<std::pair<std::string, std::optional<CValType>>> cases;  // Variant
  std::vector<std::string> names;                                       // Flags, Enum
  std::vector<CValType> types;                                          // Tuple
  CValType a, b;                                                        // as in DefinedType
  bool has_a = false, has_b = false;
  uint32_t length = 0;
  AnyId resource;  // Own, Borrow: kind Resource
  uint32_t depth = 1;  // structural nesting (bounded, as the reference bounds it)
};

struct CFunc {
  bool async = false;
  std::vector<std::pair<std::string, CValType>> params;
  std::optional<CValType> result;
};

// What an import or export is: the reference's ComponentEntityType.
struct Entity {
  Sort kind = Sort::Type;
  AnyId referenced;  // Type: what the bound names
  AnyId created;     // Type: the identity the import/export introduces
  uint32_t id = 0;   // Func, Instance, Component: index into the store
};

// A named import or export: the reference's ComponentItem.
struct Item {
  Entity entity;
  std::optional<std::string> implements;
  std::optional<std::string> version_suffix;
  std::optional<std::string> external_id;
};

using ItemMap = IndexMap<std::string, Item>;

// Resources (by index) with the path that reaches each one: the index of
// an import or export, then of an export inside each instance on the way.
using ResourcePaths = IndexMap<uint32_t, std::vector<uint32_t>>;

struct CInstance {
  ItemMap exports;
  // Resources this instance type itself declares (`(sub resource)`
  // exports); empty for the type of a concrete instance.
  ResourcePaths defined_resources;  // paths unused
  // Resources this instance exports, whoever defines them.
  ResourcePaths explicit_resources;
};

struct CComponent {
  ItemMap imports;
  ItemMap exports;
  ResourcePaths imported_resources;  // the path of each resource it imports
  ResourcePaths defined_resources;   // resources its exports use that it defines
  ResourcePaths explicit_resources;  // resources it exports
};

class TypeStore {
 public:
  std::vector<CDefined> defined;
  std::vector<CFunc> funcs;
  std::vector<CInstance> instances;
  std::vector<CComponent> components;
  uint32_t resources = 0;

  // A new identity that is an alias of `id` (only defined types and
  // resources can be aliased; other kinds are returned unchanged).
  AnyId with_unique(AnyId id);
  // What `id` is an alias of, if it is one.
  std::optional<AnyId> peel(AnyId id) const;
  AnyId new_resource() { return AnyId{AnyKind::Resource, resources++, kNoAlias}; }

  const CDefined& def(AnyId id) const { return defined[id.index]; }

 private:
  std::vector<uint32_t> alias_parent_;  // alias id -> the alias id it refines (or kNoAlias)
};

// The top-level items of a checked component, in order.
struct CheckedComponent {
  TypeStore types;
  struct Extern {
    std::string name;
    bool is_export = false;
    Item item;
  };
  std::vector<Extern> externs;  // top-level imports and exports, in order
  // True when the binary has sections a WIT package never has (core modules,
  // instances, canonical functions, resource definitions, imports, ...): it
  // is a concrete component.
  bool concrete = false;
};

// Checks `component`: its types, or the first error (at a byte offset, in
// the section that holds it, see label_section).
Expected<CheckedComponent> check_component(const Component& component);

}  // namespace plumb::wasm
