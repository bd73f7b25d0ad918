#include "directory.h"

namespace plumb {

std::vector<std::filesystem::directory_entry> list_directory(const std::filesystem::path& dir, std::error_code& ec) {
  std::vector<std::filesystem::directory_entry> out;
  ec.clear();
  std::filesystem::directory_iterator it(dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) out.push_back(*it);
  return out;
}

}  // namespace plumb
