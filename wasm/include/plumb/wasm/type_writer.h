// Writing component and instance types straight to bytes, declaration by
// declaration, as wasm-encoder does: for an encoder that produces large
// types and has no use for the syntax tree of component_syntax.h (which
// the WAT reader and write_component use). The bytes are the same.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "plumb/wasm/component_syntax.h"

namespace plumb::wasm {

// An import/export name and its attributes, as views.
struct NameRef {
  std::string_view name;
  std::optional<std::string_view> implements = std::nullopt;
  std::optional<std::string_view> external_id = std::nullopt;
};

// The declarations of one component type (0x41) or instance type (0x42).
// A defined type is begun with begin_defined (or begin_func), then given
// its operands in the binary's order with the operand writers.
class DeclWriter {
 public:
  void begin_defined(DefinedKind kind);  // `01`, then the kind byte (none for Primitive)
  void begin_func(bool async, uint32_t params);  // `01 40|43 count`; then `name` + `valtype` each
  void func_result(const std::optional<ValType>& result);
  void nested(bool component, const DeclWriter& body);  // `01 41|42` and body's declarations
  void extern_decl(Decl::Kind kind, const NameRef& name, const ExternType& type);  // Import or Export
  void alias_export(Sort sort, uint32_t instance, std::string_view name);
  void alias_outer(Sort sort, uint32_t count, uint32_t index);

  // Operands.
  void byte(uint8_t b);
  void u32(uint32_t v);
  void name(std::string_view s);
  void valtype(const ValType& v);
  void optional_valtype(const std::optional<ValType>& v);

  void clear() {
    out_.clear();
    count_ = 0;
  }
  uint32_t count() const { return count_; }
  const std::string& bytes() const { return out_; }

 private:
  std::string out_;
  uint32_t count_ = 0;
};

// A component written section by section (for packages: type sections
// with one type each, export sections with one export each, custom
// sections).
class ComponentWriter {
 public:
  ComponentWriter();
  void type_section(bool component, const DeclWriter& type);
  void export_section(std::string_view name, Sort sort, uint32_t index);
  void custom_section(std::string_view name, std::string_view data);
  std::string finish() { return std::move(out_); }

 private:
  std::string out_;
};

}  // namespace plumb::wasm
