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
      resolve_error(DiagCode::PackageNameMismatch, header->span, "package identifier " + quoted(name.to_string()) +
                                      " does not match previous package name of " +
                                      quoted(package_name_->first.to_string()));
    }
    package_name_ = {name, header->span};
    Docs d = docs(header->docs);
    if (d.present) {
      if (out_.docs.present) {
        resolve_error(DiagCode::DuplicatePackageDocs, header->docs.span(), "found doc comments on multiple 'package' items");
      }
      out_.docs = d;
    }
  }
  for (const ast::Decl& decl : decls) {
    if (auto p = std::get_if<const ast::NestedPackage*>(&decl)) {
      resolve_error(DiagCode::MisplacedNestedPackage, (*p)->name.span, "nested packages must be placed at the top-level");
    }
  }
  decl_lists_.push_back(std::move(decls));
}

std::optional<UnresolvedPackage> AstResolver::resolve(Diagnostics& diags) {
  try {
  if (!package_name_) {
    // The first line is the reference's; the note says which files.
    Diagnostic d = Diagnostic::error(DiagCode::MissingPackageHeader, Span(), "no `package` header was found in any WIT file for this package");
    if (!origin_note_.empty()) d.with_note(origin_note_);
    throw ResolveError{std::move(d)};
  }
  out_.name = package_name_->first;
  out_.name_span = package_name_->second;

  populate_foreign_deps();
  LocalItems local = populate_ast_items();
  populate_foreign_types();

  bool failed = false;
  for (const LocalInterface& item : local.interfaces) {
    const InterfaceId id = item.id;
    const ast::Interface* iface = item.ast;
    cur_ast_ = item.file;
    use_targets_ = item.first_target == UINT32_MAX ? nullptr : local_targets_[item.file].data() + item.first_target;
    try {
      resolve_interface(id, iface->items, iface->docs, iface->attrs);
    } catch (ResolveError& e) {
      diags.report(std::move(e.diag));
      failed = true;
      failed_interfaces_[id.index] = true;
      type_lookup_.clear();
    }
  }
  use_targets_ = nullptr;
  for (const LocalWorld& item : local.worlds) {
    const WorldId id = item.id;
    const ast::World* world = item.ast;
    cur_ast_ = item.file;
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
  // Every path is listed here, once: the later passes read the lists
  // rather than walk every interface's items again.
  paths_.resize(decl_lists_.size());
  for (size_t f = 0; f < decl_lists_.size(); ++f) {
    for_each_path(decl_lists_[f], [&](const PathVisit& v) { paths_[f].push_back(v); });
  }
  for (const std::vector<PathVisit>& paths : paths_) {
    for (const PathVisit& v : paths) {
      if (!v.path->qualified) continue;
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
    }
  }
}

// Names every interface and world of the package, finds the order they are
// resolved in (dependencies first) and gives them their ids in that order.
AstResolver::LocalItems AstResolver::populate_ast_items() {
  // Interface and world names are unique across the package: the position
  // of a name in package_items_ is its listing order.
  struct Item {
    ast::Id name;  // as declared
    size_t file;
    const ast::Interface* iface;  // or
    const ast::World* world;
  };
  std::vector<Item> items;
  size_t decl_count = 0;
  for (const std::vector<ast::Decl>& decls : decl_lists_) decl_count += decls.size();
  package_items_.reserve(decl_count);
  items.reserve(decl_count);
  out_.interfaces.reserve(out_.interfaces.size() + decl_count);
  failed_interfaces_.reserve(out_.interfaces.capacity());
  // Per file, per declaration: its position among the items (or none).
  std::vector<std::vector<uint32_t>> position(decl_lists_.size());
  for (size_t f = 0; f < decl_lists_.size(); ++f) {
    position[f].assign(decl_lists_[f].size(), UINT32_MAX);
    for (size_t d = 0; d < decl_lists_[f].size(); ++d) {
      const ast::Decl& decl = decl_lists_[f][d];
      Item item{{}, f, nullptr, nullptr};
      if (auto i = std::get_if<const ast::Interface*>(&decl)) {
        item.iface = *i;
        item.name = (*i)->name;
      } else if (auto w = std::get_if<const ast::World*>(&decl)) {
        item.world = *w;
        item.name = (*w)->name;
      } else {
        continue;
      }
      if (!package_items_.try_insert(item.name.name, ItemRef{}).second) {
        resolve_error(DiagCode::DuplicateItem, item.name.span, "duplicate item named " + quoted(item.name.name));
      }
      position[f][d] = static_cast<uint32_t>(items.size());
      items.push_back(item);
    }
  }

  // Dependencies between interfaces (`use`) and worlds (`include`) of this
  // package, seen through each file's own top-level names: its items and
  // its top-level `use`s (which may shadow another file's item).
  struct Pending {
    uint32_t from;
    TopoEdge edge;
  };
  std::vector<Pending> pending;
  // Per item: where its paths start in its file's local_targets_.
  std::vector<uint32_t> first_target(items.size(), UINT32_MAX);
  std::optional<ast::Id> dangling;  // a top-level `use` of a missing item
  for (size_t f = 0; f < decl_lists_.size(); ++f) {
    const std::vector<ast::Decl>& decls = decl_lists_[f];
    struct UseSource {
      bool foreign;
      ast::Id target;
    };
    // Only a top-level `use` can clash with a name of the file (items that
    // clash are duplicate items, reported above).
    IndexMap<std::string_view, UseSource> uses;
    for (size_t d = 0; d < decls.size(); ++d) {
      auto u = std::get_if<const ast::ToplevelUse*>(&decls[d]);
      if (!u && position[f][d] == UINT32_MAX) continue;
      const ast::Id* name = u ? &(*u)->local() : &items[position[f][d]].name;
      bool clash = uses.contains(name->name);
      // (An item's own name finds itself, never an earlier item: duplicate
      // items are reported above.)
      if (!clash && u) {
        int64_t at = package_items_.index_of(name->name);
        // An item of this file declared earlier than this name.
        clash = at >= 0 && items[static_cast<size_t>(at)].file == f &&
                items[static_cast<size_t>(at)].name.span.start < name->span.start;
      }
      if (clash) resolve_error(DiagCode::DuplicateName, name->span, "duplicate name " + quoted(name->name) + " in this file");
      if (u) uses.try_insert(name->name, UseSource{(*u)->item.qualified, (*u)->item.name});
    }
    std::vector<uint32_t>& targets = local_targets_.emplace_back();
    for (const PathVisit& v : paths_[f]) {
      if (!v.container || v.path->qualified) continue;
      const uint32_t from = position[f][v.decl];
      if (first_target[from] == UINT32_MAX) first_target[from] = static_cast<uint32_t>(targets.size());
      const ast::Id& used = v.path->name;
      if (const UseSource* s = uses.find(used.name)) {
        targets.push_back(UINT32_MAX);
        if (s->foreign) continue;
        int64_t to = package_items_.index_of(s->target.name);
        if (to < 0) {
          // Reported once every direct reference is checked, as the
          // reference finds it: when sorting.
          if (!dangling) dangling = s->target;
          continue;
        }
        pending.push_back(Pending{from, TopoEdge{static_cast<uint32_t>(to), s->target}});
        continue;
      }
      int64_t to = package_items_.index_of(used.name);
      if (to < 0) resolve_error(DiagCode::UnknownItem, used.span, "interface or world " + quoted(used.name) + " does not exist");
      targets.push_back(static_cast<uint32_t>(to));
      const Item& target = items[static_cast<size_t>(to)];
      // A name of this file stands for its declaration.
      pending.push_back(Pending{from, TopoEdge{static_cast<uint32_t>(to), target.file == f ? target.name : used}});
    }
  }

  if (dangling) resolve_error(DiagCode::UnknownItem, dangling->span, "interface or world " + quoted(dangling->name) + " does not exist");

  // Edges grouped by the node they leave, in visiting order.
  std::vector<uint32_t> first(items.size() + 1, 0);
  for (const Pending& p : pending) ++first[p.from + 1];
  for (size_t i = 1; i < first.size(); ++i) first[i] += first[i - 1];
  std::vector<TopoEdge> edges(pending.size(), TopoEdge{0, {}});
  {
    std::vector<uint32_t> next(first.begin(), first.end() - 1);
    for (const Pending& p : pending) edges[next[p.from]++] = p.edge;
  }

  LocalItems out;
  for (uint32_t at : toposort("interface or world", first, edges)) {
    const Item& item = items[at];
    ItemRef& ref = package_items_.at_index(at).second;
    if (item.world) {
      WorldId id = alloc_world(item.name.span);
      out_.worlds[id.index].name = item.name.name;
      ref = ItemRef{true, id.index};
      out.worlds.push_back(LocalWorld{id, item.world, item.file});
    } else {
      InterfaceId id = alloc_interface(item.name.span);
      out_.interfaces[id.index].name = item.name.name;
      ref = ItemRef{false, id.index};
      out.interfaces.push_back(LocalInterface{id, item.iface, item.file, first_target[at]});
    }
  }

  // Each file's top-level `use`s, in its scope (its other names are the
  // package's).
  for (const std::vector<ast::Decl>& decls : decl_lists_) {
    IndexMap<std::string_view, ItemRef> scope;
    for (const ast::Decl& decl : decls) {
      auto u = std::get_if<const ast::ToplevelUse*>(&decl);
      if (!u) continue;
      if (!(*u)->attrs.empty()) resolve_error(DiagCode::InvalidAttribute, (*u)->span, "attributes not allowed on top-level use");
      ItemRef item;
      if ((*u)->item.qualified) {
        item = out_.foreign_deps.find(package_name_of((*u)->item))->find((*u)->item.name.name)->item;
      } else {
        const ItemRef* found = package_items_.find((*u)->item.name.name);
        if (!found) {
          resolve_error(DiagCode::UnknownItem, (*u)->item.name.span, "interface or world " + quoted((*u)->item.name.name) + " does not exist");
        }
        item = *found;
      }
      scope.try_insert((*u)->local().name, item);
    }
    ast_items_.push_back(std::move(scope));
  }
  return out;
}

// Placeholder types for every name `use`d from a foreign interface; they take
// the first type ids.
void AstResolver::populate_foreign_types() {
  for (size_t i = 0; i < decl_lists_.size(); ++i) {
    cur_ast_ = i;
    size_t next_target = 0;
    for (const PathVisit& v : paths_[i]) {
      uint32_t local = UINT32_MAX;
      if (v.container && !v.path->qualified) local = local_targets_[i][next_target++];
      if (!v.names) continue;
      Stability stab = stability(v.attrs);
      OptText ext = external_id(v.attrs);
      if (local != UINT32_MAX) {
        // An item of this package, found when ordering them: never foreign.
        interface_of(package_items_.at_index(local).second, v.path->name.name, v.path->name.span);
        continue;
      }
      auto [item, span] = resolve_path(*v.path);
      InterfaceId iface = interface_of(item, v.path->name.name, span);
      if (!foreign_interfaces_.count(iface.index)) continue;
      for (const ast::UseName& name : *v.names) {
        if (out_.interfaces[iface.index].types.contains(name.name.name)) continue;
        TypeDef def;
        def.name = name.name.name;
        def.kind = TypeDefKind::Unknown;
        def.owner = TypeOwner::interface(iface);
        def.stability = stab;
        def.external_id = ext;
        def.span = name.name.span;
        TypeId id = alloc_type(std::move(def));
        out_.unknown_type_spans.push_back(name.name.span);
        out_.interfaces[iface.index].types.try_insert(name.name.name, id);
      }
    }
  }
}

std::pair<ItemRef, Span> AstResolver::resolve_path(const ast::UsePath& path) {
  if (path.qualified) {
    return {out_.foreign_deps.find(package_name_of(path))->find(path.name.name)->item, path.name.span};
  }
  const ItemRef* item = ast_items_[cur_ast_].find(path.name.name);
  if (!item) item = package_items_.find(path.name.name);
  if (!item) {
    ResolveError e{Diagnostic::error(DiagCode::UnknownItem, path.name.span, "interface or world " + quoted(path.name.name) + " does not exist")};
    std::vector<std::string_view> names;
    for (const auto& [n, ref] : package_items_) names.push_back(n);
    for (const auto& [n, ref] : ast_items_[cur_ast_]) names.push_back(n);
    if (auto best = closest_name(path.name.name, names)) e.diag.with_help("did you mean `" + *best + "`?");
    throw e;
  }
  return {*item, path.name.span};
}

InterfaceId AstResolver::interface_of(ItemRef item, std::string_view name, Span span) {
  if (item.is_world) resolve_error(DiagCode::WrongItemKind, span, "name " + quoted(name) + " is defined as a world, not an interface");
  return InterfaceId(item.index);
}

WorldId AstResolver::world_of(ItemRef item, std::string_view name, Span span) {
  if (!item.is_world) resolve_error(DiagCode::WrongItemKind, span, "name " + quoted(name) + " is defined as an interface, not a world");
  return WorldId(item.index);
}

Stability AstResolver::stability(List<ast::Attribute> attrs) {
  const ast::Attribute* since = nullptr;
  const ast::Attribute* deprecated = nullptr;
  const ast::Attribute* unstable = nullptr;
  for (const ast::Attribute& a : attrs) {
    switch (a.kind) {
      case ast::AttrKind::Since:
        if (since) resolve_error(DiagCode::DuplicateAttribute, a.span, "cannot specify @since twice");
        since = &a;
        break;
      case ast::AttrKind::Deprecated:
        if (deprecated) resolve_error(DiagCode::DuplicateAttribute, a.span, "cannot specify @deprecated twice");
        deprecated = &a;
        break;
      case ast::AttrKind::Unstable:
        if (unstable) resolve_error(DiagCode::DuplicateAttribute, a.span, "cannot specify @unstable twice");
        unstable = &a;
        break;
      case ast::AttrKind::ExternalId:
        break;
    }
  }
  StabilityGate s;
  if (since && unstable) resolve_error(DiagCode::ConflictingGates, since->span, "cannot specify both @since and @unstable");
  if (deprecated && !since && !unstable) {
    resolve_error(DiagCode::ConflictingGates, deprecated->span, "cannot specify both @deprecated without @since or @unstable");
  }
  if (deprecated) s.deprecated = resolve_.strings.add(*deprecated->version);
  if (since) {
    s.kind = Stability::Kind::Stable;
    s.since = resolve_.strings.add(*since->version);
  } else if (unstable) {
    s.kind = Stability::Kind::Unstable;
    s.feature = unstable->feature.name;
    if (!resolve_.gate_features.contains(s.feature)) resolve_.gate_features.emplace(s.feature);
  }
  if (since || unstable || deprecated) out_.has_gates = true;
  return resolve_.strings.add(s);
}

OptText AstResolver::external_id(List<ast::Attribute> attrs) {
  OptText out;
  for (const ast::Attribute& a : attrs) {
    if (a.kind != ast::AttrKind::ExternalId) continue;
    if (out.present) resolve_error(DiagCode::DuplicateAttribute, a.span, "cannot specify @external-id twice");
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
