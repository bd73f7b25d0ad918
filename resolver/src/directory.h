// Listing a directory without exceptions and with few system calls: the
// listing's own file types are used, and a file is looked at (stat) only
// when the listing cannot tell, as for a symlink.
#pragma once

#include <string>
#include <system_error>
#include <vector>

namespace plumb {

struct DirEntry {
  std::string name;  // the file name, no directory
  std::string path;  // the directory joined with the name
  enum class Type : unsigned char { Regular, Directory, Other, Unknown };
  Type type = Type::Unknown;  // as listed (a symlink is Unknown until followed)

  // Whether it is a directory, following symlinks. Sets `ec` (and returns
  // false) when that cannot be had, e.g. for a dangling symlink.
  bool is_directory(std::error_code& ec) const;
};

// The entries of `dir` ("." and ".." left out), in the order the system
// gives them. A failure to open the directory or to step through it is set
// in `ec` (cleared on success); the entries listed before it are returned.
std::vector<DirEntry> list_directory(const std::string& dir, std::error_code& ec);

}  // namespace plumb
