// What the benchmarks share: the .wit files of an input and the process's
// peak memory.
#pragma once

#include <sys/resource.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace plumb::bench {

// PATH itself if it is a file, otherwise every .wit file under it, sorted.
inline std::vector<std::string> wit_files(const std::string& path) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  if (!fs::is_directory(path)) {
    out.push_back(path);
    return out;
  }
  for (const auto& e : fs::recursive_directory_iterator(path)) {
    if (e.is_regular_file() && e.path().extension() == ".wit") out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

inline long peak_rss_kb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

}  // namespace plumb::bench
