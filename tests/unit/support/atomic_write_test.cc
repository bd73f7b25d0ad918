// Whole-file writes: replaced at once, nothing left on failure, and paths
// that cannot be replaced (pipes, devices, symlinks) kept as they are; and
// whole-file reads, which say why a file cannot be read.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "plumb/support/atomic_write.h"
#include "plumb/support/read_file.h"

namespace fs = std::filesystem;
using namespace plumb;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "plumb-write-XXXXXX").string();
    path = ::mkdtemp(tmpl.data());
  }
  ~TempDir() { fs::remove_all(path); }
};

std::string contents(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("a file is replaced whole, with no temporary left") {
  TempDir dir;
  fs::path file = dir.path / "out.wit";
  std::ofstream(file) << "an older and longer text";
  auto written = write_file_atomically(file.string(), "new");
  REQUIRE(written);
  CHECK(*written == 3);
  CHECK(contents(file) == "new");
  CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
  CHECK(write_file_atomically(file.string(), "synced", WriteOptions{.sync = true}));
  CHECK(contents(file) == "synced");
}

TEST_CASE("a missing directory is an error that leaves nothing") {
  TempDir dir;
  auto written = write_file_atomically((dir.path / "missing" / "x").string(), "bytes");
  REQUIRE(!written);
  CHECK(written.error() == "cannot create '" + (dir.path / "missing" / "x").string() + "': No such file or directory");
  CHECK(fs::is_empty(dir.path));
}

TEST_CASE("a symlink keeps pointing at the file it names") {
  TempDir dir;
  std::ofstream(dir.path / "real") << "old";
  fs::create_symlink(dir.path / "real", dir.path / "link");
  REQUIRE(write_file_atomically((dir.path / "link").string(), "new"));
  CHECK(fs::is_symlink(dir.path / "link"));
  CHECK(contents(dir.path / "real") == "new");
}

TEST_CASE("a pipe is written into, not replaced") {
  TempDir dir;
  fs::path fifo = dir.path / "fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);  // so that opening it to write does not block
  REQUIRE(reader >= 0);
  REQUIRE(write_file_atomically(fifo.string(), "through the pipe"));
  char buf[64] = {};
  CHECK(::read(reader, buf, sizeof buf) == 16);
  CHECK(std::string(buf) == "through the pipe");
  ::close(reader);
  CHECK(fs::is_fifo(fifo));
  CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
}

TEST_CASE("a directory is not written over") {
  TempDir dir;
  auto written = write_file_atomically(dir.path.string(), "x");
  REQUIRE(!written);
  CHECK(written.error().find("Is a directory") != std::string::npos);
  CHECK(fs::is_directory(dir.path));
}

TEST_CASE("a whole file is read back, and a file that cannot be read says why") {
  TempDir dir;
  fs::path file = dir.path / "blob.bin";
  std::string bytes(200000, '\0');
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 7);
  REQUIRE(write_file_atomically(file.string(), bytes));
  auto read = read_whole_file(file.string());
  REQUIRE(read);
  CHECK(*read == bytes);

  auto missing = read_whole_file((dir.path / "absent").string());
  REQUIRE_FALSE(missing);
  CHECK(missing.error() == "cannot read '" + (dir.path / "absent").string() + "': No such file or directory");
  auto folder = read_whole_file(dir.path.string());
  REQUIRE_FALSE(folder);
  CHECK(folder.error().find("Is a directory") != std::string::npos);
}
