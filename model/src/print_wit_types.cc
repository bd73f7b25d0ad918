// The WIT printer's types: type names as they appear where a type is used
// (`list<u8>`, `borrow<r>`, a named type's name), and declarations.
#include <string>

#include "wit_printer.h"

namespace plumb::wit_printing {

void WitPrinter::type_name(Type t) {
  if (!t.is_ref()) {
    out_.str(primitive_name(t.kind()));
    return;
  }
  const TypeDef& ty = r_.type(t.id());
  if (!ty.name.empty()) {
    name(ty.name);
    return;
  }
  anonymous_type(ty);
}

void WitPrinter::generic(std::string_view builtin, std::initializer_list<Type> args) {
  out_.str(builtin);
  out_.raw("<");
  bool first = true;
  for (Type arg : args) {
    if (!first) out_.str(", ");
    first = false;
    type_name(arg);
  }
  out_.raw(">");
}

// The type expression of `ty` (the right-hand side of `type x = ...`).
// Records, variants, enums, flags and resources are never anonymous.
void WitPrinter::anonymous_type(const TypeDef& ty) {
  switch (ty.kind) {
    case TypeDefKind::Handle: handle(ty, false); return;
    case TypeDefKind::Tuple:
      out_.str("tuple");
      out_.raw("<");
      for (size_t i = 0; i < ty.members.size(); ++i) {
        if (i > 0) out_.str(", ");
        type_name(ty.members[i].type);
      }
      out_.raw(">");
      return;
    case TypeDefKind::Option: generic("option", {ty.element()}); return;
    case TypeDefKind::Result: result_type(ty); return;
    case TypeDefKind::List: generic("list", {ty.element()}); return;
    case TypeDefKind::Map: generic("map", {ty.key(), ty.value()}); return;
    case TypeDefKind::FixedList:
      out_.str("list");
      out_.raw("<");
      type_name(ty.element());
      out_.raw(", " + std::to_string(ty.size) + ">");
      return;
    case TypeDefKind::Alias: type_name(ty.element()); return;
    case TypeDefKind::Future:
    case TypeDefKind::Stream:
      if (std::optional<Type> payload = ty.payload()) {
        generic(ty.kind == TypeDefKind::Future ? "future" : "stream", {*payload});
      } else {
        out_.str(ty.kind == TypeDefKind::Future ? "future" : "stream");
      }
      return;
    default: return;
  }
}

// `r` or `own<r>` (forced where a named handle is declared: `type a =
// own<r>` is a handle, unlike the alias `type a = r`), or `borrow<r>`.
void WitPrinter::handle(const TypeDef& ty, bool force_own) {
  std::string_view resource = r_.type(ty.resource()).name;
  if (ty.handle == HandleKind::Own && !force_own) {
    name(resource);
    return;
  }
  out_.str(ty.handle == HandleKind::Own ? "own" : "borrow");
  out_.raw("<");
  name(resource);
  out_.raw(">");
}

void WitPrinter::result_type(const TypeDef& ty) {
  std::optional<Type> ok = ty.ok(), err = ty.err();
  out_.str("result");
  if (!ok && !err) return;
  out_.raw("<");
  if (ok) type_name(*ok);
  else out_.str("_");
  if (err) {
    out_.str(", ");
    type_name(*err);
  }
  out_.raw(">");
}

void WitPrinter::declare_members(std::string_view keyword, const TypeDef& ty) {
  out_.str(keyword);
  out_.str(" ");
  name(ty.name);
  out_.open_block();
  for (const Member& m : ty.members) {
    docs(m.docs);
    name(m.name);
    if (ty.kind == TypeDefKind::Record) {
      out_.str(": ");
      type_name(m.type);
    } else if (m.has_type) {
      out_.str("(");
      type_name(m.type);
      out_.str(")");
    }
    out_.str(",");
    out_.newline();
  }
  out_.close_block();
}

// A named type's declaration (resources are printed by `resource`).
void WitPrinter::declare(const TypeDef& ty) {
  switch (ty.kind) {
    case TypeDefKind::Record: declare_members("record", ty); return;
    case TypeDefKind::Flags: declare_members("flags", ty); return;
    case TypeDefKind::Variant: declare_members("variant", ty); return;
    case TypeDefKind::Enum: declare_members("enum", ty); return;
    case TypeDefKind::Resource:
    case TypeDefKind::Unknown: return;
    default: break;
  }
  out_.str("type ");
  name(ty.name);
  out_.str(" = ");
  if (ty.kind == TypeDefKind::Handle) handle(ty, true);
  else anonymous_type(ty);
  out_.semicolon();
}

}  // namespace plumb::wit_printing
