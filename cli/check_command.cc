#include "check_command.h"

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

int run_check(const CheckArgs& args) {
  // Each package once, however many of its files were named.
  std::vector<std::string> roots;
  std::set<std::string> seen;
  for (const std::string& path : args.paths) {
    std::string root = package_root(path);
    if (seen.insert(root).second) roots.push_back(root);
  }
  ResolveOptions options{args.common.feature_list(), args.common.all_features, /*doc_text=*/false};
  RenderOptions render = args.common.render_options();
  size_t files = 0, errors = 0;
  for (const std::string& root : roots) {
    Diagnostics diags;
    Resolved resolved = resolve_path(root, options, diags);
    emit(diags, resolved.resolve->sources, render, errors != 0);
    files += resolved.files;
    errors += diags.error_count();
  }
  if (!args.quiet && render.format == MessageFormat::Human && errors == 0) {
    std::fprintf(stderr, "checked %zu file%s in %zu package%s: no errors\n", files, files == 1 ? "" : "s",
                 roots.size(), roots.size() == 1 ? "" : "s");
  }
  return errors ? 1 : 0;
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
