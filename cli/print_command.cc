#include "print_command.h"

#include <cstdio>

#include "common_options.h"
#include "inputs.h"
#include "plumb/model/json.h"

namespace plumb::cli {

int run_print(const ParsedArgs& args) {
  if (!args.has("--json")) {
    return usage_error({"`plumb print` needs --json: printing canonical WIT text is not available yet",
                        "try 'plumb print --json PATH'", args.command},
                       args);
  }
  CommonOptions common = CommonOptions::from(args);
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
  ResolveResult resolved = resolve_input(input, ResolveOptions{common.features, common.all_features}, diags);
  RenderOptions render = common.render_options();
  Reporter reporter(render.format, render.color, /*quiet=*/true);
  reporter.add(diags, resolved.resolve->sources);
  if (!resolved.ok()) {
    // No model is printed, so machine formats end as for `check`: the JSON
    // summary record, or the SARIF log holding the diagnostics.
    reporter.finish(RunSummary{reporter.errors(), reporter.warnings(), resolved.packages, resolved.files});
    return 1;
  }
  std::string json = to_json(*resolved.resolve);
  json += '\n';
  std::fwrite(json.data(), 1, json.size(), stdout);
  return 0;
}

}  // namespace plumb::cli
