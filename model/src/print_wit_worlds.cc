// The WIT printer's worlds. A world cannot be printed in the order it was
// written (a resource's functions need not follow the resource), so it is
// printed in the order the encoder writes worlds: imported interfaces, then
// types with their resources' functions, then imported functions, then
// exports; the round trip text -> binary -> text is then stable.
#include "wit_printer.h"

namespace plumb::wit_printing {

void WitPrinter::world_body(WorldId id) {
  bool outer_items = std::exchange(any_items_, false);
  const World& world = r_.world(id);
  PackageId package = *world.package;
  std::vector<std::pair<std::string_view, TypeId>> types;
  ResourceFunctions resource_functions;
  std::vector<std::pair<const WorldKey*, const WorldItem*>> function_imports;
  for (const auto& [key, item] : world.imports) {
    if (item.kind == WorldItemKind::Type) {
      types.emplace_back(key.name, item.type);
    } else if (item.kind == WorldItemKind::Function) {
      if (item.function.has_resource()) resource_functions[item.function.resource.index].push_back(&item.function);
      else function_imports.emplace_back(&key, &item);
    } else {
      world_item(key, item, package, "import");
      // No blank line between imports, but one between them and what follows.
      any_items_ = true;
    }
  }
  this->types(TypeOwner::world(id), types, resource_functions);
  for (const auto& [key, item] : function_imports) {
    world_item(*key, *item, package, "import");
    any_items_ = true;
  }
  if (!world.exports.empty()) new_item();
  for (const auto& [key, item] : world.exports) world_item(key, item, package, "export");
  any_items_ = outer_items;
}

void WitPrinter::world_item(const WorldKey& key, const WorldItem& item, PackageId package,
                            std::string_view keyword) {
  const bool is_function = item.kind == WorldItemKind::Function;
  if (is_function) {
    docs(item.function.docs);
  } else if (item.docs.present) {
    docs(item.docs);
  } else if (!key.is_interface) {
    // An inline `import x: interface { ... }` keeps its docs on the interface.
    docs(r_.interface(item.interface).docs);
  }
  stability(is_function ? item.function.stability : item.stability);
  external_id(is_function ? item.function.external_id : item.external_id);
  out_.str(keyword);
  out_.str(" ");
  if (key.is_interface) {
    path_to_interface(key.interface, package);
    out_.semicolon();
    return;
  }
  name(key.name);
  out_.str(": ");
  if (is_function) {
    function(item.function);
    out_.semicolon();
  } else if (r_.interface(item.interface).name.empty()) {
    out_.str("interface");
    out_.open_block();
    interface_body(item.interface);
    out_.close_block();
  } else {
    path_to_interface(item.interface, package);
    out_.semicolon();
  }
}

// A bare name within `current`, else `ns:pkg/name@version`.
void WitPrinter::path_to_interface(InterfaceId id, PackageId current) {
  const Interface& iface = r_.interface(id);
  if (iface.package == current) {
    name(iface.name);
    return;
  }
  const PackageName& pkg = r_.package(*iface.package).name;
  name(pkg.ns);
  out_.str(":");
  name(pkg.name);
  out_.str("/");
  name(iface.name);
  if (pkg.version) out_.str("@" + pkg.version->to_string());
}

}  // namespace plumb::wit_printing
