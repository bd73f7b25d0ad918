#include "inputs.h"

#include <cstdio>
#include <filesystem>
#include <memory>
#include <set>
#include <vector>

#include "common_options.h"
#include "plumb/resolver/package_root.h"

namespace plumb::cli {
namespace {
namespace fs = std::filesystem;

// What identifies a package root on disk: its canonical path (symlinks,
// `.`, `..` and trailing slashes resolved), or the path as given when that
// cannot be had.
std::string root_key(const std::string& root) {
  std::error_code ec;
  fs::path key = fs::weakly_canonical(root, ec);
  if (ec || key.empty()) return root;
  if (!key.has_filename() && key.has_parent_path()) key = key.parent_path();  // "missing/dir/"
  return key.string();
}

// Not there at all. A path that cannot be looked at (a directory on the
// way without search permission) is left for reading to report.
bool missing(const std::string& path) {
  std::error_code ec;
  return fs::status(path, ec).type() == fs::file_type::not_found;
}

std::string read_stdin() {
  std::string text;
  char buf[1 << 16];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, stdin)) > 0;) text.append(buf, n);
  return text;
}

}  // namespace

std::vector<Input> inputs_of(const std::vector<std::string>& paths) {
  std::vector<Input> out;
  std::set<std::string> seen;  // root keys, and "-"
  for (const std::string& path : paths) {
    if (path == "-") {
      if (seen.insert(path).second) out.push_back({Input::Kind::Stdin, path});
    } else if (missing(path)) {
      out.push_back({Input::Kind::Missing, path});
    } else {
      std::string root = package_root(path);
      // One path is one root: no need to resolve its spelling (a dozen
      // system calls, a good part of a small check).
      if (paths.size() == 1 || seen.insert(root_key(root)).second) out.push_back({Input::Kind::Package, root});
    }
  }
  return out;
}

std::optional<std::string> default_path() {
  std::error_code ec;
  if (fs::is_directory("wit", ec)) return "wit";
  return std::nullopt;
}

UsageError no_path_error(const CommandSpec* command) {
  return {"no PATH given, and there is no `wit/` directory here",
          "name a package directory or a .wit file, or run plumb where `wit/` is", command};
}

ResolveResult resolve_input(const Input& input, const ResolveOptions& options, Diagnostics& diags) {
  switch (input.kind) {
    case Input::Kind::Package: return resolve_path(input.path, options, diags);
    case Input::Kind::Stdin: return resolve_text("<stdin>", read_stdin(), options, diags);
    case Input::Kind::Missing: break;
  }
  diags.report(Diagnostic::file_error(DiagCode::PathNotFound, input.path, "no such file or directory: " + input.path));
  ResolveResult nothing;
  nothing.resolve = std::make_unique<Resolve>();
  return nothing;
}

std::optional<int> resolve_one_path(const ParsedArgs& args, const ResolveOptions& options, Reporter& reporter,
                                    ResolveResult& out) {
  std::string path;
  if (!args.positionals.empty()) {
    path = args.positionals.front();
  } else if (std::optional<std::string> wit = default_path()) {
    path = *wit;
  } else {
    return usage_error(no_path_error(args.command), args);
  }
  // A file stands for its package, as for `plumb check`.
  Input input = inputs_of({path}).front();
  Diagnostics diags;
  out = resolve_input(input, options, diags);
  reporter.add(diags, out.resolve->sources);
  if (out.ok()) return std::nullopt;
  // Nothing comes of the run, so machine formats end as for `check`: the
  // JSON summary record, or the SARIF log holding the diagnostics.
  reporter.finish(RunSummary{reporter.errors(), reporter.warnings(), out.packages, out.files});
  return 1;
}

const Resolve& keep_until_exit(std::unique_ptr<Resolve> resolve) {
  // Never destroyed, not even by exit(): reachable from here, so leak
  // checkers do not count it.
  static auto* const kept = new std::vector<std::unique_ptr<Resolve>>();
  kept->push_back(std::move(resolve));
  return *kept->back();
}

}  // namespace plumb::cli
