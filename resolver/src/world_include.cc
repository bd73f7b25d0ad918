// `include W with { a as b }`: copies W's elaborated imports and exports
// into the including world, cloning what W owns (its types and inline
// interfaces) and renaming kebab names.
#include <algorithm>
#include <string>
#include <unordered_map>

#include "linker.h"

namespace plumb {
namespace {

std::string quoted(std::string_view s) { return "`" + std::string(s) + "`"; }

// `name` renamed by one `with` entry, including the `[method]a.x`,
// `[static]a.x` and `[constructor]a` forms of resource functions.
std::optional<std::string> rename(std::string_view name, const IncludeName& with) {
  if (name == with.name) return std::string(with.as);
  size_t close = name.find(']');
  if (close == std::string_view::npos) return std::nullopt;
  std::string_view kind = name.substr(0, close);
  std::string_view rest = name.substr(close + 1);
  size_t dot = rest.find('.');
  if (dot != std::string_view::npos && rest.substr(0, dot) == with.name) {
    return std::string(kind) + "]" + std::string(with.as) + "." + std::string(rest.substr(dot + 1));
  }
  if (rest == with.name) return std::string(kind) + "]" + std::string(with.as);
  return std::nullopt;
}

// Rust's `{:?}` of a semver Version, as the reference's message shows it.
std::string version_debug(const Version& v) {
  std::string s = "Version { major: " + std::to_string(v.major) + ", minor: " + std::to_string(v.minor) +
                  ", patch: " + std::to_string(v.patch);
  if (!v.pre.empty()) s += ", pre: Prerelease(\"" + v.pre + "\")";
  if (!v.build.empty()) s += ", build: BuildMetadata(\"" + v.build + "\")";
  return s + " }";
}

// Rust's `{:?}` of a Stability.
std::string stability_debug(const Stability& s) {
  std::string deprecated = s.deprecated() ? "Some(" + version_debug(*s.deprecated()) + ")" : std::string("None");
  switch (s.kind()) {
    case Stability::Kind::Unknown: return "Unknown";
    case Stability::Kind::Stable: return "Stable { since: " + version_debug(*s.since()) + ", deprecated: " + deprecated + " }";
    case Stability::Kind::Unstable:
      return "Unstable { feature: \"" + std::string(s.feature()) + "\", deprecated: " + deprecated + " }";
  }
  return "";
}

// Deep copies of types and inline interfaces owned by the included world,
// re-owned by the including one.
class Cloner {
 public:
  Cloner(Resolve& r, std::unordered_map<uint32_t, TypeId>& types, TypeOwner prev, TypeOwner next, PackageId pkg)
      : r_(r), types_(types), prev_(prev), next_(next), pkg_(pkg) {}

  void world_item(const WorldKey& key, WorldItem& item) {
    if (key.is_interface) return;
    switch (item.kind) {
      case WorldItemKind::Type: type_id(item.type); break;
      case WorldItemKind::Function: function(item.function); break;
      case WorldItemKind::Interface:
        if (r_.interface(item.interface).name.empty()) interface(item.interface);
        break;
    }
  }

 private:
  void type_id(TypeId& id) {
    auto it = types_.find(id.index);
    if (it == types_.end()) {
      TypeDef copy = r_.type(id);
      type_def(copy);
      r_.types.push_back(std::move(copy));
      it = types_.emplace(id.index, TypeId(r_.types.size() - 1)).first;
    }
    id = it->second;
  }

  void type_def(TypeDef& def) {
    if (def.owner.kind != TypeOwnerKind::None) def.owner = next_;
    switch (def.kind) {
      case TypeDefKind::Alias:
        def.for_each_slot([&](Type& target) { alias_target(target); });
        break;
      case TypeDefKind::Handle:
        def.for_each_slot([&](Type& resource) { ref(resource); });
        break;
      default:
        def.for_each_slot([&](Type& t) { ty(t); });
        for (Member& m : def.members) {
          if (m.has_type) ty(m.type);
        }
        break;
    }
  }

  void ty(Type& t) {
    if (t.is_ref()) ref(t);
  }

  void alias_target(Type& target) {
    if (!target.is_ref()) return;
    if (r_.type(target.id()).owner == prev_) {
      ref(target);
    } else if (auto it = types_.find(target.id().index); it != types_.end()) {
      target.set_id(it->second);
    }
    // Otherwise it is a `use` of another interface's type: left as is.
  }

  // type_id on the type a reference names.
  void ref(Type& t) {
    TypeId id = t.id();
    type_id(id);
    t.set_id(id);
  }

  void function(Function& f) {
    if (f.has_resource()) type_id(f.resource);
    for (Param& p : f.params) ty(p.type);
    if (f.result) ty(*f.result);
  }

  void interface(InterfaceId& id) {
    InterfaceId old = id;
    Interface copy = r_.interface(old);
    InterfaceId next(r_.interfaces.size());
    Cloner inner(r_, types_, TypeOwner::interface(old), TypeOwner::interface(next), pkg_);
    for (auto& [name, t] : copy.types) inner.type_id(t);
    for (auto& [name, f] : copy.functions) inner.function(f);
    copy.package = pkg_;
    copy.clone_of = old;
    r_.interfaces.push_back(std::move(copy));
    id = next;
  }

  Resolve& r_;
  std::unordered_map<uint32_t, TypeId>& types_;
  TypeOwner prev_, next_;
  PackageId pkg_;
};

void update_stability(const Stability& from, Stability& into, Span span) {
  if (from == into || from.unknown()) return;
  if (into.unknown()) {
    into = from;
    return;
  }
  raise(DiagCode::StabilityMismatch, span,
        "mismatch in stability from '" + stability_debug(from) + "' to '" + stability_debug(into) + "'");
}

}  // namespace

void Linker::process_world_includes(WorldId id, PackageId pkg) {
  std::vector<WorldInclude> includes = std::move(r_.world(id).includes);
  r_.world(id).includes.clear();
  for (const WorldInclude& inc : includes) {
    if (!include_stability(r_, inc.stability, pkg, inc.span)) continue;
    resolve_include(id, inc, pkg);
  }
  // Kebab names are case-insensitive: `get-user` and `GET-USER` collide.
  const World& world = r_.world(id);
  for (int pass = 0; pass < 2; ++pass) {
    const char* what = pass == 0 ? "import" : "export";
    std::unordered_map<std::string, std::string_view> seen;
    for (const auto& [key, item] : pass == 0 ? world.imports : world.exports) {
      if (key.is_interface) continue;
      std::string lower(key.name);
      std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
      auto [it, inserted] = seen.try_emplace(lower, key.name);
      if (!inserted && it->second != key.name) {
        raise(DiagCode::WorldNameConflict, Span(),
              std::string(what) + " " + quoted(key.name) + " in world " + quoted(world.name) + " conflicts with " +
                  what + " " + quoted(it->second) + " (kebab-case identifiers are case-insensitive)");
      }
      it->second = key.name;
    }
  }
}

void Linker::resolve_include(WorldId id, const WorldInclude& inc, PackageId pkg) {
  WorldId from_id = map_world(inc.world, inc.span);
  World from = r_.world(from_id);
  bool external = r_.world(id).package != from.package;

  // Every `with` name must name one of the included world's kebab items.
  std::vector<IncludeName> unmatched = inc.names;
  for (const auto* items : {&from.imports, &from.exports}) {
    for (const auto& [key, item] : *items) {
      if (key.is_interface) continue;
      std::erase_if(unmatched, [&, &key = key](const IncludeName& n) { return rename(key.name, n).has_value(); });
    }
  }
  if (!unmatched.empty()) {
    raise(
        DiagCode::IncludeNameMissing, inc.span,
        "no import or export kebab-name " + quoted(unmatched[0].name) + ". Note that an ID does not support renaming");
  }

  std::unordered_map<uint32_t, TypeId> cloned;
  Cloner cloner(r_, cloned, TypeOwner::world(from_id), TypeOwner::world(id), pkg);
  for (int pass = 0; pass < 2; ++pass) {
    const char* what = pass == 0 ? "import" : "export";
    for (const auto& [key, item] : pass == 0 ? from.imports : from.exports) {
      auto dest = [&]() -> auto& { return pass == 0 ? r_.world(id).imports : r_.world(id).exports; };
      if (!key.is_interface) {
        std::string_view name = key.name;
        for (const IncludeName& n : inc.names) {
          if (auto renamed = rename(key.name, n)) {
            name = r_.strings.add(*renamed);
            break;
          }
        }
        WorldItem copy = item;
        WorldKey new_key = WorldKey::of_name(name);
        cloner.world_item(new_key, copy);
        if (copy.kind == WorldItemKind::Function) copy.function.name = name;
        if (copy.kind == WorldItemKind::Type) r_.type(copy.type).name = name;
        auto [existing, inserted] = dest().try_insert(new_key, std::move(copy));
        if (!inserted) {
          Diagnostic d = Diagnostic::error(DiagCode::IncludeShadows, inc.span,
                                           std::string(what) + " of " + quoted(name) + " shadows previously " + what +
                                               "ed items");
          if (existing->span.known() && existing->span != inc.span) d.with_label(existing->span, "first defined here");
          d.with_help("rename it where it is included: `include " + std::string(from.name) + " with { " +
                      std::string(name) + " as other-name }`");
          throw DiagnosticError{std::move(d)};
        }
      } else {
        WorldItem* existing = dest().try_insert(key, item).first;
        if (external && item.stability.kind() == Stability::Kind::Stable) {
          existing->stability = Stability{};
        } else {
          update_stability(item.stability, existing->stability, item.span);
        }
      }
    }
  }
}

}  // namespace plumb
