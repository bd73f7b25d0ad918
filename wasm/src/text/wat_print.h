// The component printer behind print_wat (wat_printer.h): it walks the
// syntax of a component and writes it with WatWriter, numbering each item
// in its index space the way wasmprinter does.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "plumb/wasm/component_syntax.h"
#include "wat_names.h"
#include "wat_writer.h"

namespace plumb::wasm::text {

Space space_of(Sort sort);

// One scope (the component, or a component or instance type): how many
// items each index space holds so far, and their names (the component's
// only: the items of a type are not named).
struct Scope {
  std::array<uint32_t, kSpaces> counts{};
  const ComponentNames* names = nullptr;
};

class ComponentPrinter {
 public:
  ComponentPrinter(WatWriter& out, const ComponentNames& names) : out_(out) { scopes_.emplace_back().names = &names; }

  // Top-level items, each on a line of its own.
  void type_def(const TypeDef& type);
  void import(const ExternName& name, const ExternType& type);
  void export_(const Export& e);
  void alias(const Alias& a);

 private:
  // `$name (;N;)`, or `(;N;)`, for a new item of `space`, counting it.
  void define(Space space);
  // Item `index` of `space` of `scope` (default: the current one).
  void reference(Space space, uint32_t index, const Scope& scope);
  void reference(Space space, uint32_t index) { reference(space, index, scopes_.back()); }

  void val_type(const ValType& type);
  void defined_type(const DefinedType& type);
  void record_or_variant(const DefinedType& type);
  void func_type(const FuncType& type);
  void resource_type(const TypeDef& type);
  void decls(const char* keyword, const std::vector<Decl>& decls);
  void decl(const Decl& d);
  void extern_name(const ExternName& name);
  // What an import or export declares; with `numbered`, the index it adds.
  void extern_type(const ExternType& type, bool numbered);
  void start_sort_group(Sort sort);
  void outer_alias(const Alias& a);
  void core_export_alias(const Alias& a);
  // `(keyword (;N;))` for a new item of `space`.
  void numbered_group(const char* keyword, Space space);

  WatWriter& out_;
  std::vector<Scope> scopes_;
};

}  // namespace plumb::wasm::text
