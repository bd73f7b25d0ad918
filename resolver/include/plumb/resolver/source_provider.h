// Where the resolver's files come from: the disk, or buffers held in memory
// (path -> bytes), as wit-parser's `push_str` and ninja's FileReader allow.
// A language server resolves unsaved buffers, the registry client fetched
// bytes, unit tests packages they spell out; the disk stays the fast path.
#pragma once

#include <map>
#include <string>
#include <system_error>
#include <vector>

#include "plumb/diagnostics/source_text.h"

namespace plumb {

class SourceProvider {
 public:
  enum class Kind : unsigned char { Missing, File, Directory, Other, Unknown };
  struct Entry {
    std::string name;  // the file name, no directory
    std::string path;  // the directory joined with the name
    Kind kind;         // as listed: Unknown when only kind_of can tell (a symlink)
  };

  virtual ~SourceProvider() = default;
  // What `path` is, following symlinks; Missing (and `ec` set) when that
  // cannot be had.
  virtual Kind kind_of(const std::string& path, std::error_code& ec) const = 0;
  // The entries of directory `dir` in any order ("." and ".." left out).
  // A failure sets `ec`; the entries listed before it are returned.
  virtual std::vector<Entry> list(const std::string& dir, std::error_code& ec) const = 0;
  // The whole of file `path`; false with `error` (an errno value) when it
  // cannot be read. Called from several threads at once.
  virtual bool read(const std::string& path, SourceText& out, int& error) const = 0;
};

// The file system (large files are mapped: see SourceText).
const SourceProvider& disk_sources();

// Files held in memory. Paths are `/`-separated and used as given
// ("wit/main.wit"); a directory exists when a file lies under it.
class MemorySources final : public SourceProvider {
 public:
  MemorySources() = default;
  explicit MemorySources(std::map<std::string, std::string> files) : files_(std::move(files)) {}
  void add(std::string path, std::string bytes) { files_[std::move(path)] = std::move(bytes); }

  Kind kind_of(const std::string& path, std::error_code& ec) const override;
  std::vector<Entry> list(const std::string& dir, std::error_code& ec) const override;
  bool read(const std::string& path, SourceText& out, int& error) const override;

 private:
  std::map<std::string, std::string> files_;
};

}  // namespace plumb
