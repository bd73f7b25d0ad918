// Resolving WIT: from a path on disk to a Resolve holding the package and
// all its dependencies, with every error reported through Diagnostics.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "plumb/diagnostics/diagnostic.h"
#include "plumb/model/model.h"
#include "plumb/resolver/source_provider.h"

namespace plumb {

struct ResolveOptions {
  std::vector<std::string> features;  // enabled @unstable features
  bool all_features = false;
  // Build the text of doc comments. Validation only needs to know whether
  // an item has docs (`plumb check` saves a tenth of its time without them);
  // anything that prints the model needs the text.
  bool doc_text = true;
};

struct ResolveResult {
  std::unique_ptr<Resolve> resolve;  // always set; holds the sources diagnostics point into
  std::optional<PackageId> main;     // the package at the path, when it resolved
  size_t files = 0;                  // WIT files read
  // Packages read: the path's own, its dependencies and nested packages,
  // whether they resolved or not (resolve->packages holds the resolved).
  size_t packages = 0;
  // Where the wall-clock time went, in milliseconds (for benchmarks):
  // listing, reading and parsing files; resolving each package on its own;
  // linking the packages together.
  struct Times {
    double load = 0, resolve = 0, link = 0;
  } times;
  bool ok() const { return main.has_value(); }
};

// Reads `path` as the reference does (`wasm-tools component wit PATH`): a
// directory with its deps/, or a single file. Errors go to `diags`: syntax
// errors of every file, and then as many semantic errors as can be found
// without being caused by earlier ones. The first error is the reference's.
ResolveResult resolve_path(const std::string& path, const ResolveOptions& options, Diagnostics& diags);
// The same, with the files (and directories) taken from `files`: the disk,
// or buffers held in memory (see source_provider.h). `files` is read while
// this runs, never after.
ResolveResult resolve_path(const std::string& path, const ResolveOptions& options, Diagnostics& diags,
                           const SourceProvider& files);

// Resolves WIT held in memory (`plumb check -`, reading standard input) as
// resolve_path resolves a single file named `name`: `text` is one package
// file (or a binary package), with no dependencies. Diagnostics point into
// a source named `name`.
ResolveResult resolve_text(std::string name, std::string text, const ResolveOptions& options, Diagnostics& diags);

}  // namespace plumb
