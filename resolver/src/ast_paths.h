// Visits every path (`use`, `include`, import/export of an interface) in a
// declaration list, in the reference's order: for a world, its `use`s and
// `include`s in item order, then its imports, then its exports.
#pragma once

#include <vector>

#include "plumb/parser/ast.h"

namespace plumb {

enum class PathUse : uint8_t { Interface, World, Unknown };

struct PathVisit {
  const ast::Id* container;  // the interface (for its `use`s) or world (for its `include`s), else null
  List<ast::Attribute> attrs;
  const ast::UsePath* path;
  const List<ast::UseName>* names;  // the names of a `use` statement, else null
  PathUse kind;
  size_t decl;  // the position of the declaration in its list
};

template <class Decls, class Visit>
void for_each_path(const Decls& decls, Visit&& visit) {
  size_t at = 0;
  for (auto it = decls.begin(); it != decls.end(); ++it, ++at) {
    const ast::Decl& decl = *it;
    if (auto w = std::get_if<const ast::World*>(&decl)) {
      const ast::World& world = **w;
      std::vector<const ast::ImportExport*> imports, exports;
      for (const ast::WorldItem& item : world.items) {
        if (auto u = std::get_if<const ast::Use*>(&item)) {
          visit(PathVisit{nullptr, (*u)->attrs, &(*u)->from, &(*u)->names, PathUse::Interface, at});
        } else if (auto inc = std::get_if<const ast::Include*>(&item)) {
          visit(PathVisit{&world.name, (*inc)->attrs, &(*inc)->from, nullptr, PathUse::World, at});
        } else if (auto ie = std::get_if<const ast::ImportExport*>(&item)) {
          ((*ie)->is_export ? exports : imports).push_back(*ie);
        }
      }
      auto visit_extern = [&](const ast::ImportExport* ie) {
        const ast::Extern& ext = ie->ext;
        switch (ext.kind) {
          case ast::ExternKind::Interface:
            for (const ast::InterfaceItem& item : ext.items) {
              if (auto u = std::get_if<const ast::Use*>(&item)) {
                visit(PathVisit{nullptr, (*u)->attrs, &(*u)->from, &(*u)->names, PathUse::Interface, at});
              }
            }
            break;
          case ast::ExternKind::Path:
          case ast::ExternKind::NamedPath:
            visit(PathVisit{nullptr, ie->attrs, &ext.path, nullptr, PathUse::Interface, at});
            break;
          case ast::ExternKind::Func:
            break;
        }
      };
      for (auto* ie : imports) visit_extern(ie);
      for (auto* ie : exports) visit_extern(ie);
    } else if (auto i = std::get_if<const ast::Interface*>(&decl)) {
      for (const ast::InterfaceItem& item : (*i)->items) {
        if (auto u = std::get_if<const ast::Use*>(&item)) {
          visit(PathVisit{&(*i)->name, (*u)->attrs, &(*u)->from, &(*u)->names, PathUse::Interface, at});
        }
      }
    } else if (auto u = std::get_if<const ast::ToplevelUse*>(&decl)) {
      visit(PathVisit{nullptr, (*u)->attrs, &(*u)->item, nullptr, PathUse::Unknown, at});
    } else if (auto p = std::get_if<const ast::NestedPackage*>(&decl)) {
      for_each_path((*p)->decls, visit);
    }
  }
}

}  // namespace plumb
