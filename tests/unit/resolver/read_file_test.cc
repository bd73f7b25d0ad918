// read_file: regular files by their size, and files whose size is unknown
// (pipes) or reported as 0 (procfs) to their end; read_source: large files
// mapped, others read.
#include <doctest/doctest.h>
#include <unistd.h>

#include <string>
#include <thread>

#include "plumb/resolver/loader.h"
#include "resolver_helpers.h"

using namespace plumb;

TEST_CASE("read_file reads a regular file whole") {
  test::TempDir dir;
  std::string text(100000, 'x');
  text += "end";
  dir.write("big.wit", text);
  Expected<std::string> big = read_file((dir.path() / "big.wit").string());
  REQUIRE(big);
  CHECK(*big == text);
  dir.write("empty.wit", "");
  Expected<std::string> empty = read_file((dir.path() / "empty.wit").string());
  REQUIRE(empty);
  CHECK(empty->empty());
}

TEST_CASE("read_file fails on a missing path and on a directory") {
  test::TempDir dir;
  std::string missing = (dir.path() / "missing.wit").string();
  Expected<std::string> none = read_file(missing);
  REQUIRE_FALSE(none);
  // The loader's error for the path, with the system's reason.
  CHECK(none.error().code == DiagCode::PathUnreadable);
  CHECK(none.error().file == missing);
  CHECK(none.error().message == "failed to read path for WIT [" + missing + "]");
  CHECK(none.error().notes == std::vector<std::string>{"No such file or directory"});
  Expected<std::string> directory = read_file(dir.path().string());
  REQUIRE_FALSE(directory);
  CHECK(directory.error().notes == std::vector<std::string>{"Is a directory"});
}

TEST_CASE("read_file reads procfs files, whose size is reported as 0") {
  Expected<std::string> out = read_file("/proc/self/status");
  REQUIRE(out);
  CHECK(out->find("Name:") != std::string::npos);
}

TEST_CASE("read_file reads a pipe to its end") {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  std::string text;
  for (int i = 0; i < 10000; ++i) text += "line " + std::to_string(i) + "\n";  // well over the first buffer
  std::thread writer([&] {
    for (size_t done = 0; done < text.size();) {
      ssize_t w = ::write(fds[1], text.data() + done, text.size() - done);
      if (w <= 0) break;
      done += static_cast<size_t>(w);
    }
    ::close(fds[1]);
  });
  Expected<std::string> out = read_file("/dev/fd/" + std::to_string(fds[0]));
  writer.join();
  ::close(fds[0]);
  REQUIRE(out);
  CHECK(*out == text);
}

TEST_CASE("read_source maps a large file and reads a small one") {
  test::TempDir dir;
  std::string big;
  for (int i = 0; big.size() < (1u << 20) + 100; ++i) big += "interface i" + std::to_string(i) + " {}\n";
  dir.write("big.wit", big);
  dir.write("small.wit", "package a:b;\n");
  SourceText text;
  REQUIRE(read_source((dir.path() / "big.wit").string(), text));
  CHECK(text.mapped());
  CHECK(text.view() == big);
  // A moved mapping stays valid; the moved-from text is empty.
  SourceText moved = std::move(text);
  CHECK(moved.view() == big);
  CHECK(text.view().empty());
  REQUIRE(read_source((dir.path() / "small.wit").string(), text));
  CHECK_FALSE(text.mapped());
  CHECK(text.view() == "package a:b;\n");
  CHECK_FALSE(read_source((dir.path() / "missing.wit").string(), text));
  CHECK_FALSE(read_source(dir.path().string(), text));
}

TEST_CASE("a mapped file's text lives as long as the source map holds it") {
  test::TempDir dir;
  std::string big(1u << 20, ' ');
  big += "package a:b;\n";
  dir.write("big.wit", big);
  SourceMap sources;
  FileId id;
  {
    SourceText text;
    REQUIRE(read_source((dir.path() / "big.wit").string(), text));
    id = sources.add("big.wit", std::move(text));
  }
  CHECK(sources.file(id).text() == big);
  CHECK(sources.locate(sources.file(id).base() + (1u << 20)).line == 1);
  CHECK(sources.locate(sources.file(id).base() + (1u << 20)).column == (1u << 20) + 1);
}
