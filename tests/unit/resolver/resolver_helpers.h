// Helpers for the resolver's unit tests: write a package (files and deps/
// entries given as relative path -> text) into a fresh temporary directory,
// resolve it with plumb::resolve_path, and keep the model and the
// diagnostics as "file:line:col: message" strings (file relative to the
// temporary directory). The directory is removed as soon as the package is
// resolved: the model keeps its own copy of every source text.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "plumb/diagnostics/diagnostic.h"
#include "plumb/model/json.h"
#include "plumb/model/model.h"
#include "plumb/resolver/resolve.h"
#include "plumb/resolver/source_provider.h"

namespace plumb::test {

using Files = std::map<std::string, std::string>;

// A directory under the system's temporary directory, removed (with all it
// holds) when the object goes away.
class TempDir {
 public:
  TempDir() {
    std::string templ = (std::filesystem::temp_directory_path() / "plumb-resolver-XXXXXX").string();
    if (!mkdtemp(templ.data())) throw std::runtime_error("mkdtemp failed");
    path_ = templ;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Writes `text` at `relative` (parent directories are created).
  void write(const std::string& relative, const std::string& text) const {
    std::filesystem::path p = path_ / relative;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + p.string());
  }

 private:
  std::filesystem::path path_;
};

struct ResolvedPackage {
  ResolveResult result;
  std::vector<Diagnostic> diags;
  std::vector<std::string> errors;  // "file:line:col: message" (message alone without a span)

  bool ok() const { return result.ok() && diags.empty(); }
  const Resolve& r() const { return *result.resolve; }
  std::string first_error() const { return errors.empty() ? std::string() : errors.front(); }
  const Diagnostic& first() const { return diags.front(); }

  const Package& main() const { return r().package(*result.main); }
  // Ids in the main package (or in the package named `pkg`, "ns:name[@v]").
  InterfaceId interface(std::string_view name, std::string_view pkg = {}) const {
    const Package& p = pkg.empty() ? main() : package(pkg);
    const InterfaceId* id = p.interfaces.find(name);
    if (!id) throw std::runtime_error("no interface " + std::string(name));
    return *id;
  }
  WorldId world(std::string_view name, std::string_view pkg = {}) const {
    const Package& p = pkg.empty() ? main() : package(pkg);
    const WorldId* id = p.worlds.find(name);
    if (!id) throw std::runtime_error("no world " + std::string(name));
    return *id;
  }
  const Package& package(std::string_view name) const {
    for (const Package& p : r().packages) {
      if (p.name.to_string() == name) return p;
    }
    throw std::runtime_error("no package " + std::string(name));
  }
  const Interface& iface(std::string_view name, std::string_view pkg = {}) const {
    return r().interface(interface(name, pkg));
  }
  const World& w(std::string_view name, std::string_view pkg = {}) const { return r().world(world(name, pkg)); }
  // The type named `type` in interface `in` of the main package.
  TypeId type(std::string_view in, std::string_view type) const {
    const TypeId* id = iface(in).types.find(type);
    if (!id) throw std::runtime_error("no type " + std::string(type));
    return *id;
  }
  std::string json() const { return to_json(r()); }
};

namespace detail {

inline std::string relative_to(const std::string& file, const std::filesystem::path& dir) {
  std::string prefix = dir.string() + "/";
  if (file.compare(0, prefix.size(), prefix) == 0) return file.substr(prefix.size());
  return file;
}

inline ResolvedPackage finish(ResolveResult resolved, const Diagnostics& diags, const std::filesystem::path& dir) {
  ResolvedPackage out;
  out.result = std::move(resolved);
  const SourceMap& sources = out.result.resolve->sources;
  for (const Diagnostic& d : diags.all()) {
    out.diags.push_back(d);
    if (!d.span.known()) {
      out.errors.push_back(d.message);
      continue;
    }
    Location l = sources.locate(d.span.start);
    out.errors.push_back(relative_to(sources.file(l.file).path(), dir) + ":" + std::to_string(l.line) + ":" +
                         std::to_string(l.column) + ": " + d.message);
  }
  return out;
}

}  // namespace detail

// Resolves a directory holding `files` (e.g. {"root.wit", ...},
// {"deps/dep/x.wit", ...}, {"deps/single.wit", ...}), held in memory.
inline ResolvedPackage resolve_dir(const Files& files, const ResolveOptions& options = {}) {
  MemorySources sources(files);
  Diagnostics diags;
  ResolveResult resolved = resolve_path("", options, diags, sources);
  return detail::finish(std::move(resolved), diags, std::filesystem::path());
}

// The same, written to a temporary directory and read from disk.
inline ResolvedPackage resolve_dir_on_disk(const Files& files, const ResolveOptions& options = {}) {
  TempDir dir;
  for (const auto& [path, text] : files) dir.write(path, text);
  Diagnostics diags;
  ResolveResult resolved = resolve_path(dir.path().string(), options, diags);
  return detail::finish(std::move(resolved), diags, dir.path());
}

// Resolves one WIT file on its own (no deps/), as `plumb ... FILE.wit`.
inline ResolvedPackage resolve_file(const std::string& text, const ResolveOptions& options = {}) {
  TempDir dir;
  dir.write("test.wit", text);
  Diagnostics diags;
  ResolveResult resolved = resolve_path((dir.path() / "test.wit").string(), options, diags);
  return detail::finish(std::move(resolved), diags, dir.path());
}

// A one-file package in a directory: the usual case of these tests.
inline ResolvedPackage resolve(const std::string& text, const ResolveOptions& options = {}) {
  return resolve_dir({{"root.wit", text}}, options);
}

inline ResolveOptions with_features(std::vector<std::string> features) {
  ResolveOptions o;
  o.features = std::move(features);
  return o;
}
inline ResolveOptions all_features() {
  ResolveOptions o;
  o.all_features = true;
  return o;
}

}  // namespace plumb::test
