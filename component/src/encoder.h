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
// Declarations go straight to bytes (wasm/type_writer.h).
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "plumb/diagnostics/diagnostic.h"
#include "plumb/model/model.h"
#include "plumb/wasm/type_writer.h"

namespace plumb::encoding {

// What makes a package's bytes an invalid component, each type once: the
// component model has no empty records, flags, enums, variants or tuples.
struct Problems {
  std::vector<Diagnostic> list;
  std::unordered_set<uint32_t> reported;  // TypeIds
  void empty_type(const TypeDef& ty, TypeId id);
};

// A memo from a dense key (a TypeId, a class of anonymous types) to a type
// index, for one scope at a time: entries of other scopes are told apart by
// the generation they were written in, so starting a scope costs nothing.
class ScopeMemo {
 public:
  std::optional<uint32_t> find(uint32_t key, uint32_t generation) const {
    if (key < generation_.size() && generation_[key] == generation) return index_[key];
    return std::nullopt;
  }
  void set(uint32_t key, uint32_t generation, uint32_t index) {
    if (key >= generation_.size()) {
      generation_.resize(key + 1, 0);
      index_.resize(key + 1, 0);
    }
    generation_[key] = generation;
    index_[key] = index;
  }

 private:
  std::vector<uint32_t> generation_, index_;
};

// What the encoders of one package share: the memos of the two scope
// levels (component type, instance type) and the classes of anonymous
// types (two anonymous types of the same structure share a class).
struct EncodeContext {
  explicit EncodeContext(const Resolve& resolve) : r(resolve) {}
  uint32_t anonymous_class(TypeId id);

  const Resolve& r;
  Problems problems;
  ScopeMemo by_id[2], by_class[2];  // [0]: component type, [1]: instance type
  uint32_t next_generation = 1;
  std::vector<uint32_t> class_of_type;  // TypeId -> class + 1 (0: not computed)
  std::unordered_map<std::string, uint32_t> class_of_key;
  std::string key_buffer;
};

class ScopeEncoder {
 public:
  explicit ScopeEncoder(EncodeContext& cx) : cx_(cx), r_(cx.r), outer_generation_(cx.next_generation++) {}

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
  // An import or export of the component type.
  void outer_extern(wasm::Decl::Kind kind, const wasm::NameRef& name, const wasm::ExternType& type);

  const wasm::DeclWriter& component_type() const { return outer_; }

 private:
  int level() const { return in_instance_ ? 1 : 0; }
  uint32_t generation() const { return in_instance_ ? inner_generation_ : outer_generation_; }
  wasm::DeclWriter& decls() { return in_instance_ ? inner_ : outer_; }
  uint32_t& type_count() { return in_instance_ ? inner_types_ : outer_types_; }

  std::optional<uint32_t> lookup(TypeId id);
  void remember(TypeId id, uint32_t index);
  std::optional<uint32_t> maybe_import_type(TypeId id);
  uint32_t import_type(InterfaceId owner, TypeId id);
  uint32_t export_type(uint32_t index, const TypeDef& ty, bool resource);
  wasm::ValType encode_kind(const TypeDef& ty, TypeId id, bool& done);
  uint32_t encode_members(const TypeDef& ty, TypeId id);
  uint32_t encode_elements(const TypeDef& ty);
  std::optional<wasm::ValType> encode_optional(std::optional<Type> type);
  std::vector<const Function*> functions_in_order(const Interface& iface);

  EncodeContext& cx_;
  const Resolve& r_;
  wasm::DeclWriter outer_, inner_;
  uint32_t outer_types_ = 0, inner_types_ = 0;
  uint32_t outer_generation_, inner_generation_ = 0;
  bool in_instance_ = false;
  std::unordered_map<std::string, uint32_t> outer_functions_, inner_functions_;  // signature -> type index
  std::vector<std::optional<wasm::ValType>> value_stack_;  // member and parameter types being encoded
  std::unordered_map<uint32_t, uint32_t> instance_of_interface_;
  std::unordered_map<uint32_t, uint32_t> outer_alias_of_type_;
  uint32_t instances_ = 0;
  bool import_types_ = false;
  std::optional<InterfaceId> interface_;
};

// The external id of an item, as a name attribute.
inline std::optional<std::string_view> external_id_of(const OptText& id) {
  return id.present ? std::optional<std::string_view>(id.text()) : std::nullopt;
}

}  // namespace plumb::encoding
