#include "check_command.h"

#include <filesystem>
#include <memory>
#include <set>

#include "common_options.h"
#include "plumb/resolver/package_root.h"
#include "plumb/resolver/resolve.h"

namespace plumb::cli {
namespace {

struct CheckArgs {
  CommonOptions common;
  std::vector<std::string> paths;
  bool quiet = false;
};

// What identifies a package root on disk: its canonical path (symlinks,
// `.`, `..` and trailing slashes resolved), or the path as given when that
// cannot be had.
std::string root_key(const std::string& root) {
  std::error_code ec;
  std::filesystem::path key = std::filesystem::weakly_canonical(root, ec);
  if (ec || key.empty()) return root;
  if (!key.has_filename() && key.has_parent_path()) key = key.parent_path();  // "missing/dir/"
  return key.string();
}

// The package roots to check: each once, however many of its files were
// named and however its path was spelt (`a/x.wit ./a/y.wit`, `dir dir/`),
// under the first spelling given.
std::vector<std::string> roots_of(const std::vector<std::string>& paths) {
  std::vector<std::string> roots;
  // One path is one root: no need to resolve its spelling (a dozen system
  // calls, a good part of a small check).
  if (paths.size() == 1) {
    roots.push_back(package_root(paths.front()));
    return roots;
  }
  std::set<std::string> seen;
  for (const std::string& path : paths) {
    std::string root = package_root(path);
    if (seen.insert(root_key(root)).second) roots.push_back(root);
  }
  return roots;
}

int run_check(const CheckArgs& args) {
  std::vector<std::string> roots = roots_of(args.paths);
  ResolveOptions options{args.common.feature_list(), args.common.all_features, /*doc_text=*/false};
  RenderOptions render = args.common.render_options();
  Reporter reporter(render.format, render.color, args.quiet);
  // Files read and packages resolved (each root's own, its dependencies
  // and nested packages), summed over the roots.
  RunSummary summary;
  for (const std::string& root : roots) {
    Diagnostics diags;
    Resolved resolved = resolve_path(root, options, diags);
    reporter.add(diags, resolved.resolve->sources);
    summary.files += resolved.files;
    summary.packages += resolved.resolve->packages.size();
  }
  summary.errors = reporter.errors();
  summary.warnings = reporter.warnings();
  reporter.finish(summary);
  return summary.errors ? 1 : 0;
}

}  // namespace

void add_check_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<CheckArgs>();
  CLI::App* cmd = app.add_subcommand("check", "Validate WIT: every syntax and semantic error, in one run");
  args->common.add_to(*cmd);
  cmd->add_flag("-q,--quiet", args->quiet, "Print nothing when there are no errors");
  cmd->add_option("PATH", args->paths,
                  "A package directory (with its deps/) or .wit files (each checked as part of its package)")
      ->required()
      ->type_name("PATH");
  cmd->callback([args, &exit_code] { exit_code = run_check(*args); });
}

}  // namespace plumb::cli
