// The parsed form of WebAssembly component text, before inline types are
// hoisted and names are resolved (wat_lower.h). Shapes follow the binary
// syntax (component_syntax.h) with symbolic indices and inline types still
// in place.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "plumb/wasm/component_syntax.h"

namespace plumb::wat {

// `$name` or a number.
struct Index {
  bool is_id = false;
  uint32_t num = 0;
  std::string id;
  size_t offset = 0, length = 0;

  static Index of_id(std::string id, size_t offset = 0, size_t length = 0) {
    return Index{true, 0, std::move(id), offset, length};
  }
};

struct DefinedType;

struct ValType {
  enum class Kind : uint8_t { Prim, Ref, Inline };
  Kind kind = Kind::Prim;
  wasm::PrimValType prim = wasm::PrimValType::Bool;
  Index ref;
  std::unique_ptr<DefinedType> inline_def;
  size_t offset = 0;
};

struct DefinedType {
  wasm::DefinedKind kind = wasm::DefinedKind::Primitive;
  wasm::PrimValType prim = wasm::PrimValType::Bool;
  std::vector<std::pair<std::string, ValType>> fields;                // Record
  std::vector<std::pair<std::string, std::optional<ValType>>> cases;  // Variant
  std::vector<std::string> names;                                     // Flags, Enum
  std::vector<ValType> types;                                         // Tuple
  std::optional<ValType> a, b;  // as in wasm::DefinedType (presence = has_a / has_b)
  uint32_t length = 0;          // FixedList
  Index resource;               // Own, Borrow
  size_t offset = 0;
};

struct FuncType {
  bool async = false;
  std::vector<std::pair<std::string, ValType>> params;
  std::optional<ValType> result;
};

struct Decl;

struct TypeDef {
  enum class Kind : uint8_t { Defined, Func, Component, Instance };
  Kind kind = Kind::Defined;
  DefinedType defined;
  FuncType func;
  std::vector<Decl> decls;  // Component, Instance
  size_t offset = 0;
};

// What an import/export declares (`(func ...)`, `(instance ...)`, `(type
// (eq ...))`, ...).
struct ItemSig {
  wasm::Sort kind = wasm::Sort::Type;
  std::optional<std::string> id;
  // Func, Component, Instance: `(type idx)`, or a type written inline.
  Index type;
  std::unique_ptr<TypeDef> inline_type;
  // Type: `(sub resource)` or `(eq idx)`.
  bool sub_resource = false;
  Index eq;
  size_t offset = 0;
};

struct Alias {
  wasm::Alias::Target target = wasm::Alias::Target::Outer;
  wasm::Sort sort = wasm::Sort::Type;
  Index instance;    // InstanceExport
  std::string name;  // InstanceExport
  Index outer;       // Outer: the enclosing scope (a count or a `$name`)
  Index index;       // Outer
  std::optional<std::string> id;
  size_t offset = 0;
};

// A declaration inside a component or instance type.
struct Decl {
  enum class Kind : uint8_t { Type, Alias, Import, Export };
  Kind kind = Kind::Type;
  std::optional<std::string> id;  // Type
  std::unique_ptr<TypeDef> type;  // Type
  Alias alias;                    // Alias
  wasm::ExternName name;          // Import, Export
  ItemSig sig;                    // Import, Export
  size_t offset = 0;
};

// A field of the component itself.
struct Field {
  enum class Kind : uint8_t { Type, Export, Import, Custom, Producers };
  Kind kind = Kind::Type;
  std::optional<std::string> id;                // Type, Export
  std::vector<wasm::ExternName> inline_exports;  // Type: `(type $t (export "name") ...)`
  std::unique_ptr<TypeDef> type;                // Type
  wasm::ExternName name;                        // Export, Import
  wasm::Sort sort = wasm::Sort::Type;           // Export: the kind of item exported
  Index index;                                  // Export
  std::unique_ptr<ItemSig> ascribed;            // Export: an optional type ascription
  ItemSig sig;                                  // Import
  std::string custom_name, custom_data;         // Custom
  // Producers: field name -> (name, version) pairs.
  std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>> producers;
  size_t offset = 0;
};

struct Component {
  std::optional<std::string> id;
  std::vector<Field> fields;
};

}  // namespace plumb::wat
