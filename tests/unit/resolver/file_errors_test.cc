// Files that cannot be read as WIT: not UTF-8 (invalid bytes, UTF-16), a
// `.wasm` file that is no WebAssembly, a corrupt binary. Every error names
// its file, and points into it where a place is known.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "file_checks.h"
#include "resolver_helpers.h"
#include "plumb/wasm/wat_parser.h"

using namespace plumb;
using plumb::test::resolve_dir;

namespace {

// The binary of WebAssembly text the test knows to be valid.
std::string wat_bytes(std::string_view text) {
  Expected<std::string> binary = wat_to_binary(text);
  REQUIRE_MESSAGE(binary, binary.error().message);
  return std::move(binary).value();
}

const std::string kRoot = "package app:main;\nworld w {}\n";

// `package e:e; interface e {}` as a binary package (see binary_test.cc).
std::string empty_interface_binary() {
  return wat_bytes(R"((component
    (type (component (export "e:e/e" (instance)))) (export "e" (type 0))))");
}

std::string utf16(std::string_view ascii, bool big_endian) {
  std::string out;
  for (char c : ascii) {
    if (big_endian) out += '\0';
    out += c;
    if (!big_endian) out += '\0';
  }
  return out;
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

TEST_CASE("invalid UTF-8 is located at its first invalid byte") {
  auto p = resolve_dir({{"root.wit", "package app:main;\n\ninterface i {\x20\xFF }\n"}});
  REQUIRE(p.diags.size() == 1);
  const Diagnostic& d = p.first();
  CHECK(d.code == DiagCode::InvalidUtf8);
  CHECK(p.first_error().find("root.wit:3:15: input file is not valid utf-8 [") == 0);
  CHECK(d.span.end - d.span.start == 1);
  CHECK(ends_with(d.file, "root.wit"));
  REQUIRE(d.notes.size() == 1);
  CHECK(d.notes[0] == "byte 0xFF at line 3, column 15 is not valid UTF-8");

  // A truncated sequence: the place is where the sequence starts.
  auto q = resolve_dir({{"root.wit", kRoot}, {"deps/dep/x.wit", "package a:b;\n// caf\xC3\n"}});
  REQUIRE(q.diags.size() == 1);
  CHECK(q.first_error().find("deps/dep/x.wit:2:7: input file is not valid utf-8 [") == 0);
  CHECK(q.first().notes == std::vector<std::string>{"byte 0xC3 at line 2, column 7 is not valid UTF-8"});
}

TEST_CASE("a file that is not UTF-8 is not parsed") {
  // Its syntax error would be a second error about the same file.
  auto p = resolve_dir({{"root.wit", "package app:main;\nworld \xFF {\n"}});
  REQUIRE(p.diags.size() == 1);
  CHECK(p.first().code == DiagCode::InvalidUtf8);
}

TEST_CASE("UTF-16 files are recognised, with or without a byte order mark") {
  const std::string text = "package app:main;\nworld w {}\n";
  for (const std::string& bytes : {"\xFF\xFE" + utf16(text, false), "\xFE\xFF" + utf16(text, true),
                                   utf16(text, false), utf16(text, true)}) {
    auto p = resolve_dir({{"root.wit", bytes}});
    REQUIRE(p.diags.size() == 1);
    const Diagnostic& d = p.first();
    CHECK(d.code == DiagCode::Utf16File);
    CHECK(p.first_error().find("root.wit:1:1: input file is UTF-16, not UTF-8 [") == 0);
    CHECK(ends_with(d.file, "root.wit"));
    CHECK(d.help == std::vector<std::string>{"convert it to UTF-8, e.g. `iconv -f UTF-16 -t UTF-8`"});
  }
}

TEST_CASE("looks_like_utf16 wants most byte pairs to hold one NUL") {
  CHECK(looks_like_utf16(utf16("interface i {}", false)));
  CHECK(looks_like_utf16(utf16("interface i {}", true)));
  CHECK_FALSE(looks_like_utf16("interface i {}"));
  CHECK_FALSE(looks_like_utf16(std::string("interface\0i {}", 14)));  // one stray NUL
  CHECK_FALSE(looks_like_utf16(""));
}

TEST_CASE("a UTF-8 byte order mark is accepted, as by the reference") {
  auto p = resolve_dir({{"root.wit", "\xEF\xBB\xBFpackage app:main;\nworld w {}\n"}});
  CHECK(p.errors.empty());
  CHECK(p.ok());
}

TEST_CASE("a .wasm file that is no WebAssembly is never read as WIT") {
  struct Case {
    std::string bytes, note, help;
  };
  const Case cases[] = {
      {"version https://git-lfs.github.com/spec/v1\noid sha256:4d7a\nsize 1234\n",
       "this is a Git LFS pointer, not the file it stands for", "run `git lfs pull` to fetch the real file"},
      {"\n  <!doctype HTML>\n<html><body>404</body></html>\n",
       "this looks like an HTML page, perhaps an error page saved by a download", ""},
      {"<HTML><head></head></HTML>", "this looks like an HTML page, perhaps an error page saved by a download", ""},
      {"", "the file is empty", ""},
      {"package d:d;\ninterface d {}\n",
       "this is text; a WebAssembly binary starts with the bytes `\\0asm` (WIT text belongs in a `.wit` file)", ""},
      {std::string("\x7F" "ELF\x02\x01\x00", 7),
       "it starts with the bytes 0x7F 0x45 0x4C 0x46; a WebAssembly binary starts with 0x00 0x61 0x73 0x6D (`\\0asm`)",
       ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.note);
    // In deps/ ...
    auto p = resolve_dir({{"root.wit", kRoot}, {"deps/d.wasm", c.bytes}});
    REQUIRE(p.diags.size() == 1);
    const Diagnostic& d = p.first();
    CHECK(d.code == DiagCode::NotWasmBinary);
    CHECK(ends_with(d.file, "deps/d.wasm"));
    CHECK(d.message == "not a WebAssembly binary: " + d.file);
    CHECK(d.notes == std::vector<std::string>{c.note});
    CHECK(d.help == (c.help.empty() ? std::vector<std::string>{} : std::vector<std::string>{c.help}));
    // ... and as the path.
    plumb::test::TempDir dir;
    dir.write("pkg.wasm", c.bytes);
    Diagnostics diags;
    ResolveResult res = resolve_path((dir.path() / "pkg.wasm").string(), {}, diags);
    CHECK_FALSE(res.ok());
    REQUIRE(diags.size() == 1);
    CHECK(diags.all()[0].code == DiagCode::NotWasmBinary);
    CHECK(diags.all()[0].notes == std::vector<std::string>{c.note});
    CHECK(res.files == 1);  // read, if to no avail
  }
}

TEST_CASE("WebAssembly text in a .wasm file, and WIT text in a .wat file, are still read by content") {
  // As the reference decides: `(` first is WebAssembly text, else WIT.
  auto p = resolve_dir({{"root.wit", "package app:main;\nworld w { import e:e/e; import t:t/t; }\n"},
                        {"deps/e.wasm", "(component (type (component (export \"e:e/e\" (instance)))) (export \"e\" (type 0)))"},
                        {"deps/t.wat", "package t:t;\ninterface t {}\n"}});
  CHECK(p.errors.empty());
  CHECK(p.ok());
}

TEST_CASE("a corrupt binary names its file, the byte offset and the section") {
  std::string good = empty_interface_binary();
  // Cut inside the type section, the first after the 8-byte header.
  auto p = resolve_dir({{"root.wit", kRoot}, {"deps/e.wasm", good.substr(0, 14)}});
  REQUIRE(p.diags.size() == 1);
  const Diagnostic& d = p.first();
  CHECK(d.code == DiagCode::MalformedBinary);
  CHECK(ends_with(d.file, "deps/e.wasm"));
  CHECK(ends_with(d.message, "deps/e.wasm]: unexpected end-of-file (at byte offset 0xa, in the type section at 0x8)"));

  // Read whole, then found wrong: the section is the one the offset is in.
  std::string bad_index =
      wat_bytes("(component (type (component (export \"a:b/c\" (instance (type 5))))) (export \"c\" (type 0)))");
  auto q = resolve_dir({{"root.wit", kRoot}, {"deps/c.wasm", bad_index}});
  REQUIRE(q.diags.size() == 1);
  CHECK(q.first().message.find("]: unknown type 5: type index out of bounds (at byte offset 0x") != std::string::npos);
  CHECK(ends_with(q.first().message, ", in the type section at 0x8)"));
}

TEST_CASE("errors in WebAssembly text and in merging name their file") {
  auto p = resolve_dir({{"root.wit", kRoot}, {"deps/d.wat", "(component (type (component (export \"d:d/d\" (instance (type $nope))))))"}});
  REQUIRE(!p.diags.empty());
  CHECK(p.first().span.known());
  CHECK(ends_with(p.first().file, "deps/d.wat"));

  const char* f_of_no_params = R"((component
    (type (component (type (instance (type (func)) (export "f" (func (type 0)))))
                     (export "b:b/x" (instance (type 0)))))
    (export "x" (type 0))))";
  const char* f_of_one_param = R"((component
    (type (component (type (instance (type (func (param "p" u8))) (export "f" (func (type 0)))))
                     (export "b:b/x" (instance (type 0)))))
    (export "x" (type 0))))";
  auto q = resolve_dir({{"root.wit", kRoot}, {"deps/a.wat", f_of_no_params}, {"deps/b.wat", f_of_one_param}});
  REQUIRE(q.diags.size() == 1);
  CHECK(q.first().message.find("failed to merge WIT package [") == 0);
  CHECK(ends_with(q.first().file, "deps/b.wat"));
}

TEST_CASE("an unreadable entry of deps/ is the file its error names") {
  plumb::test::TempDir dir;
  dir.write("root.wit", kRoot);
  std::filesystem::create_directories(dir.path() / "deps");
  std::filesystem::create_symlink(dir.path() / "nowhere", dir.path() / "deps" / "gone.wit");
  Diagnostics diags;
  resolve_path(dir.path().string(), {}, diags);
  REQUIRE(diags.size() == 1);
  CHECK(diags.all()[0].code == DiagCode::PathUnreadable);
  CHECK(ends_with(diags.all()[0].file, "deps/gone.wit"));
}

TEST_CASE("a file that cannot be read says why") {
  plumb::test::TempDir dir;
  std::string missing = (dir.path() / "missing.wit").string();
  Diagnostics diags;
  resolve_path(missing, {}, diags);
  REQUIRE(diags.size() == 1);
  const Diagnostic& d = diags.all()[0];
  CHECK(d.message == "failed to read path for WIT [" + missing + "]");
  CHECK(d.file == missing);
  CHECK(d.notes == std::vector<std::string>{"No such file or directory"});
}

TEST_CASE("encoding errors are located when files are read on two threads") {
  plumb::test::Files files;
  for (int i = 0; i < 80; ++i) {
    std::string name = "f" + std::to_string(100 + i) + ".wit";  // path order is number order
    std::string text = "package a:b;\ninterface i" + std::to_string(i) + " {}\n";
    if (i % 20 == 5) text = "package a:b;\ninterface i" + std::to_string(i) + " { \xFE }\n";
    if (i % 20 == 15) text = "\xFF\xFE" + utf16(text, false);
    files[name] = text;
  }
  auto p = resolve_dir(files);
  REQUIRE(p.errors.size() == 8);
  for (size_t k = 0; k < p.errors.size(); ++k) {
    int i = static_cast<int>(k / 2) * 20 + (k % 2 ? 15 : 5);
    std::string name = "f" + std::to_string(100 + i) + ".wit";
    CAPTURE(p.errors[k]);
    if (k % 2 == 0) {
      int column = static_cast<int>(std::string("interface i" + std::to_string(i) + " { ").size()) + 1;
      CHECK(p.errors[k].find(name + ":2:" + std::to_string(column) + ": input file is not valid utf-8 [") == 0);
    } else {
      CHECK(p.errors[k].find(name + ":1:1: input file is UTF-16, not UTF-8 [") == 0);
    }
  }
}
