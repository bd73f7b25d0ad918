#include "wat_lower.h"

#include <unordered_map>

#include "plumb/diagnostics/diagnostic_error.h"
#include "plumb/wasm/binary_writer.h"
#include "plumb/wasm/wat_parser.h"

namespace plumb::wat {
namespace {

// ---------------------------------------------------------------------------
// Hoisting inline types.

class Expander {
 public:
  void component(Component& c) {
    std::vector<Field> out;
    std::vector<Field> appended;  // exports named inline on type fields
    for (Field& f : c.fields) {
      std::vector<Decl> hoisted;
      switch (f.kind) {
        case Field::Kind::Type:
          typedef_(*f.type, hoisted);
          if (!f.inline_exports.empty()) {
            if (!f.id) f.id = gensym();
            for (wasm::ExternName& name : f.inline_exports) {
              Field e;
              e.kind = Field::Kind::Export;
              e.name = std::move(name);
              e.sort = wasm::Sort::Type;
              e.index = Index::of_id(*f.id, f.offset);
              e.offset = f.offset;
              appended.push_back(std::move(e));
            }
            f.inline_exports.clear();
          }
          break;
        case Field::Kind::Export:
          if (f.ascribed) item_sig(*f.ascribed, hoisted);
          break;
        case Field::Kind::Import:
          item_sig(f.sig, hoisted);
          break;
        default:
          break;
      }
      for (Decl& d : hoisted) {
        Field t;
        t.kind = Field::Kind::Type;
        t.id = std::move(d.id);
        t.type = std::move(d.type);
        t.offset = d.offset;
        out.push_back(std::move(t));
      }
      out.push_back(std::move(f));
    }
    for (Field& f : appended) out.push_back(std::move(f));
    c.fields = std::move(out);
  }

 private:
  // Names no text can spell: the text format's ids are printable.
  std::string gensym() { return "\x01gensym" + std::to_string(next_++); }

  void decls(std::vector<Decl>& ds) {
    std::vector<Decl> out;
    for (Decl& d : ds) {
      std::vector<Decl> hoisted;
      if (d.kind == Decl::Kind::Type) typedef_(*d.type, hoisted);
      else if (d.kind == Decl::Kind::Import || d.kind == Decl::Kind::Export) item_sig(d.sig, hoisted);
      for (Decl& h : hoisted) out.push_back(std::move(h));
      out.push_back(std::move(d));
    }
    ds = std::move(out);
  }

  void typedef_(TypeDef& t, std::vector<Decl>& hoisted) {
    switch (t.kind) {
      case TypeDef::Kind::Defined: defined(t.defined, hoisted); break;
      case TypeDef::Kind::Func: func(t.func, hoisted); break;
      case TypeDef::Kind::Component:
      case TypeDef::Kind::Instance: decls(t.decls); break;  // hoisted inside
    }
  }

  void func(FuncType& f, std::vector<Decl>& hoisted) {
    for (auto& [name, ty] : f.params) valtype(ty, hoisted);
    if (f.result) valtype(*f.result, hoisted);
  }

  void item_sig(ItemSig& s, std::vector<Decl>& hoisted) {
    if (!s.inline_type) return;
    typedef_(*s.inline_type, hoisted);
    hoist(std::move(s.inline_type), s.offset, hoisted, s.type);
  }

  void hoist(std::unique_ptr<TypeDef> def, size_t offset, std::vector<Decl>& hoisted, Index& ref) {
    Decl d;
    d.kind = Decl::Kind::Type;
    d.id = gensym();
    d.type = std::move(def);
    d.offset = offset;
    ref = Index::of_id(*d.id, offset);
    hoisted.push_back(std::move(d));
  }

  void defined(DefinedType& d, std::vector<Decl>& hoisted) {
    for (auto& [name, ty] : d.fields) valtype(ty, hoisted);
    for (auto& [name, ty] : d.cases) {
      if (ty) valtype(*ty, hoisted);
    }
    for (ValType& ty : d.types) valtype(ty, hoisted);
    if (d.a) valtype(*d.a, hoisted);
    if (d.b) valtype(*d.b, hoisted);
  }

  void valtype(ValType& v, std::vector<Decl>& hoisted) {
    if (v.kind != ValType::Kind::Inline) return;
    defined(*v.inline_def, hoisted);
    auto def = std::make_unique<TypeDef>();
    def->kind = TypeDef::Kind::Defined;
    def->defined = std::move(*v.inline_def);
    def->offset = v.offset;
    v.inline_def.reset();
    v.kind = ValType::Kind::Ref;
    hoist(std::move(def), v.offset, hoisted, v.ref);
  }

  uint32_t next_ = 0;
};

// ---------------------------------------------------------------------------
// Resolving names.

enum class Ns { Type, Func, Instance, Component, Value, CoreModule };

const char* ns_desc(Ns ns) {
  switch (ns) {
    case Ns::Type: return "type";
    case Ns::Func: return "func";
    case Ns::Instance: return "instance";
    case Ns::Component: return "component";
    case Ns::Value: return "value";
    case Ns::CoreModule: return "core module";
  }
  return "item";
}

Ns ns_of(wasm::Sort s) {
  switch (s) {
    case wasm::Sort::Type: return Ns::Type;
    case wasm::Sort::Func: return Ns::Func;
    case wasm::Sort::Instance: return Ns::Instance;
    case wasm::Sort::Component: return Ns::Component;
    case wasm::Sort::Value: return Ns::Value;
    case wasm::Sort::CoreModule: return Ns::CoreModule;
  }
  return Ns::Type;
}

struct Namespace {
  std::unordered_map<std::string, uint32_t> ids;
  uint32_t count = 0;
};

struct Scope {
  std::optional<std::string> id;  // a `$name` for `alias outer $name ...`
  Namespace spaces[6];
  Namespace& ns(Ns n) { return spaces[static_cast<int>(n)]; }
};

class Lowerer {
 public:
  wasm::Component component(Component c) {
    stack_.push_back(Scope{c.id, {}});
    wasm::Component out;
    for (Field& f : c.fields) field(f, out);
    return out;
  }

 private:
  Scope& cur() { return stack_.back(); }

  uint32_t register_name(Ns ns, const std::optional<std::string>& id, size_t offset) {
    Namespace& space = cur().ns(ns);
    uint32_t index = space.count++;
    if (id && !space.ids.emplace(*id, index).second) {
      raise_at(DiagCode::WatUnknownName, offset, id->size() + 1,
               "duplicate " + std::string(ns_desc(ns)) + " identifier `$" + *id + "`");
    }
    return index;
  }

  // Resolves `idx` in namespace `ns`; a name of an enclosing scope becomes
  // an outer alias, appended to `aliases` (placed before the item being
  // lowered) and named locally from then on.
  uint32_t resolve(const Index& idx, Ns ns, std::vector<wasm::Alias>& aliases) {
    if (!idx.is_id) return idx.num;
    for (size_t depth = 0; depth < stack_.size(); ++depth) {
      Scope& scope = stack_[stack_.size() - 1 - depth];
      auto it = scope.ns(ns).ids.find(idx.id);
      if (it == scope.ns(ns).ids.end()) continue;
      if (depth == 0) return it->second;
      if (ns != Ns::Type && ns != Ns::Component && ns != Ns::CoreModule) {
        raise_at(DiagCode::WatUnknownName, idx.offset, idx.length,
                 "outer item `$" + idx.id + "` is not a module, type, or component");
      }
      wasm::Alias a;
      a.target = wasm::Alias::Target::Outer;
      a.sort = ns == Ns::Type ? wasm::Sort::Type : wasm::Sort::Component;
      a.count = static_cast<uint32_t>(depth);
      a.index = it->second;
      aliases.push_back(a);
      return register_name(ns, idx.id, idx.offset);
    }
    raise_at(DiagCode::WatUnknownName, idx.offset, idx.length,
             "unknown " + std::string(ns_desc(ns)) + ": failed to find name `$" + idx.id + "`");
  }

  static wasm::Decl alias_decl(const wasm::Alias& a, size_t offset) {
    wasm::Decl d;
    d.kind = wasm::Decl::Kind::Alias;
    d.alias = a;
    d.offset = offset;
    return d;
  }

  wasm::ValType valtype(const ValType& v, std::vector<wasm::Alias>& aliases) {
    if (v.kind == ValType::Kind::Prim) return wasm::ValType::primitive(v.prim);
    return wasm::ValType::type(resolve(v.ref, Ns::Type, aliases));
  }

  wasm::DefinedType defined(const DefinedType& d, std::vector<wasm::Alias>& aliases) {
    wasm::DefinedType out;
    out.kind = d.kind;
    out.prim = d.prim;
    for (const auto& [name, ty] : d.fields) out.fields.push_back({name, valtype(ty, aliases)});
    for (const auto& [name, ty] : d.cases) {
      wasm::VariantCase c;
      c.name = name;
      if (ty) c.type = valtype(*ty, aliases);
      out.cases.push_back(std::move(c));
    }
    out.names = d.names;
    for (const ValType& ty : d.types) out.types.push_back(valtype(ty, aliases));
    if (d.a) out.a = valtype(*d.a, aliases), out.has_a = true;
    if (d.b) out.b = valtype(*d.b, aliases), out.has_b = true;
    out.length = d.length;
    if (d.kind == wasm::DefinedKind::Own || d.kind == wasm::DefinedKind::Borrow) {
      out.resource = resolve(d.resource, Ns::Type, aliases);
    }
    return out;
  }

  wasm::TypeDef typedef_(TypeDef& t, std::vector<wasm::Alias>& aliases, const std::optional<std::string>& id) {
    wasm::TypeDef out;
    out.offset = t.offset;
    switch (t.kind) {
      case TypeDef::Kind::Defined:
        out.kind = wasm::TypeDef::Kind::Defined;
        out.defined = defined(t.defined, aliases);
        break;
      case TypeDef::Kind::Func:
        out.kind = wasm::TypeDef::Kind::Func;
        out.func.async = t.func.async;
        for (const auto& [name, ty] : t.func.params) out.func.params.push_back({name, valtype(ty, aliases)});
        if (t.func.result) out.func.result = valtype(*t.func.result, aliases);
        break;
      case TypeDef::Kind::Component:
      case TypeDef::Kind::Instance:
        out.kind = t.kind == TypeDef::Kind::Component ? wasm::TypeDef::Kind::Component : wasm::TypeDef::Kind::Instance;
        stack_.push_back(Scope{id, {}});
        out.decls = decls(t.decls);
        stack_.pop_back();
        break;
    }
    return out;
  }

  wasm::ExternType extern_type(const ItemSig& s, std::vector<wasm::Alias>& aliases) {
    wasm::ExternType t;
    t.kind = s.kind;
    if (s.kind == wasm::Sort::Type) {
      t.sub_resource = s.sub_resource;
      if (!s.sub_resource) t.index = resolve(s.eq, Ns::Type, aliases);
    } else {
      t.index = resolve(s.type, Ns::Type, aliases);
    }
    return t;
  }

  std::vector<wasm::Decl> decls(std::vector<Decl>& ds) {
    std::vector<wasm::Decl> out;
    for (Decl& d : ds) {
      std::vector<wasm::Alias> aliases;
      wasm::Decl lowered;
      lowered.kind = static_cast<wasm::Decl::Kind>(static_cast<int>(d.kind) + 1);  // Type=1, Alias=2, ...
      lowered.offset = d.offset;
      switch (d.kind) {
        case Decl::Kind::Type:
          lowered.type = std::make_unique<wasm::TypeDef>(typedef_(*d.type, aliases, d.id));
          break;
        case Decl::Kind::Alias:
          lowered.alias = alias(d.alias, aliases);
          break;
        case Decl::Kind::Import:
        case Decl::Kind::Export:
          lowered.name = d.name;
          lowered.extern_type = extern_type(d.sig, aliases);
          break;
      }
      for (const wasm::Alias& a : aliases) out.push_back(alias_decl(a, d.offset));
      // Registered after its references are resolved: nothing refers to
      // itself.
      switch (d.kind) {
        case Decl::Kind::Type: register_name(Ns::Type, d.id, d.offset); break;
        case Decl::Kind::Alias: register_name(ns_of(d.alias.sort), d.alias.id, d.offset); break;
        case Decl::Kind::Import:
        case Decl::Kind::Export: register_name(ns_of(d.sig.kind), d.sig.id, d.offset); break;
      }
      out.push_back(std::move(lowered));
    }
    return out;
  }

  wasm::Alias alias(const Alias& a, std::vector<wasm::Alias>& aliases) {
    wasm::Alias out;
    out.target = a.target;
    out.sort = a.sort;
    if (a.target == wasm::Alias::Target::InstanceExport) {
      out.instance = resolve(a.instance, Ns::Instance, aliases);
      out.name = a.name;
      return out;
    }
    // `alias outer $scope idx`: the scope by count or name, the index in
    // that scope's namespace.
    uint32_t depth;
    if (a.outer.is_id) {
      bool found = false;
      depth = 0;
      for (size_t d = 0; d < stack_.size(); ++d) {
        if (stack_[stack_.size() - 1 - d].id == a.outer.id) {
          depth = static_cast<uint32_t>(d);
          found = true;
          break;
        }
      }
      if (!found)
        raise_at(DiagCode::WatUnknownName, a.outer.offset, a.outer.length,
                 "outer component `$" + a.outer.id + "` not found");
    } else {
      depth = a.outer.num;
      if (depth >= stack_.size()) {
        raise_at(DiagCode::WatUnknownName, a.outer.offset, a.outer.length,
                 "outer count of `" + std::to_string(depth) + "` is too large");
      }
    }
    out.count = depth;
    if (a.index.is_id) {
      Scope& scope = stack_[stack_.size() - 1 - depth];
      auto it = scope.ns(ns_of(a.sort)).ids.find(a.index.id);
      if (it == scope.ns(ns_of(a.sort)).ids.end()) {
        raise_at(DiagCode::WatUnknownName, a.index.offset, a.index.length,
                 "unknown " + std::string(ns_desc(ns_of(a.sort))) + ": failed to find name `$" + a.index.id + "`");
      }
      out.index = it->second;
    } else {
      out.index = a.index.num;
    }
    return out;
  }

  // Top-level fields go to sections; consecutive fields of one kind share
  // a section.
  static wasm::Section& section(wasm::Component& c, wasm::Section::Id id, size_t offset) {
    if (c.sections.empty() || c.sections.back().id != id || id == wasm::Section::Id::Custom) {
      wasm::Section s;
      s.id = id;
      s.offset = offset;
      c.sections.push_back(std::move(s));
    }
    return c.sections.back();
  }

  void field(Field& f, wasm::Component& out) {
    std::vector<wasm::Alias> aliases;
    switch (f.kind) {
      case Field::Kind::Type: {
        wasm::TypeDef def = typedef_(*f.type, aliases, f.id);
        register_name(Ns::Type, f.id, f.offset);
        section(out, wasm::Section::Id::Type, f.offset).types.push_back(std::move(def));
        break;
      }
      case Field::Kind::Export: {
        wasm::Export e;
        e.name = f.name;
        e.sort = f.sort;
        e.index = resolve(f.index, ns_of(f.sort), aliases);
        if (f.ascribed) e.ascribed = extern_type(*f.ascribed, aliases);
        e.offset = f.offset;
        register_name(ns_of(f.sort), f.id, f.offset);
        section(out, wasm::Section::Id::Export, f.offset).exports.push_back(std::move(e));
        break;
      }
      case Field::Kind::Import: {
        wasm::Import im;
        im.name = f.name;
        im.type = extern_type(f.sig, aliases);
        im.offset = f.offset;
        register_name(ns_of(f.sig.kind), f.sig.id, f.offset);
        section(out, wasm::Section::Id::Import, f.offset).imports.push_back(std::move(im));
        break;
      }
      case Field::Kind::Custom: {
        wasm::Section& s = section(out, wasm::Section::Id::Custom, f.offset);
        s.custom_name = f.custom_name;
        s.custom_data = f.custom_data;
        break;
      }
      case Field::Kind::Producers: {
        std::string data = wasm::producers_data(f.producers);
        wasm::Section& s = section(out, wasm::Section::Id::Custom, f.offset);
        s.custom_name = "producers";
        s.custom_data = std::move(data);
        break;
      }
    }
    // An outer alias cannot occur at the top level: there is no enclosing
    // scope to find a name in.
    (void)aliases;
  }

  std::vector<Scope> stack_;
};

}  // namespace

wasm::Component lower(Component component) {
  Expander().component(component);
  return Lowerer().component(std::move(component));
}

}  // namespace plumb::wat
