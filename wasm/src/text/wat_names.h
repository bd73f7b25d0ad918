// The names a component's `component-name` (and `name`) custom sections
// give its items, as wasmprinter uses them: `$name` where the index would
// be, `$"quoted name"` when it has characters an identifier cannot, and a
// made-up `$"#type3 name"` (with `(@name "name")` where it is defined) when
// it is empty, starts with `#` or repeats a name of the same index space.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "plumb/wasm/component_syntax.h"
#include "wat_writer.h"

namespace plumb::wasm::text {

// The index spaces of a component that print_wat numbers or names.
enum class Space : uint8_t {
  Type,
  Instance,
  Func,
  Component,
  Value,
  CoreModule,
  CoreType,
  CoreFunc,
  CoreTable,
  CoreMemory,
  CoreGlobal,
  CoreTag,
  CoreInstance,
};
constexpr size_t kSpaces = 13;

struct Naming {
  std::string name;
  bool quoted = false;    // has characters an identifier cannot
  std::string synthetic;  // `#type3`: the name cannot be used as it is

  // Where the item is referred to: `$name`.
  void write_reference(WatWriter& out) const;
  // Where it is defined: the reference, and `(@name ...)` for a made-up one.
  void write_definition(WatWriter& out) const;
};

struct ComponentNames {
  std::optional<Naming> component;
  std::array<std::map<uint32_t, Naming>, kSpaces> items;

  const Naming* find(Space space, uint32_t index) const;
};

// What the name sections of `component` say (read as wasmprinter reads
// them: a malformed subsection ends the reading, the names before it kept).
ComponentNames read_names(const Component& component);

}  // namespace plumb::wasm::text
