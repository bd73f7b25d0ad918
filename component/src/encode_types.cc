// Encoding WIT types and function signatures into the current scope (see
// encoder.h for the rules they follow).
#include <algorithm>

#include "encoder.h"

namespace plumb::encoding {
namespace {

wasm::PrimValType primitive(Type::Kind kind) {
  using P = wasm::PrimValType;
  static constexpr P kPrims[] = {P::Bool, P::U8,  P::U16,  P::U32, P::U64,    P::S8,     P::S16,
                                 P::S32,  P::S64, P::F32, P::F64, P::Char, P::String, P::ErrorContext};
  return kPrims[kind];
}

// A Type as four bytes, for the structural keys below.
void append_type(std::string& key, Type t) {
  uint32_t bits = t.is_ref() ? t.id().index : 0xFFFFFFF0u + t.kind();
  key.append(reinterpret_cast<const char*>(&bits), sizeof bits);
}

void append_optional(std::string& key, std::optional<Type> t) {
  key += t ? '\1' : '\0';
  if (t) append_type(key, *t);
}

// The structure of an anonymous type, with the types it holds by id (as
// the reference compares TypeDefKinds): two anonymous `list<u8>` have the
// same key.
std::string anonymous_key(const TypeDef& ty) {
  std::string key(1, static_cast<char>(ty.kind));
  switch (ty.kind) {
    case TypeDefKind::Handle:
      key += static_cast<char>(ty.handle);
      append_type(key, Type::ref(ty.resource()));
      break;
    case TypeDefKind::Option:
    case TypeDefKind::List:
    case TypeDefKind::Alias: append_type(key, ty.element()); break;
    case TypeDefKind::FixedList:
      append_type(key, ty.element());
      key.append(reinterpret_cast<const char*>(&ty.size), sizeof ty.size);
      break;
    case TypeDefKind::Map:
      append_type(key, ty.key());
      append_type(key, ty.value());
      break;
    case TypeDefKind::Result:
      append_optional(key, ty.ok());
      append_optional(key, ty.err());
      break;
    case TypeDefKind::Future:
    case TypeDefKind::Stream: append_optional(key, ty.payload()); break;
    default:
      for (const Member& m : ty.members) {
        key.append(m.name).push_back('\0');
        append_optional(key, m.has_type ? std::optional<Type>(m.type) : std::nullopt);
      }
  }
  return key;
}

// A function signature: async or not, parameter names and types, result.
std::string signature_key(const Function& f) {
  bool async = f.kind == FunctionKind::AsyncFreestanding || f.kind == FunctionKind::AsyncMethod ||
               f.kind == FunctionKind::AsyncStatic;
  std::string key(1, async ? '\1' : '\0');
  for (const Param& p : f.params) {
    key.append(p.name).push_back('\0');
    append_type(key, p.type);
  }
  append_optional(key, f.result);
  return key;
}

bool is_async(FunctionKind kind) {
  return kind == FunctionKind::AsyncFreestanding || kind == FunctionKind::AsyncMethod ||
         kind == FunctionKind::AsyncStatic;
}

}  // namespace

void Problems::empty_type(const TypeDef& ty, TypeId id) {
  if (!reported.emplace(id.index, true).second) return;
  static constexpr std::pair<TypeDefKind, const char*> kWhat[] = {{TypeDefKind::Record, "record"},
                                                                  {TypeDefKind::Flags, "flags"},
                                                                  {TypeDefKind::Enum, "enum"},
                                                                  {TypeDefKind::Variant, "variant"}};
  std::string what = "tuple";
  for (const auto& [kind, word] : kWhat) {
    if (kind == ty.kind) what = word;
  }
  std::string message = ty.name.empty() ? "the empty tuple `tuple<>` cannot be in a binary snapshot"
                                        : what + " `" + std::string(ty.name) + "` is empty, which a binary snapshot cannot hold";
  list.push_back(Diagnostic::error(DiagCode::EmptyTypeInSnapshot, ty.span, std::move(message))
                     .with_help("the component model requires at least one " +
                                std::string(ty.kind == TypeDefKind::Record  ? "field"
                                            : ty.kind == TypeDefKind::Flags ? "flag"
                                            : ty.kind == TypeDefKind::Tuple ? "type"
                                                                            : "case") +
                                "; add one, or remove the type"));
}

wasm::ExternName extern_name(std::string_view name, const OptText& external_id) {
  wasm::ExternName out;
  out.name = std::string(name);
  if (external_id.present) out.external_id = std::string(external_id.text());
  return out;
}

uint32_t Scope::add_type(wasm::TypeDef type) {
  wasm::Decl& d = decls.emplace_back();
  d.kind = wasm::Decl::Kind::Type;
  d.type = std::make_unique<wasm::TypeDef>(std::move(type));
  return type_count++;
}

uint32_t Scope::add_extern(wasm::Decl::Kind kind, wasm::ExternName name, wasm::ExternType type) {
  wasm::Decl& d = decls.emplace_back();
  d.kind = kind;
  d.name = std::move(name);
  d.extern_type = type;
  return type.kind == wasm::Sort::Type ? type_count++ : UINT32_MAX;
}

uint32_t Scope::add_alias(wasm::Alias alias) {
  wasm::Decl& d = decls.emplace_back();
  d.kind = wasm::Decl::Kind::Alias;
  d.alias = std::move(alias);
  return d.alias.sort == wasm::Sort::Type ? type_count++ : UINT32_MAX;
}

std::optional<uint32_t> ScopeEncoder::lookup(TypeId id) {
  if (auto found = maps_.id_to_index.find(id.index); found != maps_.id_to_index.end()) return found->second;
  const TypeDef& ty = r_.type(id);
  if (ty.name.empty()) {
    if (auto found = maps_.anonymous_to_index.find(anonymous_key(ty)); found != maps_.anonymous_to_index.end()) {
      return found->second;
    }
  }
  return std::nullopt;
}

void ScopeEncoder::remember(TypeId id, uint32_t index) {
  maps_.id_to_index[id.index] = index;
  const TypeDef& ty = r_.type(id);
  if (ty.name.empty()) maps_.anonymous_to_index[anonymous_key(ty)] = index;
}

std::optional<uint32_t> ScopeEncoder::maybe_import_type(TypeId id) {
  const TypeOwner& owner = r_.type(id).owner;
  if (owner.kind != TypeOwnerKind::Interface) return std::nullopt;
  if (interface_ && interface_->index == owner.index) return std::nullopt;
  return import_type(InterfaceId(owner.index), id);
}

// A type of another interface: aliased from that interface's instance into
// the component type (once per type), and from there into the instance.
uint32_t ScopeEncoder::import_type(InterfaceId owner, TypeId id) {
  auto [cached, fresh] = outer_alias_of_type_.try_emplace(id.index, 0);
  if (fresh) {
    wasm::Alias alias;
    alias.target = wasm::Alias::Target::InstanceExport;
    alias.instance = instance_of_interface_.at(owner.index);
    alias.name = std::string(r_.type(id).name);
    cached->second = outer_.add_alias(std::move(alias));
  }
  if (!inner_) return cached->second;
  wasm::Alias alias;
  alias.target = wasm::Alias::Target::Outer;
  alias.count = 1;
  alias.index = cached->second;
  return inner_->add_alias(std::move(alias));
}

uint32_t ScopeEncoder::defined(wasm::DefinedType type) {
  wasm::TypeDef def;
  def.kind = wasm::TypeDef::Kind::Defined;
  def.defined = std::move(type);
  return current().add_type(std::move(def));
}

uint32_t ScopeEncoder::export_type(uint32_t index, const TypeDef& ty) {
  wasm::ExternType bound{wasm::Sort::Type, index, false, {}};
  auto kind = inner_ || !import_types_ ? wasm::Decl::Kind::Export : wasm::Decl::Kind::Import;
  return current().add_extern(kind, extern_name(ty.name, ty.external_id), bound);
}

uint32_t ScopeEncoder::export_resource(const TypeDef& ty) {
  wasm::ExternType bound{wasm::Sort::Type, 0, true, {}};
  auto kind = inner_ || !import_types_ ? wasm::Decl::Kind::Export : wasm::Decl::Kind::Import;
  return current().add_extern(kind, extern_name(ty.name, ty.external_id), bound);
}

std::optional<wasm::ValType> ScopeEncoder::encode_optional(std::optional<Type> type) {
  if (!type) return std::nullopt;
  return encode_valtype(*type);
}

uint32_t ScopeEncoder::resource_index(TypeId resource) { return encode_valtype(Type::ref(resource)).index; }

// Records, variants, flags, enums and tuples: their members' types first.
wasm::DefinedType ScopeEncoder::encode_members(const TypeDef& ty) {
  wasm::DefinedType d;
  for (const Member& m : ty.members) {
    switch (ty.kind) {
      case TypeDefKind::Record: d.fields.push_back({std::string(m.name), encode_valtype(m.type)}); break;
      case TypeDefKind::Tuple: d.types.push_back(encode_valtype(m.type)); break;
      case TypeDefKind::Variant:
        d.cases.push_back({std::string(m.name), m.has_type ? encode_optional(m.type) : std::nullopt});
        break;
      default: d.names.emplace_back(m.name); break;
    }
  }
  static constexpr std::pair<TypeDefKind, wasm::DefinedKind> kKinds[] = {
      {TypeDefKind::Record, wasm::DefinedKind::Record}, {TypeDefKind::Tuple, wasm::DefinedKind::Tuple},
      {TypeDefKind::Variant, wasm::DefinedKind::Variant}, {TypeDefKind::Flags, wasm::DefinedKind::Flags},
      {TypeDefKind::Enum, wasm::DefinedKind::Enum}};
  for (const auto& [from, to] : kKinds) {
    if (from == ty.kind) d.kind = to;
  }
  return d;
}

// The definition of `ty` in the current scope. Sets `done` for a resource,
// whose export is its whole definition.
wasm::ValType ScopeEncoder::encode_kind(const TypeDef& ty, TypeId id, bool& done) {
  using K = wasm::DefinedKind;
  wasm::DefinedType d;
  auto one = [&](K kind, Type element) {
    d.kind = kind;
    d.a = encode_valtype(element);
  };
  auto optional_pair = [&](K kind, std::optional<Type> first, std::optional<Type> second) {
    d.kind = kind;
    if (auto a = encode_optional(first)) d.a = *a, d.has_a = true;
    if (auto b = encode_optional(second)) d.b = *b, d.has_b = true;
  };
  switch (ty.kind) {
    case TypeDefKind::Alias: return encode_valtype(ty.element());
    case TypeDefKind::Resource: {
      uint32_t index = export_resource(ty);
      maps_.id_to_index[id.index] = index;
      done = true;
      return wasm::ValType::type(index);
    }
    case TypeDefKind::Handle:
      d.resource = resource_index(ty.resource());
      d.kind = ty.handle == HandleKind::Own ? K::Own : K::Borrow;
      break;
    case TypeDefKind::Option: one(K::Option, ty.element()); break;
    case TypeDefKind::List: one(K::List, ty.element()); break;
    case TypeDefKind::FixedList:
      one(K::FixedList, ty.element());
      d.length = ty.size;
      break;
    case TypeDefKind::Map:
      one(K::Map, ty.key());
      d.b = encode_valtype(ty.value());
      break;
    case TypeDefKind::Result: optional_pair(K::Result, ty.ok(), ty.err()); break;
    case TypeDefKind::Future: optional_pair(K::Future, ty.payload(), std::nullopt); break;
    case TypeDefKind::Stream: optional_pair(K::Stream, ty.payload(), std::nullopt); break;
    default:
      if (ty.members.empty()) problems_.empty_type(ty, id);
      d = encode_members(ty);
      break;
  }
  return wasm::ValType::type(defined(std::move(d)));
}

wasm::ValType ScopeEncoder::encode_valtype(Type type) {
  if (!type.is_ref()) return wasm::ValType::primitive(primitive(type.kind()));
  const TypeId id = type.id();
  if (std::optional<uint32_t> index = lookup(id)) return wasm::ValType::type(*index);
  if (std::optional<uint32_t> index = maybe_import_type(id)) {
    remember(id, *index);
    return wasm::ValType::type(*index);
  }
  const TypeDef& ty = r_.type(id);
  bool done = false;
  wasm::ValType encoded = encode_kind(ty, id, done);
  if (done) return encoded;
  if (!ty.name.empty()) {
    // A named type is exported; a named primitive needs a type of its own.
    uint32_t index = encoded.index;
    if (encoded.is_prim) {
      wasm::DefinedType prim;
      prim.prim = encoded.prim;
      index = defined(std::move(prim));
    }
    encoded = wasm::ValType::type(export_type(index, ty));
  }
  if (!encoded.is_prim) remember(id, encoded.index);
  return encoded;
}

uint32_t ScopeEncoder::encode_func_type(const Function& f) {
  std::string key = signature_key(f);
  if (auto found = maps_.function_to_index.find(key); found != maps_.function_to_index.end()) return found->second;
  wasm::TypeDef def;
  def.kind = wasm::TypeDef::Kind::Func;
  def.func.async = is_async(f.kind);
  for (const Param& p : f.params) def.func.params.push_back({std::string(p.name), encode_valtype(p.type)});
  if (f.result) def.func.result = encode_valtype(*f.result);
  uint32_t index = current().add_type(std::move(def));
  maps_.function_to_index.emplace(std::move(key), index);
  return index;
}

}  // namespace plumb::encoding
