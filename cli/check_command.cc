#include "check_command.h"

#include <memory>

#include "common_options.h"
#include "plumb/resolver/loader.h"

namespace plumb::cli {
namespace {

struct CheckArgs {
  CommonOptions common;
  std::vector<std::string> paths;
  bool quiet = false;
};

int run_check(const CheckArgs& args) {
  SourceMap sources;
  Diagnostics diags;
  size_t files = 0;
  for (const std::string& path : args.paths) {
    LoadedPath loaded = load_path(path, sources, diags);
    files += loaded.main.files.size();
    for (const SourceGroup& g : loaded.deps) files += g.files.size();
  }
  emit(diags, sources, args.common.render_options());
  if (!args.quiet && args.common.message_format == "human" && !diags.has_errors()) {
    std::fprintf(stderr, "checked %zu file%s: no errors\n", files, files == 1 ? "" : "s");
  }
  return diags.has_errors() ? 1 : 0;
}

}  // namespace

void add_check_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<CheckArgs>();
  CLI::App* cmd = app.add_subcommand("check", "Validate WIT: every syntax and semantic error, in one run");
  args->common.add_to(*cmd);
  cmd->add_flag("-q,--quiet", args->quiet, "Print nothing when there are no errors");
  cmd->add_option("PATH", args->paths, "A .wit file or a package directory (with its deps/)")
      ->required()
      ->type_name("PATH");
  cmd->callback([args, &exit_code] { exit_code = run_check(*args); });
}

}  // namespace plumb::cli
