// Parse + resolve benchmark, in process: `resolve_path` (reading the files,
// parsing, resolving every package, linking), repeated; prints median and
// best time, throughput and peak memory. By default doc text is built (as
// `plumb print` needs); --check resolves as `plumb check` does, without it.
// A second line splits the median run's time into loading (listing,
// reading, parsing), resolving packages and linking them; a third gives
// each stage's fastest time over the runs.
//
//   resolve-bench [--repeat N] [--check] PATH...
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "bench_inputs.h"
#include "plumb/resolver/resolve.h"

namespace {

size_t wit_bytes(const std::string& path) {
  size_t total = 0;
  for (const std::string& file : plumb::bench::wit_files(path)) total += std::filesystem::file_size(file);
  return total;
}

}  // namespace

int main(int argc, char** argv) {
  int repeat = 10;
  plumb::ResolveOptions options;
  std::vector<std::string> inputs;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
    else if (std::strcmp(argv[i], "--check") == 0) options.doc_text = false;
    else inputs.push_back(argv[i]);
  }
  if (inputs.empty()) {
    std::fprintf(stderr, "usage: resolve-bench [--repeat N] PATH...\n");
    return 2;
  }
  for (const std::string& input : inputs) {
    size_t bytes = wit_bytes(input);
    std::vector<double> times;
    std::vector<std::pair<double, plumb::ResolveResult::Times>> runs;
    size_t errors = 0, types = 0, interfaces = 0;
    for (int r = 0; r < repeat; ++r) {
      plumb::Diagnostics diags;
      auto t0 = std::chrono::steady_clock::now();
      plumb::ResolveResult resolved = plumb::resolve_path(input, options, diags);
      auto t1 = std::chrono::steady_clock::now();
      times.push_back(std::chrono::duration<double>(t1 - t0).count());
      runs.emplace_back(times.back(), resolved.times);
      errors = diags.error_count();
      types = resolved.resolve->types.size();
      interfaces = resolved.resolve->interfaces.size();
    }
    std::sort(times.begin(), times.end());
    double median = times[times.size() / 2], best = times.front();
    std::printf("%-44s%s %9.2f MB  read+parse+resolve median %8.3f ms (best %8.3f)  %7.1f MB/s (best %7.1f)  "
                "%zu interfaces, %zu types  peak RSS %.1f MB  errors %zu\n",
                input.c_str(), options.doc_text ? "" : " (check)", bytes / 1e6, median * 1e3, best * 1e3, bytes / 1e6 / median, bytes / 1e6 / best,
                interfaces, types, plumb::bench::peak_rss_kb() / 1024.0, errors);
    std::nth_element(runs.begin(), runs.begin() + runs.size() / 2, runs.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    const plumb::ResolveResult::Times& t = runs[runs.size() / 2].second;
    std::printf("%-44s   of which: load (list, read, parse) %.3f ms, resolve packages %.3f ms, link %.3f ms\n", "",
                t.load, t.resolve, t.link);
    // Each stage's fastest run: steadier than the median on a busy machine,
    // for comparing changes to one stage.
    plumb::ResolveResult::Times fastest = t;
    for (const auto& [total, times] : runs) {
      fastest.load = std::min(fastest.load, times.load);
      fastest.resolve = std::min(fastest.resolve, times.resolve);
      fastest.link = std::min(fastest.link, times.link);
    }
    std::printf("%-44s   fastest of each stage: load %.3f ms, resolve packages %.3f ms, link %.3f ms\n", "",
                fastest.load, fastest.resolve, fastest.link);
  }
  return 0;
}
