#include "print_command.h"

#include <cstdio>
#include <filesystem>
#include <map>

#include "common_options.h"
#include "inputs.h"
#include "plumb/model/json.h"
#include "plumb/model/print_wit.h"
#include "plumb/support/atomic_write.h"

namespace plumb::cli {
namespace {
namespace fs = std::filesystem;

// Usage errors of option combinations the parser cannot see.
std::optional<UsageError> conflicting_options(const ParsedArgs& args) {
  auto both = [&](std::string_view a, std::string_view b) -> std::optional<UsageError> {
    if (!args.has(a) || !args.has(b)) return std::nullopt;
    return UsageError{"the argument '" + std::string(a) + "' cannot be used with '" + std::string(b) + "'", "",
                      args.command};
  };
  if (auto e = both("--output", "--out-dir")) return e;
  if (auto e = both("--json", "--out-dir")) return e;
  if (auto e = both("--json", "--no-docs")) return e;
  return std::nullopt;
}

// How many packages of each namespace bear each name (name -> namespace ->
// count), to qualify the file names of namesakes.
using Namesakes = std::map<std::string_view, std::map<std::string_view, int>>;

Namesakes namesakes_of(const Resolve& resolve) {
  Namesakes out;
  for (const Package& p : resolve.packages) ++out[p.name.name][p.name.ns];
  return out;
}

// The file name of a package in --out-dir: its name when no other package
// shares it, else qualified as the reference qualifies it (namespace,
// version), with `-` for the `:` and `@` that Windows file names cannot
// hold or tools misread.
std::string file_stem(const Namesakes& namesakes, const PackageName& name) {
  const auto& by_namespace = namesakes.at(name.name);
  std::string stem;
  if (by_namespace.size() > 1) stem.append(name.ns).append("-");
  stem.append(name.name);
  if (by_namespace.at(name.ns) > 1 && name.version) stem.append("-").append(name.version->to_string());
  return stem;
}

int write_error(Reporter& reporter, const std::string& message) {
  reporter.add(Diagnostic::error(DiagCode::OutputUnwritable, Span(), message));
  reporter.finish(RunSummary{reporter.errors(), reporter.warnings(), 0, 0});
  return 1;
}

// --out-dir: each package in a file of its own, the main package in DIR,
// the others in DIR/deps (a layout `plumb check DIR` reads back).
int write_package_files(const Resolve& resolve, PackageId main, const std::string& dir,
                        const WitPrintOptions& options, Reporter& reporter) {
  const Namesakes namesakes = namesakes_of(resolve);
  for (size_t i = 0; i < resolve.packages.size(); ++i) {
    PackageId id(i);
    fs::path folder = id == main ? fs::path(dir) : fs::path(dir) / "deps";
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) return write_error(reporter, "cannot create directory '" + folder.string() + "': " + ec.message());
    fs::path file = folder / (file_stem(namesakes, resolve.package(id).name) + ".wit");
    auto written = write_file_atomically(file.string(), print_wit(resolve, id, {}, options));
    if (!written) return write_error(reporter, written.error());
    std::fprintf(stderr, "Writing: %s\n", file.string().c_str());
  }
  return 0;
}

}  // namespace

int run_print(const ParsedArgs& args) {
  if (std::optional<UsageError> conflict = conflicting_options(args)) return usage_error(*conflict, args);
  CommonOptions common = CommonOptions::from(args);
  RenderOptions render = common.render_options();
  Reporter reporter(render.format, render.color, /*quiet=*/true);
  ResolveResult resolved;
  if (std::optional<int> status =
          resolve_one_path(args, ResolveOptions{common.features, common.all_features}, reporter, resolved)) {
    return *status;
  }
  const Resolve& resolve = keep_until_exit(std::move(resolved.resolve));
  WitPrintOptions options{.docs = !args.has("--no-docs")};
  if (std::optional<std::string> dir = args.last("--out-dir")) {
    return write_package_files(resolve, *resolved.main, *dir, options, reporter);
  }
  std::vector<PackageId> nested = nested_packages(resolve, *resolved.main);
  std::optional<std::string> file = args.last("--output");
  if (!file && !args.has("--json")) {
    // Standard output takes the text as it is printed.
    print_wit(resolve, *resolved.main, nested, options, [](std::string_view piece) { write_out(stdout, piece); });
    return 0;
  }
  std::string text = args.has("--json") ? to_json(resolve) + '\n' : print_wit(resolve, *resolved.main, nested, options);
  if (file) {
    auto written = write_file_atomically(*file, text);
    return written ? 0 : write_error(reporter, written.error());
  }
  write_out(stdout, text);
  return 0;
}

}  // namespace plumb::cli
