// The syntax of a WebAssembly component binary, as far as WIT packages need
// it: the sections, the type definitions and the declarations inside
// component and instance types. Indices are still plain numbers here; what
// they refer to is worked out by the type checker (component_types.h).
//
// The binary reader (binary_reader.h) produces this from bytes, the WAT
// reader (wat_parser.h) lowers text to it, and the binary writer
// (binary_writer.h) turns it back into bytes.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "plumb/diagnostics/codes.h"
#include "plumb/diagnostics/diagnostic.h"

namespace plumb::wasm {

enum class PrimValType : uint8_t {
  Bool = 0x7f, S8 = 0x7e, U8 = 0x7d, S16 = 0x7c, U16 = 0x7b, S32 = 0x7a, U32 = 0x79,
  S64 = 0x78, U64 = 0x77, F32 = 0x76, F64 = 0x75, Char = 0x74, String = 0x73, ErrorContext = 0x64,
};

// True (and `out` set) when `byte` encodes a primitive value type.
bool prim_from_byte(uint8_t byte, PrimValType& out);

// A value type: a primitive, or the index of a defined type.
struct ValType {
  bool is_prim = true;
  PrimValType prim = PrimValType::Bool;
  uint32_t index = 0;

  static ValType primitive(PrimValType p) { return ValType{true, p, 0}; }
  static ValType type(uint32_t i) { return ValType{false, PrimValType::Bool, i}; }
};

// The leading byte of each defined type in the binary.
enum class DefinedKind : uint8_t {
  Primitive = 0, Record = 0x72, Variant = 0x71, List = 0x70, Tuple = 0x6f, Flags = 0x6e, Enum = 0x6d,
  Option = 0x6b, Result = 0x6a, Own = 0x69, Borrow = 0x68, FixedList = 0x67, Stream = 0x66, Future = 0x65,
  Map = 0x63,
};

struct NamedValType {
  std::string name;
  ValType type;
};

struct VariantCase {
  std::string name;
  std::optional<ValType> type;
};

struct DefinedType {
  DefinedKind kind = DefinedKind::Primitive;
  PrimValType prim = PrimValType::Bool;  // Primitive
  std::vector<NamedValType> fields;      // Record
  std::vector<VariantCase> cases;        // Variant
  std::vector<std::string> names;        // Flags, Enum
  std::vector<ValType> types;            // Tuple
  // List, FixedList, Option, Map (key): `a`; Map (value): `b`.
  // Result: ok (`a`, if has_a) and err (`b`, if has_b); Future/Stream: `a` if has_a.
  ValType a, b;
  bool has_a = false, has_b = false;
  uint32_t length = 0;    // FixedList
  uint32_t resource = 0;  // Own, Borrow: a type index
};

struct FuncType {
  bool async = false;
  std::vector<NamedValType> params;
  std::optional<ValType> result;
};

// An import/export name with the optional attributes of the `0x02` form.
struct ExternName {
  std::string name;
  std::optional<std::string> implements;
  std::optional<std::string> version_suffix;
  std::optional<std::string> external_id;
};

// The sort byte(s) of aliases and exports.
enum class Sort : uint8_t { CoreModule = 0x11, Func = 0x01, Value = 0x02, Type = 0x03, Component = 0x04, Instance = 0x05 };

// What an import or export declares: `externdesc` in the binary spec.
struct ExternType {
  Sort kind = Sort::Type;
  uint32_t index = 0;           // Func, Instance, Component, CoreModule: a type index; Type(eq): the bound
  bool sub_resource = false;    // Type: `(sub resource)` rather than `(eq index)`
  ValType value;                // Value
};

struct Alias {
  enum class Target : uint8_t { InstanceExport = 0, CoreInstanceExport = 1, Outer = 2 };
  Target target = Target::InstanceExport;
  Sort sort = Sort::Type;
  uint32_t instance = 0;  // InstanceExport
  std::string name;       // InstanceExport
  uint32_t count = 0;     // Outer
  uint32_t index = 0;     // Outer
  // The core sort byte: CoreInstanceExport (0x00 func ... 0x04 tag), Outer
  // with sort CoreModule (0x10 core type, 0x11 core module).
  uint8_t core_sort = 0;
  size_t offset = 0;  // where it starts, for errors
};

struct TypeDef;

// One declaration inside a component type (0x41) or instance type (0x42).
struct Decl {
  enum class Kind : uint8_t { CoreType = 0, Type = 1, Alias = 2, Import = 3, Export = 4 };
  Kind kind = Kind::Type;
  std::unique_ptr<TypeDef> type;  // Type
  Alias alias;                    // Alias
  ExternName name;                // Import, Export
  ExternType extern_type;         // Import, Export
  size_t offset = 0;              // where it starts, for errors
};

struct TypeDef {
  enum class Kind : uint8_t { Defined, Func, Component, Instance, Resource };
  Kind kind = Kind::Defined;
  DefinedType defined;
  FuncType func;
  std::vector<Decl> decls;  // Component, Instance
  uint8_t resource_rep = 0x7f;                // Resource: the core type byte (i32 or i64)
  std::optional<uint32_t> resource_dtor;      // Resource: a core function index
  size_t offset = 0;
};

struct Export {
  ExternName name;
  Sort sort = Sort::Type;
  uint32_t index = 0;
  std::optional<ExternType> ascribed;
  size_t offset = 0;
};

struct Import {
  ExternName name;
  ExternType type;
  size_t offset = 0;
};

// An argument of `instantiate`, or one export of an instance made from
// exports: a name and the item (sort, index) it names.
struct SortIndex {
  ExternName name;
  Sort sort = Sort::Type;
  uint32_t index = 0;
};

// An entry of the instance section: `(instantiate component args)`, or a
// bag of exports.
struct ComponentInstance {
  bool instantiate = true;
  uint32_t component = 0;         // instantiate
  std::vector<SortIndex> items;   // instantiate: its args; otherwise its exports
  size_t offset = 0;
};

// An entry of the canon section. Only `lift` adds to the component's index
// spaces (a function of `type`); every other definition adds a core function.
struct CanonFunc {
  bool lift = false;
  uint32_t type = 0;  // lift: the index of its component function type
  size_t offset = 0;
};

struct Component;

struct Section {
  enum class Id : uint8_t {
    Custom = 0, CoreModule = 1, CoreInstance = 2, CoreType = 3, Component = 4, Instance = 5, Alias = 6,
    Type = 7, Canon = 8, Start = 9, Import = 10, Export = 11, Value = 12,
  };
  Id id = Id::Custom;
  size_t offset = 0;
  std::vector<TypeDef> types;      // Type
  std::vector<Export> exports;     // Export
  std::vector<Import> imports;     // Import
  std::vector<Alias> aliases;      // Alias
  std::vector<ComponentInstance> instances;  // Instance
  std::vector<CanonFunc> canons;             // Canon
  std::unique_ptr<Component> nested;         // Component
  std::string custom_name;         // Custom
  std::string custom_data;         // Custom
};

// A whole component: its sections in order. Sections this reader does not
// model (core modules, core instances and types, start, values) are kept
// with their id only: nothing a WIT world says depends on them.
struct Component {
  std::vector<Section> sections;
};

// The name of a section by its id, as Binary.md gives it ("type", "core
// module", ...).
std::string_view section_name(Section::Id id);

// Errors in a binary are at a byte offset of it (Span(at, at)); one inside a
// section also points at the section, by a secondary label "<name> section"
// at its id byte. Adds that label to `d` unless it has one.
void label_section(Diagnostic& d, const Section& s);

}  // namespace plumb::wasm
