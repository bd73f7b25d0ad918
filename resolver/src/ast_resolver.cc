// Package-level resolution: files into one package, foreign references,
// the names of interfaces and worlds and the order they are resolved in.
#include "ast_resolver.h"

#include <string>

#include "ast_paths.h"
#include "plumb/parser/parser.h"
#include "suggest.h"
#include "toposort.h"

namespace plumb {
namespace {

PackageName package_name_of(const ast::PackageName& n) {
  PackageName out{n.ns.name, n.name.name, std::nullopt};
  if (n.version) out.version = *n.version;
  return out;
}

PackageName package_name_of(const ast::UsePath& p) {
  PackageName out{p.ns.name, p.pkg.name, std::nullopt};
  if (p.version) out.version = *p.version;
  return out;
}

std::string quoted(std::string_view s) { return "`" + std::string(s) + "`"; }

}  // namespace

void AstResolver::push(const ast::PackageName* header, std::vector<ast::Decl> decls) {
  if (header) {
    PackageName name = package_name_of(*header);
    if (package_name_ && !(package_name_->first == name)) {
      resolve_error(header->span, "package identifier " + quoted(name.to_string()) +
                                      " does not match previous package name of " +
                                      quoted(package_name_->first.to_string()));
    }
    package_name_ = {name, header->span};
    Docs d = docs(header->docs);
    if (d.present) {
      if (out_.docs.present) {
        resolve_error(header->docs.span(), "found doc comments on multiple 'package' items");
      }
      out_.docs = d;
    }
  }
  for (const ast::Decl& decl : decls) {
    if (auto p = std::get_if<const ast::NestedPackage*>(&decl)) {
      resolve_error((*p)->name.span, "nested packages must be placed at the top-level");
    }
  }
  decl_lists_.push_back(std::move(decls));
}

std::optional<UnresolvedPackage> AstResolver::resolve(Diagnostics& diags) {
  try {
  if (!package_name_) {
    // The first line is the reference's; the note says which files.
    Diagnostic d = Diagnostic::error(Span(), "no `package` header was found in any WIT file for this package");
    if (!origin_note_.empty()) d.with_note(origin_note_);
    throw ResolveError{std::move(d)};
  }
  out_.name = package_name_->first;
  out_.name_span = package_name_->second;

  populate_foreign_deps();
  std::vector<InterfaceId> iface_order;
  std::vector<WorldId> world_order;
  populate_ast_items(iface_order, world_order);
  populate_foreign_types();

  // Which syntax node each local interface and world came from.
  std::vector<std::pair<const ast::Interface*, size_t>> iface_ast(out_.interfaces.size());
  std::vector<std::pair<const ast::World*, size_t>> world_ast(out_.worlds.size());
  for (size_t i = 0; i < decl_lists_.size(); ++i) {
    for (const ast::Decl& decl : decl_lists_[i]) {
      if (auto iface = std::get_if<const ast::Interface*>(&decl)) {
        iface_ast[ast_items_[i].find((*iface)->name.name)->index] = {*iface, i};
      } else if (auto world = std::get_if<const ast::World*>(&decl)) {
        world_ast[ast_items_[i].find((*world)->name.name)->index] = {*world, i};
      }
    }
  }
  bool failed = false;
  for (InterfaceId id : iface_order) {
    auto [iface, i] = iface_ast[id.index];
    cur_ast_ = i;
    try {
      resolve_interface(id, iface->items, iface->docs, iface->attrs);
    } catch (ResolveError& e) {
      diags.report(std::move(e.diag));
      failed = true;
      failed_interfaces_[id.index] = true;
      type_lookup_.clear();
    }
  }
  for (WorldId id : world_order) {
    auto [world, i] = world_ast[id.index];
    cur_ast_ = i;
    try {
      resolve_world(id, *world);
    } catch (ResolveError& e) {
      diags.report(std::move(e.diag));
      failed = true;
      type_lookup_.clear();
    }
  }
  if (failed) return std::nullopt;
  return std::move(out_);
  } catch (ResolveError& e) {
    diags.report(std::move(e.diag));
    return std::nullopt;
  }
}

InterfaceId AstResolver::alloc_interface(Span span) {
  interface_types_.emplace_back();
  failed_interfaces_.push_back(false);
  Interface iface;
  iface.span = span;
  out_.interfaces.push_back(std::move(iface));
  return InterfaceId(out_.interfaces.size() - 1);
}

WorldId AstResolver::alloc_world(Span span) {
  World world;
  world.span = span;
  out_.worlds.push_back(std::move(world));
  return WorldId(out_.worlds.size() - 1);
}

// Every `ns:pkg/name` reference gets a placeholder interface (or world, for
// `include`), in first-reference order; these take the first ids.
void AstResolver::populate_foreign_deps() {
  for (const std::vector<ast::Decl>& decls : decl_lists_) {
    for_each_path(decls, [&](const PathVisit& v) {
      if (!v.path->qualified) return;
      // The reference cannot report an attribute error here; it is found
      // again (and reported) where the statement itself is resolved.
      Stability stab;
      try {
        stab = stability(v.attrs);
      } catch (ResolveError&) {
      }
      PackageName pkg = package_name_of(*v.path);
      auto& items = out_.foreign_deps.get_or_insert_with(pkg, [&] {
        out_.foreign_dep_spans.push_back(v.path->package_span);
        return IndexMap<std::string_view, ForeignItem>();
      });
      ForeignItem& item = items.get_or_insert_with(v.path->name.name, [&] {
        ForeignItem fi;
        if (v.kind == PathUse::World) {
          fi.item = ItemRef{true, alloc_world(v.path->name.span).index};
        } else {
          fi.item = ItemRef{false, alloc_interface(v.path->name.span).index};
        }
        return fi;
      });
      item.stabilities.push_back(stab);
      (item.item.is_world ? foreign_worlds_ : foreign_interfaces_).insert(item.item.index);
    });
  }
}

void AstResolver::populate_ast_items(std::vector<InterfaceId>& iface_order, std::vector<WorldId>& world_order) {
  // Interface and world names are unique across the package.
  IndexMap<std::string_view, Span> package_items;
  IndexMap<std::string_view, std::vector<ast::Id>> order;
  std::vector<bool> is_world;  // by position in `order`
  for (const std::vector<ast::Decl>& decls : decl_lists_) {
    for (const ast::Decl& decl : decls) {
      const ast::Id* name = nullptr;
      bool world = false;
      if (auto i = std::get_if<const ast::Interface*>(&decl)) {
        name = &(*i)->name;
      } else if (auto w = std::get_if<const ast::World*>(&decl)) {
        name = &(*w)->name;
        world = true;
      }
      if (!name) continue;
      if (!package_items.try_insert(name->name, name->span).second) {
        resolve_error(name->span, "duplicate item named " + quoted(name->name));
      }
      order.try_insert(name->name, {});
      is_world.push_back(world);
    }
  }

  // Dependencies between interfaces (`use`) and worlds (`include`) of this
  // package, seen through each file's own top-level names.
  for (const std::vector<ast::Decl>& decls : decl_lists_) {
    struct Source {
      Span span;
      bool foreign;
      ast::Id local;
    };
    IndexMap<std::string_view, Source> file_names;
    for (const ast::Decl& decl : decls) {
      const ast::Id* name = nullptr;
      Source src{};
      if (auto u = std::get_if<const ast::ToplevelUse*>(&decl)) {
        name = &(*u)->local();
        src = Source{name->span, (*u)->item.qualified, (*u)->item.name};
      } else if (auto i = std::get_if<const ast::Interface*>(&decl)) {
        name = &(*i)->name;
        src = Source{name->span, false, *name};
      } else if (auto w = std::get_if<const ast::World*>(&decl)) {
        name = &(*w)->name;
        src = Source{name->span, false, *name};
      }
      if (!name) continue;
      if (!file_names.try_insert(name->name, src).second) {
        resolve_error(name->span, "duplicate name " + quoted(name->name) + " in this file");
      }
    }
    for_each_path(decls, [&](const PathVisit& v) {
      if (!v.container || v.path->qualified) return;
      const ast::Id& used = v.path->name;
      if (const Source* s = file_names.find(used.name)) {
        if (s->foreign) return;
        order.find(v.container->name)->push_back(s->local);
      } else if (package_items.contains(used.name)) {
        order.find(v.container->name)->push_back(used);
      } else {
        resolve_error(used.span, "interface or world " + quoted(used.name) + " does not exist");
      }
    });
  }

  std::vector<ItemRef> ids(order.size());  // by position in `order`
  for (std::string_view name : toposort("interface or world", order)) {
    size_t at = static_cast<size_t>(order.index_of(name));
    Span span = package_items.at_index(at).second;
    if (is_world[at]) {
      WorldId id = alloc_world(span);
      out_.worlds[id.index].name = name;
      ids[at] = ItemRef{true, id.index};
      world_order.push_back(id);
    } else {
      InterfaceId id = alloc_interface(span);
      out_.interfaces[id.index].name = name;
      ids[at] = ItemRef{false, id.index};
      iface_order.push_back(id);
    }
  }
  auto id_of = [&](std::string_view name) -> const ItemRef* {
    int64_t at = order.index_of(name);
    return at < 0 ? nullptr : &ids[static_cast<size_t>(at)];
  };

  for (const std::vector<ast::Decl>& decls : decl_lists_) {
    IndexMap<std::string_view, ItemRef> items;
    for (const ast::Decl& decl : decls) {
      if (auto u = std::get_if<const ast::ToplevelUse*>(&decl)) {
        if (!(*u)->attrs.empty()) resolve_error((*u)->span, "attributes not allowed on top-level use");
        ItemRef item;
        if ((*u)->item.qualified) {
          item = out_.foreign_deps.find(package_name_of((*u)->item))->find((*u)->item.name.name)->item;
        } else {
          const ItemRef* found = id_of((*u)->item.name.name);
          if (!found) {
            resolve_error((*u)->item.name.span, "interface or world " + quoted((*u)->item.name.name) + " does not exist");
          }
          item = *found;
        }
        items.try_insert((*u)->local().name, item);
      } else if (auto i = std::get_if<const ast::Interface*>(&decl)) {
        ItemRef item = *id_of((*i)->name.name);
        items.try_insert((*i)->name.name, item);
        package_items_.try_insert((*i)->name.name, item);
      } else if (auto w = std::get_if<const ast::World*>(&decl)) {
        ItemRef item = *id_of((*w)->name.name);
        items.try_insert((*w)->name.name, item);
        package_items_.try_insert((*w)->name.name, item);
      }
    }
    ast_items_.push_back(std::move(items));
  }
}

// Placeholder types for every name `use`d from a foreign interface; they take
// the first type ids.
void AstResolver::populate_foreign_types() {
  for (size_t i = 0; i < decl_lists_.size(); ++i) {
    cur_ast_ = i;
    for_each_path(decl_lists_[i], [&](const PathVisit& v) {
      if (!v.names) return;
      Stability stab = stability(v.attrs);
      OptText ext = external_id(v.attrs);
      auto [item, span] = resolve_path(*v.path);
      InterfaceId iface = interface_of(item, v.path->name.name, span);
      if (!foreign_interfaces_.count(iface.index)) return;
      TypeLookup& lookup = interface_types_[iface.index];
      for (const ast::UseName& name : *v.names) {
        if (lookup.contains(name.name.name)) continue;
        TypeDef def;
        def.name = name.name.name;
        def.kind = TypeDefKind::Unknown;
        def.owner = TypeOwner::interface(iface);
        def.stability = stab;
        def.external_id = ext;
        def.span = name.name.span;
        TypeId id = alloc_type(std::move(def));
        out_.unknown_type_spans.push_back(name.name.span);
        lookup.try_insert(name.name.name, Lookup{LookupKind::Type, id, name.name.span});
        out_.interfaces[iface.index].types.try_insert(name.name.name, id);
      }
    });
  }
}

std::pair<ItemRef, Span> AstResolver::resolve_path(const ast::UsePath& path) {
  if (path.qualified) {
    return {out_.foreign_deps.find(package_name_of(path))->find(path.name.name)->item, path.name.span};
  }
  const ItemRef* item = ast_items_[cur_ast_].find(path.name.name);
  if (!item) item = package_items_.find(path.name.name);
  if (!item) {
    ResolveError e{Diagnostic::error(path.name.span, "interface or world " + quoted(path.name.name) + " does not exist")};
    std::vector<std::string_view> names;
    for (const auto& [n, ref] : package_items_) names.push_back(n);
    for (const auto& [n, ref] : ast_items_[cur_ast_]) names.push_back(n);
    if (auto best = closest_name(path.name.name, names)) e.diag.with_help("did you mean `" + *best + "`?");
    throw e;
  }
  return {*item, path.name.span};
}

InterfaceId AstResolver::interface_of(ItemRef item, std::string_view name, Span span) {
  if (item.is_world) resolve_error(span, "name " + quoted(name) + " is defined as a world, not an interface");
  return InterfaceId(item.index);
}

WorldId AstResolver::world_of(ItemRef item, std::string_view name, Span span) {
  if (!item.is_world) resolve_error(span, "name " + quoted(name) + " is defined as an interface, not a world");
  return WorldId(item.index);
}

Stability AstResolver::stability(List<ast::Attribute> attrs) {
  const ast::Attribute* since = nullptr;
  const ast::Attribute* deprecated = nullptr;
  const ast::Attribute* unstable = nullptr;
  for (const ast::Attribute& a : attrs) {
    switch (a.kind) {
      case ast::AttrKind::Since:
        if (since) resolve_error(a.span, "cannot specify @since twice");
        since = &a;
        break;
      case ast::AttrKind::Deprecated:
        if (deprecated) resolve_error(a.span, "cannot specify @deprecated twice");
        deprecated = &a;
        break;
      case ast::AttrKind::Unstable:
        if (unstable) resolve_error(a.span, "cannot specify @unstable twice");
        unstable = &a;
        break;
      case ast::AttrKind::ExternalId:
        break;
    }
  }
  Stability s;
  if (since && unstable) resolve_error(since->span, "cannot specify both @since and @unstable");
  if (deprecated && !since && !unstable) {
    resolve_error(deprecated->span, "cannot specify both @deprecated without @since or @unstable");
  }
  if (deprecated) s.deprecated = resolve_.strings.add(*deprecated->version);
  if (since) {
    s.kind = Stability::Kind::Stable;
    s.since = resolve_.strings.add(*since->version);
  } else if (unstable) {
    s.kind = Stability::Kind::Unstable;
    s.feature = unstable->feature.name;
  }
  return s;
}

OptText AstResolver::external_id(List<ast::Attribute> attrs) {
  OptText out;
  for (const ast::Attribute& a : attrs) {
    if (a.kind != ast::AttrKind::ExternalId) continue;
    if (out.present) resolve_error(a.span, "cannot specify @external-id twice");
    out = OptText{resolve_.strings.add(a.external_id), true};
  }
  return out;
}

Docs AstResolver::docs(const ast::Docs& d) {
  if (d.empty()) return {};
  if (!resolve_.doc_text) return Docs{{}, true};
  std::optional<std::string> text = doc_text(d, resolve_.sources);
  return Docs{resolve_.strings.add(*text), true};
}

}  // namespace plumb
