#include "build_command.h"

#include <cstdio>
#include <future>

#include <nlohmann/json.hpp>

#include "common_options.h"
#include "inputs.h"
#include "plumb/component/encode_package.h"
#include "plumb/support/atomic_write.h"
#include "plumb/support/sha256.h"
#include "plumb/wasm/wat_printer.h"

namespace plumb::cli {
namespace {

// `<namespace>-<name>-<version>.wasm` (or `.wat`): the versioned name wkg
// users lacked on Windows, where `:` cannot be in a file name.
std::string default_file_name(const PackageName& name, bool text) {
  std::string file = std::string(name.ns) + "-" + std::string(name.name);
  if (name.version) file += "-" + name.version->to_string();
  return file + (text ? ".wat" : ".wasm");
}

// A published snapshot must serve every consumer, whatever features they
// enable: all gated items are kept (with their gates recorded) unless
// --features names the ones to keep.
ResolveOptions build_resolve_options(const CommonOptions& common) {
  ResolveOptions options{common.features, common.all_features};
  if (common.features.empty()) options.all_features = true;
  return options;
}

// From this size on, a snapshot's digest is taken on a second thread while
// the file is written: the synthetic package's 24.5 MB take 17 ms to hash.
constexpr size_t kDigestOnThreadBytes = size_t{1} << 20;

void print_result(const std::string& path, const PackageName& package, const std::string& bytes,
                  const std::string& hex_digest, bool json) {
  std::string digest = "sha256:" + hex_digest;
  std::string line;
  if (json) {
    nlohmann::ordered_json out;
    out["path"] = path;
    out["package"] = package.to_string();
    out["size"] = bytes.size();
    out["digest"] = digest;
    line = out.dump() + "\n";
  } else {
    line = "wrote " + path + " (" + package.to_string() + ", " + std::to_string(bytes.size()) + " bytes, " +
           digest + ")\n";
  }
  write_out(stdout, line);
}


// Resolves, encodes and (for --wat) prints the snapshot, and writes it to
// `*path` if given (--output, else the default name), with its SHA-256 (hex)
// in `*digest`, taken meanwhile or when asked for; the exit status on
// failure, after reporting it.
std::optional<int> make_snapshot(const ParsedArgs& args, const CommonOptions& common, std::string& bytes,
                                 PackageName& name, std::string* path, std::future<std::string>* digest) {
  RenderOptions render = common.render_options();
  Reporter reporter(render.format, render.color, /*quiet=*/true);
  ResolveResult resolved;
  if (std::optional<int> status = resolve_one_path(args, build_resolve_options(common), reporter, resolved)) {
    return *status;
  }
  // Kept: `name` points into it.
  const Resolve& resolve = keep_until_exit(std::move(resolved.resolve));
  name = resolve.package(*resolved.main).name;
  auto report_problems = [&](const std::vector<Diagnostic>& problems) {
    Diagnostics diags;
    for (const Diagnostic& d : problems) diags.report(d);
    reporter.add(diags, resolve.sources);
    reporter.finish(RunSummary{reporter.errors(), reporter.warnings(), resolved.packages, resolved.files});
    return 1;
  };
  SnapshotResult snapshot = encode_wit_package(resolve, *resolved.main);
  if (!snapshot) return report_problems(snapshot.error());
  bytes = std::move(*snapshot);
  bool text = args.has("--wat");
  if (text) {
    // The snapshot as wasmprinter (`wasm-tools print`) prints it.
    Expected<std::string> wat = wasm::print_wat(bytes);
    if (!wat) return report_problems({wat.error()});
    bytes = std::move(*wat);
  }
  if (path) {
    *path = args.last("--output").value_or(default_file_name(name, text));
    const bool on_thread = digest != nullptr && bytes.size() >= kDigestOnThreadBytes;
    std::future<std::string> hashing = std::async(on_thread ? std::launch::async : std::launch::deferred,
                                                  [&bytes] { return sha256_hex(bytes); });
    auto written = write_file_atomically(*path, bytes);
    if (on_thread) hashing.wait();  // done before `bytes` can go
    if (digest != nullptr) *digest = std::move(hashing);
    if (!written) return report_problems({Diagnostic::error(DiagCode::OutputUnwritable, Span(), written.error())});
  }
  return std::nullopt;
}

}  // namespace

std::optional<int> build_snapshot(const ParsedArgs& args, Snapshot& out) {
  CommonOptions common = CommonOptions::from(args);
  PackageName name;
  if (std::optional<int> status = make_snapshot(args, common, out.bytes, name, nullptr, nullptr)) return status;
  out.name = std::string(name.ns) + ":" + std::string(name.name);
  out.version = name.version ? name.version->to_string() : "";
  return std::nullopt;
}

int run_build(const ParsedArgs& args) {
  CommonOptions common = CommonOptions::from(args);
  std::string bytes, path;
  PackageName name;
  std::future<std::string> digest;  // hashed while the file was written, or when asked
  if (std::optional<int> status = make_snapshot(args, common, bytes, name, &path, &digest)) return *status;
  bool json = args.last("--format") == "json";
  if (json || !common.quiet) print_result(path, name, bytes, digest.get(), json);
  return 0;
}

}  // namespace plumb::cli
