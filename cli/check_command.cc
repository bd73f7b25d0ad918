#include "check_command.h"

#include <set>

#include "common_options.h"
#include "inputs.h"

namespace plumb::cli {
namespace {

using FeatureSet = std::set<std::string, std::less<>>;

// One warning for each feature named in --features that no package read
// has a gate for: a misspelt name would otherwise change nothing silently.
// It points into no file (so it has no `-->` line) and comes after the
// errors.
void warn_unknown_features(const std::vector<std::string>& requested, const FeatureSet& known, Reporter& reporter) {
  std::string have;
  for (const std::string& f : known) have += (have.empty() ? "" : ", ") + f;
  FeatureSet warned;
  for (const std::string& name : requested) {
    if (known.count(name) || !warned.insert(name).second) continue;
    Diagnostic d = Diagnostic::warning(DiagCode::UnknownFeature, Span(),
                                       "feature `" + name + "` is not used by any package");
    d.with_help(have.empty() ? "the packages read have no @unstable features" : "the packages read have: " + have);
    reporter.add(d);
  }
}

}  // namespace

int run_check(const ParsedArgs& args) {
  CommonOptions common = CommonOptions::from(args);
  std::vector<std::string> paths = args.positionals;
  if (paths.empty()) {
    std::optional<std::string> wit = default_path();
    if (!wit) {
      return usage_error(no_path_error(args.command), args);
    }
    paths.push_back(*wit);
  }
  ResolveOptions options{common.features, common.all_features, /*doc_text=*/false};
  RenderOptions render = common.render_options();
  Reporter reporter(render.format, render.color, common.quiet);
  // Files and packages read (each root's own, its dependencies and nested
  // packages), summed over the inputs.
  RunSummary summary;
  FeatureSet gate_features;
  const std::vector<Input> inputs = inputs_of(paths);
  for (size_t i = 0; i < inputs.size(); ++i) {
    Diagnostics diags;
    ResolveResult resolved = resolve_input(inputs[i], options, diags);
    reporter.add(diags, resolved.resolve->sources);
    summary.files += resolved.files;
    summary.packages += resolved.packages;
    gate_features.insert(resolved.resolve->gate_features.begin(), resolved.resolve->gate_features.end());
    // Each model goes once the next is read, but the last stays to the end.
    if (i + 1 == inputs.size()) keep_until_exit(std::move(resolved.resolve));
  }
  warn_unknown_features(common.features, gate_features, reporter);
  summary.errors = reporter.errors();
  summary.warnings = reporter.warnings();
  reporter.finish(summary);
  return summary.errors ? 1 : 0;
}

}  // namespace plumb::cli
