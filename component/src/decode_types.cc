// Decoding the types and functions of a binary WIT package: component value
// types to WIT type definitions, and the types a package exports.
#include "decoder.h"

namespace plumb::wit_decode {

TypeId Decoder::register_type_export(const std::string& name, const Item& item, TypeOwner owner) {
  const wasm::Entity& e = item.entity;
  TypeDef def;
  if (std::optional<TypeId> prev = find_alias(e.referenced)) {
    def.kind = TypeDefKind::Alias;
    def.set_element(Type::ref(*prev));
  } else if (e.referenced.kind == AnyKind::Defined) {
    def = with_context("failed to convert unaliased type", [&] { return convert_defined(t_.def(e.referenced)); });
  } else if (e.referenced.kind == AnyKind::Resource) {
    def.kind = TypeDefKind::Resource;
  } else {
    raise(kUndecodable, Span(), "type export `" + name + "` is not a value type or a resource");
  }
  def.name = keep(name);
  def.owner = owner;
  if (item.external_id) def.external_id = OptText{keep(*item.external_id), true};
  bool is_resource = def.kind == TypeDefKind::Resource;
  r_.types.push_back(std::move(def));
  TypeId id(r_.types.size() - 1);
  if (is_resource) resources_[OwnerKey{owner.kind, owner.index}].emplace(name, id);
  map_created(e.created, id, name);
  return id;
}

void Decoder::map_created(AnyId created, TypeId id, const std::string& name) {
  if (!type_map_.emplace(created, id).second) {
    raise(kUndecodable, Span(),
          "cannot represent this component in WIT: the type `" + name +
              "` appears more than once (for example, when an imported instance is re-exported under a new name)");
  }
}

std::optional<TypeId> Decoder::find_alias(AnyId id) const {
  std::optional<AnyId> cur = id;
  while (cur) {
    auto it = type_map_.find(*cur);
    if (it != type_map_.end()) return it->second;
    cur = t_.peel(*cur);
  }
  return std::nullopt;
}

TypeId Decoder::resource_of(TypeOwner owner, std::string_view resource, const std::string& func) {
  auto by_owner = resources_.find(OwnerKey{owner.kind, owner.index});
  if (by_owner != resources_.end()) {
    auto it = by_owner->second.find(std::string(resource));
    if (it != by_owner->second.end()) return it->second;
  }
  raise(kUndecodable, Span(),
        "function `" + func + "` refers to resource `" + std::string(resource) + "`, which is not defined here");
}

Function Decoder::convert_function(const std::string& name, const Item& item, TypeOwner owner) {
  if (item.entity.kind != Sort::Func) raise(kUndecodable, Span(), "`" + name + "` is not a function");
  const wasm::CFunc& ty = t_.funcs[item.entity.id];
  ComponentName parsed = parse_name(name);
  Function f;
  f.name = keep(name);
  with_context("failed to convert params", [&] {
    for (const auto& [param_name, param_ty] : ty.params) {
      f.params.push_back(Param{keep(param_name), convert_valtype(param_ty), Span()});
    }
  });
  if (ty.result) {
    f.result = with_context("failed to convert anonymous result type", [&] { return convert_valtype(*ty.result); });
  }
  if (item.external_id) f.external_id = OptText{keep(*item.external_id), true};
  switch (parsed.kind) {
    case NameKind::Label:
      f.kind = ty.async ? FunctionKind::AsyncFreestanding : FunctionKind::Freestanding;
      break;
    case NameKind::Constructor:
      f.kind = FunctionKind::Constructor;
      f.resource = resource_of(owner, parsed.resource(), name);
      break;
    case NameKind::Method:
      f.kind = ty.async ? FunctionKind::AsyncMethod : FunctionKind::Method;
      f.resource = resource_of(owner, parsed.resource(), name);
      break;
    case NameKind::Static:
      f.kind = ty.async ? FunctionKind::AsyncStatic : FunctionKind::Static;
      f.resource = resource_of(owner, parsed.resource(), name);
      break;
    default: raise(kUndecodable, Span(), "`" + name + "` is not a valid function name");
  }
  return f;
}

Type Decoder::convert_valtype(const CValType& v) {
  if (v.is_prim) return primitive(v.prim);
  if (auto it = type_map_.find(v.defined); it != type_map_.end()) return Type::ref(it->second);
  TypeDef def = convert_defined(t_.def(v.defined));
  switch (def.kind) {
    case TypeDefKind::Resource: case TypeDefKind::Record: case TypeDefKind::Enum: case TypeDefKind::Variant:
    case TypeDefKind::Flags:
      raise(kUndecodable, Span(), std::string("unexpected unnamed type of kind '") + kind_name(def) + "'");
    default: break;
  }
  r_.types.push_back(std::move(def));
  TypeId id(r_.types.size() - 1);
  type_map_.emplace(v.defined, id);
  return Type::ref(id);
}

TypeId Decoder::handle_target(AnyId resource) {
  auto it = type_map_.find(resource);
  if (it == type_map_.end())
    raise(kUndecodable, Span(), "a handle refers to a resource that has no name in this package");
  return it->second;
}

// The kinds made of members: tuples, records, variants, flags, enums.
void Decoder::convert_members(const CDefined& d, TypeDef& out) {
  switch (d.kind) {
    case DefinedKind::Tuple:
      out.kind = TypeDefKind::Tuple;
      for (const CValType& t : d.types) {
        Member m;
        m.type = convert_valtype(t);
        m.has_type = true;
        out.members.push_back(m);
      }
      break;
    case DefinedKind::Record:
      out.kind = TypeDefKind::Record;
      for (const auto& [name, ty] : d.fields) {
        Member m;
        m.name = keep(name);
        m.type = with_context("failed to convert record field '" + name + "'", [&, &ty = ty] { return convert_valtype(ty); });
        m.has_type = true;
        out.members.push_back(m);
      }
      break;
    case DefinedKind::Variant:
      out.kind = TypeDefKind::Variant;
      for (const auto& [name, ty] : d.cases) {
        Member m;
        m.name = keep(name);
        if (ty) {
          m.type = convert_valtype(*ty);
          m.has_type = true;
        }
        out.members.push_back(m);
      }
      break;
    case DefinedKind::Flags:
    case DefinedKind::Enum:
      out.kind = d.kind == DefinedKind::Flags ? TypeDefKind::Flags : TypeDefKind::Enum;
      for (const std::string& name : d.names) {
        Member m;
        m.name = keep(name);
        out.members.push_back(m);
      }
      break;
    default:
      break;
  }
}

TypeDef Decoder::convert_defined(const CDefined& d) {
  TypeDef out;
  auto convert_opt = [&](bool present, const CValType& v) -> std::optional<Type> {
    if (!present) return std::nullopt;
    return convert_valtype(v);
  };
  switch (d.kind) {
    case DefinedKind::Primitive:
      out.kind = TypeDefKind::Alias;
      out.set_element(primitive(d.prim));
      break;
    case DefinedKind::List: out.kind = TypeDefKind::List; out.set_element(convert_valtype(d.a)); break;
    case DefinedKind::Map: {
      out.kind = TypeDefKind::Map;
      const Type key = convert_valtype(d.a);  // before the value: errors in order
      out.set_map(key, convert_valtype(d.b));
      break;
    }
    case DefinedKind::FixedList:
      out.kind = TypeDefKind::FixedList;
      out.set_element(convert_valtype(d.a));
      out.size = d.length;
      break;
    case DefinedKind::Option: out.kind = TypeDefKind::Option; out.set_element(convert_valtype(d.a)); break;
    case DefinedKind::Result: {
      out.kind = TypeDefKind::Result;
      const std::optional<Type> ok = convert_opt(d.has_a, d.a);  // before err: errors in order
      out.set_result(ok, convert_opt(d.has_b, d.b));
      break;
    }
    case DefinedKind::Tuple:
    case DefinedKind::Record:
    case DefinedKind::Variant:
    case DefinedKind::Flags:
    case DefinedKind::Enum:
      convert_members(d, out);
      break;
    case DefinedKind::Own:
    case DefinedKind::Borrow:
      out.kind = TypeDefKind::Handle;
      out.handle = d.kind == DefinedKind::Own ? HandleKind::Own : HandleKind::Borrow;
      out.set_resource(handle_target(d.resource));
      break;
    case DefinedKind::Future:
    case DefinedKind::Stream:
      out.kind = d.kind == DefinedKind::Future ? TypeDefKind::Future : TypeDefKind::Stream;
      out.set_payload(convert_opt(d.has_a, d.a));
      break;
  }
  return out;
}

// The members of a record or variant `wit` decoded from `d`, checked against
// it (a type met again must be the same).
void Decoder::register_members(const TypeDef& wit, const CDefined& d) {
  switch (d.kind) {
    case DefinedKind::Record: {
      if (wit.kind != TypeDefKind::Record) raise(kUndecodable, Span(), "expected a record");
      std::vector<Member> fields = wit.members;
      if (fields.size() != d.fields.size()) raise(kUndecodable, Span(), "mismatched number of record fields");
      for (size_t i = 0; i < fields.size(); ++i) {
        if (d.fields[i].first != fields[i].name) raise(kUndecodable, Span(), "mismatched field order");
        register_valtype(d.fields[i].second, fields[i].type);
      }
      return;
    }
    case DefinedKind::Variant: {
      if (wit.kind != TypeDefKind::Variant) raise(kUndecodable, Span(), "expected a variant");
      std::vector<Member> cases = wit.members;
      if (cases.size() != d.cases.size()) raise(kUndecodable, Span(), "mismatched number of variant cases");
      for (size_t i = 0; i < cases.size(); ++i) {
        if (d.cases[i].first != cases[i].name) raise(kUndecodable, Span(), "mismatched case order");
        if (d.cases[i].second.has_value() != cases[i].has_type)
          raise(kUndecodable, Span(), "disagreement on case type");
        if (cases[i].has_type) register_valtype(*d.cases[i].second, cases[i].type);
      }
      return;
    }
    default:
      return;
  }
}

void Decoder::register_defined(TypeId id, const CDefined& d) {
  const TypeDef& wit = r_.type(id);
  bool named_alias = wit.kind == TypeDefKind::Alias && wit.element().is_ref();
  auto expect = [&](TypeDefKind kind, const char* what) {
    if (named_alias) return false;
    if (wit.kind != kind) raise(kUndecodable, Span(), std::string("expected ") + what);
    return true;
  };
  switch (d.kind) {
    case DefinedKind::Primitive:
    case DefinedKind::Flags:
    case DefinedKind::Enum:
    case DefinedKind::Own:
    case DefinedKind::Borrow:
      return;
    case DefinedKind::List:
      if (expect(TypeDefKind::List, "a list")) register_valtype(d.a, r_.type(id).element());
      return;
    case DefinedKind::Map:
      if (expect(TypeDefKind::Map, "a map")) {
        Type k = r_.type(id).key(), v = r_.type(id).value();
        register_valtype(d.a, k);
        register_valtype(d.b, v);
      }
      return;
    case DefinedKind::FixedList:
      if (named_alias) return;
      if (wit.kind != TypeDefKind::FixedList || wit.size != d.length) {
        raise(kUndecodable, Span(), "expected a fixed-length " + std::to_string(d.length) + " list");
      }
      register_valtype(d.a, wit.element());
      return;
    case DefinedKind::Tuple: {
      if (!expect(TypeDefKind::Tuple, "a tuple")) return;
      if (wit.members.size() != d.types.size()) raise(kUndecodable, Span(), "mismatched number of tuple fields");
      std::vector<Type> types;
      for (const Member& m : wit.members) types.push_back(m.type);
      for (size_t i = 0; i < types.size(); ++i) register_valtype(d.types[i], types[i]);
      return;
    }
    case DefinedKind::Option:
      if (expect(TypeDefKind::Option, "an option")) register_valtype(d.a, r_.type(id).element());
      return;
    case DefinedKind::Result: {
      if (!expect(TypeDefKind::Result, "a result")) return;
      TypeDef res = r_.type(id);
      const std::optional<Type> ok = res.ok(), err = res.err();
      if (d.has_a != ok.has_value() || d.has_b != err.has_value())
        raise(kUndecodable, Span(), "disagreement on result structure");
      if (d.has_a) register_valtype(d.a, *ok);
      if (d.has_b) register_valtype(d.b, *err);
      return;
    }
    case DefinedKind::Record:
    case DefinedKind::Variant:
      if (!named_alias) register_members(wit, d);
      return;
    case DefinedKind::Future:
    case DefinedKind::Stream: {
      bool future = d.kind == DefinedKind::Future;
      if (!expect(future ? TypeDefKind::Future : TypeDefKind::Stream, future ? "a future" : "a stream")) return;
      TypeDef fs = r_.type(id);
      const std::optional<Type> payload = fs.payload();
      if (d.has_a != payload.has_value())
        raise(kUndecodable, Span(), future ? "disagreement on future payload" : "disagreement on stream payload");
      if (d.has_a) register_valtype(d.a, *payload);
      return;
    }
  }
}

void Decoder::register_valtype(const CValType& wasm, const Type& wit) {
  if (wasm.is_prim) return;
  if (!wit.is_ref()) raise(kUndecodable, Span(), "expected id-based type");
  // As the reference does, the new mapping replaces an existing one
  // without walking further (the two then name equal structures).
  auto [it, inserted] = type_map_.emplace(wasm.defined, wit.id());
  if (!inserted) {
    it->second = wit.id();
    return;
  }
  register_defined(wit.id(), t_.def(wasm.defined));
}

}  // namespace plumb::wit_decode
