#include "directory.h"

#include <dirent.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>

namespace plumb {
namespace {

DirEntry::Type type_of(unsigned char d_type) {
  switch (d_type) {
    case DT_REG: return DirEntry::Type::Regular;
    case DT_DIR: return DirEntry::Type::Directory;
    case DT_LNK: case DT_UNKNOWN: return DirEntry::Type::Unknown;
    default: return DirEntry::Type::Other;
  }
}

// Closes a directory stream when it goes out of scope.
struct DirCloser {
  DIR* dir;
  ~DirCloser() {
    if (dir) ::closedir(dir);
  }
};

}  // namespace

bool DirEntry::is_directory(std::error_code& ec) const {
  ec.clear();
  if (type != Type::Unknown) return type == Type::Directory;
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    ec.assign(errno, std::generic_category());
    return false;
  }
  return S_ISDIR(st.st_mode);
}

std::vector<DirEntry> list_directory(const std::string& dir, std::error_code& ec) {
  std::vector<DirEntry> out;
  ec.clear();
  DirCloser stream{::opendir(dir.c_str())};
  if (!stream.dir) {
    ec.assign(errno, std::generic_category());
    return out;
  }
  const std::string prefix = dir.empty() || dir.back() == '/' ? dir : dir + "/";
  for (;;) {
    errno = 0;
    const dirent* e = ::readdir(stream.dir);
    if (!e) {
      if (errno != 0) ec.assign(errno, std::generic_category());
      break;
    }
    if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0) continue;
    DirEntry& entry = out.emplace_back();
    entry.name = e->d_name;
    entry.path = prefix + entry.name;
    entry.type = type_of(e->d_type);
  }
  return out;
}

}  // namespace plumb
