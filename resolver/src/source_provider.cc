#include "plumb/resolver/source_provider.h"

#include <cerrno>

#include "directory.h"
#include "plumb/resolver/loader.h"

namespace plumb {
namespace {

SourceProvider::Kind kind_of_listed(DirEntry::Type t) {
  switch (t) {
    case DirEntry::Type::Regular: return SourceProvider::Kind::File;
    case DirEntry::Type::Directory: return SourceProvider::Kind::Directory;
    case DirEntry::Type::Other: return SourceProvider::Kind::Other;
    case DirEntry::Type::Unknown: break;
  }
  return SourceProvider::Kind::Unknown;
}

class DiskSources final : public SourceProvider {
 public:
  Kind kind_of(const std::string& path, std::error_code& ec) const override {
    DirEntry entry;
    entry.path = path;
    bool dir = entry.is_directory(ec);  // stats, following symlinks
    if (ec) return Kind::Missing;
    return dir ? Kind::Directory : Kind::File;
  }
  std::vector<Entry> list(const std::string& dir, std::error_code& ec) const override {
    std::vector<Entry> out;
    for (DirEntry& e : list_directory(dir, ec)) {
      out.push_back(Entry{std::move(e.name), std::move(e.path), kind_of_listed(e.type)});
    }
    return out;
  }
  bool read(const std::string& path, SourceText& out, int& error) const override {
    if (read_source(path, out)) return true;
    error = errno;
    return false;
  }
};

// "a/b/" and "a/b" name one directory; "" and "." the root of the files.
std::string directory_prefix(const std::string& dir) {
  if (dir.empty() || dir == ".") return "";
  return dir.back() == '/' ? dir : dir + "/";
}

}  // namespace

const SourceProvider& disk_sources() {
  static const DiskSources disk;
  return disk;
}

SourceProvider::Kind MemorySources::kind_of(const std::string& path, std::error_code& ec) const {
  ec.clear();
  if (files_.count(path)) return Kind::File;
  const std::string prefix = directory_prefix(path);
  auto it = files_.lower_bound(prefix);
  if (it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0) return Kind::Directory;
  ec = std::make_error_code(std::errc::no_such_file_or_directory);
  return Kind::Missing;
}

std::vector<SourceProvider::Entry> MemorySources::list(const std::string& dir, std::error_code& ec) const {
  std::vector<Entry> out;
  if (kind_of(dir, ec) != Kind::Directory) {
    if (!ec) ec = std::make_error_code(std::errc::not_a_directory);
    return out;
  }
  const std::string prefix = directory_prefix(dir);
  for (auto it = files_.lower_bound(prefix); it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
       ++it) {
    const std::string rest = it->first.substr(prefix.size());
    const size_t slash = rest.find('/');
    const std::string name = rest.substr(0, slash);
    if (!out.empty() && out.back().name == name) continue;  // (a directory's further files)
    out.push_back(Entry{name, prefix + name, slash == std::string::npos ? Kind::File : Kind::Directory});
  }
  return out;
}

bool MemorySources::read(const std::string& path, SourceText& out, int& error) const {
  auto it = files_.find(path);
  if (it == files_.end()) {
    std::error_code ec;
    error = kind_of(path, ec) == Kind::Directory ? EISDIR : ENOENT;
    return false;
  }
  out = SourceText(it->second);
  return true;
}

}  // namespace plumb
