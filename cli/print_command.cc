#include "print_command.h"

#include <cstdio>
#include <memory>

#include "common_options.h"
#include "plumb/resolver/json.h"
#include "plumb/resolver/resolve.h"

namespace plumb::cli {
namespace {

struct PrintArgs {
  CommonOptions common;
  std::string path;
  bool json = false;
};

int run_print(const PrintArgs& args) {
  if (!args.json) {
    std::fprintf(stderr,
                 "error: `plumb print` prints the resolved model as JSON: pass --json\n"
                 "      = note: printing canonical WIT text is not available yet\n");
    return 2;
  }
  Diagnostics diags;
  Resolved resolved = resolve_path(args.path, ResolveOptions{args.common.feature_list(), args.common.all_features}, diags);
  RenderOptions render = args.common.render_options();
  Reporter reporter(render.format, render.color, /*quiet=*/true);
  reporter.add(diags, resolved.resolve->sources);
  if (!resolved.ok()) return 1;
  std::string json = to_json(*resolved.resolve);
  json += '\n';
  std::fwrite(json.data(), 1, json.size(), stdout);
  return 0;
}

}  // namespace

void add_print_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<PrintArgs>();
  CLI::App* cmd = app.add_subcommand("print", "Print a resolved WIT package and its dependencies");
  args->common.add_to(*cmd);
  cmd->add_flag("--json", args->json, "The whole resolved model as JSON (the shape of `wasm-tools component wit --json`)");
  cmd->add_option("PATH", args->path, "A package directory (with its deps/) or a .wit file")->required()->type_name("PATH");
  cmd->callback([args, &exit_code] { exit_code = run_print(*args); });
}

}  // namespace plumb::cli
