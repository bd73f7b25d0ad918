// The sections of a concrete component, and the bookkeeping of resources
// that imports, exports and instantiation do, as the reference's validator
// (wasmparser's ComponentState) does it.
#include <set>

#include "checker.h"
#include "type_remap.h"

namespace plumb::wasm::check {

void Checker::check_top(const Component& c, CheckedComponent& out) {
  stack_.emplace_back(ScopeKind::Component);
  component_body(c, &out);
  finish_component(cur(), 0);
}

void Checker::component_body(const Component& c, CheckedComponent* top) {
  auto concrete = [&] {
    if (top) top->concrete = true;
  };
  for (const Section& s : c.sections) {
    switch (s.id) {
      case Section::Id::Custom: break;
      case Section::Id::Type: type_section(s, top); break;
      case Section::Id::Export:
        for (const Export& e : s.exports) {
          Item item = export_item(e);
          if (top) top->externs.push_back({e.name.name, true, std::move(item)});
        }
        break;
      case Section::Id::Import:
        concrete();
        for (const Import& i : s.imports) {
          Item item = import_item(i);
          if (top) top->externs.push_back({i.name.name, false, std::move(item)});
        }
        break;
      case Section::Id::Alias:
        concrete();
        for (const Alias& a : s.aliases) alias(a, a.offset);
        break;
      case Section::Id::Instance: concrete(); instance_section(s); break;
      case Section::Id::Canon: concrete(); canon_section(s); break;
      case Section::Id::Component:
        concrete();
        nested_component(*s.nested, s.offset);
        break;
      default:
        // Core modules, core instances and types, start functions and
        // values: their index spaces are not modelled.
        concrete();
        break;
    }
  }
}

void Checker::type_section(const Section& s, CheckedComponent* top) {
  for (const TypeDef& def : s.types) {
    if (def.kind != TypeDef::Kind::Resource) {
      add_type(def);
      continue;
    }
    if (top) top->concrete = true;
    AnyId id = t_.new_resource();
    cur().defined_resources.insert_or_assign(id.index, {});
    cur().types.push_back(id);
  }
}

void Checker::nested_component(const Component& c, size_t at) {
  stack_.emplace_back(ScopeKind::Component);
  component_body(c, nullptr);
  CComponent ty = finish_component(cur(), at);
  stack_.pop_back();
  cur().components.push_back(static_cast<uint32_t>(t_.components.size()));
  t_.components.push_back(std::move(ty));
}

// The type of a component (or component type) whose declarations are all
// checked: which of its resources are imported, and which of those it
// defines its exports use (each must be exported itself).
CComponent Checker::finish_component(Scope& s, size_t at) {
  CComponent ty{s.imports, s.exports, std::move(s.imported_resources), {}, std::move(s.explicit_resources)};
  std::set<uint32_t> free;
  for (const auto& [name, item] : ty.imports) free_variables(t_, item.entity, free);
  for (const auto& [resource, unused] : s.defined_resources) {
    if (free.count(resource)) raise_at_byte(kInvalid, at, "local resource type found in imports");
  }
  free.clear();
  for (const auto& [name, item] : ty.exports) free_variables(t_, item.entity, free);
  for (const auto& [resource, unused] : s.defined_resources) {
    if (!free.count(resource)) continue;
    const std::vector<uint32_t>* path = ty.explicit_resources.find(resource);
    if (!path) raise_at_byte(kInvalid, at, "local resource type found in export but not exported itself");
    ty.defined_resources.insert_or_assign(resource, *path);
  }
  return ty;
}

void Checker::add_entity(Entity& e, ExternKind kind) {
  Scope& s = cur();
  switch (e.kind) {
    case Sort::Func: s.funcs.push_back(e.id); break;
    case Sort::Component: s.components.push_back(e.id); break;
    case Sort::Instance:
      if (kind == ExternKind::Import) prepare_instance_import(e.id);
      if (kind == ExternKind::Export) prepare_instance_export(e.id);
      cur().instances.push_back(e.id);
      break;
    case Sort::Type:
      s.types.push_back(e.created);
      if (e.created.kind != AnyKind::Resource) break;
      // Where a resource is first introduced (created == referenced) it is
      // imported or defined here; an exported one has a path from now on.
      if (kind == ExternKind::Import && e.created == e.referenced) {
        s.imported_resources.insert_or_assign(e.created.index, {static_cast<uint32_t>(s.imports.size())});
      } else if (kind == ExternKind::Export) {
        if (e.created == e.referenced) s.defined_resources.insert_or_assign(e.created.index, {});
        s.explicit_resources.insert_or_assign(e.created.index, {static_cast<uint32_t>(s.exports.size())});
      }
      break;
    default: break;
  }
}

// An imported instance type's own resources become fresh resources that
// this scope imports.
void Checker::prepare_instance_import(uint32_t& id) {
  if (t_.instances[id].defined_resources.empty()) return;
  CInstance ty = t_.instances[id];
  Remapping mapping;
  for (const auto& [old, unused] : ty.defined_resources) {
    uint32_t fresh = t_.new_resource().index;
    mapping.resources.emplace(old, fresh);
    std::vector<uint32_t> path{static_cast<uint32_t>(cur().imports.size())};
    if (const std::vector<uint32_t>* inner = ty.explicit_resources.find(old))
      path.insert(path.end(), inner->begin(), inner->end());
    cur().imported_resources.insert_or_assign(fresh, std::move(path));
  }
  ty.defined_resources = {};
  Remapper remap(t_, mapping);
  for (auto& [name, item] : ty.exports) remap.entity(item.entity);
  remap.paths(ty.explicit_resources);
  id = static_cast<uint32_t>(t_.instances.size());
  t_.instances.push_back(std::move(ty));
}

// An exported instance's resources are now exported by this scope too (and
// an instance type's own resources become fresh ones it defines).
void Checker::prepare_instance_export(uint32_t& id) {
  if (!t_.instances[id].defined_resources.empty()) {
    CInstance ty = t_.instances[id];
    Remapping mapping;
    for (const auto& [old, unused] : ty.defined_resources) {
      uint32_t fresh = t_.new_resource().index;
      mapping.resources.emplace(old, fresh);
      cur().defined_resources.insert_or_assign(fresh, {});
    }
    ty.defined_resources = {};
    Remapper remap(t_, mapping);
    for (auto& [name, item] : ty.exports) remap.entity(item.entity);
    remap.paths(ty.explicit_resources);
    id = static_cast<uint32_t>(t_.instances.size());
    t_.instances.push_back(std::move(ty));
  }
  for (const auto& [resource, path] : t_.instances[id].explicit_resources) {
    std::vector<uint32_t> outer{static_cast<uint32_t>(cur().exports.size())};
    outer.insert(outer.end(), path.begin(), path.end());
    cur().explicit_resources.insert_or_assign(resource, std::move(outer));
  }
}

Item Checker::import_item(const Import& i) {
  Entity e = entity(i.type, i.offset);
  add_entity(e, ExternKind::Import);
  register_name(i.name, e, true, i.offset);
  return *cur().imports.find(i.name.name);
}

// What `sort` `index` names in the current scope, as an instantiation
// argument, a bag-of-exports item or an export gives it.
Entity Checker::sort_entity(Sort sort, uint32_t index, size_t at) {
  Entity e;
  e.kind = sort;
  switch (sort) {
    case Sort::Func: e.id = func_at(index, at); break;
    case Sort::Instance: e.id = instance_at(index, at); break;
    case Sort::Component: e.id = component_at(index, at); break;
    case Sort::Type: e.referenced = e.created = type_at(index, at); break;
    case Sort::CoreModule: break;  // core modules are not modelled
    case Sort::Value: raise_at_byte(kInvalid, at, "support for component model `value`s is not enabled");
  }
  return e;
}

Item Checker::export_item(const Export& e) {
  Entity actual = sort_entity(e.sort, e.index, e.offset);
  if (e.sort == Sort::CoreModule)
    raise_at_byte(kInvalid, e.offset, "exports of core modules are not supported in WIT binaries");
  if (e.sort == Sort::Type) actual.created = t_.with_unique(actual.referenced);
  // An ascribed type is taken as given (the reference also checks that the
  // item is a subtype of it).
  Entity result = e.ascribed ? entity(*e.ascribed, e.offset) : actual;
  add_entity(result, ExternKind::Export);
  register_name(e.name, result, false, e.offset);
  return *cur().exports.find(e.name.name);
}

void Checker::canon_section(const Section& s) {
  for (const CanonFunc& c : s.canons) {
    if (!c.lift) continue;  // every other definition makes a core function
    AnyId ty = type_at(c.type, c.offset);
    if (ty.kind != AnyKind::Func)
      raise_at_byte(kInvalid, c.offset, "type index " + std::to_string(c.type) + " is not a function type");
    cur().funcs.push_back(ty.index);
  }
}

void Checker::instance_section(const Section& s) {
  for (const ComponentInstance& inst : s.instances) {
    uint32_t id = inst.instantiate ? instantiate(inst) : instance_from_exports(inst);
    cur().instances.push_back(id);
  }
}

namespace {

// When an argument satisfies an import that is a type (or an instance with
// types), the component's own name for that type is renamed to the
// argument's: exports that mention the import then mention the argument.
void register_renamings(const TypeStore& t, const Entity& actual, const Entity& expected, Remapping& renames) {
  if (expected.kind == Sort::Type && actual.kind == Sort::Type) {
    renames.types.emplace(expected.created, actual.created);
  } else if (expected.kind == Sort::Instance && actual.kind == Sort::Instance) {
    const CInstance& have = t.instances[actual.id];
    for (const auto& [name, item] : t.instances[expected.id].exports) {
      if (const Item* found = have.exports.find(name)) register_renamings(t, found->entity, item.entity, renames);
    }
  }
}

// The argument's resource at `path` into the component type's imports, if
// the argument has one there.
std::optional<uint32_t> argument_resource(const TypeStore& t, const CComponent& ty,
                                          const IndexMap<std::string, Entity>& args,
                                          const std::vector<uint32_t>& path) {
  const auto& [name, import] = ty.imports.at_index(path[0]);
  const Entity* expected = &import.entity;
  const Entity* arg = args.find(name);
  for (size_t i = 1; i < path.size() && arg; ++i) {
    const auto& [inner_name, inner] = t.instances[expected->id].exports.at_index(path[i]);
    expected = &inner.entity;
    const Item* next = arg->kind == Sort::Instance ? t.instances[arg->id].exports.find(inner_name) : nullptr;
    arg = next ? &next->entity : nullptr;
  }
  if (!arg || arg->kind != Sort::Type || arg->created.kind != AnyKind::Resource) return std::nullopt;
  return arg->created.index;
}

}  // namespace

// The type of the instance `inst` makes: the component's exports with its
// imported resources and types replaced by the arguments', and its defined
// resources made fresh (and now defined by this scope).
uint32_t Checker::instantiate(const ComponentInstance& inst) {
  uint32_t component = component_at(inst.component, inst.offset);
  IndexMap<std::string, Entity> args;
  for (const SortIndex& arg : inst.items) {
    Entity e = sort_entity(arg.sort, arg.index, inst.offset);
    if (const auto* prev = args.find(arg.name.name); prev) {
      raise_at_byte(kInvalid, inst.offset,
                    "instantiation argument `" + arg.name.name + "` conflicts with previous argument `" +
                        arg.name.name + "`");
    }
    args.try_insert(arg.name.name, e);
  }
  Remapping mapping;
  for (const auto& [resource, path] : t_.components[component].imported_resources) {
    if (std::optional<uint32_t> r = argument_resource(t_, t_.components[component], args, path))
      mapping.resources.emplace(resource, *r);
  }
  Remapping renames;
  for (size_t i = 0; i < t_.components[component].imports.size(); ++i) {
    auto [name, expected] = t_.components[component].imports.at_index(i);
    const Entity* arg = args.find(name);
    if (!arg) raise_at_byte(kInvalid, inst.offset, "missing import named `" + name + "`");
    mapping.types.clear();
    Remapper(t_, mapping).entity(expected.entity);
    register_renamings(t_, *arg, expected.entity, renames);
  }
  mapping.types = std::move(renames.types);
  std::vector<uint32_t> fresh;
  for (const auto& [old, path] : t_.components[component].defined_resources) {
    fresh.push_back(t_.new_resource().index);
    mapping.resources.emplace(old, fresh.back());
  }
  CInstance out;
  out.exports = t_.components[component].exports;
  out.explicit_resources = t_.components[component].explicit_resources;
  Remapper remap(t_, mapping);
  for (auto& [name, item] : out.exports) remap.entity(item.entity);
  remap.paths(out.explicit_resources);
  for (uint32_t r : fresh) cur().defined_resources.insert_or_assign(r, {});
  t_.instances.push_back(std::move(out));
  return static_cast<uint32_t>(t_.instances.size() - 1);
}

// A bag of exports: it introduces nothing new, so its resources are what
// the items name.
uint32_t Checker::instance_from_exports(const ComponentInstance& inst) {
  CInstance out;
  std::set<std::string> names;
  for (const SortIndex& item : inst.items) {
    Entity e = sort_entity(item.sort, item.index, inst.offset);
    uint32_t position = static_cast<uint32_t>(out.exports.size());
    if (e.kind == Sort::Type && e.created.kind == AnyKind::Resource) {
      out.explicit_resources.insert_or_assign(e.created.index, {position});
    } else if (e.kind == Sort::Instance) {
      for (const auto& [resource, path] : t_.instances[e.id].explicit_resources) {
        std::vector<uint32_t> outer{position};
        outer.insert(outer.end(), path.begin(), path.end());
        out.explicit_resources.insert_or_assign(resource, std::move(outer));
      }
    }
    check_name(item.name, e, false, inst.offset, names);
    Item entry{e, item.name.implements, item.name.version_suffix, item.name.external_id};
    if (!out.exports.try_insert(item.name.name, entry).second) {
      raise_at_byte(kInvalid, inst.offset, "export name `" + item.name.name + "` conflicts with previous name");
    }
  }
  t_.instances.push_back(std::move(out));
  return static_cast<uint32_t>(t_.instances.size() - 1);
}

}  // namespace plumb::wasm::check
