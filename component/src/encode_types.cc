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
void anonymous_key(const TypeDef& ty, std::string& key) {
  key.assign(1, static_cast<char>(ty.kind));
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
}

// A function signature: async or not, parameter names and types, result.
void signature_key(const Function& f, std::string& key) {
  key.assign(1, f.is_async() ? '\1' : '\0');
  for (const Param& p : f.params) {
    key.append(p.name).push_back('\0');
    append_type(key, p.type);
  }
  append_optional(key, f.result);
}

}  // namespace

void Problems::empty_type(const TypeDef& ty, TypeId id) {
  if (!reported.insert(id.index).second) return;
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

uint32_t EncodeContext::anonymous_class(TypeId id) {
  if (id.index >= class_of_type.size()) class_of_type.resize(r.types.size(), 0);
  uint32_t& cls = class_of_type[id.index];
  if (cls == 0) {
    // Room for every anonymous type at once: growing the map step by step
    // rehashed every key (3% of a large package's build).
    if (class_of_key.empty()) {
      class_of_key.reserve(static_cast<size_t>(
          std::count_if(r.types.begin(), r.types.end(), [](const TypeDef& t) { return t.name.empty(); })));
    }
    anonymous_key(r.type(id), key_buffer);
    cls = class_of_key.try_emplace(key_buffer, static_cast<uint32_t>(class_of_key.size())).first->second + 1;
  }
  return cls - 1;
}

std::optional<uint32_t> ScopeEncoder::lookup(TypeId id) {
  if (auto found = cx_.by_id[level()].find(id.index, generation())) return found;
  if (r_.type(id).name.empty()) return cx_.by_class[level()].find(cx_.anonymous_class(id), generation());
  return std::nullopt;
}

void ScopeEncoder::remember(TypeId id, uint32_t index) {
  cx_.by_id[level()].set(id.index, generation(), index);
  if (r_.type(id).name.empty()) cx_.by_class[level()].set(cx_.anonymous_class(id), generation(), index);
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
    outer_.alias_export(wasm::Sort::Type, instance_of_interface_.at(owner.index), r_.type(id).name);
    cached->second = outer_types_++;
  }
  if (!in_instance_) return cached->second;
  inner_.alias_outer(wasm::Sort::Type, 1, cached->second);
  return inner_types_++;
}

// `(export "name" (type (eq index)))`, or `(sub resource)` for a resource;
// an import in a world's own scope while its imported types are encoded.
uint32_t ScopeEncoder::export_type(uint32_t index, const TypeDef& ty, bool resource) {
  auto kind = in_instance_ || !import_types_ ? wasm::Decl::Kind::Export : wasm::Decl::Kind::Import;
  decls().extern_decl(kind, wasm::NameRef{ty.name, std::nullopt, external_id_of(ty.external_id)},
                      wasm::ExternType{wasm::Sort::Type, index, resource, {}});
  return type_count()++;
}

std::optional<wasm::ValType> ScopeEncoder::encode_optional(std::optional<Type> type) {
  if (!type) return std::nullopt;
  return encode_valtype(*type);
}

// Records, variants, flags, enums and tuples: their members' types first.
uint32_t ScopeEncoder::encode_members(const TypeDef& ty, TypeId id) {
  if (ty.members.empty()) cx_.problems.empty_type(ty, id);
  // The members' types go on a stack shared with nested encodings, which
  // leave it as they found it.
  const size_t base = value_stack_.size();
  if (ty.kind == TypeDefKind::Record || ty.kind == TypeDefKind::Tuple || ty.kind == TypeDefKind::Variant) {
    for (const Member& m : ty.members) {
      value_stack_.push_back(ty.kind != TypeDefKind::Variant || m.has_type ? encode_optional(m.type) : std::nullopt);
    }
  }
  using K = wasm::DefinedKind;
  static constexpr std::pair<TypeDefKind, K> kKinds[] = {{TypeDefKind::Record, K::Record},
                                                        {TypeDefKind::Tuple, K::Tuple},
                                                        {TypeDefKind::Variant, K::Variant},
                                                        {TypeDefKind::Flags, K::Flags},
                                                        {TypeDefKind::Enum, K::Enum}};
  K kind = K::Enum;
  for (const auto& [from, to] : kKinds) {
    if (from == ty.kind) kind = to;
  }
  wasm::DeclWriter& out = decls();
  out.begin_defined(kind);
  out.u32(static_cast<uint32_t>(ty.members.size()));
  for (size_t i = 0; i < ty.members.size(); ++i) {
    if (kind != K::Tuple) out.name(ty.members[i].name);
    if (kind == K::Record || kind == K::Tuple) out.valtype(*value_stack_[base + i]);
    if (kind == K::Variant) {
      out.optional_valtype(value_stack_[base + i]);
      out.byte(0);  // no refinement
    }
  }
  value_stack_.resize(base);
  return type_count()++;
}

// Options, lists, maps, results, futures, streams and handles.
uint32_t ScopeEncoder::encode_elements(const TypeDef& ty) {
  using K = wasm::DefinedKind;
  wasm::ValType first, second;
  std::optional<wasm::ValType> ok, err;
  switch (ty.kind) {
    case TypeDefKind::Handle: first = encode_valtype(Type::ref(ty.resource())); break;
    case TypeDefKind::Option:
    case TypeDefKind::List:
    case TypeDefKind::FixedList: first = encode_valtype(ty.element()); break;
    case TypeDefKind::Map:
      first = encode_valtype(ty.key());
      second = encode_valtype(ty.value());
      break;
    case TypeDefKind::Result:
      ok = encode_optional(ty.ok());
      err = encode_optional(ty.err());
      break;
    default: ok = encode_optional(ty.payload()); break;  // Future, Stream
  }
  wasm::DeclWriter& out = decls();
  switch (ty.kind) {
    case TypeDefKind::Handle:
      out.begin_defined(ty.handle == HandleKind::Own ? K::Own : K::Borrow);
      out.u32(first.index);
      break;
    case TypeDefKind::Option:
    case TypeDefKind::List:
      out.begin_defined(ty.kind == TypeDefKind::Option ? K::Option : K::List);
      out.valtype(first);
      break;
    case TypeDefKind::FixedList:
      out.begin_defined(K::FixedList);
      out.valtype(first);
      out.u32(ty.size);
      break;
    case TypeDefKind::Map:
      out.begin_defined(K::Map);
      out.valtype(first);
      out.valtype(second);
      break;
    case TypeDefKind::Result:
      out.begin_defined(K::Result);
      out.optional_valtype(ok);
      out.optional_valtype(err);
      break;
    default:
      out.begin_defined(ty.kind == TypeDefKind::Future ? K::Future : K::Stream);
      out.optional_valtype(ok);
      break;
  }
  return type_count()++;
}

// The definition of `ty` in the current scope. Sets `done` for a resource,
// whose export is its whole definition.
wasm::ValType ScopeEncoder::encode_kind(const TypeDef& ty, TypeId id, bool& done) {
  switch (ty.kind) {
    case TypeDefKind::Alias: return encode_valtype(ty.element());
    case TypeDefKind::Resource: {
      uint32_t index = export_type(0, ty, /*resource=*/true);
      cx_.by_id[level()].set(id.index, generation(), index);
      done = true;
      return wasm::ValType::type(index);
    }
    case TypeDefKind::Record:
    case TypeDefKind::Tuple:
    case TypeDefKind::Variant:
    case TypeDefKind::Flags:
    case TypeDefKind::Enum: return wasm::ValType::type(encode_members(ty, id));
    default: return wasm::ValType::type(encode_elements(ty));
  }
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
      decls().begin_defined(wasm::DefinedKind::Primitive);
      decls().byte(static_cast<uint8_t>(encoded.prim));
      index = type_count()++;
    }
    encoded = wasm::ValType::type(export_type(index, ty, /*resource=*/false));
  }
  if (!encoded.is_prim) remember(id, encoded.index);
  return encoded;
}

uint32_t ScopeEncoder::encode_func_type(const Function& f) {
  // Signatures are remembered per scope: a few per instance, where one map
  // for the whole package would be large and slow to probe.
  std::unordered_map<std::string, uint32_t>& known = in_instance_ ? inner_functions_ : outer_functions_;
  signature_key(f, cx_.key_buffer);
  if (auto found = known.find(cx_.key_buffer); found != known.end()) return found->second;
  std::string key = cx_.key_buffer;
  // The parameters' types go on a stack shared with nested encodings, which
  // leave it as they found it.
  const size_t base = value_stack_.size();
  for (const Param& p : f.params) value_stack_.push_back(encode_valtype(p.type));
  std::optional<wasm::ValType> result = encode_optional(f.result);
  wasm::DeclWriter& out = decls();
  out.begin_func(f.is_async(), static_cast<uint32_t>(f.params.size()));
  for (size_t i = 0; i < f.params.size(); ++i) {
    out.name(f.params[i].name);
    out.valtype(*value_stack_[base + i]);
  }
  value_stack_.resize(base);
  out.func_result(result);
  uint32_t index = type_count()++;
  known.emplace(std::move(key), index);
  return index;
}

}  // namespace plumb::encoding
