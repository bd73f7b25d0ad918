// Type definitions and functions of one interface or world.
#include <string>

#include "ast_resolver.h"
#include "suggest.h"
#include "toposort.h"

namespace plumb {
namespace {

std::string quoted(std::string_view s) { return "`" + std::string(s) + "`"; }

void collect_deps(const ast::Type* ty, std::vector<ast::Id>& deps) {
  if (!ty) return;
  switch (ty->kind) {
    case ast::TypeKind::Name:
    case ast::TypeKind::Own:
    case ast::TypeKind::Borrow:
      deps.push_back(ty->name());
      return;
    case ast::TypeKind::Tuple:
      for (const ast::Type* item : ty->items()) collect_deps(item, deps);
      return;
    case ast::TypeKind::List:
    case ast::TypeKind::FixedList:
    case ast::TypeKind::Option:
    case ast::TypeKind::Future:
    case ast::TypeKind::Stream:
    case ast::TypeKind::Map:
    case ast::TypeKind::Result:
      collect_deps(ty->a, deps);
      collect_deps(ty->b, deps);
      return;
    default:
      return;
  }
}

void collect_deps(const ast::TypeDef& def, std::vector<ast::Id>& deps) {
  switch (def.kind) {
    case ast::TypeDefKind::Alias: collect_deps(def.alias, deps); break;
    case ast::TypeDefKind::Record:
      for (const ast::Field& f : def.fields) collect_deps(f.type, deps);
      break;
    case ast::TypeDefKind::Variant:
      for (const ast::Case& c : def.cases) collect_deps(c.type, deps);
      break;
    default: break;
  }
}

Type::Kind primitive_kind(ast::TypeKind k) {
  switch (k) {
    case ast::TypeKind::Bool: return Type::Bool;
    case ast::TypeKind::U8: return Type::U8;
    case ast::TypeKind::U16: return Type::U16;
    case ast::TypeKind::U32: return Type::U32;
    case ast::TypeKind::U64: return Type::U64;
    case ast::TypeKind::S8: return Type::S8;
    case ast::TypeKind::S16: return Type::S16;
    case ast::TypeKind::S32: return Type::S32;
    case ast::TypeKind::S64: return Type::S64;
    case ast::TypeKind::F32: return Type::F32;
    case ast::TypeKind::F64: return Type::F64;
    case ast::TypeKind::Char: return Type::Char;
    case ast::TypeKind::String: return Type::String;
    case ast::TypeKind::ErrorContext: return Type::ErrorContext;
    default: return Type::Ref;
  }
}

bool valid_map_key(Type t) {
  switch (t.kind()) {
    case Type::Bool: case Type::U8: case Type::U16: case Type::U32: case Type::U64: case Type::S8:
    case Type::S16: case Type::S32: case Type::S64: case Type::Char: case Type::String:
      return true;
    default:
      return false;
  }
}

}  // namespace

void AstResolver::resolve_types(TypeOwner owner, const std::vector<const ast::Use*>& uses,
                                const std::vector<const ast::TypeDef*>& defs) {
  for (const ast::Use* use : uses) attempt([&] { resolve_use(owner, *use); });

  // Definitions are created in dependency order (the listing order among
  // those whose dependencies are done); `use`d names are nodes without deps.
  // The reference visits uses and definitions in source order; a `use` of a
  // name already defined silently replaces the definition (IndexMap::insert).
  nodes_.clear();
  node_deps_.clear();
  node_index_.clear();
  names_by_length_.clear();
  auto set_node = [&](const ast::Id& name, const ast::TypeDef* def) {
    uint32_t begin = static_cast<uint32_t>(node_deps_.size());
    if (def) collect_deps(*def, node_deps_);
    TypeNode node{name.name, def, begin, static_cast<uint32_t>(node_deps_.size()), name.span, false};
    if (const uint32_t* at = node_index_.find(name.name)) {
      nodes_[*at] = node;
    } else {
      node_index_.try_insert(name.name, static_cast<uint32_t>(nodes_.size()));
      nodes_.push_back(node);
    }
  };
  size_t u = 0, d = 0;
  while (u < uses.size() || d < defs.size()) {
    bool def_next = d < defs.size() && (u >= uses.size() || defs[d]->name.span.start < uses[u]->span.start);
    if (def_next) {
      const ast::TypeDef* def = defs[d++];
      if (const uint32_t* at = node_index_.find(def->name.name)) {
        attempt([&] { duplicate_name_error(def->name, nodes_[*at].span); });
        continue;
      }
      set_node(def->name, def);
    } else {
      for (const ast::UseName& name : uses[u++]->names) set_node(name.local(), nullptr);
    }
  }

  for (uint32_t i : type_order()) {
    const ast::TypeDef* def = nodes_[i].def;
    if (!def) continue;
    if (nodes_[i].cyclic) continue;
    bool ok = attempt([&] {
      Docs d_docs = docs(def->docs);
      Stability stab = stability(def->attrs);
      OptText ext = external_id(def->attrs);
      TypeDef td = resolve_type_def(*def, stab);
      td.name = def->name.name;
      td.owner = owner;
      td.docs = d_docs;
      td.stability = stab;
      td.span = def->name.span;
      td.external_id = ext;
      TypeId id = alloc_type(std::move(td));
      define_name(def->name, Lookup{LookupKind::Type, id, def->name.span});
    });
    // A type whose definition failed keeps its name, so what refers to it
    // is not blamed again.
    if (!ok && !type_lookup_.contains(def->name.name)) {
      type_lookup_.try_insert(def->name.name, Lookup{LookupKind::Type, poison_type(), def->name.span});
    }
  }
}

// The order type nodes are defined in. Usually every dependency is defined
// earlier, and the order is the listing order; otherwise the general sort.
// Names that do not exist and cycles are reported here, as the reference
// finds them (every unknown name first, in listing order); the nodes of a
// cycle are defined as failed types and marked `cyclic`.
const std::vector<uint32_t>& AstResolver::type_order() {
  std::vector<uint32_t>& order = scratch_order_;
  order.clear();
  bool backwards = true;
  for (uint32_t i = 0; i < nodes_.size() && backwards; ++i) {
    for (uint32_t k = nodes_[i].deps_begin; k < nodes_[i].deps_end; ++k) {
      const uint32_t* j = node_index_.find(node_deps_[k].name);
      if (!j || *j >= i) {
        backwards = false;
        break;
      }
    }
  }
  if (backwards) {
    for (uint32_t i = 0; i < nodes_.size(); ++i) order.push_back(i);
    return order;
  }
  std::vector<uint32_t> first;
  std::vector<TopoEdge> edges;
  first.reserve(nodes_.size() + 1);
  for (const TypeNode& n : nodes_) {
    first.push_back(static_cast<uint32_t>(edges.size()));
    for (uint32_t k = n.deps_begin; k < n.deps_end; ++k) {
      const ast::Id& dep = node_deps_[k];
      const uint32_t* to = node_index_.find(dep.name);
      if (!to) {
        // Reported here; the definition that names it then fails quietly
        // (the same place is never reported twice).
        DiagnosticError e{
            Diagnostic::error(DiagCode::UnknownType, dep.span, "type " + quoted(dep.name) + " does not exist")};
        add_unknown_type_help(e.diag, dep.name);
        report(e);
        continue;
      }
      edges.push_back(TopoEdge{*to, dep});
    }
  }
  first.push_back(static_cast<uint32_t>(edges.size()));
  TopoOrder sorted = toposort_all("type", first, edges);
  if (sorted.cycle) {
    DiagnosticError e{std::move(*sorted.cycle)};
    report(e);
    for (size_t k = sorted.sorted; k < sorted.order.size(); ++k) {
      TypeNode& node = nodes_[sorted.order[k]];
      if (!node.def) continue;
      type_lookup_.try_insert(node.name, Lookup{LookupKind::Type, poison_type(), node.def->name.span});
      node.cyclic = true;
    }
  }
  order = std::move(sorted.order);
  return order;
}

// The reference's hint for the old float type names; otherwise a near miss.
void AstResolver::add_unknown_type_help(Diagnostic& d, std::string_view name) const {
  for (auto [old_name, new_name] : {std::pair{"float32", "f32"}, std::pair{"float64", "f64"}}) {
    if (name == old_name) {
      d.with_help(std::string("the `") + old_name + "` type has been renamed to `" + new_name +
                  "` and is no longer accepted, but the `WIT_REQUIRE_F32_F64=0` environment variable can "
                  "be used to temporarily disable this error");
      return;
    }
  }
  suggest_type(d, name);
}

TypeDef AstResolver::resolve_type_def(const ast::TypeDef& def, Stability stab) {
  TypeDef out;
  switch (def.kind) {
    case ast::TypeDefKind::Alias:
      return resolve_type_expr(*def.alias, stab);
    case ast::TypeDefKind::Resource: {
      int ctors = 0;
      std::unordered_set<std::string_view> names;
      for (const ast::ResourceFunc& f : def.funcs) {
        if (f.kind == ast::ResourceFuncKind::Constructor) {
          if (++ctors > 1) raise(DiagCode::DuplicateResourceFunction, f.name.span, "duplicate constructors");
        } else if (!names.insert(f.name.name).second) {
          raise(DiagCode::DuplicateResourceFunction, f.name.span, "duplicate function name " + quoted(f.name.name));
        }
      }
      out.kind = TypeDefKind::Resource;
      return out;
    }
    case ast::TypeDefKind::Record:
      out.kind = TypeDefKind::Record;
      out.members.reserve(def.fields.size());
      for (const ast::Field& f : def.fields) {
        Member m;
        m.docs = docs(f.docs);
        m.name = f.name.name;
        m.type = resolve_type_or_poison(*f.type, stab);
        m.has_type = true;
        m.span = f.name.span;
        out.members.push_back(m);
      }
      return out;
    case ast::TypeDefKind::Flags:
    case ast::TypeDefKind::Enum:
      if (def.kind == ast::TypeDefKind::Enum && def.cases.empty())
        raise(DiagCode::EmptyType, def.name.span, "empty enum");
      out.kind = def.kind == ast::TypeDefKind::Flags ? TypeDefKind::Flags : TypeDefKind::Enum;
      out.members.reserve(def.cases.size());
      for (const ast::Case& c : def.cases) {
        Member m;
        m.docs = docs(c.docs);
        m.name = c.name.name;
        m.span = c.name.span;
        out.members.push_back(m);
      }
      return out;
    case ast::TypeDefKind::Variant:
      if (def.cases.empty()) raise(DiagCode::EmptyType, def.name.span, "empty variant");
      out.kind = TypeDefKind::Variant;
      out.members.reserve(def.cases.size());
      for (const ast::Case& c : def.cases) {
        Member m;
        m.docs = docs(c.docs);
        m.name = c.name.name;
        if (c.type) {
          m.type = resolve_type_or_poison(*c.type, stab);
          m.has_type = true;
        }
        m.span = c.name.span;
        out.members.push_back(m);
      }
      return out;
  }
  return out;
}

// The kind of a type expression (for `type x = <expr>`, or an anonymous type).
TypeDef AstResolver::resolve_type_expr(const ast::Type& ty, Stability stab) {
  TypeDef out;
  // An operand the parser may leave out (the ok or err of a result, the
  // payload of a future or stream).
  auto resolve_opt = [&](const ast::Type* t) -> std::optional<Type> {
    if (!t) return std::nullopt;
    return resolve_type(*t, stab);
  };
  Type::Kind prim = primitive_kind(ty.kind);
  if (prim != Type::Ref) {
    out.kind = TypeDefKind::Alias;
    out.set_element(Type::primitive(prim));
    return out;
  }
  switch (ty.kind) {
    case ast::TypeKind::Name:
      out.kind = TypeDefKind::Alias;
      out.set_element(Type::ref(resolve_type_name(ty.name())));
      return out;
    case ast::TypeKind::List:
      out.kind = TypeDefKind::List;
      out.set_element(resolve_type(*ty.a, stab));
      return out;
    case ast::TypeKind::FixedList:
      out.kind = TypeDefKind::FixedList;
      out.set_element(resolve_type(*ty.a, stab));
      out.size = ty.count;
      return out;
    case ast::TypeKind::Map: {
      out.kind = TypeDefKind::Map;
      const Type key = resolve_type(*ty.a, stab);  // before the value: diagnostics in source order
      out.set_map(key, resolve_type(*ty.b, stab));
      if (!valid_map_key(out.key())) {
        raise(DiagCode::InvalidMapKey, ty.span,
              "invalid map key type: map keys must be bool, u8, u16, u32, u64, s8, s16, s32, s64, char, or string");
      }
      return out;
    }
    case ast::TypeKind::Option:
      out.kind = TypeDefKind::Option;
      out.set_element(resolve_type(*ty.a, stab));
      return out;
    case ast::TypeKind::Result: {
      out.kind = TypeDefKind::Result;
      const std::optional<Type> ok = resolve_opt(ty.a);  // before err: diagnostics in source order
      out.set_result(ok, resolve_opt(ty.b));
      return out;
    }
    case ast::TypeKind::Tuple:
      out.kind = TypeDefKind::Tuple;
      out.members.reserve(ty.items().size());
      for (const ast::Type* item : ty.items()) {
        Member m;
        m.type = resolve_type_or_poison(*item, stab);
        m.has_type = true;
        out.members.push_back(m);
      }
      return out;
    case ast::TypeKind::Future:
    case ast::TypeKind::Stream:
      out.kind = ty.kind == ast::TypeKind::Future ? TypeDefKind::Future : TypeDefKind::Stream;
      out.set_payload(resolve_opt(ty.a));
      return out;
    case ast::TypeKind::Own:
    case ast::TypeKind::Borrow:
      out.kind = TypeDefKind::Handle;
      out.handle = ty.kind == ast::TypeKind::Own ? HandleKind::Own : HandleKind::Borrow;
      out.set_resource(validate_resource(ty.name()));
      return out;
    default:
      return out;
  }
}

// Help for a type name that is not in scope: a near miss among the names in
// scope and the primitive types.
void AstResolver::suggest_type(Diagnostic& d, std::string_view name) const {
  NameMatcher matcher(name);
  for (std::string_view p : primitive_type_names()) matcher.consider(p);
  // The scope's type names are its nodes (definitions and `use`d names),
  // indexed by length once per scope: a name far longer or shorter cannot
  // be close, and a scope with thousands of errors asks thousands of times.
  if (names_by_length_.empty()) {
    for (const TypeNode& node : nodes_) {
      if (names_by_length_.size() <= node.name.size()) names_by_length_.resize(node.name.size() + 1);
      names_by_length_[node.name.size()].push_back(node.name);
    }
  }
  const size_t reach = std::max<size_t>(1, name.size() / 3);
  const size_t lo = name.size() > reach ? name.size() - reach : 0;
  for (size_t len = lo; len <= name.size() + reach && len < names_by_length_.size(); ++len) {
    for (std::string_view n : names_by_length_[len]) matcher.consider(n);
  }
  std::optional<std::string> best = matcher.best();
  if (!best) return;
  // A name `use`d from another package may itself be the misspelling: that
  // is decided once the other package is read (see DeferredHint).
  if (const Lookup* found = type_lookup_.find(*best)) {
    const TypeDef& alias = out_.types[found->id.index];
    if (found->kind == LookupKind::Type && alias.kind == TypeDefKind::Alias && alias.element().is_ref() &&
        alias.element().id().index < out_.unknown_type_spans.size()) {
      const uint32_t iface = out_.types[alias.element().id().index].owner.index;
      for (const auto& [pkg, items] : out_.foreign_deps) {
        for (const auto& [iface_name, item] : items) {
          if (item.item.is_world || item.item.index != iface) continue;
          pending_hint_ = DeferredHint{0, std::string(name), *best, pkg, std::string(iface_name), alias.span};
          return;
        }
      }
    }
  }
  d.with_help("did you mean `" + *best + "`?");
}

TypeId AstResolver::resolve_type_name(const ast::Id& name) {
  const Lookup* found = type_lookup_.find(name.name);
  if (!found) {
    DiagnosticError e{
        Diagnostic::error(DiagCode::UnknownType, name.span, "name " + quoted(name.name) + " does not exist")};
    suggest_type(e.diag, name.name);
    throw e;
  }
  if (found->kind == LookupKind::Function) {
    raise(DiagCode::FunctionNotType, name.span, "cannot use function " + quoted(name.name) + " as a type");
  }
  return found->id;
}

TypeId AstResolver::validate_resource(const ast::Id& name) {
  TypeId id = resolve_type_name(name);
  TypeId cur = id;
  for (;;) {
    const TypeDef& def = out_.types[cur.index];
    if (def.kind == TypeDefKind::Resource) return id;
    if (def.kind == TypeDefKind::Alias && def.element().is_ref()) {
      cur = def.element().id();
      continue;
    }
    if (def.kind == TypeDefKind::Unknown) {
      out_.required_resource_types.emplace_back(cur, name.span);
      return id;
    }
    raise(DiagCode::HandleNotResource, name.span, "type " + quoted(name.name) + " used in a handle must be a resource");
  }
}

Type AstResolver::resolve_type_or_poison(const ast::Type& ty, Stability stab) {
  Type out;
  if (!attempt([&] { out = resolve_type(ty, stab); })) return Type::ref(poison_type());
  return out;
}

Type AstResolver::resolve_type(const ast::Type& ty, Stability stab) {
  // A primitive or a name is itself: no anonymous type to build.
  Type::Kind prim = primitive_kind(ty.kind);
  if (prim != Type::Ref) return Type::primitive(prim);
  if (ty.kind == ast::TypeKind::Name) return Type::ref(resolve_type_name(ty.name()));
  TypeDef def = resolve_type_expr(ty, stab);
  def.stability = find_stability(def, stab);
  def.span = ty.span;
  return intern_anonymous(std::move(def));
}

// An anonymous type inherits the given stability or, if that is unknown, the
// first known stability of a type it refers to directly.
Stability AstResolver::find_stability(const TypeDef& def, Stability given) const {
  if (!given.unknown()) return given;
  auto of = [&](Type t) -> const Stability* {
    if (!t.is_ref()) return nullptr;
    const Stability& s = out_.types[t.id().index].stability;
    return s.unknown() ? nullptr : &s;
  };
  const Stability* found = nullptr;
  switch (def.kind) {
    case TypeDefKind::Alias: case TypeDefKind::Handle: case TypeDefKind::List: case TypeDefKind::FixedList:
    case TypeDefKind::Option: case TypeDefKind::Future: case TypeDefKind::Stream:
    case TypeDefKind::Map: case TypeDefKind::Result:
      def.for_each_slot([&](Type t) {
        if (!found) found = of(t);
      });
      break;
    case TypeDefKind::Tuple:
      for (const Member& m : def.members) {
        if ((found = of(m.type))) break;
      }
      break;
    default:
      break;
  }
  return found ? *found : Stability{};
}

// Structurally equal anonymous types share one id per package; an anonymous
// `own<T>` is just `T`, and a type alias is what it names.
Type AstResolver::intern_anonymous(TypeDef&& def) {
  if (def.kind == TypeDefKind::Alias) return def.element();
  if (def.kind == TypeDefKind::Handle && def.handle == HandleKind::Own) return Type::ref(def.resource());
  TypeId next(out_.types.size());
  TypeId id = anon_types_.find_or_add(def, out_.types, next);
  if (id == next) alloc_type(std::move(def));
  return Type::ref(id);
}

Function AstResolver::resolve_resource_func(const ast::ResourceFunc& rf, const ast::Id& resource) {
  TypeId rid = type_lookup_.find(resource.name)->id;
  // `[method]r.m`, `[static]r.s`, `[constructor]r`, built in one reused
  // buffer (a resource-heavy package has hundreds).
  std::string& name = name_buffer_;
  FunctionKind kind;
  switch (rf.kind) {
    case ast::ResourceFuncKind::Method:
      name.assign("[method]");
      kind = rf.func.async ? FunctionKind::AsyncMethod : FunctionKind::Method;
      break;
    case ast::ResourceFuncKind::Static:
      name.assign("[static]");
      kind = rf.func.async ? FunctionKind::AsyncStatic : FunctionKind::Static;
      break;
    case ast::ResourceFuncKind::Constructor:
    default:
      name.assign("[constructor]");
      kind = FunctionKind::Constructor;
      break;
  }
  name.append(resource.name);
  if (kind != FunctionKind::Constructor) name.append(".").append(rf.name.name);
  return resolve_function(rf.docs, rf.attrs, resolve_.strings.add(name), rf.name.span, rf.func, kind, rid);
}

Function AstResolver::resolve_function(const ast::Docs& docs_ast, List<ast::Attribute> attrs, std::string_view name,
                                       Span name_span, const ast::Func& func, FunctionKind kind, TypeId resource) {
  Function f;
  f.docs = docs(docs_ast);
  f.stability = stability(attrs);
  f.external_id = external_id(attrs);
  f.name = name;
  f.kind = kind;
  f.resource = resource;
  f.params = resolve_params(func, kind, resource);
  f.result = resolve_result(func, kind, resource);
  f.span = name_span;
  return f;
}

std::vector<Param> AstResolver::resolve_params(const ast::Func& func, FunctionKind kind, TypeId resource) {
  std::vector<Param> params;
  params.reserve(func.params.size() + 1);
  if (kind == FunctionKind::Method || kind == FunctionKind::AsyncMethod) {
    TypeDef self;
    self.kind = TypeDefKind::Handle;
    self.handle = HandleKind::Borrow;
    self.set_resource(resource);
    self.stability = find_stability(self, Stability{});
    self.span = func.span;
    params.push_back(Param{"self", intern_anonymous(std::move(self)), func.span});
  }
  for (const ast::Param& p : func.params) {
    const Param* prev = nullptr;
    for (const Param& q : params) {
      if (q.name == p.name.name) prev = &q;
    }
    if (prev) {
      attempt([&] {
        Diagnostic d = Diagnostic::error(DiagCode::DuplicateParam, p.name.span,
                                         "param " + quoted(p.name.name) + " is defined more than once");
        if (prev->span.known() && prev->name != "self") d.with_label(prev->span, "first defined here");
        throw DiagnosticError{std::move(d)};
      });
      continue;
    }
    params.push_back(Param{p.name.name, resolve_type_or_poison(*p.type, Stability{}), p.name.span});
  }
  return params;
}

std::optional<Type> AstResolver::resolve_result(const ast::Func& func, FunctionKind kind, TypeId resource) {
  if (kind != FunctionKind::Constructor) {
    if (!func.result) return std::nullopt;
    return resolve_type(*func.result, Stability{});
  }
  // A constructor returns its resource, or `result<R, E?>` if it says so.
  if (!func.result) return Type::ref(resource);
  const ast::Type& ast_result = *func.result;
  Type result = resolve_type(ast_result, Stability{});
  if (is_poison(result)) return result;
  if (!result.is_ref() || out_.types[result.id().index].kind != TypeDefKind::Result) {
    raise(DiagCode::InvalidConstructor, ast_result.span,
          "if a constructor return type is declared it must be a `result`");
  }
  const TypeDef& r = out_.types[result.id().index];
  const std::optional<Type> ok = r.ok();
  if (!(ok && ok->is_ref() && ok->id() == resource)) {
    Span ok_span = ast_result.kind == ast::TypeKind::Result && ast_result.a ? ast_result.a->span : ast_result.span;
    raise(DiagCode::InvalidConstructor, ok_span, "the `ok` type must be the resource being constructed");
  }
  return result;
}

}  // namespace plumb
