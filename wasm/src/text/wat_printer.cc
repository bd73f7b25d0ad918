// The sections of a component as wasmprinter prints them: imports,
// exports, aliases, custom sections, and the walk over the sections.
#include "plumb/wasm/wat_printer.h"

#include "plumb/diagnostics/diagnostic_error.h"

#include <cstdio>

#include "plumb/wasm/binary_reader.h"
#include "wat_custom.h"
#include "wat_print.h"

namespace plumb::wasm {
namespace text {

Space space_of(Sort sort) {
  switch (sort) {
    case Sort::CoreModule: return Space::CoreModule;
    case Sort::Func: return Space::Func;
    case Sort::Value: return Space::Value;
    case Sort::Type: return Space::Type;
    case Sort::Component: return Space::Component;
    case Sort::Instance: return Space::Instance;
  }
  return Space::Type;
}

void ComponentPrinter::define(Space space) {
  Scope& scope = scopes_.back();
  uint32_t index = scope.counts[static_cast<size_t>(space)]++;
  if (const Naming* name = scope.names ? scope.names->find(space, index) : nullptr) {
    name->write_definition(out_);
    out_.write(" ");
  }
  out_.index_comment(index);
}

void ComponentPrinter::reference(Space space, uint32_t index, const Scope& scope) {
  if (const Naming* name = scope.names ? scope.names->find(space, index) : nullptr) {
    name->write_reference(out_);
  } else {
    out_.write(index);
  }
}

void ComponentPrinter::numbered_group(const char* keyword, Space space) {
  out_.start_group(keyword);
  define(space);
  out_.end_group();
}

void ComponentPrinter::start_sort_group(Sort sort) {
  switch (sort) {
    case Sort::CoreModule: out_.start_group("core module "); break;
    case Sort::Func: out_.start_group("func "); break;
    case Sort::Value: out_.start_group("value "); break;
    case Sort::Type: out_.start_group("type "); break;
    case Sort::Component: out_.start_group("component "); break;
    case Sort::Instance: out_.start_group("instance "); break;
  }
}

void ComponentPrinter::import(const ExternName& name, const ExternType& type) {
  out_.start_group("import ");
  extern_name(name);
  out_.write(" ");
  extern_type(type, true);
  out_.end_group();
}

void ComponentPrinter::export_(const Export& e) {
  out_.start_group("export ");
  define(space_of(e.sort));
  out_.write(" ");
  extern_name(e.name);
  out_.write(" ");
  start_sort_group(e.sort);
  reference(space_of(e.sort), e.index);
  out_.end_group();
  if (e.ascribed) {
    out_.write(" ");
    extern_type(*e.ascribed, false);
  }
  out_.end_group();
}

void ComponentPrinter::alias(const Alias& a) {
  switch (a.target) {
    case Alias::Target::InstanceExport:
      out_.start_group("alias export ");
      reference(Space::Instance, a.instance);
      out_.write(" ");
      out_.quoted_string(a.name);
      out_.write(" ");
      start_sort_group(a.sort);
      define(space_of(a.sort));
      out_.end_group();
      out_.end_group();
      return;
    case Alias::Target::CoreInstanceExport: core_export_alias(a); return;
    case Alias::Target::Outer: outer_alias(a); return;
  }
}

void ComponentPrinter::core_export_alias(const Alias& a) {
  out_.start_group("alias core export ");
  reference(Space::CoreInstance, a.instance);
  out_.write(" ");
  out_.quoted_string(a.name);
  out_.write(" ");
  switch (a.core_sort) {
    case 0x00: numbered_group("core func ", Space::CoreFunc); break;
    case 0x01: numbered_group("core table ", Space::CoreTable); break;
    case 0x02: numbered_group("core memory ", Space::CoreMemory); break;
    case 0x03: numbered_group("core global ", Space::CoreGlobal); break;
    case 0x04: numbered_group("core tag ", Space::CoreTag); break;
    default: raise_at_byte(DiagCode::MalformedBinary, 0, "invalid core sort in an alias");
  }
  out_.end_group();
}

void ComponentPrinter::outer_alias(const Alias& a) {
  // wasmprinter notes an enclosing scope that does not exist, and prints on
  // as if it were an empty one.
  static const Scope kNoScope;
  const Scope* outer = &kNoScope;
  if (a.count < scopes_.size()) {
    outer = &scopes_[scopes_.size() - 1 - a.count];
  } else {
    out_.write("(; invalid outer alias count " + std::to_string(a.count) + " ;) ");
  }
  out_.start_group("alias outer ");
  if (outer->names && outer->names->component)
    outer->names->component->write_definition(out_);
  else
    out_.write(a.count);
  out_.write(" ");
  Space space = Space::Type;
  const char* keyword = "type ";
  if (a.sort == Sort::CoreModule) {
    space = a.core_sort == 0x10 ? Space::CoreType : Space::CoreModule;
    keyword = a.core_sort == 0x10 ? "core type " : "core module ";
  } else if (a.sort == Sort::Component) {
    space = Space::Component;
    keyword = "component ";
  }
  reference(space, a.index, *outer);
  out_.write(" ");
  numbered_group(keyword, space);
  out_.end_group();
}

}  // namespace text

namespace {

const char* printed_section_name(Section::Id id) {
  switch (id) {
    case Section::Id::CoreModule: return "core module";
    case Section::Id::CoreInstance: return "core instance";
    case Section::Id::CoreType: return "core type";
    case Section::Id::Component: return "component";
    case Section::Id::Instance: return "instance";
    case Section::Id::Canon: return "canonical function";
    case Section::Id::Start: return "start";
    case Section::Id::Value: return "value";
    default: return "unknown";
  }
}

void section(text::WatWriter& out, text::ComponentPrinter& printer, const Section& s) {
  switch (s.id) {
    case Section::Id::Custom: text::print_custom_section(out, s); return;
    case Section::Id::Type:
      for (const TypeDef& t : s.types) out.newline(), printer.type_def(t);
      return;
    case Section::Id::Import:
      for (const Import& i : s.imports) out.newline(), printer.import(i.name, i.type);
      return;
    case Section::Id::Export:
      for (const Export& e : s.exports) out.newline(), printer.export_(e);
      return;
    case Section::Id::Alias:
      for (const Alias& a : s.aliases) out.newline(), printer.alias(a);
      return;
    default:
      raise_at_byte(DiagCode::MalformedBinary, s.offset,
                    std::string("cannot print the ") + printed_section_name(s.id) +
                        " section: only the types, imports, exports, aliases and custom sections of a "
                        "component can be printed");
  }
}

}  // namespace

std::string print_component_wat(const Component& component) {
  text::WatWriter out;
  text::ComponentNames names = text::read_names(component);
  text::ComponentPrinter printer(out, names);
  out.start_group("component");
  if (names.component) {
    out.write(" ");
    names.component->write_definition(out);
  }
  for (const Section& s : component.sections) section(out, printer, s);
  out.end_group();
  out.write("\n");
  return out.take();
}

Expected<std::string> print_wat(std::string_view binary) {
  Expected<Component> component = read_component(binary);
  if (!component) return Unexpected{std::move(component).error()};
  try {
    return print_component_wat(*component);
  } catch (DiagnosticError& e) {
    return Unexpected{std::move(e.diag)};
  }
}

}  // namespace plumb::wasm
