// The type checker of component binaries (see component_types.h), shared by
// the files that implement it: component_types.cc checks type definitions
// and declarations, concrete_checks.cc the sections of a concrete component
// (imports, instances, aliases, canonical functions, nested components,
// exports). Private to the wasm layer.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "plumb/diagnostics/diagnostic_error.h"
#include "plumb/wasm/component_types.h"

namespace plumb::wasm::check {

constexpr DiagCode kInvalid = DiagCode::InvalidComponent;

enum class ScopeKind { Component, ComponentType, InstanceType };

// Whether an entity is being imported or exported by the current scope, or
// neither (an alias brings it into an index space).
enum class ExternKind { Import, Export, None };

// The index spaces of one component, component type or instance type while
// its declarations are checked, and what it knows of its resources.
struct Scope {
  explicit Scope(ScopeKind k) : kind(k) {}
  ScopeKind kind;
  std::vector<AnyId> types;
  std::vector<uint32_t> funcs;       // func type ids
  std::vector<uint32_t> instances;   // instance type ids
  std::vector<uint32_t> components;  // component type ids
  ItemMap imports, exports;
  std::set<std::string> import_names, export_names;  // by kind; kebab names lower-cased
  ResourcePaths imported_resources;  // each imported resource: where it is imported
  ResourcePaths defined_resources;   // resources defined here (paths unused)
  ResourcePaths explicit_resources;  // each exported resource: where it is exported
};

const char* sort_desc(Sort s);

class Checker {
 public:
  explicit Checker(TypeStore& store) : t_(store) {}

  // Checks the top-level component `c`, recording its imports and exports.
  void check_top(const Component& c, CheckedComponent& out);

 private:
  Scope& cur() { return stack_.back(); }

  // Lookups into the current scope's index spaces (errors as the reference's).
  AnyId type_at(uint32_t idx, size_t at);
  // The id of type `idx`, which must be of `kind` ("type index N is not a <what> type").
  uint32_t type_of_kind(uint32_t idx, size_t at, AnyKind kind, const char* what);
  uint32_t func_at(uint32_t idx, size_t at);
  uint32_t instance_at(uint32_t idx, size_t at);
  uint32_t component_at(uint32_t idx, size_t at);
  AnyId resource_at(uint32_t idx, size_t at);

  // Type definitions and declarations (component_types.cc).
  CValType valtype(const ValType& v, size_t at);
  void unique_names(const std::vector<std::string>& names, const char* what, size_t at);
  CDefined defined(const DefinedType& d, size_t at);
  CDefined defined_shape(const DefinedType& d, size_t at);
  CFunc func(const FuncType& f, size_t at);
  void add_type(const TypeDef& def);
  void decl(const Decl& d);
  void alias(const Alias& a, size_t at);
  Entity entity(const ExternType& t, size_t at);
  void check_name(const ExternName& name, const Entity& e, bool is_import, size_t at, std::set<std::string>& names);
  void register_name(const ExternName& name, const Entity& e, bool is_import, size_t at);

  // Index spaces and resources (concrete_checks.cc).
  void add_entity(Entity& e, ExternKind kind);
  void prepare_instance_import(uint32_t& id);
  void prepare_instance_export(uint32_t& id);
  CComponent finish_component(Scope& s, size_t at);

  // The sections of a concrete component (concrete_checks.cc).
  void component_body(const Component& c, CheckedComponent* top);
  void type_section(const Section& s, CheckedComponent* top);
  void nested_component(const Component& c, size_t at);
  void instance_section(const Section& s);
  uint32_t instantiate(const ComponentInstance& inst);
  uint32_t instance_from_exports(const ComponentInstance& inst);
  Entity sort_entity(Sort sort, uint32_t index, size_t at);
  void canon_section(const Section& s);
  Item import_item(const Import& i);
  Item export_item(const Export& e);

  TypeStore& t_;
  std::vector<Scope> stack_;
};

}  // namespace plumb::wasm::check
