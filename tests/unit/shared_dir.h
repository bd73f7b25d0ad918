// Where ../shared is for the unit tests that read it: the PLUMB_SHARED
// environment variable (tests/meson.build sets it). Absent, such tests pass
// with a message saying they were skipped; with CI=true that is a failure.
#pragma once

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

namespace plumb::test {

inline std::optional<std::filesystem::path> shared_dir() {
  const char* dir = std::getenv("PLUMB_SHARED");
  if (dir && std::filesystem::is_directory(dir)) return std::filesystem::path(dir);
  const char* ci = std::getenv("CI");
  if (ci && std::string(ci) == "true") {
    FAIL("../shared is needed with CI=true, and PLUMB_SHARED (" << (dir ? dir : "unset") << ") is not a directory");
  }
  MESSAGE("skipped: ../shared is absent (PLUMB_SHARED " << (dir ? dir : "unset") << ")");
  return std::nullopt;
}

}  // namespace plumb::test
