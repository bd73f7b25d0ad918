#include "type_remap.h"

namespace plumb::wasm::check {

std::optional<bool> Remapper::memo(AnyId& id) const {
  auto it = map_.types.find(id);
  if (it == map_.types.end()) return std::nullopt;
  if (it->second == id) return false;
  id = it->second;
  return true;
}

bool Remapper::record(AnyId& id, bool changed, AnyId fresh) {
  AnyId now = changed ? fresh : id;
  map_.types[id] = now;
  bool differs = !(now == id);
  id = now;
  return differs;
}

bool Remapper::entity(Entity& e) {
  switch (e.kind) {
    case Sort::Func: return func(e.id);
    case Sort::Instance: return instance(e.id);
    case Sort::Component: return component(e.id);
    case Sort::Type: {
      bool changed = any(e.referenced);
      // Compared after the remap, as the reference does.
      if (e.referenced == e.created) return changed;
      return any(e.created) || changed;
    }
    default: return false;
  }
}

bool Remapper::any(AnyId& id) {
  auto by_index = [&](bool (Remapper::*remap)(uint32_t&)) {
    uint32_t index = id.index;
    bool changed = (this->*remap)(index);
    id.index = index;
    return changed;
  };
  switch (id.kind) {
    case AnyKind::Resource: return resource(id);
    case AnyKind::Defined: return defined(id);
    case AnyKind::Func: return by_index(&Remapper::func);
    case AnyKind::Instance: return by_index(&Remapper::instance);
    case AnyKind::Component: return by_index(&Remapper::component);
  }
  return false;
}

bool Remapper::valtype(CValType& v) { return !v.is_prim && defined(v.defined); }

bool Remapper::resource(AnyId& id) {
  if (std::optional<bool> known = memo(id)) return *known;
  auto it = map_.resources.find(id.index);
  if (it == map_.resources.end()) return false;
  id.index = it->second;  // an alias stays an alias, of the new resource
  return true;
}

bool Remapper::defined(AnyId& id) {
  if (std::optional<bool> known = memo(id)) return *known;
  CDefined copy = t_.defined[id.index];
  bool changed = false;
  for (auto& field : copy.fields) changed |= valtype(field.second);
  for (auto& c : copy.cases) {
    if (c.second) changed |= valtype(*c.second);
  }
  for (CValType& v : copy.types) changed |= valtype(v);
  DefinedKind k = copy.kind;
  if (k == DefinedKind::List || k == DefinedKind::Option || k == DefinedKind::FixedList || k == DefinedKind::Map ||
      copy.has_a) {
    changed |= valtype(copy.a);
  }
  if (k == DefinedKind::Map || copy.has_b) changed |= valtype(copy.b);
  if (k == DefinedKind::Own || k == DefinedKind::Borrow) changed |= resource(copy.resource);
  AnyId fresh{AnyKind::Defined, static_cast<uint32_t>(t_.defined.size()), kNoAlias};
  if (changed) t_.defined.push_back(std::move(copy));
  return record(id, changed, fresh);
}

bool Remapper::func(uint32_t& index) {
  AnyId id{AnyKind::Func, index, kNoAlias};
  bool changed = false;
  if (std::optional<bool> known = memo(id)) {
    changed = *known;
  } else {
    CFunc copy = t_.funcs[index];
    for (auto& p : copy.params) changed |= valtype(p.second);
    if (copy.result) changed |= valtype(*copy.result);
    AnyId fresh{AnyKind::Func, static_cast<uint32_t>(t_.funcs.size()), kNoAlias};
    if (changed) t_.funcs.push_back(std::move(copy));
    changed = record(id, changed, fresh);
  }
  index = id.index;
  return changed;
}

bool Remapper::paths(ResourcePaths& paths) {
  bool changed = false;
  ResourcePaths out;
  for (auto& [resource, path] : paths) {
    auto it = map_.resources.find(resource);
    uint32_t now = resource;
    if (it != map_.resources.end()) {
      now = it->second;
      changed = true;
    }
    out.insert_or_assign(now, std::move(path));
  }
  paths = std::move(out);
  return changed;
}

bool Remapper::instance(uint32_t& index) {
  AnyId id{AnyKind::Instance, index, kNoAlias};
  bool changed = false;
  if (std::optional<bool> known = memo(id)) {
    changed = *known;
  } else {
    CInstance copy = t_.instances[index];
    for (auto& [name, item] : copy.exports) changed |= entity(item.entity);
    changed |= paths(copy.defined_resources);
    changed |= paths(copy.explicit_resources);
    AnyId fresh{AnyKind::Instance, static_cast<uint32_t>(t_.instances.size()), kNoAlias};
    if (changed) t_.instances.push_back(std::move(copy));
    changed = record(id, changed, fresh);
  }
  index = id.index;
  return changed;
}

bool Remapper::component(uint32_t& index) {
  AnyId id{AnyKind::Component, index, kNoAlias};
  bool changed = false;
  if (std::optional<bool> known = memo(id)) {
    changed = *known;
  } else {
    CComponent copy = t_.components[index];
    for (auto& [name, item] : copy.imports) changed |= entity(item.entity);
    for (auto& [name, item] : copy.exports) changed |= entity(item.entity);
    changed |= paths(copy.imported_resources);
    changed |= paths(copy.defined_resources);
    changed |= paths(copy.explicit_resources);
    AnyId fresh{AnyKind::Component, static_cast<uint32_t>(t_.components.size()), kNoAlias};
    if (changed) t_.components.push_back(std::move(copy));
    changed = record(id, changed, fresh);
  }
  index = id.index;
  return changed;
}

namespace {

void free_in_any(const TypeStore& t, AnyId id, std::set<uint32_t>& out);

void free_in_valtype(const TypeStore& t, const CValType& v, std::set<uint32_t>& out) {
  if (!v.is_prim) free_in_any(t, v.defined, out);
}

void free_in_defined(const TypeStore& t, const CDefined& d, std::set<uint32_t>& out) {
  for (const auto& field : d.fields) free_in_valtype(t, field.second, out);
  for (const auto& c : d.cases) {
    if (c.second) free_in_valtype(t, *c.second, out);
  }
  for (const CValType& v : d.types) free_in_valtype(t, v, out);
  DefinedKind k = d.kind;
  if (k == DefinedKind::List || k == DefinedKind::Option || k == DefinedKind::FixedList || k == DefinedKind::Map ||
      d.has_a) {
    free_in_valtype(t, d.a, out);
  }
  if (k == DefinedKind::Map || d.has_b) free_in_valtype(t, d.b, out);
  if (k == DefinedKind::Own || k == DefinedKind::Borrow) out.insert(d.resource.index);
}

void free_in_func(const TypeStore& t, const CFunc& f, std::set<uint32_t>& out) {
  for (const auto& p : f.params) free_in_valtype(t, p.second, out);
  if (f.result) free_in_valtype(t, *f.result, out);
}

void free_in_instance(const TypeStore& t, const CInstance& i, std::set<uint32_t>& out) {
  for (const auto& [name, item] : i.exports) free_variables(t, item.entity, out);
  for (const auto& [resource, path] : i.defined_resources) out.erase(resource);
}

void free_in_component(const TypeStore& t, const CComponent& c, std::set<uint32_t>& out) {
  for (const auto& [name, item] : c.imports) free_variables(t, item.entity, out);
  for (const auto& [name, item] : c.exports) free_variables(t, item.entity, out);
  for (const auto& [resource, path] : c.imported_resources) out.erase(resource);
  for (const auto& [resource, path] : c.defined_resources) out.erase(resource);
}

void free_in_any(const TypeStore& t, AnyId id, std::set<uint32_t>& out) {
  switch (id.kind) {
    case AnyKind::Resource: out.insert(id.index); break;
    case AnyKind::Defined: free_in_defined(t, t.defined[id.index], out); break;
    case AnyKind::Func: free_in_func(t, t.funcs[id.index], out); break;
    case AnyKind::Instance: free_in_instance(t, t.instances[id.index], out); break;
    case AnyKind::Component: free_in_component(t, t.components[id.index], out); break;
  }
}

}  // namespace

void free_variables(const TypeStore& t, const Entity& e, std::set<uint32_t>& out) {
  switch (e.kind) {
    case Sort::Func: free_in_func(t, t.funcs[e.id], out); break;
    case Sort::Instance: free_in_instance(t, t.instances[e.id], out); break;
    case Sort::Component: free_in_component(t, t.components[e.id], out); break;
    case Sort::Type: free_in_any(t, e.created, out); break;
    default: break;
  }
}

}  // namespace plumb::wasm::check
