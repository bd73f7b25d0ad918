// Turns the syntax trees of one package into an UnresolvedPackage, applying
// every rule that needs only the package itself: names, `use` and `include`
// targets, type definitions, functions, worlds. The order in which it visits
// things (and so allocates ids and finds errors) is the reference's.
#pragma once

#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "anon_types.h"
#include "ast_paths.h"
#include "plumb/parser/ast.h"
#include "toposort.h"
#include "unresolved.h"

namespace plumb {

class AstResolver {
 public:
  explicit AstResolver(Resolve& resolve) : resolve_(resolve) {}

  // Adds one file's declarations (or one nested package's). `header` is the
  // file's `package` line (null if it has none). Throws DiagnosticError for a
  // package name that disagrees with an earlier file, doc comments on more
  // than one header, or a nested package inside a nested package.
  void push(const ast::PackageName* header, std::vector<ast::Decl> decls);
  // Room for `n` more types (see ParsedFile::type_bound): the arena then
  // fills without being copied to larger memory again and again. Memory
  // reserved and never written costs nothing.
  void reserve_types(size_t n) {
    out_.types.reserve(out_.types.size() + n);
    anon_types_.reserve(out_.types.capacity());
  }
  // Resolves everything pushed. Errors go to `diags`: after an error in one
  // interface or world the others are still checked (names `use`d from a
  // failed interface are taken on trust, so one mistake is reported once).
  // Returns nothing when there was an error.
  std::optional<UnresolvedPackage> resolve(Diagnostics& diags);
  // After resolve() failed: what was resolved of the package (its foreign
  // references and deferred hints are checked once every package is read).
  UnresolvedPackage take_failed() { return std::move(out_); }
  // Where the package's files were read from, as a note for an error about
  // the package as a whole (no `package` header), which has no location.
  // `path` is the directory or file it was read from; `no_files`: the
  // directory holds no `.wit` file at all.
  void set_origin(std::string note, std::string path, bool no_files) {
    origin_note_ = std::move(note);
    origin_path_ = std::move(path);
    no_files_ = no_files;
  }

 private:
  enum class LookupKind : uint8_t { Type, Function };
  struct Lookup {
    LookupKind kind;
    TypeId id;
    Span span;
  };
  using TypeLookup = IndexMap<std::string_view, Lookup>;

  // Interfaces-and-worlds name resolution.
  void populate_foreign_deps();
  // The package's own interfaces and worlds in the order they are resolved.
  struct LocalInterface {
    InterfaceId id;
    const ast::Interface* ast;
    size_t file;            // its declaration list
    uint32_t first_target;  // its first path's place in local_targets_[file] (if it has one)
  };
  struct LocalWorld {
    WorldId id;
    const ast::World* ast;
    size_t file;
  };
  struct LocalItems {
    std::vector<LocalInterface> interfaces;
    std::vector<LocalWorld> worlds;
  };
  LocalItems populate_ast_items();
  // The interfaces and worlds of the package as declared.
  struct Item {
    ast::Id name;
    size_t file;
    const ast::Interface* iface;  // or
    const ast::World* world;
  };
  struct ItemListing {
    std::vector<Item> items;
    std::vector<std::vector<uint32_t>> position;  // per file, per declaration: its item, or UINT32_MAX
  };
  struct PendingEdge {
    uint32_t from;
    TopoEdge edge;
  };
  ItemListing list_items();
  void check_file_names(size_t file, const ItemListing& listing);
  void list_item_edges(size_t file, const ItemListing& listing, std::vector<uint32_t>& first_target,
                       std::vector<PendingEdge>& pending, std::optional<ast::Id>& dangling);
  LocalItems allocate_items(const ItemListing& listing, const std::vector<PendingEdge>& pending,
                            const std::vector<uint32_t>& first_target);
  void populate_toplevel_scopes();
  void populate_foreign_types();
  void add_foreign_types(const PathVisit& v, uint32_t local);
  InterfaceId alloc_interface(Span span);
  WorldId alloc_world(Span span);
  std::pair<ItemRef, Span> resolve_path(const ast::UsePath& path);
  [[noreturn]] void unknown_item_error(const ast::Id& name) const;
  InterfaceId interface_of(ItemRef item, std::string_view name, Span span);
  WorldId world_of(ItemRef item, std::string_view name, Span span);

  // Interfaces and worlds.
  void resolve_interface(InterfaceId id, List<ast::InterfaceItem> items, const ast::Docs& docs,
                         List<ast::Attribute> attrs);
  void resolve_world(WorldId id, const ast::World& world);
  void resolve_import_export(WorldId id, const ast::ImportExport& ie, std::unordered_map<uint32_t, Span>& imported,
                             std::unordered_map<uint32_t, Span>& exported);
  // Whether the resource `def` is the definition its name stands for, and
  // did not fail (its functions are resolved only then).
  bool resource_defined(const ast::TypeDef& def) const;
  WorldItem resolve_world_item(const ast::Docs& docs, List<ast::Attribute> attrs, const ast::Extern& ext);
  void resolve_use(TypeOwner owner, const ast::Use& use);
  void use_name(TypeOwner owner, const ast::Use& use, InterfaceId from, bool from_failed, const ast::UseName& name,
                Stability stab, OptText ext);
  // In local_targets_: a path whose target was not found (reported).
  static constexpr uint32_t kMissingTarget = UINT32_MAX - 1;
  void resolve_include(WorldId world, const ast::Include& include);
  void define_name(const ast::Id& name, Lookup item);

  // Types and functions.
  void resolve_types(TypeOwner owner, const std::vector<const ast::Use*>& uses,
                     const std::vector<const ast::TypeDef*>& defs);
  TypeDef resolve_type_def(const ast::TypeDef& def, Stability stability);
  TypeDef resolve_type_expr(const ast::Type& ty, Stability stability);
  Type resolve_type(const ast::Type& ty, Stability stability);
  TypeId resolve_type_name(const ast::Id& name);
  const std::vector<uint32_t>& type_order();
  void add_unknown_type_help(Diagnostic& d, std::string_view name) const;
  void suggest_type(Diagnostic& d, std::string_view name) const;
  [[noreturn]] void duplicate_name_error(const ast::Id& name, Span first) const;
  TypeId validate_resource(const ast::Id& name);
  Type intern_anonymous(TypeDef&& def);  // (taken by reference: a type definition is 112 bytes)
  Stability find_stability(const TypeDef& def, Stability given) const;
  Function resolve_function(const ast::Docs& docs, List<ast::Attribute> attrs, std::string_view name, Span name_span,
                            const ast::Func& func, FunctionKind kind, TypeId resource);
  Function resolve_resource_func(const ast::ResourceFunc& func, const ast::Id& resource);
  std::vector<Param> resolve_params(const ast::Func& func, FunctionKind kind, TypeId resource);
  std::optional<Type> resolve_result(const ast::Func& func, FunctionKind kind, TypeId resource);

  // Attributes and docs.
  Stability stability(List<ast::Attribute> attrs);
  OptText external_id(List<ast::Attribute> attrs);
  Docs docs(const ast::Docs& docs);

  // Error recovery: each independent item (a type, a field, a function, a
  // `use`d name, a world item, an interface) is a unit; an error abandons
  // the unit only, and what refers to a failed item is not blamed again.
  //
  // Reports `e` unless it only follows from an earlier error or repeats one
  // at the same place; the package is then failed.
  void report(DiagnosticError& e);
  // Runs `unit`; an error it throws is reported and false returned, so the
  // caller carries on with the next item.
  template <class F>
  bool attempt(F&& unit) {
    try {
      unit();
      return true;
    } catch (DiagnosticError& e) {
      report(e);
      return false;
    }
  }
  // The type standing for every type whose definition failed: a reference
  // to it is never an error.
  TypeId poison_type();
  bool is_poison(Type t) const { return poison_ && t.is_ref() && t.id() == *poison_; }
  Type resolve_type_or_poison(const ast::Type& ty, Stability stability);

  TypeId alloc_type(TypeDef&& def) {
    out_.types.push_back(std::move(def));
    return TypeId(out_.types.size() - 1);
  }

  Diagnostics* diags_ = nullptr;  // while resolving
  // Set by suggest_type for the error about to be reported.
  mutable std::optional<DeferredHint> pending_hint_;
  bool failed_ = false;
  std::optional<TypeId> poison_;
  std::set<std::pair<uint32_t, uint32_t>> reported_spans_;

  Resolve& resolve_;  // for its source map and string storage
  std::string doc_buffer_;  // each item's doc text, before it goes into resolve_.strings
  std::string name_buffer_;  // each resource function's mangled name, likewise
  UnresolvedPackage out_;
  std::optional<std::pair<PackageName, Span>> package_name_;
  std::vector<std::vector<ast::Decl>> decl_lists_;
  std::string origin_note_;
  std::string origin_path_;
  bool no_files_ = false;

  // Per decl list: every path (`use`, `include`, import/export) in
  // for_each_path's order, listed by populate_foreign_deps.
  std::vector<std::vector<PathVisit>> paths_;
  // Per decl list: the names its top-level `use`s bring in scope (its other
  // names are the package's).
  std::vector<IndexMap<std::string_view, ItemRef>> ast_items_;
  size_t cur_ast_ = 0;
  // Per decl list, for each unqualified path of an interface's `use` or a
  // world's `include` (in visiting order): the position of the package item
  // it names, or none where a top-level `use` stands in between.
  std::vector<std::vector<uint32_t>> local_targets_;
  // While a top-level interface is resolved: the targets of its unqualified
  // `use` paths, in order (each `use` takes the next), as found when
  // ordering the items; null otherwise.
  const uint32_t* use_targets_ = nullptr;
  // All interfaces and worlds of the package by name.
  IndexMap<std::string_view, ItemRef> package_items_;
  std::unordered_set<uint32_t> foreign_interfaces_;
  std::vector<bool> failed_interfaces_;  // by interface index
  std::unordered_set<uint32_t> foreign_worlds_;
  // The scope being resolved (an interface or a world).
  TypeLookup type_lookup_;

  // Scratch space reused from one interface to the next (a package can have
  // tens of thousands): the type nodes being sorted and their dependencies.
  struct TypeNode {
    std::string_view name;
    const ast::TypeDef* def;  // null for a `use`d name
    uint32_t deps_begin, deps_end;
    Span span;    // of the name
    bool cyclic;  // on a dependency cycle (reported): defined as a failed type
  };
  std::vector<TypeNode> nodes_;
  std::vector<ast::Id> node_deps_;
  IndexMap<std::string_view, uint32_t> node_index_;
  std::vector<uint32_t> scratch_order_;  // the order type nodes are defined in
  // The nodes' names by length, for suggestions (built on first use).
  mutable std::vector<std::vector<std::string_view>> names_by_length_;
  std::vector<const ast::Use*> scratch_uses_;
  std::vector<const ast::TypeDef*> scratch_defs_;

  // Anonymous types interned by structure.
  AnonTypes anon_types_;
};

}  // namespace plumb
