// The component printer behind print_wat (wat_printer.h): it walks the
// syntax of a component and writes it with WatWriter, numbering each item
// in its index space the way wasmprinter does.
#pragma once

#include <cstdint>
#include <vector>

#include "plumb/wasm/component_syntax.h"
#include "wat_writer.h"

namespace plumb::wasm::text {

// How many items each index space of one scope (the component, or a
// component or instance type) holds so far.
struct IndexSpaces {
  uint32_t types = 0, instances = 0, funcs = 0, components = 0, values = 0;
  uint32_t core_modules = 0, core_types = 0;
  uint32_t core_funcs = 0, core_tables = 0, core_memories = 0, core_globals = 0, core_tags = 0;
};

class ComponentPrinter {
 public:
  explicit ComponentPrinter(WatWriter& out) : out_(out) { scopes_.emplace_back(); }

  // Top-level items, each on a line of its own.
  void type_def(const TypeDef& type);
  void import(const ExternName& name, const ExternType& type);
  void export_(const Export& e);
  void alias(const Alias& a);

 private:
  IndexSpaces& scope() { return scopes_.back(); }

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
  // `(;N;)` for a new item of `sort` in the current scope, counting it.
  void number_new(Sort sort);
  void start_sort_group(Sort sort);
  void outer_alias(const Alias& a);
  void core_export_alias(const Alias& a);
  // Counts `count` for its keyword and writes `(keyword (;N;))`.
  void numbered_group(const char* keyword, uint32_t& count);

  WatWriter& out_;
  std::vector<IndexSpaces> scopes_;
};

}  // namespace plumb::wasm::text
