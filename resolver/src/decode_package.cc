#include "decode_package.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "binary_reader.h"
#include "component_names.h"
#include "component_types.h"
#include "linker.h"
#include "package_docs.h"

namespace plumb {
namespace {

using wasm::AnyId;
using wasm::AnyKind;
using wasm::CDefined;
using wasm::CValType;
using wasm::ComponentName;
using wasm::DefinedKind;
using wasm::Item;
using wasm::ItemMap;
using wasm::NameKind;
using wasm::Sort;

constexpr std::string_view kPackageDocs = "package-docs";

[[noreturn]] void fail(std::string message) { throw DecodeError{std::move(message), std::nullopt}; }

// Runs `f`, prefixing any DecodeError it throws with `context` (the
// reference's anyhow contexts, flattened into one line).
template <class F>
auto with_context(const std::string& context, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (DecodeError& e) {
    e.message = context + ": " + e.message;
    throw;
  }
}

Type primitive(wasm::PrimValType p) {
  switch (p) {
    case wasm::PrimValType::Bool: return Type::primitive(Type::Bool);
    case wasm::PrimValType::S8: return Type::primitive(Type::S8);
    case wasm::PrimValType::U8: return Type::primitive(Type::U8);
    case wasm::PrimValType::S16: return Type::primitive(Type::S16);
    case wasm::PrimValType::U16: return Type::primitive(Type::U16);
    case wasm::PrimValType::S32: return Type::primitive(Type::S32);
    case wasm::PrimValType::U32: return Type::primitive(Type::U32);
    case wasm::PrimValType::S64: return Type::primitive(Type::S64);
    case wasm::PrimValType::U64: return Type::primitive(Type::U64);
    case wasm::PrimValType::F32: return Type::primitive(Type::F32);
    case wasm::PrimValType::F64: return Type::primitive(Type::F64);
    case wasm::PrimValType::Char: return Type::primitive(Type::Char);
    case wasm::PrimValType::String: return Type::primitive(Type::String);
    case wasm::PrimValType::ErrorContext: return Type::primitive(Type::ErrorContext);
  }
  return Type::primitive(Type::Bool);
}

const char* kind_name(const TypeDef& t) {
  switch (t.kind) {
    case TypeDefKind::Record: return "record";
    case TypeDefKind::Resource: return "resource";
    case TypeDefKind::Handle: return t.handle == HandleKind::Own ? "own" : "borrow";
    case TypeDefKind::Flags: return "flags";
    case TypeDefKind::Tuple: return "tuple";
    case TypeDefKind::Variant: return "variant";
    case TypeDefKind::Enum: return "enum";
    case TypeDefKind::Option: return "option";
    case TypeDefKind::Result: return "result";
    case TypeDefKind::List: return "list";
    case TypeDefKind::Map: return "map";
    case TypeDefKind::FixedList: return "fixed-length list";
    case TypeDefKind::Future: return "future";
    case TypeDefKind::Stream: return "stream";
    case TypeDefKind::Alias: return "type";
    case TypeDefKind::Unknown: return "unknown";
  }
  return "unknown";
}

ComponentName parse_name(std::string_view name) {
  std::string error;
  auto parsed = wasm::parse_component_name(name, &error);
  if (!parsed) fail("cannot extract item name from: " + std::string(name) + ": " + error);
  return *parsed;
}

// A package's items while it is being decoded, before it gets an id.
struct PendingPackage {
  PackageName name;
  IndexMap<std::string_view, InterfaceId> interfaces;
  IndexMap<std::string_view, WorldId> worlds;
};

struct OwnerKey {
  TypeOwnerKind kind;
  uint32_t index;
  friend auto operator<=>(const OwnerKey&, const OwnerKey&) = default;
};

class Decoder {
 public:
  Decoder(const wasm::TypeStore& types, Resolve& r, Strings& strings) : t_(types), r_(r), s_(strings) {}

  // An exported component type of the package: an interface or a world.
  PackageName decode_item(const wasm::CComponent& component, PendingPackage& main) {
    if (component.exports.size() != 1) {
      fail("Expected a single export, but found " + std::to_string(component.exports.size()) + " instead");
    }
    const auto& [name, item] = component.exports.at_index(0);
    if (item.entity.kind == Sort::Component) return decode_world(name, item, main);
    if (item.entity.kind == Sort::Instance) return decode_interface(name, component.imports, item, main);
    fail("the export `" + name + "` of a WIT package item must be an instance or a component");
  }

  // Adds the foreign packages (dependencies first) and then `main` to the
  // Resolve; returns main's id.
  PackageId finish(PendingPackage main) {
    std::vector<size_t> order;
    std::vector<int> state(foreign_.size(), 0);  // 0 new, 1 visiting, 2 done
    for (size_t i = 0; i < foreign_.size(); ++i) visit_package(i, order, state);
    for (size_t i : order) insert_package(std::move(foreign_.at_index(i).second));
    return insert_package(std::move(main));
  }

 private:
  std::string_view keep(std::string_view s) { return s_.add(s); }

  PackageName package_name(const ComponentName& name, const Item& item) {
    PackageName out;
    out.ns = keep(name.ns());
    out.name = keep(name.package());
    std::string error;
    out.version = name.version(item.version_suffix, &error);
    if (!error.empty()) fail(error);
    return out;
  }

  PackageName decode_interface(const std::string& name, const ItemMap& imports, const Item& item,
                               PendingPackage& main) {
    ComponentName parsed =
        with_context("expected world name to have an ID form", [&] { return parse_name(name); });
    if (parsed.kind != NameKind::Interface) fail("expected world name to be fully qualified");
    PackageName pkg = package_name(parsed, item);
    for (const auto& [import_name, import] : imports) {
      with_context("failed to process import `" + import_name + "`", [&] { register_import(import_name, import); });
    }
    register_interface(name, item, main);
    return pkg;
  }

  PackageName decode_world(const std::string& name, const Item& item, PendingPackage& main) {
    ComponentName parsed =
        with_context("expected world name to have an ID form", [&] { return parse_name(name); });
    if (parsed.kind != NameKind::Interface) fail("expected world name to be fully qualified");
    PackageName pkg = package_name(parsed, item);
    register_world(name, t_.components[item.entity.id], main);
    return pkg;
  }

  // An interface known by its full name: one of this package's (already
  // decoded: its types must all be there) or a foreign one (created on
  // first use and filled in with what each use shows of it).
  InterfaceId register_import(const std::string& name, const Item& item) {
    if (item.entity.kind != Sort::Instance) fail("import `" + name + "` is not an instance");
    const wasm::CInstance& ty = t_.instances[item.entity.id];
    auto local = named_interfaces_.find(name);
    bool is_local = local != named_interfaces_.end();
    InterfaceId iface = is_local ? local->second : extract_dep_interface(name, item);
    TypeOwner owner = TypeOwner::interface(iface);
    for (const auto& [export_name, export_item] : ty.exports) {
      const wasm::Entity& e = export_item.entity;
      if (e.kind == Sort::Type) {
        const TypeId* existing = r_.interface(iface).types.find(export_name);
        if (existing) {
          TypeId id = *existing;
          if (e.referenced.kind == AnyKind::Defined) register_defined(id, t_.def(e.referenced));
          map_created(e.created, id, export_name);
        } else {
          if (is_local) fail("instance type export `" + export_name + "` not defined in interface");
          TypeId id = register_type_export(export_name, export_item, owner);
          r_.interface(iface).types.try_insert(keep(export_name), id);
        }
      } else if (e.kind == Sort::Func) {
        if (r_.interface(iface).functions.contains(export_name)) continue;
        if (is_local) fail("instance function export `" + export_name + "` not defined in interface");
        Function f = convert_function(export_name, export_item, owner);
        r_.interface(iface).functions.try_insert(f.name, std::move(f));
      } else {
        fail("instance type export `" + export_name + "` is not a type");
      }
    }
    return iface;
  }

  InterfaceId extract_dep_interface(const std::string& name, const Item& item) {
    ComponentName parsed = parse_name(name);
    if (parsed.kind != NameKind::Interface) fail("package name is not a valid id: " + name);
    PackageName pkg_name = package_name(parsed, item);
    std::string key = pkg_name.to_string();
    size_t pkg_index = static_cast<size_t>(foreign_.index_of(key) < 0 ? foreign_.size() : foreign_.index_of(key));
    PendingPackage& pkg = foreign_.get_or_insert_with(key, [&] { return PendingPackage{pkg_name, {}, {}}; });
    std::string_view iface_name = keep(parsed.interface());
    InterfaceId id = pkg.interfaces.get_or_insert_with(iface_name, [&] {
      Interface iface;
      iface.name = iface_name;
      r_.interfaces.push_back(std::move(iface));
      return InterfaceId(r_.interfaces.size() - 1);
    });
    iface_to_package_[id.index] = pkg_index;
    return id;
  }

  // A whole interface of this package, or an inline interface of a world
  // (a plain name: no interface name, keyed by the name in the world).
  std::pair<WorldKey, InterfaceId> register_interface(const std::string& name, const Item& item,
                                                      PendingPackage& pkg) {
    const wasm::CInstance& ty = t_.instances[item.entity.id];
    if (named_interfaces_.count(name)) {
      InterfaceId id = register_import(name, item);
      return {WorldKey::of_interface(id), id};
    }
    ComponentName parsed = parse_name(name);
    std::string_view iface_name;
    if (parsed.kind == NameKind::Interface) iface_name = keep(parsed.interface());
    else if (parsed.kind != NameKind::Label) fail("cannot extract item name from: " + name);

    Interface iface;
    iface.name = iface_name;
    InterfaceId next(r_.interfaces.size());
    TypeOwner owner = TypeOwner::interface(next);
    for (const auto& [export_name, export_item] : ty.exports) {
      if (export_item.entity.kind == Sort::Type) {
        TypeId id = with_context("failed to register type export '" + export_name + "'",
                                 [&] { return register_type_export(export_name, export_item, owner); });
        iface.types.try_insert(keep(export_name), id);
      } else if (export_item.entity.kind == Sort::Func) {
        Function f = with_context("failed to convert function '" + export_name + "'",
                                  [&] { return convert_function(export_name, export_item, owner); });
        iface.functions.try_insert(f.name, std::move(f));
      } else {
        fail("instance type export `" + export_name + "` is not a type or function");
      }
    }
    r_.interfaces.push_back(std::move(iface));
    InterfaceId id(r_.interfaces.size() - 1);
    if (iface_name.empty()) return {WorldKey::of_name(keep(name)), id};
    if (!pkg.interfaces.try_insert(iface_name, id).second) fail("duplicate interface `" + name + "`");
    named_interfaces_.emplace(name, id);
    return {WorldKey::of_interface(id), id};
  }

  TypeId register_type_export(const std::string& name, const Item& item, TypeOwner owner) {
    const wasm::Entity& e = item.entity;
    TypeDef def;
    if (std::optional<TypeId> prev = find_alias(e.referenced)) {
      def.kind = TypeDefKind::Alias;
      def.a = Type::ref(*prev);
      def.has_a = true;
    } else if (e.referenced.kind == AnyKind::Defined) {
      def = with_context("failed to convert unaliased type", [&] { return convert_defined(t_.def(e.referenced)); });
    } else if (e.referenced.kind == AnyKind::Resource) {
      def.kind = TypeDefKind::Resource;
    } else {
      fail("type export `" + name + "` is not a value type or a resource");
    }
    def.name = keep(name);
    def.owner = owner;
    if (item.external_id) def.external_id = OptText{keep(*item.external_id), true};
    bool is_resource = def.kind == TypeDefKind::Resource;
    r_.types.push_back(std::move(def));
    TypeId id(r_.types.size() - 1);
    if (is_resource) resources_[OwnerKey{owner.kind, owner.index}].emplace(name, id);
    map_created(e.created, id, name);
    return id;
  }

  void map_created(AnyId created, TypeId id, const std::string& name) {
    if (!type_map_.emplace(created, id).second) {
      fail("cannot represent this component in WIT: the type `" + name +
           "` appears more than once (for example, when an imported instance is re-exported under a new name)");
    }
  }

  std::optional<TypeId> find_alias(AnyId id) const {
    std::optional<AnyId> cur = id;
    while (cur) {
      auto it = type_map_.find(*cur);
      if (it != type_map_.end()) return it->second;
      cur = t_.peel(*cur);
    }
    return std::nullopt;
  }

  void register_world(const std::string& name, const wasm::CComponent& ty, PendingPackage& pkg) {
    ComponentName parsed =
        with_context("expected world name to have an ID form", [&] { return parse_name(name); });
    if (parsed.kind != NameKind::Interface) fail("expected world name to have an ID form");
    World world;
    world.name = keep(parsed.interface());
    TypeOwner owner = TypeOwner::world(WorldId(r_.worlds.size()));
    for (const auto& [item_name, item] : ty.imports) {
      std::pair<WorldKey, WorldItem> entry;
      switch (item.entity.kind) {
        case Sort::Instance: entry = decode_world_instance(item_name, item, pkg); break;
        case Sort::Type: {
          entry.first = WorldKey::of_name(keep(item_name));
          entry.second.kind = WorldItemKind::Type;
          entry.second.type = register_type_export(item_name, item, owner);
          break;
        }
        case Sort::Func:
          entry.first = WorldKey::of_name(keep(item_name));
          entry.second.kind = WorldItemKind::Function;
          entry.second.function = convert_function(item_name, item, owner);
          break;
        default: fail("component import `" + item_name + "` is not an instance, func, or type");
      }
      world.imports.insert_or_assign(entry.first, std::move(entry.second));
    }
    for (const auto& [item_name, item] : ty.exports) {
      std::pair<WorldKey, WorldItem> entry;
      switch (item.entity.kind) {
        case Sort::Instance: entry = decode_world_instance(item_name, item, pkg); break;
        case Sort::Func:
          entry.first = WorldKey::of_name(keep(item_name));
          entry.second.kind = WorldItemKind::Function;
          entry.second.function = convert_function(item_name, item, owner);
          break;
        default: fail("component export `" + item_name + "` is not an instance or function");
      }
      world.exports.insert_or_assign(entry.first, std::move(entry.second));
    }
    std::string_view world_name = world.name;
    r_.worlds.push_back(std::move(world));
    if (!pkg.worlds.try_insert(world_name, WorldId(r_.worlds.size() - 1)).second) {
      fail("duplicate world `" + name + "`");
    }
  }

  // An interface imported or exported by a world: `ns:pkg/iface` (keyed by
  // the interface), `label (implements "ns:pkg/iface")` (keyed by the label)
  // or an inline interface (keyed by the label).
  std::pair<WorldKey, WorldItem> decode_world_instance(const std::string& name, const Item& item,
                                                       PendingPackage& pkg) {
    std::pair<WorldKey, InterfaceId> key_id;
    if (item.implements) {
      key_id = {WorldKey::of_name(keep(name)), register_import(*item.implements, item)};
    } else if (parse_name(name).kind == NameKind::Interface) {
      InterfaceId id = register_import(name, item);
      key_id = {WorldKey::of_interface(id), id};
    } else {
      key_id = register_interface(name, item, pkg);
    }
    WorldItem w;
    w.kind = WorldItemKind::Interface;
    w.interface = key_id.second;
    if (item.external_id) w.external_id = OptText{keep(*item.external_id), true};
    return {key_id.first, std::move(w)};
  }

  TypeId resource_of(TypeOwner owner, std::string_view resource, const std::string& func) {
    auto by_owner = resources_.find(OwnerKey{owner.kind, owner.index});
    if (by_owner != resources_.end()) {
      auto it = by_owner->second.find(std::string(resource));
      if (it != by_owner->second.end()) return it->second;
    }
    fail("function `" + func + "` refers to resource `" + std::string(resource) + "`, which is not defined here");
  }

  Function convert_function(const std::string& name, const Item& item, TypeOwner owner) {
    if (item.entity.kind != Sort::Func) fail("`" + name + "` is not a function");
    const wasm::CFunc& ty = t_.funcs[item.entity.id];
    ComponentName parsed = parse_name(name);
    Function f;
    f.name = keep(name);
    with_context("failed to convert params", [&] {
      for (const auto& [param_name, param_ty] : ty.params) {
        f.params.push_back(Param{keep(param_name), convert_valtype(param_ty), Span()});
      }
    });
    if (ty.result) {
      f.result = with_context("failed to convert anonymous result type", [&] { return convert_valtype(*ty.result); });
    }
    if (item.external_id) f.external_id = OptText{keep(*item.external_id), true};
    switch (parsed.kind) {
      case NameKind::Label:
        f.kind = ty.async ? FunctionKind::AsyncFreestanding : FunctionKind::Freestanding;
        break;
      case NameKind::Constructor:
        f.kind = FunctionKind::Constructor;
        f.resource = resource_of(owner, parsed.resource(), name);
        break;
      case NameKind::Method:
        f.kind = ty.async ? FunctionKind::AsyncMethod : FunctionKind::Method;
        f.resource = resource_of(owner, parsed.resource(), name);
        break;
      case NameKind::Static:
        f.kind = ty.async ? FunctionKind::AsyncStatic : FunctionKind::Static;
        f.resource = resource_of(owner, parsed.resource(), name);
        break;
      default: fail("`" + name + "` is not a valid function name");
    }
    return f;
  }

  Type convert_valtype(const CValType& v) {
    if (v.is_prim) return primitive(v.prim);
    if (auto it = type_map_.find(v.defined); it != type_map_.end()) return Type::ref(it->second);
    TypeDef def = convert_defined(t_.def(v.defined));
    switch (def.kind) {
      case TypeDefKind::Resource: case TypeDefKind::Record: case TypeDefKind::Enum: case TypeDefKind::Variant:
      case TypeDefKind::Flags:
        fail(std::string("unexpected unnamed type of kind '") + kind_name(def) + "'");
      default: break;
    }
    r_.types.push_back(std::move(def));
    TypeId id(r_.types.size() - 1);
    type_map_.emplace(v.defined, id);
    return Type::ref(id);
  }

  TypeId handle_target(AnyId resource) {
    auto it = type_map_.find(resource);
    if (it == type_map_.end()) fail("a handle refers to a resource that has no name in this package");
    return it->second;
  }

  TypeDef convert_defined(const CDefined& d) {
    TypeDef out;
    auto set_a = [&](const CValType& v) {
      out.a = convert_valtype(v);
      out.has_a = true;
    };
    auto set_b = [&](const CValType& v) {
      out.b = convert_valtype(v);
      out.has_b = true;
    };
    switch (d.kind) {
      case DefinedKind::Primitive:
        out.kind = TypeDefKind::Alias;
        out.a = primitive(d.prim);
        out.has_a = true;
        break;
      case DefinedKind::List: out.kind = TypeDefKind::List; set_a(d.a); break;
      case DefinedKind::Map:
        out.kind = TypeDefKind::Map;
        set_a(d.a);
        set_b(d.b);
        break;
      case DefinedKind::FixedList:
        out.kind = TypeDefKind::FixedList;
        set_a(d.a);
        out.size = d.length;
        break;
      case DefinedKind::Tuple:
        out.kind = TypeDefKind::Tuple;
        for (const CValType& t : d.types) {
          Member m;
          m.type = convert_valtype(t);
          m.has_type = true;
          out.members.push_back(m);
        }
        break;
      case DefinedKind::Option: out.kind = TypeDefKind::Option; set_a(d.a); break;
      case DefinedKind::Result:
        out.kind = TypeDefKind::Result;
        if (d.has_a) set_a(d.a);
        if (d.has_b) set_b(d.b);
        break;
      case DefinedKind::Record:
        out.kind = TypeDefKind::Record;
        for (const auto& [name, ty] : d.fields) {
          Member m;
          m.name = keep(name);
          m.type = with_context("failed to convert record field '" + name + "'", [&] { return convert_valtype(ty); });
          m.has_type = true;
          out.members.push_back(m);
        }
        break;
      case DefinedKind::Variant:
        out.kind = TypeDefKind::Variant;
        for (const auto& [name, ty] : d.cases) {
          Member m;
          m.name = keep(name);
          if (ty) {
            m.type = convert_valtype(*ty);
            m.has_type = true;
          }
          out.members.push_back(m);
        }
        break;
      case DefinedKind::Flags:
      case DefinedKind::Enum:
        out.kind = d.kind == DefinedKind::Flags ? TypeDefKind::Flags : TypeDefKind::Enum;
        for (const std::string& name : d.names) {
          Member m;
          m.name = keep(name);
          out.members.push_back(m);
        }
        break;
      case DefinedKind::Own:
      case DefinedKind::Borrow:
        out.kind = TypeDefKind::Handle;
        out.handle = d.kind == DefinedKind::Own ? HandleKind::Own : HandleKind::Borrow;
        out.a = Type::ref(handle_target(d.resource));
        out.has_a = true;
        break;
      case DefinedKind::Future:
      case DefinedKind::Stream:
        out.kind = d.kind == DefinedKind::Future ? TypeDefKind::Future : TypeDefKind::Stream;
        if (d.has_a) set_a(d.a);
        break;
    }
    return out;
  }

  // A type seen again (a second use of a foreign interface, or a world's
  // view of one): ties the anonymous types inside its wasm definition to
  // the ones already made for it, so they are not made twice.
  void register_defined(TypeId id, const CDefined& d) {
    const TypeDef& wit = r_.type(id);
    bool named_alias = wit.kind == TypeDefKind::Alias && wit.a.is_ref();
    auto expect = [&](TypeDefKind kind, const char* what) {
      if (named_alias) return false;
      if (wit.kind != kind) fail(std::string("expected ") + what);
      return true;
    };
    switch (d.kind) {
      case DefinedKind::Primitive:
      case DefinedKind::Flags:
      case DefinedKind::Enum:
      case DefinedKind::Own:
      case DefinedKind::Borrow:
        return;
      case DefinedKind::List:
        if (expect(TypeDefKind::List, "a list")) register_valtype(d.a, r_.type(id).a);
        return;
      case DefinedKind::Map:
        if (expect(TypeDefKind::Map, "a map")) {
          Type k = r_.type(id).a, v = r_.type(id).b;
          register_valtype(d.a, k);
          register_valtype(d.b, v);
        }
        return;
      case DefinedKind::FixedList:
        if (named_alias) return;
        if (wit.kind != TypeDefKind::FixedList || wit.size != d.length) {
          fail("expected a fixed-length " + std::to_string(d.length) + " list");
        }
        register_valtype(d.a, wit.a);
        return;
      case DefinedKind::Tuple: {
        if (!expect(TypeDefKind::Tuple, "a tuple")) return;
        if (wit.members.size() != d.types.size()) fail("mismatched number of tuple fields");
        std::vector<Type> types;
        for (const Member& m : wit.members) types.push_back(m.type);
        for (size_t i = 0; i < types.size(); ++i) register_valtype(d.types[i], types[i]);
        return;
      }
      case DefinedKind::Option:
        if (expect(TypeDefKind::Option, "an option")) register_valtype(d.a, r_.type(id).a);
        return;
      case DefinedKind::Result: {
        if (!expect(TypeDefKind::Result, "a result")) return;
        TypeDef res = r_.type(id);
        if (d.has_a != res.has_a || d.has_b != res.has_b) fail("disagreement on result structure");
        if (d.has_a) register_valtype(d.a, res.a);
        if (d.has_b) register_valtype(d.b, res.b);
        return;
      }
      case DefinedKind::Record: {
        if (!expect(TypeDefKind::Record, "a record")) return;
        std::vector<Member> fields = wit.members;
        if (fields.size() != d.fields.size()) fail("mismatched number of record fields");
        for (size_t i = 0; i < fields.size(); ++i) {
          if (d.fields[i].first != fields[i].name) fail("mismatched field order");
          register_valtype(d.fields[i].second, fields[i].type);
        }
        return;
      }
      case DefinedKind::Variant: {
        if (!expect(TypeDefKind::Variant, "a variant")) return;
        std::vector<Member> cases = wit.members;
        if (cases.size() != d.cases.size()) fail("mismatched number of variant cases");
        for (size_t i = 0; i < cases.size(); ++i) {
          if (d.cases[i].first != cases[i].name) fail("mismatched case order");
          if (d.cases[i].second.has_value() != cases[i].has_type) fail("disagreement on case type");
          if (cases[i].has_type) register_valtype(*d.cases[i].second, cases[i].type);
        }
        return;
      }
      case DefinedKind::Future:
      case DefinedKind::Stream: {
        bool future = d.kind == DefinedKind::Future;
        if (!expect(future ? TypeDefKind::Future : TypeDefKind::Stream, future ? "a future" : "a stream")) return;
        TypeDef fs = r_.type(id);
        if (d.has_a != fs.has_a) fail(future ? "disagreement on future payload" : "disagreement on stream payload");
        if (d.has_a) register_valtype(d.a, fs.a);
        return;
      }
    }
  }

  void register_valtype(const CValType& wasm, const Type& wit) {
    if (wasm.is_prim) return;
    if (!wit.is_ref()) fail("expected id-based type");
    // As the reference does, the new mapping replaces an existing one
    // without walking further (the two then name equal structures).
    auto [it, inserted] = type_map_.emplace(wasm.defined, wit.id());
    if (!inserted) {
      it->second = wit.id();
      return;
    }
    register_defined(wit.id(), t_.def(wasm.defined));
  }

  // Visits the foreign packages in dependency order (a package after those
  // its interfaces use types from).
  void visit_package(size_t idx, std::vector<size_t>& order, std::vector<int>& state) {
    if (state[idx] == 2) return;
    if (state[idx] == 1) fail("foreign packages depend on each other in a cycle");
    state[idx] = 1;
    const PendingPackage& pkg = foreign_.at_index(idx).second;
    for (const auto& [name, iface] : pkg.interfaces) {
      for (const auto& [type_name, ty] : r_.interface(iface).types) {
        std::optional<InterfaceId> dep = type_interface_dep(r_, ty);
        if (!dep) continue;
        auto it = iface_to_package_.find(dep->index);
        if (it != iface_to_package_.end() && it->second != idx) visit_package(it->second, order, state);
      }
    }
    state[idx] = 2;
    order.push_back(idx);
  }

  PackageId insert_package(PendingPackage pkg) {
    PackageId id;
    if (const PackageId* found = r_.package_names.find(pkg.name)) {
      id = *found;
    } else {
      id = PackageId(r_.packages.size());
      r_.packages.push_back(Package{pkg.name, Docs{}, {}, {}});
      r_.package_names.try_insert(pkg.name, id);
    }
    for (const auto& [name, iface] : pkg.interfaces) {
      if (!r_.package(id).interfaces.try_insert(name, iface).second) fail("duplicate interface `" + std::string(name) + "`");
      r_.interface(iface).package = id;
    }
    for (const auto& [name, world_id] : pkg.worlds) {
      if (!r_.package(id).worlds.try_insert(name, world_id).second) fail("duplicate world `" + std::string(name) + "`");
      World& world = r_.world(world_id);
      world.package = id;
      for (auto* items : {&world.imports, &world.exports}) {
        for (const auto& [key, item] : *items) {
          if (key.is_interface || item.kind != WorldItemKind::Interface) continue;
          Interface& iface = r_.interface(item.interface);
          if (iface.name.empty()) iface.package = id;
        }
      }
    }
    return id;
  }

  const wasm::TypeStore& t_;
  Resolve& r_;
  Strings& s_;
  IndexMap<std::string, PendingPackage> foreign_;
  std::unordered_map<uint32_t, size_t> iface_to_package_;
  std::unordered_map<std::string, InterfaceId> named_interfaces_;
  std::map<OwnerKey, std::unordered_map<std::string, TypeId>> resources_;
  std::unordered_map<AnyId, TypeId, wasm::AnyIdHash> type_map_;
};

enum class Encoding { NotAPackage, V1, V2 };

Encoding package_encoding(const wasm::CheckedComponent& c) {
  if (c.concrete || c.externs.empty()) return Encoding::NotAPackage;
  for (const auto& e : c.externs) {
    if (!e.is_export || e.item.entity.kind != Sort::Type || e.item.entity.created.kind != AnyKind::Component) {
      return Encoding::NotAPackage;
    }
  }
  auto name = wasm::parse_component_name(c.externs[0].name, nullptr);
  if (!name) return Encoding::NotAPackage;
  if (name->kind == NameKind::Interface && name->interface() == "wit") return Encoding::V1;
  if (name->kind == NameKind::Label) return Encoding::V2;
  return Encoding::NotAPackage;
}

}  // namespace

PackageId decode_wit_package(std::string_view bytes, Resolve& out, Strings& strings) {
  wasm::CheckedComponent checked;
  std::optional<std::string> docs;
  wasm::Component component;
  try {
    component = wasm::read_component(bytes);
    for (const wasm::Section& s : component.sections) {
      if (s.id != wasm::Section::Id::Custom || s.custom_name != kPackageDocs) continue;
      if (docs) throw DecodeError{"multiple \"package-docs\" sections", s.offset, DiagCode::InvalidPackageDocs};
      docs = s.custom_data;
    }
    checked = wasm::check_component(component);
  } catch (wasm::BinaryError& e) {
    DecodeError out{std::move(e.message), e.offset, e.code};
    if (!e.section) {
      // A check of a section read whole: the last one starting before
      // the error's offset holds it.
      for (const wasm::Section& s : component.sections) {
        if (s.offset > e.offset) break;
        e.section = s.id;
        e.section_offset = s.offset;
      }
    }
    if (e.section) out.section = static_cast<unsigned>(*e.section);
    out.section_offset = e.section_offset;
    throw out;
  }

  switch (package_encoding(checked)) {
    case Encoding::NotAPackage:
      throw DecodeError{"found an actual component instead of an encoded WIT package in wasm", std::nullopt,
                        DiagCode::NotWitPackage};
    case Encoding::V1:
      throw DecodeError{"this binary uses the legacy (v1) encoding of WIT packages, which is not supported; "
                        "re-encode it with a current `wasm-tools component wit --wasm`",
                        std::nullopt, DiagCode::NotWitPackage};
    case Encoding::V2:
      break;
  }

  Decoder decoder(checked.types, out, strings);
  PendingPackage main;
  std::optional<PackageName> name;
  for (const auto& e : checked.externs) {
    PackageName item_pkg = decoder.decode_item(checked.types.components[e.item.entity.created.index], main);
    if (name && !(*name == item_pkg)) fail("item defined with mismatched package name");
    if (!name) name = item_pkg;
  }
  main.name = *name;
  PackageId id = decoder.finish(std::move(main));
  if (docs) {
    try {
      inject_package_docs(*docs, out, id, strings);
    } catch (PackageDocsError& e) {
      throw DecodeError{"invalid \"package-docs\" section: " + e.message, std::nullopt, DiagCode::InvalidPackageDocs};
    }
  }
  return id;
}

}  // namespace plumb
