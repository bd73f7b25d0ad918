#include "plumb/wasm/component_types.h"

#include <algorithm>
#include <set>

#include "checker.h"
#include "plumb/diagnostics/diagnostic_error.h"
#include "plumb/wasm/component_names.h"

namespace plumb::wasm {

AnyId TypeStore::with_unique(AnyId id) {
  if (id.kind != AnyKind::Defined && id.kind != AnyKind::Resource) return id;
  AnyId out = id;
  out.alias = static_cast<uint32_t>(alias_parent_.size());
  alias_parent_.push_back(id.alias);
  return out;
}

std::optional<AnyId> TypeStore::peel(AnyId id) const {
  if (id.alias == kNoAlias) return std::nullopt;
  AnyId out = id;
  out.alias = alias_parent_[id.alias];
  return out;
}

namespace check {

const char* sort_desc(Sort s) {
  switch (s) {
    case Sort::CoreModule: return "module";
    case Sort::Func: return "func";
    case Sort::Value: return "value";
    case Sort::Type: return "type";
    case Sort::Component: return "component";
    case Sort::Instance: return "instance";
  }
  return "item";
}

namespace {

// The reference's limit on how deeply value types nest.
constexpr uint32_t kMaxTypeDepth = 100;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace


AnyId Checker::type_at(uint32_t idx, size_t at) {
  if (idx >= cur().types.size()) {
    raise_at_byte(kInvalid, at, "unknown type " + std::to_string(idx) + ": type index out of bounds");
  }
  return cur().types[idx];
}

CValType Checker::valtype(const ValType& v, size_t at) {
  CValType out;
  if (v.is_prim) {
    out.prim = v.prim;
    return out;
  }
  AnyId id = type_at(v.index, at);
  if (id.kind != AnyKind::Defined)
    raise_at_byte(kInvalid, at, "type index " + std::to_string(v.index) + " is not a defined type");
  out.is_prim = false;
  out.defined = id;
  return out;
}

uint32_t Checker::func_at(uint32_t idx, size_t at) {
  if (idx >= cur().funcs.size())
    raise_at_byte(kInvalid, at, "unknown function " + std::to_string(idx) + ": function index out of bounds");
  return cur().funcs[idx];
}

uint32_t Checker::instance_at(uint32_t idx, size_t at) {
  if (idx >= cur().instances.size())
    raise_at_byte(kInvalid, at, "unknown instance " + std::to_string(idx) + ": instance index out of bounds");
  return cur().instances[idx];
}

uint32_t Checker::component_at(uint32_t idx, size_t at) {
  if (idx >= cur().components.size())
    raise_at_byte(kInvalid, at, "unknown component " + std::to_string(idx) + ": component index out of bounds");
  return cur().components[idx];
}

AnyId Checker::resource_at(uint32_t idx, size_t at) {
  AnyId id = type_at(idx, at);
  if (id.kind != AnyKind::Resource)
    raise_at_byte(kInvalid, at, "type index " + std::to_string(idx) + " is not a resource type");
  return id;
}

void Checker::unique_names(const std::vector<std::string>& names, const char* what, size_t at) {
  std::set<std::string> seen;
  for (const std::string& n : names) {
    if (!is_kebab(n)) raise_at_byte(kInvalid, at, std::string(what) + " name `" + n + "` is not in kebab case");
    if (!seen.insert(lower(n)).second)
      raise_at_byte(kInvalid, at, std::string(what) + " name `" + n + "` conflicts with previous name");
  }
}

CDefined Checker::defined(const DefinedType& d, size_t at) {
  CDefined out = defined_shape(d, at);
  auto deeper = [&](const CValType& v) {
    if (!v.is_prim) out.depth = std::max(out.depth, t_.def(v.defined).depth + 1);
  };
  for (const auto& f : out.fields) deeper(f.second);
  for (const auto& c : out.cases) {
    if (c.second) deeper(*c.second);
  }
  for (const CValType& v : out.types) deeper(v);
  if (out.kind == DefinedKind::List || out.kind == DefinedKind::Option || out.kind == DefinedKind::FixedList ||
      out.kind == DefinedKind::Map || out.has_a) {
    deeper(out.a);
  }
  if (out.kind == DefinedKind::Map || out.has_b) deeper(out.b);
  if (out.depth > kMaxTypeDepth) raise_at_byte(kInvalid, at, "type nesting is too deep");
  return out;
}

CDefined Checker::defined_shape(const DefinedType& d, size_t at) {
  CDefined out;
  out.kind = d.kind;
  out.prim = d.prim;
  std::vector<std::string> names;
  switch (d.kind) {
    case DefinedKind::Primitive: break;
    case DefinedKind::Record:
      if (d.fields.empty()) raise_at_byte(kInvalid, at, "record type must have at least one field");
      for (const NamedValType& f : d.fields) {
        names.push_back(f.name);
        out.fields.emplace_back(f.name, valtype(f.type, at));
      }
      unique_names(names, "record field", at);
      break;
    case DefinedKind::Variant:
      if (d.cases.empty()) raise_at_byte(kInvalid, at, "variant type must have at least one case");
      for (const VariantCase& c : d.cases) {
        names.push_back(c.name);
        std::optional<CValType> ty;
        if (c.type) ty = valtype(*c.type, at);
        out.cases.emplace_back(c.name, ty);
      }
      unique_names(names, "variant case", at);
      break;
    case DefinedKind::Flags:
    case DefinedKind::Enum:
      if (d.names.empty()) {
        raise_at_byte(kInvalid, at,
                      d.kind == DefinedKind::Flags ? "flags must have at least one entry"
                                                   : "enum type must have at least one variant");
      }
      if (d.kind == DefinedKind::Flags && d.names.size() > 32)
        raise_at_byte(kInvalid, at, "cannot have more than 32 flags");
      unique_names(d.names, d.kind == DefinedKind::Flags ? "flag" : "enum tag", at);
      out.names = d.names;
      break;
    case DefinedKind::Tuple:
      if (d.types.empty()) raise_at_byte(kInvalid, at, "tuple type must have at least one type");
      for (const ValType& v : d.types) out.types.push_back(valtype(v, at));
      break;
    case DefinedKind::List:
    case DefinedKind::Option:
      out.a = valtype(d.a, at);
      break;
    case DefinedKind::FixedList:
      if (d.length == 0) raise_at_byte(kInvalid, at, "Fixed size lists must have more than zero elements");
      out.a = valtype(d.a, at);
      out.length = d.length;
      break;
    case DefinedKind::Map:
      out.a = valtype(d.a, at);
      out.b = valtype(d.b, at);
      break;
    case DefinedKind::Result:
    case DefinedKind::Future:
    case DefinedKind::Stream:
      if (d.has_a) out.a = valtype(d.a, at), out.has_a = true;
      if (d.has_b) out.b = valtype(d.b, at), out.has_b = true;
      break;
    case DefinedKind::Own:
    case DefinedKind::Borrow:
      out.resource = resource_at(d.resource, at);
      break;
  }
  return out;
}

CFunc Checker::func(const FuncType& f, size_t at) {
  CFunc out;
  out.async = f.async;
  std::vector<std::string> names;
  for (const NamedValType& p : f.params) {
    names.push_back(p.name);
    out.params.emplace_back(p.name, valtype(p.type, at));
  }
  unique_names(names, "function parameter", at);
  if (f.result) out.result = valtype(*f.result, at);
  return out;
}

void Checker::add_type(const TypeDef& def) {
  AnyId id;
  switch (def.kind) {
    case TypeDef::Kind::Defined:
      id = AnyId{AnyKind::Defined, static_cast<uint32_t>(t_.defined.size()), kNoAlias};
      t_.defined.push_back(defined(def.defined, def.offset));
      break;
    case TypeDef::Kind::Func:
      id = AnyId{AnyKind::Func, static_cast<uint32_t>(t_.funcs.size()), kNoAlias};
      t_.funcs.push_back(func(def.func, def.offset));
      break;
    case TypeDef::Kind::Component:
    case TypeDef::Kind::Instance: {
      bool component = def.kind == TypeDef::Kind::Component;
      stack_.emplace_back(component ? ScopeKind::ComponentType : ScopeKind::InstanceType);
      for (const Decl& d : def.decls) decl(d);
      Scope done = std::move(stack_.back());
      stack_.pop_back();
      if (component) {
        CComponent ty = finish_component(done, def.offset);
        id = AnyId{AnyKind::Component, static_cast<uint32_t>(t_.components.size()), kNoAlias};
        t_.components.push_back(std::move(ty));
      } else {
        id = AnyId{AnyKind::Instance, static_cast<uint32_t>(t_.instances.size()), kNoAlias};
        t_.instances.push_back(
            CInstance{std::move(done.exports), std::move(done.defined_resources), std::move(done.explicit_resources)});
      }
      break;
    }
    case TypeDef::Kind::Resource:
      raise_at_byte(kInvalid, def.offset, "resources can only be defined within a concrete component");
  }
  cur().types.push_back(id);
}

void Checker::decl(const Decl& d) {
  switch (d.kind) {
    case Decl::Kind::CoreType:
      raise_at_byte(kInvalid, d.offset, "core type declarations are not supported in WIT package binaries");
    case Decl::Kind::Type:
      add_type(*d.type);
      break;
    case Decl::Kind::Alias:
      alias(d.alias, d.offset);
      break;
    case Decl::Kind::Import:
    case Decl::Kind::Export: {
      bool is_import = d.kind == Decl::Kind::Import;
      Entity e = entity(d.extern_type, d.offset);
      add_entity(e, is_import ? ExternKind::Import : ExternKind::Export);
      register_name(d.name, e, is_import, d.offset);
      break;
    }
  }
}

void Checker::alias(const Alias& a, size_t at) {
  switch (a.target) {
    case Alias::Target::CoreInstanceExport:
      if (cur().kind == ScopeKind::Component) return;  // core index spaces are not modelled
      raise_at_byte(kInvalid, at, "core instance export aliases are not supported in WIT package binaries");
    case Alias::Target::InstanceExport: {
      const CInstance& inst = t_.instances[instance_at(a.instance, at)];
      const Item* item = inst.exports.find(a.name);
      if (!item)
        raise_at_byte(kInvalid, at,
                      "instance " + std::to_string(a.instance) + " has no export named `" + a.name + "`");
      if (item->entity.kind != a.sort) {
        raise_at_byte(
            kInvalid, at,
            "export `" + a.name + "` for instance " + std::to_string(a.instance) + " is not a " + sort_desc(a.sort));
      }
      Entity e = item->entity;
      add_entity(e, ExternKind::None);
      break;
    }
    case Alias::Target::Outer: {
      if (a.count >= stack_.size())
        raise_at_byte(kInvalid, at, "invalid outer alias count of " + std::to_string(a.count));
      Scope& target = stack_[stack_.size() - 1 - a.count];
      if (a.sort == Sort::Type) {
        if (a.index >= target.types.size()) {
          raise_at_byte(kInvalid, at, "unknown type " + std::to_string(a.index) + ": type index out of bounds");
        }
        cur().types.push_back(target.types[a.index]);
      } else if (a.sort == Sort::Component) {
        if (a.index >= target.components.size()) {
          raise_at_byte(kInvalid, at,
                        "unknown component " + std::to_string(a.index) + ": component index out of bounds");
        }
        cur().components.push_back(target.components[a.index]);
      } else if (cur().kind != ScopeKind::Component) {
        raise_at_byte(kInvalid, at, "core outer aliases are not supported in WIT package binaries");
      }
      break;
    }
  }
}

uint32_t Checker::type_of_kind(uint32_t index, size_t at, AnyKind kind, const char* what) {
  AnyId id = type_at(index, at);
  if (id.kind != kind) raise_at_byte(kInvalid, at, "type index " + std::to_string(index) + " is not a " + what + " type");
  return id.index;
}

Entity Checker::entity(const ExternType& t, size_t at) {
  Entity e;
  e.kind = t.kind;
  switch (t.kind) {
    case Sort::CoreModule: raise_at_byte(kInvalid, at, "core modules are not supported in WIT package binaries");
    case Sort::Value: raise_at_byte(kInvalid, at, "component values are not supported in WIT package binaries");
    case Sort::Func: e.id = type_of_kind(t.index, at, AnyKind::Func, "function"); break;
    case Sort::Instance: e.id = type_of_kind(t.index, at, AnyKind::Instance, "instance"); break;
    case Sort::Component: e.id = type_of_kind(t.index, at, AnyKind::Component, "component"); break;
    case Sort::Type:
      if (t.sub_resource) {
        e.referenced = e.created = t_.new_resource();
      } else {
        e.referenced = type_at(t.index, at);
        e.created = t_.with_unique(e.referenced);
      }
      break;
  }
  return e;
}


void Checker::check_name(const ExternName& name, const Entity& e, bool is_import, size_t at,
                         std::set<std::string>& names) {
  const char* kind = is_import ? "import" : "export";
  auto parsed = parse_component_name(name.name);
  if (!parsed) {
    raise_at_byte(kInvalid, at,
                  std::string(kind) + " name `" + name.name + "` is not a valid extern name: " + parsed.error());
  }
  if (!is_import && (parsed->kind == NameKind::Hash || parsed->kind == NameKind::Url ||
                     parsed->kind == NameKind::Dependency)) {
    raise_at_byte(kInvalid, at, "name `" + name.name + "` is not a valid export name");
  }
  if (name.implements) {
    if (parsed->kind != NameKind::Label)
      raise_at_byte(kInvalid, at, "name `" + name.name + "` is not valid with `implements`");
    if (e.kind != Sort::Instance) raise_at_byte(kInvalid, at, "only instances can have an `implements`");
    auto impl = parse_component_name(*name.implements);
    if (!impl) raise_at_byte(kInvalid, at, "`" + *name.implements + "` is not a valid name: " + impl.error());
    if (impl->kind != NameKind::Interface)
      raise_at_byte(kInvalid, at, "name `" + *name.implements + "` must be an interface");
  }
  if (name.version_suffix && e.kind != Sort::Instance)
    raise_at_byte(kInvalid, at, "only instances can have an `versionsuffix`");
  if (parsed->kind == NameKind::Interface) {
    auto version = parsed->version(name.version_suffix);
    if (!version) raise_at_byte(kInvalid, at, "invalid interface version: " + version.error());
  }
  // Import names are unique among imports, export names among exports:
  // kebab names ignoring case, interface names (and the rest) by text.
  std::string key = parsed->kind == NameKind::Interface ? name.name : lower(name.name);
  if (!names.insert(std::to_string(static_cast<int>(parsed->kind)) + key).second) {
    raise_at_byte(kInvalid, at, std::string(kind) + " name `" + name.name + "` conflicts with previous name");
  }
}

void Checker::register_name(const ExternName& name, const Entity& e, bool is_import, size_t at) {
  Scope& s = cur();
  check_name(name, e, is_import, at, is_import ? s.import_names : s.export_names);
  const char* kind = is_import ? "import" : "export";
  ItemMap& items = is_import ? s.imports : s.exports;
  Item item{e, name.implements, name.version_suffix, name.external_id};
  if (!items.try_insert(name.name, item).second) {
    raise_at_byte(kInvalid, at, std::string(kind) + " name `" + name.name + "` conflicts with previous name");
  }
}

}  // namespace check

Expected<CheckedComponent> check_component(const Component& component) {
  CheckedComponent out;
  try {
    check::Checker(out.types).check_top(component, out);
  } catch (DiagnosticError& e) {
    // The section read whole that holds the error: the last one starting
    // at or before its offset.
    const Section* holder = nullptr;
    for (const Section& s : component.sections) {
      if (s.offset > e.diag.span.start) break;
      holder = &s;
    }
    if (holder) label_section(e.diag, *holder);
    return Unexpected{std::move(e.diag)};
  }
  return out;
}

}  // namespace plumb::wasm
