// Snapshot benchmark, in process: resolves PATH once (every feature kept,
// as `plumb build` does), then times, each repeated, the encoding of its
// main package into a snapshot, the decoding of that snapshot (read,
// checked and merged into a fresh Resolve, as a .wasm dependency is), and
// the canonical WIT print of the package and its dependencies. Prints the
// median and best of each, throughput (snapshot bytes for encode and
// decode, printed bytes for print) and peak memory.
//
//   snapshot-bench [--repeat N] [--only encode|decode|print] PATH...
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "bench_inputs.h"
#include "plumb/component/encode_package.h"
#include "plumb/model/print_wit.h"
#include "plumb/resolver/resolve.h"

namespace {

struct Timing {
  double median, best;
};

Timing time_runs(int repeat, const std::function<void()>& run) {
  std::vector<double> times;
  for (int r = 0; r < repeat; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    run();
    times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(times.begin(), times.end());
  return {times[times.size() / 2], times.front()};
}

void report(const char* stage, Timing t, size_t bytes) {
  std::printf("  %-8s median %9.3f ms (best %9.3f)  %8.1f MB/s of %.2f MB\n", stage, t.median * 1e3, t.best * 1e3,
              bytes / 1e6 / t.median, bytes / 1e6);
}

int bench(const std::string& input, int repeat, const std::string& only) {
  auto stage = [&](const char* name) { return only.empty() || only == name; };
  plumb::ResolveOptions options;
  options.all_features = true;
  plumb::Diagnostics diags;
  plumb::ResolveResult resolved = plumb::resolve_path(input, options, diags);
  if (!resolved.ok()) {
    std::fprintf(stderr, "%s: does not resolve\n", input.c_str());
    return 1;
  }
  const plumb::Resolve& r = *resolved.resolve;
  plumb::SnapshotResult first = plumb::encode_wit_package(r, *resolved.main);
  if (!first) {
    std::fprintf(stderr, "%s: has no snapshot: %s\n", input.c_str(), first.error().front().message.c_str());
    return 1;
  }
  const std::string bytes = *first;
  std::string text = plumb::print_wit(r, *resolved.main, plumb::nested_packages(r, *resolved.main));
  std::printf("%s: %zu interfaces, %zu types; snapshot %zu bytes, printed %zu bytes\n", input.c_str(),
              r.interfaces.size(), r.types.size(), bytes.size(), text.size());

  if (stage("encode")) report("encode", time_runs(repeat, [&] {
    if (plumb::encode_wit_package(r, *resolved.main)->size() != bytes.size()) std::abort();
  }), bytes.size());
  if (stage("decode")) report("decode", time_runs(repeat, [&] {
    plumb::Diagnostics d;
    if (!plumb::resolve_text("snapshot.wasm", bytes, options, d).ok()) std::abort();
  }), bytes.size());
  if (stage("print")) report("print", time_runs(repeat, [&] {
    if (plumb::print_wit(r, *resolved.main, plumb::nested_packages(r, *resolved.main)).size() != text.size()) {
      std::abort();
    }
  }), text.size());
  std::printf("  peak RSS %.1f MB\n", plumb::bench::peak_rss_kb() / 1024.0);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  int repeat = 10;
  std::string only;
  std::vector<std::string> inputs;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
    else if (std::strcmp(argv[i], "--only") == 0 && i + 1 < argc) only = argv[++i];
    else inputs.push_back(argv[i]);
  }
  if (inputs.empty()) {
    std::fprintf(stderr, "usage: snapshot-bench [--repeat N] PATH...\n");
    return 2;
  }
  int status = 0;
  for (const std::string& input : inputs) status |= bench(input, repeat, only);
  return status;
}
