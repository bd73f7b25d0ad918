// Links an UnresolvedPackage into a Resolve (the reference's Remap::append):
// foreign placeholders become the dependencies' real interfaces, worlds and
// types; feature gates drop what is not enabled; references to resources
// become `own` handles; worlds get their includes and are elaborated.
#pragma once

#include <optional>
#include <unordered_map>
#include <vector>

#include "plumb/model/own_handles.h"
#include "plumb/model/elaborate.h"
#include "unresolved.h"

namespace plumb {

class Linker {
 public:
  // `available` names every package of this run (linked or not), for hints.
  Linker(Resolve& resolve, const std::vector<PackageName>& available) : r_(resolve), available_(available) {}
  // Throws DiagnosticError on the first error.
  PackageId append(UnresolvedPackage pkg);

  // An item left out by a feature gate: its name and the feature.
  struct Excluded {
    std::string_view name;
    std::string_view feature;
  };

 private:
  // Foreign references.
  void process_foreign_deps(const UnresolvedPackage& pkg, PackageId id);
  void process_foreign_items(const UnresolvedPackage& pkg, PackageId id, bool worlds);
  void process_foreign_types(const UnresolvedPackage& pkg, PackageId id);

  // Local items.
  void link_types_in_place(std::vector<TypeDef>& types, PackageId pkgid, std::vector<TypeDef>& rest);
  void link_types_copying(std::vector<TypeDef>& types, size_t from, PackageId pkgid);
  void link_interfaces(UnresolvedPackage& pkg, size_t foreign, PackageId pkgid);
  void link_worlds(UnresolvedPackage& pkg, size_t foreign, PackageId pkgid);
  void name_package_items(PackageId pkgid, size_t foreign_interfaces, size_t foreign_worlds);
  TypeId linked(TypeId id);
  bool makes_own_handle(const TypeDef& ty, Span span);
  void remap_owners(size_t first_local_type, TypeOwnerKind kind);
  void update_typedef(TypeDef& ty, Span span);
  void update_type(Type& ty, Span span);
  TypeId map_type(TypeId id, Span span) const;
  InterfaceId map_interface(InterfaceId id, Span span) const;
  WorldId map_world(WorldId id, Span span) const;
  void update_interface(Interface& iface);
  void update_function(Function& f, Span span);
  void update_world(World& world, PackageId pkg);
  bool type_has_borrow(Type ty);

  // Includes (include.cc).
  void process_world_includes(WorldId id, PackageId pkg);
  void resolve_include(WorldId id, const WorldInclude& include, PackageId pkg);

  Resolve& r_;
  const std::vector<PackageName>& available_;
  std::vector<std::optional<TypeId>> types_;
  std::vector<std::optional<InterfaceId>> interfaces_;
  std::vector<std::optional<WorldId>> worlds_;
  // Per package-local index: the items left out by their feature.
  std::unordered_map<uint32_t, Excluded> excluded_types_, excluded_interfaces_, excluded_worlds_;
  OwnHandles own_handles_;
  std::vector<int8_t> has_borrow_;  // per Resolve type: -1 unknown, 0, 1
  // Whether the types linked so far all kept their ids (the package went in
  // place into an empty Resolve) and none is a resource: then a reference
  // maps to itself, and never to an `own` handle.
  bool ids_unchanged() const { return !types_moved_ && !resources_; }
  bool types_moved_ = true;
  bool gates_ = true;  // whether the package has feature gates (see UnresolvedPackage::has_gates)
  bool resources_ = false;
  // Whether any type this package can reach holds a `borrow` (one of its
  // own, or one a foreign type it uses holds): if none does, no result
  // needs looking into.
  bool may_borrow_ = false;
};

}  // namespace plumb
