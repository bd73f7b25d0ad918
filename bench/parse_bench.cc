// Front-end benchmark: lex+parse throughput, AST memory and peak memory.
//
//   parse-bench [--repeat N] PATH...
//
// Each PATH is a .wit file or a directory (its .wit files and deps/, as
// `plumb check` reads them). Files are read into memory first; the timed part
// is lexing and parsing only. Prints one line per input and a total.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_inputs.h"
#include "plumb/diagnostics/diagnostic.h"
#include "plumb/diagnostics/source_map.h"
#include "plumb/parser/parser.h"
#include "plumb/resolver/loader.h"

int main(int argc, char** argv) {
  int repeat = 5;
  std::vector<std::string> inputs;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else {
      inputs.push_back(argv[i]);
    }
  }
  if (inputs.empty()) {
    std::fprintf(stderr, "usage: parse-bench [--repeat N] PATH...\n");
    return 2;
  }
  for (const std::string& input : inputs) {
    std::vector<std::string> files = plumb::bench::wit_files(input);
    plumb::SourceMap sources;
    size_t bytes = 0;
    for (const std::string& f : files) {
      plumb::Expected<std::string> text = plumb::read_file(f);
      if (!text) {
        std::fprintf(stderr, "cannot read %s\n", f.c_str());
        return 1;
      }
      bytes += text->size();
      sources.add(f, std::move(text).value());
    }
    long rss_before = plumb::bench::peak_rss_kb();
    std::vector<double> times;
    size_t ast_bytes = 0, errors = 0;
    for (int r = 0; r < repeat; ++r) {
      plumb::Diagnostics diags;
      std::vector<std::unique_ptr<plumb::ParsedFile>> parsed;
      auto t0 = std::chrono::steady_clock::now();
      for (plumb::FileId id = 0; id < sources.size(); ++id) parsed.push_back(plumb::parse_file(sources, id, diags));
      auto t1 = std::chrono::steady_clock::now();
      times.push_back(std::chrono::duration<double>(t1 - t0).count());
      ast_bytes = 0;
      for (const auto& p : parsed) ast_bytes += p->memory_bytes();
      errors = diags.error_count();
    }
    std::sort(times.begin(), times.end());
    double median = times[times.size() / 2];
    double best = times.front();
    std::printf("%-40s %6zu files %9.2f MB  lex+parse median %8.3f ms (best %8.3f)  %7.1f MB/s (best %7.1f)  AST %6.2f MB (%.1fx source)  peak RSS %.1f MB (+%.1f MB while parsing)  errors %zu\n",
                input.c_str(), files.size(), bytes / 1e6, median * 1e3, best * 1e3, bytes / 1e6 / median,
                bytes / 1e6 / best, ast_bytes / 1e6,
                static_cast<double>(ast_bytes) / static_cast<double>(bytes), plumb::bench::peak_rss_kb() / 1024.0,
                (plumb::bench::peak_rss_kb() - rss_before) / 1024.0, errors);
  }
  return 0;
}
