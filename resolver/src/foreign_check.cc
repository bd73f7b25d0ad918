#include "foreign_check.h"

#include "suggest.h"

namespace plumb {
namespace {

// The names of the types of interface `iface` of package `pkg`, among the
// packages read; nothing when that package or interface is not there.
class ForeignTypes {
 public:
  ForeignTypes(const Resolve& r, const std::vector<UnresolvedPackage>& failed,
               const std::vector<const UnresolvedPackage*>& others)
      : r_(r) {
    for (const UnresolvedPackage& p : failed) packages_.push_back(&p);
    packages_.insert(packages_.end(), others.begin(), others.end());
  }

  std::optional<std::vector<std::string_view>> names(const PackageName& pkg, std::string_view iface) const {
    for (const UnresolvedPackage* p : packages_) {
      if (!(p->name == pkg)) continue;
      for (const Interface& i : p->interfaces) {
        if (i.name == iface) return keys(i);
      }
      return std::nullopt;
    }
    if (const PackageId* id = r_.package_names.find(pkg)) {
      if (const InterfaceId* i = r_.package(*id).interfaces.find(iface)) return keys(r_.interface(*i));
    }
    return std::nullopt;
  }

 private:
  static std::vector<std::string_view> keys(const Interface& i) {
    std::vector<std::string_view> out;
    for (const auto& [name, id] : i.types) out.push_back(name);
    return out;
  }

  const Resolve& r_;
  std::vector<const UnresolvedPackage*> packages_;
};

bool contains(const std::vector<std::string_view>& names, std::string_view name) {
  for (std::string_view n : names) {
    if (n == name) return true;
  }
  return false;
}

// The foreign interface (package, name) each placeholder interface stands for.
std::vector<std::pair<const PackageName*, std::string_view>> placeholder_interfaces(const UnresolvedPackage& pkg) {
  std::vector<std::pair<const PackageName*, std::string_view>> out(pkg.interfaces.size(), {nullptr, {}});
  for (const auto& [name, items] : pkg.foreign_deps) {
    for (const auto& [item_name, item] : items) {
      if (!item.item.is_world) out[item.item.index] = {&name, item_name};
    }
  }
  return out;
}

void check_foreign_types(const UnresolvedPackage& pkg, const ForeignTypes& known, Diagnostics& diags) {
  auto foreign = placeholder_interfaces(pkg);
  for (size_t i = 0; i < pkg.unknown_type_spans.size() && i < pkg.types.size(); ++i) {
    const TypeDef& ty = pkg.types[i];
    if (ty.kind != TypeDefKind::Unknown || ty.owner.index >= foreign.size()) continue;
    auto [dep, iface] = foreign[ty.owner.index];
    if (!dep) continue;
    std::optional<std::vector<std::string_view>> names = known.names(*dep, iface);
    if (!names || contains(*names, ty.name)) continue;
    Diagnostic d = Diagnostic::error(DiagCode::ForeignTypeNotFound, pkg.unknown_type_spans[i],
                                     "type `" + std::string(ty.name) + "` not defined in interface");
    if (auto help = closest_type_help(ty.name, dep->id_of(iface), *names)) d.with_help(*help);
    diags.report(std::move(d));
  }
}

void decide_hints(const UnresolvedPackage& pkg, const ForeignTypes& known, Resolve& r, Diagnostics& diags) {
  for (const DeferredHint& h : pkg.deferred_hints) {
    std::optional<std::vector<std::string_view>> names = known.names(h.package, h.interface);
    if (!names || h.diag >= diags.size()) continue;
    Diagnostic& d = diags.at(h.diag);
    if (contains(*names, h.candidate)) {
      d.with_help("did you mean `" + h.candidate + "`?");
    } else if (contains(*names, h.missing)) {
      // The name here is right; the `use` is what is misspelt.
      std::string where;
      if (h.candidate_span.known()) {
        Location at = r.sources.locate(h.candidate_span.start);
        where = " (line " + std::to_string(at.line) + ")";
      }
      d.with_help("`" + h.missing + "` is a type of `" + h.package.id_of(h.interface) + "`, but the `use`" + where +
                  " imports it as `" + h.candidate + "`: correct the name there");
    }
  }
}

}  // namespace

std::optional<std::string> closest_type_help(std::string_view name, const std::string& iface_id,
                                             const std::vector<std::string_view>& names) {
  std::optional<std::string> best = closest_name(name, names);
  if (!best) return std::nullopt;
  return "interface `" + iface_id + "` has a type `" + *best + "`";
}

void check_failed_packages(Resolve& r, const std::vector<UnresolvedPackage>& failed,
                           const std::vector<const UnresolvedPackage*>& others, Diagnostics& diags) {
  if (failed.empty()) return;
  ForeignTypes known(r, failed, others);
  for (const UnresolvedPackage& pkg : failed) {
    decide_hints(pkg, known, r, diags);
    check_foreign_types(pkg, known, diags);
  }
}

}  // namespace plumb
