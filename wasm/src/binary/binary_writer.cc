#include "plumb/wasm/binary_writer.h"

#include "byte_writer.h"

namespace plumb::wasm {
namespace {

// The primitives of byte_writer.h on one buffer.
class Writer {
 public:
  std::string out;

  void byte(uint8_t b) { put_byte(out, b); }
  void u32(uint32_t v) { put_u32(out, v); }
  void string(const std::string& s) { put_name(out, s); }
};

void valtype(Writer& w, const ValType& v) { put_valtype(w.out, v); }

void opt_valtype(Writer& w, bool has, const ValType& v) {
  put_optional_valtype(w.out, has ? std::optional<ValType>(v) : std::nullopt);
}

void defined(Writer& w, const DefinedType& d) {
  if (d.kind == DefinedKind::Primitive) {
    w.byte(static_cast<uint8_t>(d.prim));
    return;
  }
  w.byte(static_cast<uint8_t>(d.kind));
  switch (d.kind) {
    case DefinedKind::Record:
      w.u32(static_cast<uint32_t>(d.fields.size()));
      for (const NamedValType& f : d.fields) {
        w.string(f.name);
        valtype(w, f.type);
      }
      break;
    case DefinedKind::Variant:
      w.u32(static_cast<uint32_t>(d.cases.size()));
      for (const VariantCase& c : d.cases) {
        w.string(c.name);
        opt_valtype(w, c.type.has_value(), c.type.value_or(ValType{}));
        w.byte(0);
      }
      break;
    case DefinedKind::List:
    case DefinedKind::Option:
      valtype(w, d.a);
      break;
    case DefinedKind::FixedList:
      valtype(w, d.a);
      w.u32(d.length);
      break;
    case DefinedKind::Map:
      valtype(w, d.a);
      valtype(w, d.b);
      break;
    case DefinedKind::Tuple:
      w.u32(static_cast<uint32_t>(d.types.size()));
      for (const ValType& t : d.types) valtype(w, t);
      break;
    case DefinedKind::Flags:
    case DefinedKind::Enum:
      w.u32(static_cast<uint32_t>(d.names.size()));
      for (const std::string& n : d.names) w.string(n);
      break;
    case DefinedKind::Result:
      opt_valtype(w, d.has_a, d.a);
      opt_valtype(w, d.has_b, d.b);
      break;
    case DefinedKind::Own:
    case DefinedKind::Borrow:
      w.u32(d.resource);
      break;
    case DefinedKind::Future:
    case DefinedKind::Stream:
      opt_valtype(w, d.has_a, d.a);
      break;
    case DefinedKind::Primitive:
      break;
  }
}

void extern_name(Writer& w, const ExternName& n) {
  auto view = [](const std::optional<std::string>& s) {
    return s ? std::optional<std::string_view>(*s) : std::nullopt;
  };
  put_extern_name(w.out, n.name, view(n.implements), view(n.version_suffix), view(n.external_id));
}

void sort(Writer& w, Sort s) { put_sort(w.out, s); }

void extern_type(Writer& w, const ExternType& t) { put_extern_type(w.out, t); }

void alias(Writer& w, const Alias& a) {
  switch (a.target) {
    case Alias::Target::InstanceExport:
      sort(w, a.sort);
      w.byte(0x00);
      w.u32(a.instance);
      w.string(a.name);
      break;
    case Alias::Target::CoreInstanceExport:
      break;  // never produced
    case Alias::Target::Outer:
      sort(w, a.sort);
      w.byte(0x02);
      w.u32(a.count);
      w.u32(a.index);
      break;
  }
}

void typedef_(Writer& w, const TypeDef& t);

void decls(Writer& w, const std::vector<Decl>& ds) {
  w.u32(static_cast<uint32_t>(ds.size()));
  for (const Decl& d : ds) {
    w.byte(static_cast<uint8_t>(d.kind));
    switch (d.kind) {
      case Decl::Kind::CoreType: break;  // never produced
      case Decl::Kind::Type: typedef_(w, *d.type); break;
      case Decl::Kind::Alias: alias(w, d.alias); break;
      case Decl::Kind::Import:
      case Decl::Kind::Export:
        extern_name(w, d.name);
        extern_type(w, d.extern_type);
        break;
    }
  }
}

void typedef_(Writer& w, const TypeDef& t) {
  switch (t.kind) {
    case TypeDef::Kind::Defined: defined(w, t.defined); break;
    case TypeDef::Kind::Func:
      w.byte(t.func.async ? 0x43 : 0x40);
      w.u32(static_cast<uint32_t>(t.func.params.size()));
      for (const NamedValType& p : t.func.params) {
        w.string(p.name);
        valtype(w, p.type);
      }
      if (t.func.result) {
        w.byte(0x00);
        valtype(w, *t.func.result);
      } else {
        w.byte(0x01);
        w.byte(0x00);
      }
      break;
    case TypeDef::Kind::Component:
    case TypeDef::Kind::Instance:
      w.byte(t.kind == TypeDef::Kind::Component ? 0x41 : 0x42);
      decls(w, t.decls);
      break;
    case TypeDef::Kind::Resource: break;  // never produced
  }
}

}  // namespace

std::string write_component(const Component& component) {
  Writer w;
  w.out.assign("\0asm\x0d\x00\x01\x00", 8);
  for (const Section& s : component.sections) {
    Writer body;
    switch (s.id) {
      case Section::Id::Custom:
        body.string(s.custom_name);
        body.out += s.custom_data;
        break;
      case Section::Id::Type:
        body.u32(static_cast<uint32_t>(s.types.size()));
        for (const TypeDef& t : s.types) typedef_(body, t);
        break;
      case Section::Id::Import:
        body.u32(static_cast<uint32_t>(s.imports.size()));
        for (const Import& im : s.imports) {
          extern_name(body, im.name);
          extern_type(body, im.type);
        }
        break;
      case Section::Id::Export:
        body.u32(static_cast<uint32_t>(s.exports.size()));
        for (const Export& e : s.exports) {
          extern_name(body, e.name);
          sort(body, e.sort);
          body.u32(e.index);
          if (e.ascribed) {
            body.byte(0x01);
            extern_type(body, *e.ascribed);
          } else {
            body.byte(0x00);
          }
        }
        break;
      case Section::Id::Alias:
        body.u32(static_cast<uint32_t>(s.aliases.size()));
        for (const Alias& a : s.aliases) alias(body, a);
        break;
      default:
        continue;  // not modelled
    }
    w.byte(static_cast<uint8_t>(s.id));
    w.u32(static_cast<uint32_t>(body.out.size()));
    w.out += body.out;
  }
  return std::move(w.out);
}

std::string producers_data(const ProducerFields& fields) {
  Writer w;
  w.u32(static_cast<uint32_t>(fields.size()));
  for (const auto& [field, values] : fields) {
    w.string(field);
    w.u32(static_cast<uint32_t>(values.size()));
    for (const auto& [name, version] : values) {
      w.string(name);
      w.string(version);
    }
  }
  return std::move(w.out);
}

}  // namespace plumb::wasm
