#include "plumb/wasm/binary_reader.h"

#include <iterator>

#include "byte_reader.h"

namespace plumb::wasm {

bool prim_from_byte(uint8_t byte, PrimValType& out) {
  if ((byte >= 0x73 && byte <= 0x7f) || byte == 0x64) {
    out = static_cast<PrimValType>(byte);
    return true;
  }
  return false;
}

namespace binary {

ValType read_valtype(Reader& r) {
  PrimValType p;
  if (prim_from_byte(r.peek(), p)) {
    r.u8();
    return ValType::primitive(p);
  }
  return ValType::type(r.s33_index());
}

std::optional<ValType> read_opt_valtype(Reader& r) {
  size_t at = r.offset();
  uint8_t b = r.u8();
  if (b == 0) return std::nullopt;
  if (b == 1) return read_valtype(r);
  bad_byte(b, "optional component value type", at);
}

Sort read_sort(Reader& r) {
  size_t at = r.offset();
  uint8_t b = r.u8();
  switch (b) {
    case 0x00: {
      uint8_t c = r.u8();
      if (c == 0x11) return Sort::CoreModule;
      bad_byte(c, "component external kind", at + 1);
    }
    case 0x01: return Sort::Func;
    case 0x02: return Sort::Value;
    case 0x03: return Sort::Type;
    case 0x04: return Sort::Component;
    case 0x05: return Sort::Instance;
    default: bad_byte(b, "component external kind", at);
  }
}

ExternName read_extern_name(Reader& r) {
  size_t at = r.offset();
  uint8_t b = r.u8();
  if (b > 2) bad_byte(b, "component name", at);
  ExternName name;
  name.name = r.string();
  if (b != 2) return name;
  uint32_t n = r.count();
  for (uint32_t i = 0; i < n; ++i) {
    size_t opt_at = r.offset();
    uint8_t kind = r.u8();
    std::optional<std::string>* slot = nullptr;
    const char* what = "";
    switch (kind) {
      case 0x00: slot = &name.implements; what = "implements"; break;
      case 0x01: slot = &name.version_suffix; what = "versionsuffix"; break;
      case 0x02: slot = &name.external_id; what = "external-id"; break;
      default: bad_byte(kind, "name option", opt_at);
    }
    if (slot->has_value()) raise_at_byte(kMalformed, opt_at, std::string("duplicate '") + what + "' option in name");
    *slot = r.string();
  }
  return name;
}

ExternType read_extern_type(Reader& r) {
  ExternType t;
  size_t at = r.offset();
  uint8_t b = r.u8();
  switch (b) {
    case 0x00: {
      uint8_t c = r.u8();
      if (c != 0x11) bad_byte(c, "component external kind", at + 1);
      t.kind = Sort::CoreModule;
      t.index = r.u32();
      break;
    }
    case 0x01: t.kind = Sort::Func; t.index = r.u32(); break;
    case 0x02: t.kind = Sort::Value; t.value = read_valtype(r); break;
    case 0x03: {
      t.kind = Sort::Type;
      size_t bound_at = r.offset();
      uint8_t bound = r.u8();
      if (bound == 0x00) t.index = r.u32();
      else if (bound == 0x01) t.sub_resource = true;
      else
        bad_byte(bound, "type bound", bound_at);
      break;
    }
    case 0x04: t.kind = Sort::Component; t.index = r.u32(); break;
    case 0x05: t.kind = Sort::Instance; t.index = r.u32(); break;
    default: bad_byte(b, "component external kind", at);
  }
  return t;
}

Alias read_alias(Reader& r) {
  Alias a;
  a.offset = r.offset();
  size_t at = r.offset();
  uint8_t b1 = r.u8();
  uint8_t b2 = b1 == 0x00 ? r.u8() : 0;
  uint8_t target = r.u8();
  switch (target) {
    case 0x00:
      a.target = Alias::Target::InstanceExport;
      switch (b1) {
        case 0x00:
          if (b2 != 0x11) bad_byte(b2, "component external kind", at + 1);
          a.sort = Sort::CoreModule;
          break;
        case 0x01: a.sort = Sort::Func; break;
        case 0x02: a.sort = Sort::Value; break;
        case 0x03: a.sort = Sort::Type; break;
        case 0x04: a.sort = Sort::Component; break;
        case 0x05: a.sort = Sort::Instance; break;
        default: bad_byte(b1, "component external kind", at);
      }
      a.instance = r.u32();
      a.name = r.string();
      break;
    case 0x01:
      if (b1 != 0x00) bad_byte(b1, "core instance export kind", at);
      a.target = Alias::Target::CoreInstanceExport;
      a.core_sort = b2;
      a.instance = r.u32();
      a.name = r.string();
      break;
    case 0x02:
      a.target = Alias::Target::Outer;
      if (b1 == 0x00) {
        if (b2 != 0x10 && b2 != 0x11) bad_byte(b2, "component outer alias kind", at + 1);
        a.sort = Sort::CoreModule;  // core types and modules: refused by the type checker
        a.core_sort = b2;
      } else if (b1 == 0x03) {
        a.sort = Sort::Type;
      } else if (b1 == 0x04) {
        a.sort = Sort::Component;
      } else {
        bad_byte(b1, "component outer alias kind", at);
      }
      a.count = r.u32();
      a.index = r.u32();
      break;
    default: bad_byte(target, "alias", at + (b1 == 0x00 ? 2 : 1));
  }
  return a;
}

DefinedType read_defined(Reader& r, uint8_t b, size_t at) {
  DefinedType d;
  PrimValType p;
  if (prim_from_byte(b, p)) {
    d.kind = DefinedKind::Primitive;
    d.prim = p;
    return d;
  }
  switch (b) {
    case 0x72: {
      d.kind = DefinedKind::Record;
      uint32_t n = r.count();
      for (uint32_t i = 0; i < n; ++i) {
        std::string name = r.string();
        d.fields.push_back({std::move(name), read_valtype(r)});
      }
      break;
    }
    case 0x71: {
      d.kind = DefinedKind::Variant;
      uint32_t n = r.count();
      for (uint32_t i = 0; i < n; ++i) {
        VariantCase c;
        c.name = r.string();
        c.type = read_opt_valtype(r);
        size_t z_at = r.offset();
        uint8_t z = r.u8();
        if (z != 0) bad_byte(z, "zero byte required", z_at);
        d.cases.push_back(std::move(c));
      }
      break;
    }
    case 0x70: d.kind = DefinedKind::List; d.a = read_valtype(r); break;
    case 0x63:
      d.kind = DefinedKind::Map;
      d.a = read_valtype(r);
      d.b = read_valtype(r);
      break;
    case 0x6f: {
      d.kind = DefinedKind::Tuple;
      uint32_t n = r.count();
      for (uint32_t i = 0; i < n; ++i) d.types.push_back(read_valtype(r));
      break;
    }
    case 0x6e:
    case 0x6d: {
      d.kind = b == 0x6e ? DefinedKind::Flags : DefinedKind::Enum;
      uint32_t n = r.count();
      for (uint32_t i = 0; i < n; ++i) d.names.push_back(r.string());
      break;
    }
    case 0x6b: d.kind = DefinedKind::Option; d.a = read_valtype(r); break;
    case 0x6a: {
      d.kind = DefinedKind::Result;
      if (auto ok = read_opt_valtype(r)) d.a = *ok, d.has_a = true;
      if (auto err = read_opt_valtype(r)) d.b = *err, d.has_b = true;
      break;
    }
    case 0x69: d.kind = DefinedKind::Own; d.resource = r.u32(); break;
    case 0x68: d.kind = DefinedKind::Borrow; d.resource = r.u32(); break;
    case 0x67:
      d.kind = DefinedKind::FixedList;
      d.a = read_valtype(r);
      d.length = r.u32();
      break;
    case 0x66:
    case 0x65:
      d.kind = b == 0x66 ? DefinedKind::Stream : DefinedKind::Future;
      if (auto t = read_opt_valtype(r)) d.a = *t, d.has_a = true;
      break;
    default: bad_byte(b, "component defined type", at);
  }
  return d;
}

std::vector<Decl> read_decls(Reader& r, bool component, int depth);

// Component and instance types nest; far deeper than any WIT package needs
// is refused rather than risking the stack.
constexpr int kMaxNesting = 100;

TypeDef read_typedef(Reader& r, int depth = 0) {
  TypeDef t;
  t.offset = r.offset();
  uint8_t b = r.u8();
  switch (b) {
    case 0x3f: {
      // A resource definition (`rep` and an optional destructor): only
      // concrete components have these.
      t.kind = TypeDef::Kind::Resource;
      size_t rep_at = r.offset();
      uint8_t rep = r.u8();
      if (rep != 0x7f && rep != 0x7e) bad_byte(rep, "resource representation", rep_at);
      t.resource_rep = rep;
      size_t dtor_at = r.offset();
      uint8_t dtor = r.u8();
      if (dtor == 0x01) t.resource_dtor = r.u32();
      else if (dtor != 0x00) bad_byte(dtor, "optional resource destructor", dtor_at);
      break;
    }
    case 0x40:
    case 0x43: {
      t.kind = TypeDef::Kind::Func;
      t.func.async = b == 0x43;
      uint32_t n = r.count();
      for (uint32_t i = 0; i < n; ++i) {
        std::string name = r.string();
        t.func.params.push_back({std::move(name), read_valtype(r)});
      }
      size_t res_at = r.offset();
      uint8_t res = r.u8();
      if (res == 0x00) {
        t.func.result = read_valtype(r);
      } else if (res == 0x01) {
        size_t n_at = r.offset();
        uint8_t count = r.u8();
        if (count != 0) bad_byte(count, "number of results", n_at);
      } else {
        bad_byte(res, "component function results", res_at);
      }
      break;
    }
    case 0x41:
    case 0x42:
      t.kind = b == 0x41 ? TypeDef::Kind::Component : TypeDef::Kind::Instance;
      if (depth >= kMaxNesting) raise_at_byte(kMalformed, t.offset, "component and instance types nest too deeply");
      t.decls = read_decls(r, b == 0x41, depth + 1);
      break;
    default:
      t.kind = TypeDef::Kind::Defined;
      t.defined = read_defined(r, b, t.offset);
  }
  return t;
}

std::vector<Decl> read_decls(Reader& r, bool component, int depth) {
  std::vector<Decl> decls;
  uint32_t n = r.count();
  decls.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    Decl& d = decls.emplace_back();
    d.offset = r.offset();
    uint8_t b = r.u8();
    switch (b) {
      case 0x00:
        d.kind = Decl::Kind::CoreType;
        raise_at_byte(kMalformed, d.offset, "core type declarations are not supported in WIT package binaries");
      case 0x01:
        d.kind = Decl::Kind::Type;
        d.type = std::make_unique<TypeDef>(read_typedef(r, depth));
        break;
      case 0x02:
        d.kind = Decl::Kind::Alias;
        d.alias = read_alias(r);
        break;
      case 0x03:
        if (!component) bad_byte(b, "component or instance type declaration", d.offset);
        d.kind = Decl::Kind::Import;
        d.name = read_extern_name(r);
        d.extern_type = read_extern_type(r);
        break;
      case 0x04:
        d.kind = Decl::Kind::Export;
        d.name = read_extern_name(r);
        d.extern_type = read_extern_type(r);
        break;
      default: bad_byte(b, "component or instance type declaration", d.offset);
    }
  }
  return decls;
}

void read_section_body(Reader& r, Section& s) {
  switch (s.id) {
    case Section::Id::Type: {
      uint32_t n = r.count();
      for (uint32_t i = 0; i < n; ++i) s.types.push_back(read_typedef(r));
      break;
    }
    case Section::Id::Export: {
      uint32_t n = r.count();
      for (uint32_t i = 0; i < n; ++i) {
        Export& e = s.exports.emplace_back();
        e.offset = r.offset();
        e.name = read_extern_name(r);
        e.sort = read_sort(r);
        e.index = r.u32();
        size_t opt_at = r.offset();
        uint8_t has = r.u8();
        if (has == 1) e.ascribed = read_extern_type(r);
        else if (has != 0)
          bad_byte(has, "optional component export type", opt_at);
      }
      break;
    }
    case Section::Id::Import: {
      uint32_t n = r.count();
      for (uint32_t i = 0; i < n; ++i) {
        Import& im = s.imports.emplace_back();
        im.offset = r.offset();
        im.name = read_extern_name(r);
        im.type = read_extern_type(r);
      }
      break;
    }
    case Section::Id::Alias: {
      uint32_t n = r.count();
      for (uint32_t i = 0; i < n; ++i) s.aliases.push_back(read_alias(r));
      break;
    }
    default:
      // Kept by id only: these make the binary a real component.
      return;
  }
}

// Reads the size and the body of section `s`, whose id `r` has just read.
void read_section(Reader& r, Section& s, int depth) {
  uint32_t size = r.u32();
  size_t body_at = r.offset();
  Reader body(r.bytes(size), body_at);
  switch (s.id) {
    case Section::Id::Custom:
      s.custom_name = body.string();
      s.custom_data = std::string(body.bytes(size - (body.offset() - body_at)));
      return;
    case Section::Id::Component:
      if (depth >= kMaxNesting) raise_at_byte(kMalformed, body_at, "components nest too deeply");
      s.nested = std::make_unique<Component>(read_sections(body.bytes(size), body_at, depth + 1));
      return;
    case Section::Id::Instance: read_instances(body, s.instances); break;
    case Section::Id::Canon: read_canons(body, s.canons); break;
    case Section::Id::Type:
    case Section::Id::Export:
    case Section::Id::Import:
    case Section::Id::Alias: read_section_body(body, s); break;
    default:
      // Core modules, core instances and types, start and values: kept by
      // id only, as nothing a WIT world says depends on them.
      return;
  }
  if (!body.eof())
    raise_at_byte(kMalformed, body.offset(), "section size mismatch: unexpected data at the end of the section");
}

Component read_sections(std::string_view bytes, size_t base, int depth) {
  if (bytes.size() < 4 || bytes.substr(0, 4) != kMagic) {
    raise_at_byte(DiagCode::NotWasmBinary, base, "magic header not detected");
  }
  if (bytes.size() < 8) raise_at_byte(kMalformed, base + bytes.size(), "unexpected end-of-file");
  switch (binary_kind(bytes)) {
    case BinaryKind::Component: break;
    case BinaryKind::CoreModule:
      raise_at_byte(DiagCode::NotWitPackage, base + 4,
                    "found a core WebAssembly module, not a component (a WIT package is a component)");
    case BinaryKind::Unknown: raise_at_byte(kMalformed, base + 4, "unknown binary version and encoding");
  }
  Component out;
  Reader r(bytes.substr(8), base + 8);
  while (!r.eof()) {
    Section& s = out.sections.emplace_back();
    s.offset = r.offset();
    uint8_t id = r.u8();
    if (id > 12) raise_at_byte(kMalformed, s.offset, "invalid section id " + std::to_string(id));
    s.id = static_cast<Section::Id>(id);
    try {
      read_section(r, s, depth);
    } catch (DiagnosticError& e) {
      // Which section was being read, for the message.
      label_section(e.diag, s);
      throw;
    }
  }
  return out;
}

}  // namespace binary

BinaryKind binary_kind(std::string_view bytes) {
  if (bytes.size() < 8 || bytes.substr(0, 4) != binary::kMagic) return BinaryKind::Unknown;
  if (bytes.substr(4, 4) == std::string_view("\x0d\x00\x01\x00", 4)) return BinaryKind::Component;
  if (bytes.substr(4, 4) == std::string_view("\x01\x00\x00\x00", 4)) return BinaryKind::CoreModule;
  return BinaryKind::Unknown;
}

std::string_view section_name(Section::Id id) {
  static constexpr std::string_view kNames[] = {"custom",   "core module", "core instance", "core type", "component",
                                                "instance", "alias",       "type",          "canon",     "start",
                                                "import",   "export",      "value"};
  auto index = static_cast<size_t>(id);
  return index < std::size(kNames) ? kNames[index] : "unknown";
}

void label_section(Diagnostic& d, const Section& s) {
  if (!d.secondary.empty()) return;
  auto at = static_cast<uint32_t>(s.offset);
  d.with_label(Span(at, at), std::string(section_name(s.id)) + " section");
}

Expected<Component> read_component(std::string_view bytes) {
  try {
    return binary::read_sections(bytes, 0, 0);
  } catch (DiagnosticError& e) {
    return Unexpected{std::move(e.diag)};
  }
}

}  // namespace plumb::wasm
