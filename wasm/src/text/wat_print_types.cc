// Types and the declarations of component and instance types, as
// wasmprinter prints them.
#include "wat_print.h"

namespace plumb::wasm::text {
namespace {

const char* prim_name(PrimValType p) {
  switch (p) {
    case PrimValType::Bool: return "bool";
    case PrimValType::S8: return "s8";
    case PrimValType::U8: return "u8";
    case PrimValType::S16: return "s16";
    case PrimValType::U16: return "u16";
    case PrimValType::S32: return "s32";
    case PrimValType::U32: return "u32";
    case PrimValType::S64: return "s64";
    case PrimValType::U64: return "u64";
    case PrimValType::F32: return "f32";
    case PrimValType::F64: return "f64";
    case PrimValType::Char: return "char";
    case PrimValType::String: return "string";
    case PrimValType::ErrorContext: return "error-context";
  }
  return "?";
}

}  // namespace

void ComponentPrinter::val_type(const ValType& type) {
  if (type.is_prim)
    out_.write(prim_name(type.prim));
  else
    reference(Space::Type, type.index);
}

void ComponentPrinter::record_or_variant(const DefinedType& type) {
  if (type.kind == DefinedKind::Record) {
    out_.start_group("record");
    for (const NamedValType& field : type.fields) {
      out_.write(" ");
      out_.start_group("field ");
      out_.quoted_string(field.name);
      out_.write(" ");
      val_type(field.type);
      out_.end_group();
    }
  } else {
    out_.start_group("variant");
    for (const VariantCase& c : type.cases) {
      out_.write(" ");
      out_.start_group("case ");
      out_.quoted_string(c.name);
      if (c.type) {
        out_.write(" ");
        val_type(*c.type);
      }
      out_.end_group();
    }
  }
  out_.end_group();
}

void ComponentPrinter::defined_type(const DefinedType& type) {
  // The groups of one optional element type: `(future)`, `(future u8)`.
  auto optional_element = [&](const char* keyword) {
    out_.start_group(keyword);
    if (type.has_a) {
      out_.write(" ");
      val_type(type.a);
    }
    out_.end_group();
  };
  // The groups of one element type: `(list u8)`.
  auto element = [&](const char* keyword) {
    out_.start_group(keyword);
    val_type(type.a);
    out_.end_group();
  };
  switch (type.kind) {
    case DefinedKind::Primitive: out_.write(prim_name(type.prim)); return;
    case DefinedKind::Record:
    case DefinedKind::Variant: record_or_variant(type); return;
    case DefinedKind::List: element("list "); return;
    case DefinedKind::Option: element("option "); return;
    case DefinedKind::FixedList:
      out_.start_group("list ");
      val_type(type.a);
      out_.write(" ");
      out_.write(type.length);
      out_.end_group();
      return;
    case DefinedKind::Map:
      out_.start_group("map ");
      val_type(type.a);
      out_.write(" ");
      val_type(type.b);
      out_.end_group();
      return;
    case DefinedKind::Tuple:
      out_.start_group("tuple");
      for (const ValType& t : type.types) {
        out_.write(" ");
        val_type(t);
      }
      out_.end_group();
      return;
    case DefinedKind::Flags:
    case DefinedKind::Enum:
      out_.start_group(type.kind == DefinedKind::Flags ? "flags" : "enum");
      for (const std::string& name : type.names) {
        out_.write(" ");
        out_.quoted_string(name);
      }
      out_.end_group();
      return;
    case DefinedKind::Result:
      out_.start_group("result");
      if (type.has_a) {
        out_.write(" ");
        val_type(type.a);
      }
      if (type.has_b) {
        out_.write(" ");
        out_.start_group("error ");
        val_type(type.b);
        out_.end_group();
      }
      out_.end_group();
      return;
    case DefinedKind::Own:
    case DefinedKind::Borrow:
      out_.start_group(type.kind == DefinedKind::Own ? "own " : "borrow ");
      reference(Space::Type, type.resource);
      out_.end_group();
      return;
    case DefinedKind::Future: optional_element("future"); return;
    case DefinedKind::Stream: optional_element("stream"); return;
  }
}

void ComponentPrinter::func_type(const FuncType& type) {
  out_.start_group("func");
  if (type.async) out_.write(" async");
  for (const NamedValType& param : type.params) {
    out_.write(" ");
    out_.start_group("param ");
    out_.quoted_string(param.name);
    out_.write(" ");
    val_type(param.type);
    out_.end_group();
  }
  if (type.result) {
    out_.write(" ");
    out_.start_group("result ");
    val_type(*type.result);
    out_.end_group();
  }
  out_.end_group();
}

void ComponentPrinter::resource_type(const TypeDef& type) {
  out_.start_group("resource ");
  out_.start_group("rep ");
  out_.write(type.resource_rep == 0x7e ? "i64" : "i32");
  out_.end_group();
  if (type.resource_dtor) {
    out_.write(" ");
    out_.start_group("dtor ");
    reference(Space::CoreFunc, *type.resource_dtor);
    out_.end_group();
  }
  out_.end_group();
}

void ComponentPrinter::type_def(const TypeDef& type) {
  out_.start_group("type ");
  define(Space::Type);
  switch (type.kind) {
    case TypeDef::Kind::Defined:
      out_.write(" ");
      defined_type(type.defined);
      break;
    case TypeDef::Kind::Func:
      out_.write(" ");
      func_type(type.func);
      break;
    case TypeDef::Kind::Component: decls("component", type.decls); break;
    case TypeDef::Kind::Instance: decls("instance", type.decls); break;
    case TypeDef::Kind::Resource:
      out_.write(" ");
      resource_type(type);
      break;
  }
  out_.end_group();
}

// A component or instance type opens a scope of its own, on a new line.
void ComponentPrinter::decls(const char* keyword, const std::vector<Decl>& list) {
  scopes_.emplace_back();
  out_.newline();
  out_.start_group(keyword);
  for (const Decl& d : list) {
    out_.newline();
    decl(d);
  }
  out_.end_group();
  scopes_.pop_back();
}

void ComponentPrinter::decl(const Decl& d) {
  switch (d.kind) {
    case Decl::Kind::CoreType: break;  // the reader refuses these
    case Decl::Kind::Type: type_def(*d.type); break;
    case Decl::Kind::Alias: alias(d.alias); break;
    case Decl::Kind::Import: import(d.name, d.extern_type); break;
    case Decl::Kind::Export:
      out_.start_group("export ");
      define(space_of(d.extern_type.kind));
      out_.write(" ");
      extern_name(d.name);
      out_.write(" ");
      extern_type(d.extern_type, false);
      out_.end_group();
      break;
  }
}

void ComponentPrinter::extern_name(const ExternName& name) {
  out_.quoted_string(name.name);
  // The attributes of the `0x02` name form, in the order of their bytes.
  auto attribute = [&](const char* keyword, const std::optional<std::string>& value) {
    if (!value) return;
    out_.write(" ");
    out_.start_group(keyword);
    out_.quoted_string(*value);
    out_.end_group();
  };
  attribute("implements ", name.implements);
  attribute("versionsuffix ", name.version_suffix);
  attribute("external-id ", name.external_id);
}

void ComponentPrinter::extern_type(const ExternType& type, bool numbered) {
  start_sort_group(type.kind);
  if (numbered) {
    define(space_of(type.kind));
    out_.write(" ");
  }
  auto type_ref = [&](uint32_t index) {
    out_.start_group("type ");
    reference(type.kind == Sort::CoreModule ? Space::CoreType : Space::Type, index);
    out_.end_group();
  };
  switch (type.kind) {
    case Sort::Value:
      if (type.value.is_prim)
        val_type(type.value);
      else
        type_ref(type.value.index);
      break;
    case Sort::Type:
      if (type.sub_resource) {
        out_.start_group("sub ");
        out_.write("resource");
      } else {
        out_.start_group("eq ");
        reference(Space::Type, type.index);
      }
      out_.end_group();
      break;
    default: type_ref(type.index);
  }
  out_.end_group();
}

}  // namespace plumb::wasm::text
