// Interfaces and worlds of one package: their names, `use`s, `include`s,
// imports and exports.
#include <string>

#include "ast_resolver.h"
#include "suggest.h"

namespace plumb {
namespace {
std::string quoted(std::string_view s) { return "`" + std::string(s) + "`"; }
}  // namespace

void AstResolver::define_name(const ast::Id& name, Lookup item) {
  auto [existing, inserted] = type_lookup_.try_insert(name.name, item);
  if (!inserted) duplicate_name_error(name, existing->span);
}

void AstResolver::duplicate_name_error(const ast::Id& name, Span first) const {
  Diagnostic d = Diagnostic::error(DiagCode::DuplicateName, name.span, "name " + quoted(name.name) + " is defined more than once");
  if (first.known() && first != name.span) d.with_label(first, "first defined here");
  throw DiagnosticError{std::move(d)};
}

void AstResolver::resolve_interface(InterfaceId id, List<ast::InterfaceItem> items, const ast::Docs& docs_ast,
                                    List<ast::Attribute> attrs) {
  out_.interfaces[id.index].docs = docs(docs_ast);
  out_.interfaces[id.index].stability = stability(attrs);

  // (Inline interfaces are resolved in the middle of a world: save the
  // world's scratch lists.)
  std::vector<const ast::Use*> uses = std::move(scratch_uses_);
  std::vector<const ast::TypeDef*> defs = std::move(scratch_defs_);
  uses.clear();
  defs.clear();
  size_t functions = 0;
  for (const ast::InterfaceItem& item : items) {
    if (auto u = std::get_if<const ast::Use*>(&item)) uses.push_back(*u);
    if (auto t = std::get_if<const ast::TypeDef*>(&item)) {
      defs.push_back(*t);
      functions += (*t)->funcs.size();
    }
    if (std::holds_alternative<const ast::NamedFunc*>(item)) ++functions;
  }
  resolve_types(TypeOwner::interface(id), uses, defs);
  scratch_uses_ = std::move(uses);
  scratch_defs_ = std::move(defs);
  out_.interfaces[id.index].types.reserve(type_lookup_.size());
  // (Names in scope are unique: define_name saw to it.)
  for (const auto& [name, lookup] : type_lookup_) out_.interfaces[id.index].types.push_new(name, lookup.id);

  // Functions, in source order; a resource contributes its functions at its
  // position. Their names are unique: each was defined in scope, or checked
  // among its resource's functions.
  auto& functions_map = out_.interfaces[id.index].functions;
  functions_map.reserve(functions);
  auto add = [&](Function&& f) {
    std::string_view name = f.name;
    functions_map.push_new(name, std::move(f));
  };
  // Each function is a unit of its own: one that fails is left out.
  for (const ast::InterfaceItem& item : items) {
    if (auto f = std::get_if<const ast::NamedFunc*>(&item)) {
      const ast::NamedFunc& nf = **f;
      if (!attempt([&] { define_name(nf.name, Lookup{LookupKind::Function, TypeId(), nf.name.span}); })) continue;
      attempt([&] {
        add(resolve_function(nf.docs, nf.attrs, nf.name.name, nf.name.span, nf.func,
                             nf.func.async ? FunctionKind::AsyncFreestanding : FunctionKind::Freestanding, TypeId()));
      });
    } else if (auto t = std::get_if<const ast::TypeDef*>(&item)) {
      if ((*t)->kind != ast::TypeDefKind::Resource || !resource_defined(**t)) continue;
      for (const ast::ResourceFunc& rf : (*t)->funcs) attempt([&] { add(resolve_resource_func(rf, (*t)->name)); });
    }
  }
  type_lookup_.clear();
}

void AstResolver::resolve_use(TypeOwner owner, const ast::Use& use) {
  uint32_t target = UINT32_MAX;
  if (use_targets_ && !use.from.qualified) target = *use_targets_++;
  // The names a `use` brings in are defined even when it fails, so that
  // what refers to them is not blamed again.
  auto define_failed = [&] {
    for (const ast::UseName& name : use.names) {
      if (!type_lookup_.contains(name.local().name)) {
        type_lookup_.try_insert(name.local().name, Lookup{LookupKind::Type, poison_type(), name.local().span});
      }
    }
  };
  InterfaceId from;
  Stability stab;
  OptText ext;
  if (!attempt([&] {
        if (target == kMissingTarget) raise_follow_on();
        auto [item, span] = target != UINT32_MAX ? std::pair{package_items_.at_index(target).second, use.from.name.span}
                                                 : resolve_path(use.from);
        from = interface_of(item, use.from.name.name, span);
        stab = stability(use.attrs);
        ext = external_id(use.attrs);
      })) {
    define_failed();
    return;
  }
  const bool from_failed = failed_interfaces_[from.index];
  for (const ast::UseName& name : use.names) {
    attempt([&] { use_name(owner, use, from, from_failed, name, stab, ext); });
  }
  define_failed();  // (only the names that failed are still undefined)
}

void AstResolver::use_name(TypeOwner owner, const ast::Use& use, InterfaceId from, bool from_failed,
                           const ast::UseName& name, Stability stab, OptText ext) {
  if (from_failed) {
    // Its error is already reported; take the name on trust.
    TypeDef placeholder;
    placeholder.name = name.local().name;
    placeholder.owner = owner;
    placeholder.span = name.name.span;
    define_name(name.local(), Lookup{LookupKind::Type, alloc_type(std::move(placeholder)), name.local().span});
    return;
  }
  // The interface is complete (interfaces are resolved dependencies
  // first): its types and functions are its names.
  const Interface& source = out_.interfaces[from.index];
  const TypeId* found = source.types.find(name.name.name);
  if (!found && source.functions.contains(name.name.name)) {
    raise(DiagCode::FunctionNotType, name.name.span, "cannot import function " + quoted(name.name.name));
  }
  if (!found) {
    DiagnosticError e{
        Diagnostic::error(DiagCode::UnknownType, name.name.span, "name " + quoted(name.name.name) + " does not exist")};
    std::vector<std::string_view> names;
    for (const auto& [n, type] : source.types) names.push_back(n);
    if (auto best = closest_name(name.name.name, names)) {
      e.diag.with_help("interface `" + std::string(use.from.name.name) + "` has a type `" + *best + "`");
    }
    throw e;
  }
  const ast::Id& local = name.local();
  TypeDef def;
  def.name = local.name;
  def.kind = TypeDefKind::Alias;
  def.set_element(Type::ref(*found));
  def.owner = owner;
  def.span = name.name.span;
  def.stability = stab;
  def.external_id = ext;
  TypeId id = alloc_type(std::move(def));
  define_name(local, Lookup{LookupKind::Type, id, local.span});
}

void AstResolver::resolve_include(WorldId world, const ast::Include& include) {
  Stability stab = stability(include.attrs);
  auto [item, span] = resolve_path(include.from);
  WorldId from = world_of(item, include.from.name.name, span);
  WorldInclude inc;
  inc.stability = stab;
  inc.world = from;
  inc.span = span;
  for (const ast::IncludeName& n : include.names) inc.names.push_back(IncludeName{n.name.name, n.as.name});
  out_.worlds[world.index].includes.push_back(std::move(inc));
}

void AstResolver::resolve_world(WorldId id, const ast::World& world) {
  out_.worlds[id.index].docs = docs(world.docs);
  out_.worlds[id.index].stability = stability(world.attrs);

  std::vector<const ast::Use*> uses;
  std::vector<const ast::TypeDef*> defs;
  for (const ast::WorldItem& item : world.items) {
    if (auto u = std::get_if<const ast::Use*>(&item)) uses.push_back(*u);
    if (auto t = std::get_if<const ast::TypeDef*>(&item)) defs.push_back(*t);
  }
  resolve_types(TypeOwner::world(id), uses, defs);
  for (const ast::WorldItem& item : world.items) {
    if (auto inc = std::get_if<const ast::Include*>(&item)) attempt([&] { resolve_include(id, **inc); });
  }
  for (const auto& [name, lookup] : type_lookup_) {
    WorldItem wi;
    wi.kind = WorldItemKind::Type;
    wi.type = lookup.id;
    wi.span = lookup.span;
    if (!out_.worlds[id.index].imports.try_insert(WorldKey::of_name(name), std::move(wi)).second) {
      // Captured by copy: clang before 16 cannot capture structured bindings.
      attempt([&, span = lookup.span, &name = name] {
        raise(DiagCode::WorldNameConflict, span,
              "import " + quoted(name) + " conflicts with prior import of same name");
      });
    }
  }

  std::unordered_map<uint32_t, Span> imported, exported;
  for (const ast::WorldItem& item : world.items) {
    if (auto t = std::get_if<const ast::TypeDef*>(&item)) {
      if ((*t)->kind != ast::TypeDefKind::Resource || !resource_defined(**t)) continue;
      for (const ast::ResourceFunc& rf : (*t)->funcs) {
        attempt([&] {
          WorldItem wi;
          wi.kind = WorldItemKind::Function;
          wi.function = resolve_resource_func(rf, (*t)->name);
          wi.span = wi.function.span;
          std::string_view name = wi.function.name;
          out_.worlds[id.index].imports.try_insert(WorldKey::of_name(name), std::move(wi));
        });
      }
      continue;
    }
    auto ie_ptr = std::get_if<const ast::ImportExport*>(&item);
    if (!ie_ptr) continue;
    attempt([&] { resolve_import_export(id, **ie_ptr, imported, exported); });
  }
  type_lookup_.clear();
}

bool AstResolver::resource_defined(const ast::TypeDef& def) const {
  const Lookup* found = type_lookup_.find(def.name.name);
  return found && found->span == def.name.span && !(poison_ && found->id == *poison_);
}

void AstResolver::resolve_import_export(WorldId id, const ast::ImportExport& ie, std::unordered_map<uint32_t, Span>& imported,
                                        std::unordered_map<uint32_t, Span>& exported) {
  const char* desc = ie.is_export ? "export" : "import";
  WorldItem wi = resolve_world_item(ie.docs, ie.attrs, ie.ext);
  WorldKey key;
  switch (ie.ext.kind) {
    case ast::ExternKind::Interface:
    case ast::ExternKind::NamedPath:
      key = WorldKey::of_name(ie.ext.name.name);
      break;
    case ast::ExternKind::Func:
      key = WorldKey::of_name(wi.function.name);
      break;
    case ast::ExternKind::Path: {
      auto [ref, span] = resolve_path(ie.ext.path);
      key = WorldKey::of_interface(interface_of(ref, ie.ext.path.name.name, span));
      break;
    }
  }
  if (key.is_interface) {
    auto [first, inserted] = (ie.is_export ? exported : imported).try_emplace(key.interface.index, ie.ext.span());
    if (!inserted) {
      Diagnostic d = Diagnostic::error(DiagCode::InterfaceTwice, ie.ext.span(),
                                       std::string("interface cannot be ") + desc + "ed more than once");
      d.with_label(first->second, std::string("first ") + desc + "ed here");
      throw DiagnosticError{std::move(d)};
    }
  }
  auto& dst = ie.is_export ? out_.worlds[id.index].exports : out_.worlds[id.index].imports;
  if (WorldItem* prev = dst.find(key)) {
    const char* prev_kind = prev->kind == WorldItemKind::Interface ? "interface"
                            : prev->kind == WorldItemKind::Function ? "func"
                                                                    : "type";
    Diagnostic d = Diagnostic::error(DiagCode::WorldNameConflict, ie.ext.span(),
                                     std::string(desc) + " " + quoted(key.name) + " conflicts with prior " +
                                         prev_kind + " of same name");
    if (prev->span.known()) d.with_label(prev->span, "first defined here");
    throw DiagnosticError{std::move(d)};
  }
  dst.try_insert(key, std::move(wi));
}

WorldItem AstResolver::resolve_world_item(const ast::Docs& docs_ast, List<ast::Attribute> attrs,
                                          const ast::Extern& ext) {
  WorldItem wi;
  switch (ext.kind) {
    case ast::ExternKind::Interface: {
      TypeLookup outer = std::move(type_lookup_);
      type_lookup_.clear();
      InterfaceId id = alloc_interface(ext.name.span);
      resolve_interface(id, ext.items, docs_ast, attrs);
      type_lookup_ = std::move(outer);
      wi.kind = WorldItemKind::Interface;
      wi.interface = id;
      wi.stability = out_.interfaces[id.index].stability;
      wi.external_id = external_id(attrs);
      wi.span = ext.name.span;
      return wi;
    }
    case ast::ExternKind::Path:
    case ast::ExternKind::NamedPath: {
      wi.kind = WorldItemKind::Interface;
      wi.stability = stability(attrs);
      wi.external_id = external_id(attrs);
      wi.docs = docs(docs_ast);
      auto [ref, span] = resolve_path(ext.path);
      wi.interface = interface_of(ref, ext.path.name.name, span);
      wi.span = ext.kind == ast::ExternKind::Path ? span : ext.name.span;
      return wi;
    }
    case ast::ExternKind::Func:
      wi.kind = WorldItemKind::Function;
      wi.function = resolve_function(docs_ast, attrs, ext.name.name, ext.name.span, ext.func,
                                     ext.func.async ? FunctionKind::AsyncFreestanding : FunctionKind::Freestanding,
                                     TypeId());
      wi.span = wi.function.span;
      return wi;
  }
  return wi;
}

}  // namespace plumb
