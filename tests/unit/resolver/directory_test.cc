// list_directory: names, paths and types from the listing; symlinks
// followed only when asked; errors as codes, never exceptions.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "directory.h"
#include "resolver_helpers.h"

using namespace plumb;

namespace {

const DirEntry* named(const std::vector<DirEntry>& entries, const std::string& name) {
  auto it = std::find_if(entries.begin(), entries.end(), [&](const DirEntry& e) { return e.name == name; });
  return it == entries.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("list_directory lists files and directories, following symlinks on request") {
  test::TempDir dir;
  dir.write("a.wit", "package a:b;\n");
  dir.write("sub/b.wit", "package a:c;\n");
  std::filesystem::create_directory_symlink(dir.path() / "sub", dir.path() / "link-to-sub");
  std::filesystem::create_symlink(dir.path() / "a.wit", dir.path() / "link-to-a.wit");
  std::filesystem::create_symlink(dir.path() / "gone", dir.path() / "dangling.wit");

  std::error_code ec;
  const std::string root = dir.path().string();
  std::vector<DirEntry> entries = list_directory(root, ec);
  REQUIRE_FALSE(ec);
  CHECK(entries.size() == 5);  // no "." or ".."

  const DirEntry* a = named(entries, "a.wit");
  REQUIRE(a);
  CHECK(a->path == root + "/a.wit");
  std::error_code e2;
  CHECK_FALSE(a->is_directory(e2));
  CHECK_FALSE(e2);

  CHECK(named(entries, "sub")->is_directory(e2));
  CHECK(named(entries, "link-to-sub")->is_directory(e2));
  CHECK_FALSE(e2);
  CHECK_FALSE(named(entries, "link-to-a.wit")->is_directory(e2));
  CHECK_FALSE(e2);

  // A dangling symlink is neither: the error says why.
  CHECK_FALSE(named(entries, "dangling.wit")->is_directory(e2));
  CHECK(e2 == std::errc::no_such_file_or_directory);

  // A trailing slash is not doubled in the paths.
  std::vector<DirEntry> again = list_directory(root + "/", ec);
  REQUIRE_FALSE(ec);
  CHECK(named(again, "a.wit")->path == root + "/a.wit");
}

TEST_CASE("list_directory reports a missing directory and a file as errors") {
  test::TempDir dir;
  dir.write("file.wit", "");
  std::error_code ec;
  CHECK(list_directory((dir.path() / "missing").string(), ec).empty());
  CHECK(ec == std::errc::no_such_file_or_directory);
  CHECK(list_directory((dir.path() / "file.wit").string(), ec).empty());
  CHECK(ec == std::errc::not_a_directory);
}
