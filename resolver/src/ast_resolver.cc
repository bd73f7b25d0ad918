// Package-level resolution: files into one package, foreign references,
// the names of interfaces and worlds and the order they are resolved in.
#include "ast_resolver.h"

#include <string>
#include <utility>

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
      raise(DiagCode::PackageNameMismatch, header->span,
            "package identifier " + quoted(name.to_string()) + " does not match previous package name of " +
                quoted(package_name_->first.to_string()));
    }
    package_name_ = {name, header->span};
    Docs d = docs(header->docs);
    if (d.present) {
      if (out_.docs.present) {
        raise(DiagCode::DuplicatePackageDocs, header->docs.span(), "found doc comments on multiple 'package' items");
      }
      out_.docs = d;
    }
  }
  for (const ast::Decl& decl : decls) {
    if (auto p = std::get_if<const ast::NestedPackage*>(&decl)) {
      raise(DiagCode::MisplacedNestedPackage, (*p)->name.span, "nested packages must be placed at the top-level");
    }
  }
  decl_lists_.push_back(std::move(decls));
}

std::optional<UnresolvedPackage> AstResolver::resolve(Diagnostics& diags) {
  diags_ = &diags;
  if (!package_name_) {
    // The first line is the reference's; the note says which files.
    Diagnostic d = Diagnostic::error(no_files_ ? DiagCode::NoWitFiles : DiagCode::MissingPackageHeader, Span(),
                                     "no `package` header was found in any WIT file for this package");
    if (!origin_note_.empty()) d.with_note(origin_note_);
    d.file = origin_path_;
    diags.report(std::move(d));
    return std::nullopt;
  }
  out_.name = package_name_->first;
  out_.name_span = package_name_->second;

  populate_foreign_deps();
  LocalItems local;
  if (!attempt([&] { local = populate_ast_items(); })) return std::nullopt;
  populate_foreign_types();

  for (const LocalInterface& item : local.interfaces) {
    cur_ast_ = item.file;
    use_targets_ = item.first_target == UINT32_MAX ? nullptr : local_targets_[item.file].data() + item.first_target;
    // Errors inside an interface are recovered item by item, and a failed
    // type keeps its name (see poison_type), so other interfaces can still
    // check what they `use` from it. Only an interface abandoned as a whole
    // (or never resolved: part of a cycle) has its names taken on trust.
    if (failed_interfaces_[item.id.index] ||
        !attempt([&] { resolve_interface(item.id, item.ast->items, item.ast->docs, item.ast->attrs); })) {
      failed_interfaces_[item.id.index] = true;
    }
    type_lookup_.clear();
  }
  use_targets_ = nullptr;
  for (const LocalWorld& item : local.worlds) {
    cur_ast_ = item.file;
    attempt([&] { resolve_world(item.id, *item.ast); });
    type_lookup_.clear();
  }
  diags_ = nullptr;
  if (failed_) return std::nullopt;
  return std::move(out_);
}

void AstResolver::report(DiagnosticError& e) {
  failed_ = true;
  std::optional<DeferredHint> hint = std::exchange(pending_hint_, std::nullopt);
  if (e.follow_on || !diags_) return;
  if (e.diag.span.known() && !reported_spans_.insert({e.diag.span.start, e.diag.span.end}).second) return;
  diags_->report(std::move(e.diag));
  if (hint) {
    hint->diag = diags_->size() - 1;
    out_.deferred_hints.push_back(std::move(*hint));
  }
}

TypeId AstResolver::poison_type() {
  if (!poison_) {
    TypeDef def;
    def.kind = TypeDefKind::Unknown;
    poison_ = alloc_type(std::move(def));
  }
  return *poison_;
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
      } catch (DiagnosticError&) {
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
  ItemListing listing = list_items();
  // Per item: where its paths start in its file's local_targets_.
  std::vector<uint32_t> first_target(listing.items.size(), UINT32_MAX);
  std::vector<PendingEdge> pending;
  std::optional<ast::Id> dangling;  // a top-level `use` of a missing item
  for (size_t f = 0; f < decl_lists_.size(); ++f) {
    check_file_names(f, listing);
    list_item_edges(f, listing, first_target, pending, dangling);
  }
  if (dangling) attempt([&] { unknown_item_error(*dangling); });
  LocalItems out = allocate_items(listing, pending, first_target);
  populate_toplevel_scopes();
  return out;
}

// Every interface and world, in listing order. Their names are unique across
// the package (a duplicate is reported and left out): the position of a
// name in package_items_ is its listing order.
AstResolver::ItemListing AstResolver::list_items() {
  ItemListing out;
  size_t decl_count = 0;
  for (const std::vector<ast::Decl>& decls : decl_lists_) decl_count += decls.size();
  package_items_.reserve(decl_count);
  out.items.reserve(decl_count);
  out_.interfaces.reserve(out_.interfaces.size() + decl_count);
  failed_interfaces_.reserve(out_.interfaces.capacity());
  out.position.resize(decl_lists_.size());
  for (size_t f = 0; f < decl_lists_.size(); ++f) {
    out.position[f].assign(decl_lists_[f].size(), UINT32_MAX);
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
        // Reported, and left out: the first of the name stands.
        attempt([&] {
          Diagnostic d = Diagnostic::error(DiagCode::DuplicateItem, item.name.span,
                                           "duplicate item named " + quoted(item.name.name));
          d.with_label(out.items[static_cast<size_t>(package_items_.index_of(item.name.name))].name.span,
                       "first defined here");
          throw DiagnosticError{std::move(d)};
        });
        continue;
      }
      out.position[f][d] = static_cast<uint32_t>(out.items.size());
      out.items.push_back(item);
    }
  }
  return out;
}

// A top-level `use` whose name clashes with another name of its file. (Items
// that clash are duplicate items, reported when listed.)
void AstResolver::check_file_names(size_t f, const ItemListing& listing) {
  const std::vector<ast::Decl>& decls = decl_lists_[f];
  std::unordered_set<std::string_view> uses;
  for (size_t d = 0; d < decls.size(); ++d) {
    auto u = std::get_if<const ast::ToplevelUse*>(&decls[d]);
    if (!u && listing.position[f][d] == UINT32_MAX) continue;
    const ast::Id* name = u ? &(*u)->local() : &listing.items[listing.position[f][d]].name;
    bool clash = uses.contains(name->name);
    // (An item's own name finds itself, never an earlier item.)
    if (!clash && u) {
      int64_t at = package_items_.index_of(name->name);
      // An item of this file declared earlier than this name.
      clash = at >= 0 && listing.items[static_cast<size_t>(at)].file == f &&
              listing.items[static_cast<size_t>(at)].name.span.start < name->span.start;
    }
    if (clash) {
      attempt([&] {
        raise(DiagCode::DuplicateName, name->span, "duplicate name " + quoted(name->name) + " in this file");
      });
    }
    if (u) uses.insert(name->name);
  }
}

// The dependencies between interfaces (`use`) and worlds (`include`) of this
// package found in file `f`, seen through the file's own top-level names:
// its items and its top-level `use`s (which may shadow another file's item).
// Each unqualified path gets its target in local_targets_[f].
void AstResolver::list_item_edges(size_t f, const ItemListing& listing, std::vector<uint32_t>& first_target,
                                  std::vector<PendingEdge>& pending, std::optional<ast::Id>& dangling) {
  struct UseSource {
    bool foreign;
    ast::Id target;
  };
  IndexMap<std::string_view, UseSource> uses;
  for (const ast::Decl& decl : decl_lists_[f]) {
    if (auto u = std::get_if<const ast::ToplevelUse*>(&decl)) {
      uses.try_insert((*u)->local().name, UseSource{(*u)->item.qualified, (*u)->item.name});
    }
  }
  std::vector<uint32_t>& targets = local_targets_.emplace_back();
  for (const PathVisit& v : paths_[f]) {
    if (!v.container || v.path->qualified) continue;
    const uint32_t from = listing.position[f][v.decl];
    if (from == UINT32_MAX) {
      targets.push_back(kMissingTarget);  // in a duplicate item, left out
      continue;
    }
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
      pending.push_back(PendingEdge{from, TopoEdge{static_cast<uint32_t>(to), s->target}});
      continue;
    }
    int64_t to = package_items_.index_of(used.name);
    if (to < 0) {
      attempt([&] { unknown_item_error(used); });
      targets.push_back(kMissingTarget);
      continue;
    }
    targets.push_back(static_cast<uint32_t>(to));
    const Item& target = listing.items[static_cast<size_t>(to)];
    // A name of this file stands for its declaration.
    pending.push_back(PendingEdge{from, TopoEdge{static_cast<uint32_t>(to), target.file == f ? target.name : used}});
  }
}

// Sorts the items (dependencies first; a cycle is reported, and its items
// are left unresolved) and gives them their ids in that order.
AstResolver::LocalItems AstResolver::allocate_items(const ItemListing& listing, const std::vector<PendingEdge>& pending,
                                                    const std::vector<uint32_t>& first_target) {
  // Edges grouped by the node they leave, in visiting order.
  std::vector<uint32_t> first(listing.items.size() + 1, 0);
  for (const PendingEdge& p : pending) ++first[p.from + 1];
  for (size_t i = 1; i < first.size(); ++i) first[i] += first[i - 1];
  std::vector<TopoEdge> edges(pending.size(), TopoEdge{0, {}});
  {
    std::vector<uint32_t> next(first.begin(), first.end() - 1);
    for (const PendingEdge& p : pending) edges[next[p.from]++] = p.edge;
  }
  TopoOrder sorted = toposort_all("interface or world", first, edges);
  if (sorted.cycle) {
    DiagnosticError e{std::move(*sorted.cycle)};
    report(e);
  }
  LocalItems out;
  for (size_t k = 0; k < sorted.order.size(); ++k) {
    const uint32_t at = sorted.order[k];
    const bool cyclic = k >= sorted.sorted;  // left unresolved: its names are taken on trust
    const Item& item = listing.items[at];
    ItemRef& ref = package_items_.at_index(at).second;
    if (item.world) {
      WorldId id = alloc_world(item.name.span);
      out_.worlds[id.index].name = item.name.name;
      ref = ItemRef{true, id.index};
      if (!cyclic) out.worlds.push_back(LocalWorld{id, item.world, item.file});
    } else {
      InterfaceId id = alloc_interface(item.name.span);
      out_.interfaces[id.index].name = item.name.name;
      ref = ItemRef{false, id.index};
      if (cyclic) failed_interfaces_[id.index] = true;
      out.interfaces.push_back(LocalInterface{id, item.iface, item.file, first_target[at]});
    }
  }
  return out;
}

// Each file's top-level `use`s, in its scope (its other names are the
// package's).
void AstResolver::populate_toplevel_scopes() {
  for (const std::vector<ast::Decl>& decls : decl_lists_) {
    IndexMap<std::string_view, ItemRef> scope;
    for (const ast::Decl& decl : decls) {
      auto u = std::get_if<const ast::ToplevelUse*>(&decl);
      if (!u) continue;
      if (!(*u)->attrs.empty()) {
        attempt([&] { raise(DiagCode::InvalidAttribute, (*u)->span, "attributes not allowed on top-level use"); });
      }
      ItemRef item;
      if ((*u)->item.qualified) {
        item = out_.foreign_deps.find(package_name_of((*u)->item))->find((*u)->item.name.name)->item;
      } else if (const ItemRef* found = package_items_.find((*u)->item.name.name)) {
        item = *found;
      } else {
        attempt([&] { unknown_item_error((*u)->item.name); });
        item.index = ItemRef::kMissing;
      }
      scope.try_insert((*u)->local().name, item);
    }
    ast_items_.push_back(std::move(scope));
  }
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
      if (!v.names || local == kMissingTarget) continue;
      attempt([&] { add_foreign_types(v, local); });
    }
  }
}

// The placeholders for the names one `use` takes from a foreign interface.
void AstResolver::add_foreign_types(const PathVisit& v, uint32_t local) {
  Stability stab = stability(v.attrs);
  OptText ext = external_id(v.attrs);
  if (local != UINT32_MAX) {
    // An item of this package, found when ordering them: never foreign.
    interface_of(package_items_.at_index(local).second, v.path->name.name, v.path->name.span);
    return;
  }
  auto [item, span] = resolve_path(*v.path);
  InterfaceId iface = interface_of(item, v.path->name.name, span);
  if (!foreign_interfaces_.count(iface.index)) return;
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

std::pair<ItemRef, Span> AstResolver::resolve_path(const ast::UsePath& path) {
  if (path.qualified) {
    return {out_.foreign_deps.find(package_name_of(path))->find(path.name.name)->item, path.name.span};
  }
  const ItemRef* item = ast_items_[cur_ast_].find(path.name.name);
  if (!item) item = package_items_.find(path.name.name);
  if (!item) unknown_item_error(path.name);
  if (item->missing()) raise_follow_on();
  return {*item, path.name.span};
}

void AstResolver::unknown_item_error(const ast::Id& name) const {
  DiagnosticError e{Diagnostic::error(DiagCode::UnknownItem, name.span,
                                      "interface or world " + quoted(name.name) + " does not exist")};
  std::vector<std::string_view> names;
  for (const auto& [n, ref] : package_items_) names.push_back(n);
  if (cur_ast_ < ast_items_.size()) {
    for (const auto& [n, ref] : ast_items_[cur_ast_]) names.push_back(n);
  }
  if (auto best = closest_name(name.name, names)) e.diag.with_help("did you mean `" + *best + "`?");
  throw e;
}

InterfaceId AstResolver::interface_of(ItemRef item, std::string_view name, Span span) {
  if (item.is_world)
    raise(DiagCode::WrongItemKind, span, "name " + quoted(name) + " is defined as a world, not an interface");
  return InterfaceId(item.index);
}

WorldId AstResolver::world_of(ItemRef item, std::string_view name, Span span) {
  if (!item.is_world)
    raise(DiagCode::WrongItemKind, span, "name " + quoted(name) + " is defined as an interface, not a world");
  return WorldId(item.index);
}

Stability AstResolver::stability(List<ast::Attribute> attrs) {
  const ast::Attribute* since = nullptr;
  const ast::Attribute* deprecated = nullptr;
  const ast::Attribute* unstable = nullptr;
  for (const ast::Attribute& a : attrs) {
    switch (a.kind) {
      case ast::AttrKind::Since:
        if (since) raise(DiagCode::DuplicateAttribute, a.span, "cannot specify @since twice");
        since = &a;
        break;
      case ast::AttrKind::Deprecated:
        if (deprecated) raise(DiagCode::DuplicateAttribute, a.span, "cannot specify @deprecated twice");
        deprecated = &a;
        break;
      case ast::AttrKind::Unstable:
        if (unstable) raise(DiagCode::DuplicateAttribute, a.span, "cannot specify @unstable twice");
        unstable = &a;
        break;
      case ast::AttrKind::ExternalId:
        break;
    }
  }
  StabilityGate s;
  if (since && unstable) raise(DiagCode::ConflictingGates, since->span, "cannot specify both @since and @unstable");
  if (deprecated && !since && !unstable) {
    raise(DiagCode::ConflictingGates, deprecated->span, "cannot specify both @deprecated without @since or @unstable");
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
    if (out.present) raise(DiagCode::DuplicateAttribute, a.span, "cannot specify @external-id twice");
    out = OptText{resolve_.strings.add(a.external_id), true};
  }
  return out;
}

Docs AstResolver::docs(const ast::Docs& d) {
  if (d.empty()) return {};
  if (!resolve_.doc_text) return Docs{{}, true};
  write_doc_text(d, resolve_.sources, doc_buffer_);
  return Docs{resolve_.strings.add(doc_buffer_), true};
}

}  // namespace plumb
