// The driver: loading, per-package resolution, package ordering and linking,
// in the reference's order (so its first error is ours), carrying on past
// errors where later work does not depend on what failed.
#include "plumb/resolver/resolve.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "ast_resolver.h"
#include "plumb/component/binary_package.h"
#include "foreign_check.h"
#include "linker.h"
#include "plumb/resolver/loader.h"

namespace plumb {
namespace {

// Adds the time from its creation to its destruction to a total.
class Stopwatch {
 public:
  explicit Stopwatch(double& total_ms) : total_ms_(total_ms), start_(std::chrono::steady_clock::now()) {}
  ~Stopwatch() {
    total_ms_ += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_).count();
  }
  Stopwatch(const Stopwatch&) = delete;
  Stopwatch& operator=(const Stopwatch&) = delete;

 private:
  double& total_ms_;
  std::chrono::steady_clock::time_point start_;
};

void forward(const Diagnostics& from, Diagnostics& to) {
  for (const Diagnostic& d : from.all()) to.report(d);
}

// Which files a group's package is made of, for errors about the package
// as a whole.
std::string origin_note(const SourceGroup& group) {
  if (!group.is_directory) return "this package is the file `" + group.path + "`";
  if (group.files.empty()) return "this package is directory `" + group.path + "`, which holds no `.wit` files";
  return "this package is the `.wit` files directly in directory `" + group.path + "`";
}

struct GroupResult {
  std::vector<UnresolvedPackage> packages;  // nested packages first, then the main one
  std::vector<UnresolvedPackage> failed;    // what was resolved of those that failed
  bool ok = true;
  size_t read = 0;  // packages read: the main one and the nested ones that parsed, resolved or not
};

// Resolves a nested `package ns:name { ... }` block as a package of its
// own; nothing after reporting an error.
std::optional<UnresolvedPackage> resolve_nested(Resolve& r, const ast::NestedPackage& nested, Diagnostics& diags,
                                                std::vector<UnresolvedPackage>& failed) {
  AstResolver resolver(r);
  try {
    resolver.push(&nested.name, std::vector<ast::Decl>(nested.decls.begin(), nested.decls.end()));
  } catch (DiagnosticError& e) {
    diags.report(std::move(e.diag));
    return std::nullopt;
  }
  std::optional<UnresolvedPackage> pkg = resolver.resolve(diags);
  if (!pkg) failed.push_back(resolver.take_failed());
  return pkg;
}

size_t nested_packages_in(const ast::File& ast) {
  size_t n = 0;
  for (const ast::Decl& decl : ast.decls) n += std::holds_alternative<const ast::NestedPackage*>(decl);
  return n;
}

// Resolves one group of files as the reference's SourceMap::parse does: file
// by file (path order), each file's nested packages on their own, then the
// group's main package.
GroupResult resolve_group(Resolve& r, SourceGroup& group, const SourceProvider& provider, Diagnostics& diags,
                          ResolveResult::Times& times) {
  {
    Stopwatch load(times.load);
    read_and_parse_group(r.sources, group, provider);
  }
  Stopwatch resolving(times.resolve);
  GroupResult out;
  forward(group.diags, diags);
  if (group.diags.has_errors()) out.ok = false;
  AstResolver main(r);
  main.set_origin(origin_note(group), group.path, group.is_directory && group.files.empty());
  size_t type_bound = 0;
  for (const LoadedFile& file : group.files) {
    if (file.parsed) type_bound += file.parsed->type_bound();
  }
  main.reserve_types(type_bound);
  if (!group.files.empty()) out.read = 1;
  for (const LoadedFile& file : group.files) {
    if (file.parsed) out.read += nested_packages_in(file.parsed->ast());
    forward(file.diags, diags);
    if (!file.parsed && !file.diags.has_errors()) {
      // Cannot happen: a file is parsed or has a reason not to be. Never
      // let it pass as valid silently.
      diags.report(Diagnostic::file_error(DiagCode::Internal, file.path, "internal error: " + file.path + " was not parsed"));
    }
    if (!file.parsed || file.parsed->has_errors() || file.diags.has_errors()) {
      out.ok = false;
      continue;
    }
    const ast::File& ast = file.parsed->ast();
    std::vector<ast::Decl> top;
    for (const ast::Decl& decl : ast.decls) {
      auto nested = std::get_if<const ast::NestedPackage*>(&decl);
      if (!nested) {
        top.push_back(decl);
        continue;
      }
      if (auto pkg = resolve_nested(r, **nested, diags, out.failed)) {
        out.packages.push_back(std::move(*pkg));
      } else {
        out.ok = false;
      }
    }
    if (!out.ok) continue;
    try {
      main.push(ast.header, std::move(top));
    } catch (DiagnosticError& e) {
      diags.report(std::move(e.diag));
      out.ok = false;
    }
  }
  if (out.ok) {
    if (auto pkg = main.resolve(diags)) {
      out.packages.push_back(std::move(*pkg));
    } else {
      out.ok = false;
      out.failed.push_back(main.take_failed());
    }
  }
  // The unresolved packages refer to the source text and the Resolve's
  // storage, never to the trees: free them so the next group reuses the
  // memory.
  for (LoadedFile& f : group.files) f.parsed.reset();
  return out;
}

// A package of the path, resolved on its own and waiting to be linked.
struct PendingPackage {
  UnresolvedPackage package;
  bool is_main = false;  // the path's own package (its group's last, when the group resolved)
};

// The files read: the WIT files of every group, and the binary packages.
size_t files_read(const LoadedPath& loaded) {
  size_t files = loaded.main.files.size();
  for (const SourceGroup& g : loaded.deps) files += g.files.size();
  // .wasm/.wat packages are files read too, and so are .wasm files that
  // turned out to be no WebAssembly.
  return files + loaded.binary_deps.size() + loaded.rejected_files;
}

// Resolves the path's own group first, then deps/ in name order: WIT groups
// are resolved on their own (linked later), binary packages are decoded and
// merged into the Resolve right away, as the reference reads deps/, so they
// get the first package ids. Clears `all_ok` on any failure.
std::vector<PendingPackage> resolve_groups(Resolve& r, LoadedPath& loaded, Diagnostics& diags, bool& all_ok,
                                           ResolveResult& out, std::vector<UnresolvedPackage>& failed) {
  ResolveResult::Times& times = out.times;
  std::vector<PendingPackage> packages;
  auto keep_failed = [&](GroupResult& g) {
    for (UnresolvedPackage& p : g.failed) failed.push_back(std::move(p));
  };
  {
    GroupResult g = resolve_group(r, loaded.main, *loaded.provider, diags, times);
    all_ok &= g.ok;
    keep_failed(g);
    out.packages += g.read;
    for (size_t i = 0; i < g.packages.size(); ++i) {
      packages.push_back({std::move(g.packages[i]), g.ok && i + 1 == g.packages.size()});
    }
  }
  size_t next_binary = 0;
  auto load_binaries = [&](size_t groups_before) {
    for (; next_binary < loaded.binary_deps.size() && loaded.binary_deps[next_binary].groups_before <= groups_before;
         ++next_binary) {
      const BinaryDep& bin = loaded.binary_deps[next_binary];
      out.packages += 1;
      if (!load_binary_package(bin.path, bin.bytes, r, diags)) all_ok = false;
    }
  };
  for (size_t i = 0; i < loaded.deps.size(); ++i) {
    load_binaries(i);
    GroupResult g = resolve_group(r, loaded.deps[i], *loaded.provider, diags, times);
    all_ok &= g.ok;
    keep_failed(g);
    out.packages += g.read;
    for (UnresolvedPackage& p : g.packages) packages.push_back({std::move(p), false});
  }
  load_binaries(loaded.deps.size());
  return packages;
}

// The packages by name; nothing after reporting two packages of one name.
std::optional<std::map<PackageName, size_t>> index_by_name(const std::vector<PendingPackage>& packages,
                                                           Diagnostics& diags) {
  std::map<PackageName, size_t> by_name;
  for (size_t i = 0; i < packages.size(); ++i) {
    const UnresolvedPackage& pkg = packages[i].package;
    auto [it, inserted] = by_name.try_emplace(pkg.name, i);
    if (!inserted) {
      Diagnostic d = Diagnostic::error(DiagCode::DuplicatePackage, pkg.name_span, "package `" + pkg.name.to_string() +
                                                          "` is defined in two different locations");
      d.label = "defined here";
      d.with_label(packages[it->second].package.name_span, "and here");
      diags.report(std::move(d));
      return std::nullopt;
    }
  }
  return by_name;
}

// Package indices with each package after its dependencies, visiting in
// name order as the reference does; nothing after reporting a cycle.
std::optional<std::vector<size_t>> dependency_order(const std::vector<PendingPackage>& packages,
                                                    const std::map<PackageName, size_t>& by_name,
                                                    Diagnostics& diags) {
  std::vector<size_t> order;
  std::set<size_t> done;
  std::set<PackageName> visiting;
  std::vector<PackageName> path;  // the packages being visited, outermost first
  bool cycle = false;
  auto visit = [&](auto& self, size_t i) -> void {
    if (cycle || done.count(i)) return;
    const UnresolvedPackage& pkg = packages[i].package;
    path.push_back(pkg.name);
    for (size_t d = 0; d < pkg.foreign_deps.size() && !cycle; ++d) {
      const PackageName& dep = pkg.foreign_deps.at_index(d).first;
      if (!visiting.insert(dep).second) {
        Diagnostic e = Diagnostic::error(DiagCode::PackageCycle, pkg.foreign_dep_spans[d],
                                         "package `" + dep.to_string() + "` creates a dependency cycle");
        std::string shown;
        auto from = std::find(path.begin(), path.end(), dep);
        for (auto it = from == path.end() ? path.begin() : from; it != path.end(); ++it) {
          shown += "`" + it->to_string() + "` -> ";
        }
        e.with_note("the cycle: " + shown + "`" + dep.to_string() + "`");
        diags.report(std::move(e));
        cycle = true;
        return;
      }
      if (auto it = by_name.find(dep); it != by_name.end()) self(self, it->second);
      visiting.erase(dep);
    }
    path.pop_back();
    if (!cycle && done.insert(i).second) order.push_back(i);
  };
  for (const auto& [name, i] : by_name) visit(visit, i);
  if (cycle) return std::nullopt;
  return order;
}

// Links the packages in `order`. A package that depends on one that failed
// is skipped: its errors would only repeat that failure. Returns the main
// package's id when it and everything before it succeeded; clears `all_ok`
// on any failure.
std::optional<PackageId> link_packages(Resolve& r, std::vector<PendingPackage>& packages,
                                       const std::vector<size_t>& order, Diagnostics& diags, bool& all_ok) {
  std::optional<PackageId> main;
  std::vector<PackageName> available;
  for (const PendingPackage& p : packages) available.push_back(p.package.name);
  std::set<PackageName> failed;
  for (size_t i : order) {
    UnresolvedPackage& pkg = packages[i].package;
    bool blocked = false;
    for (const auto& [dep, items] : pkg.foreign_deps) {
      if (failed.count(dep) || (!all_ok && !r.package_names.contains(dep))) blocked = true;
    }
    PackageName name = pkg.name;
    if (blocked) {
      failed.insert(name);
      continue;
    }
    if (r.package_names.contains(name)) {
      // Already merged from a binary package in deps/ (the reference stops
      // on an assertion here).
      diags.report(Diagnostic::error(DiagCode::DuplicatePackage, pkg.name_span, "package `" + name.to_string() +
                                                        "` is defined both here and by a binary package in deps/"));
      failed.insert(name);
      all_ok = false;
      continue;
    }
    try {
      Linker linker(r, available);
      PackageId id = linker.append(std::move(pkg));
      if (packages[i].is_main && all_ok) main = id;
    } catch (DiagnosticError& e) {
      diags.report(std::move(e.diag));
      for (Diagnostic& d : e.more) diags.report(std::move(d));
      failed.insert(name);
      all_ok = false;
    }
  }
  if (!all_ok) main.reset();
  return main;
}

// Resolves what was loaded from `path` into `out`.
void resolve_loaded(const std::string& path, LoadedPath& loaded, ResolveResult& out, Diagnostics& diags) {
  Resolve& r = *out.resolve;
  forward(loaded.diags, diags);
  out.files = files_read(loaded);
  bool all_ok = !loaded.diags.has_errors();

  // A path that could not be read at all: its error is all there is to say.
  if (!loaded.is_directory && loaded.main.files.empty() && loaded.binary_deps.empty()) return;

  // A binary given as the path (a package, or a component's world) is the
  // main package by itself.
  if (!loaded.is_directory && loaded.main.files.empty() && loaded.binary_deps.size() == 1) {
    const BinaryDep& bin = loaded.binary_deps.front();
    out.packages = 1;
    std::optional<PackageId> id = load_binary_package(bin.path, bin.bytes, r, diags, BinaryKinds::PackageOrComponent);
    if (id && all_ok) out.main = id;
    return;
  }

  std::vector<UnresolvedPackage> failed;
  std::vector<PendingPackage> packages = resolve_groups(r, loaded, diags, all_ok, out, failed);
  {
    // What a failed package `use`s from the others is checked now that all
    // are read (it will not be linked).
    std::vector<const UnresolvedPackage*> others;
    for (const PendingPackage& p : packages) others.push_back(&p.package);
    check_failed_packages(r, failed, others, diags);
  }
  // Order packages by name (duplicates are an error), then dependencies
  // first (a cycle is an error), and link them in that order.
  std::optional<std::map<PackageName, size_t>> by_name = index_by_name(packages, diags);
  if (!by_name) return;
  std::optional<std::vector<size_t>> order = dependency_order(packages, *by_name, diags);
  if (!order) return;
  {
    Stopwatch linking(out.times.link);
    out.main = link_packages(r, packages, *order, diags, all_ok);
  }
  if (!out.main && !diags.has_errors()) {
    // Every failure path reports why; this keeps a missed one from ever
    // passing for success.
    diags.report(Diagnostic::file_error(DiagCode::Internal, path, "internal error: " + path + " did not resolve, and no error says why"));
  }
}

// An empty result, set up for `options`.
ResolveResult start(const ResolveOptions& options) {
  ResolveResult out;
  out.resolve = std::make_unique<Resolve>();
  Resolve& r = *out.resolve;
  r.features.insert(options.features.begin(), options.features.end());
  r.all_features = options.all_features;
  r.doc_text = options.doc_text;
  return out;
}

}  // namespace

ResolveResult resolve_path(const std::string& path, const ResolveOptions& options, Diagnostics& diags) {
  return resolve_path(path, options, diags, disk_sources());
}

ResolveResult resolve_path(const std::string& path, const ResolveOptions& options, Diagnostics& diags,
                           const SourceProvider& files) {
  ResolveResult out = start(options);
  LoadedPath loaded;
  {
    Stopwatch load(out.times.load);
    loaded = load_path(path, out.resolve->sources, files);
  }
  resolve_loaded(path, loaded, out, diags);
  return out;
}

ResolveResult resolve_text(std::string name, std::string text, const ResolveOptions& options, Diagnostics& diags) {
  ResolveResult out = start(options);
  LoadedPath loaded;
  {
    Stopwatch load(out.times.load);
    loaded = load_text(name, std::move(text), out.resolve->sources);
  }
  resolve_loaded(name, loaded, out, diags);
  return out;
}

}  // namespace plumb
