// Loading a package from disk: its files, deps/, nested packages, and the
// errors of package headers, package names and package ordering.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>

#include "resolver_helpers.h"

using namespace plumb;
using plumb::test::resolve;
using plumb::test::resolve_dir;
using plumb::test::resolve_file;
using plumb::test::Files;

namespace {

std::vector<std::string> package_names(const Resolve& r) {
  std::vector<std::string> out;
  for (const Package& p : r.packages) out.push_back(p.name.to_string());
  return out;
}

std::vector<std::string> interface_names(const Package& p) {
  std::vector<std::string> out;
  for (const auto& [name, id] : p.interfaces) out.push_back(std::string(name));
  return out;
}

}  // namespace

TEST_CASE("several files form one package") {
  // Only one file needs the header; the others share the package and see
  // each other's interfaces. Files are read in path order.
  auto p = resolve_dir({
      {"clocks.wit", "package demo:time@0.2.0;\n\ninterface clock {\n  use types.{instant};\n  now: func() -> instant;\n}\n"},
      {"types.wit", "interface types {\n  type instant = u64;\n}\n\nworld host {\n  import clock;\n}\n"},
  });
  REQUIRE(p.errors.empty());
  REQUIRE(p.ok());
  CHECK(p.result.files == 2);
  CHECK(p.r().packages.size() == 1);
  CHECK(p.main().name.to_string() == "demo:time@0.2.0");
  // `types` is used by `clock`, so it is allocated first.
  CHECK(interface_names(p.main()) == std::vector<std::string>{"types", "clock"});
  CHECK(p.interface("types").index == 0);
  CHECK(p.interface("clock").index == 1);
  CHECK(p.main().worlds.size() == 1);
  CHECK(p.w("host").name == "host");
  // The same header on every file is fine too.
  auto q = resolve_dir({
      {"a.wit", "package demo:time;\ninterface a {}\n"},
      {"b.wit", "package demo:time;\ninterface b {}\n"},
  });
  CHECK(q.errors.empty());
  CHECK(interface_names(q.main()) == std::vector<std::string>{"a", "b"});
}

TEST_CASE("files outside the package directory are not read") {
  // Subdirectories other than deps/ and files that are not .wit are ignored.
  auto p = resolve_dir({
      {"root.wit", "package demo:app;\ninterface api {}\n"},
      {"notes.txt", "not wit at all"},
      {"sub/extra.wit", "this would not parse"},
  });
  CHECK(p.errors.empty());
  CHECK(p.result.files == 1);
}

TEST_CASE("deps/ holds directories and single files") {
  auto p = resolve_dir({
      {"root.wit",
       "package demo:app;\n\ninterface handler {\n  use wasi:http/types.{request};\n  use acme:log/logger.{level};\n"
       "  handle: func(r: request, l: level);\n}\n"},
      {"deps/http/types.wit", "package wasi:http;\n\ninterface types {\n  record request { path: string }\n}\n"},
      {"deps/http/README.md", "ignored"},
      {"deps/log.wit", "package acme:log;\n\ninterface logger {\n  enum level { info, warn }\n}\n"},
  });
  REQUIRE(p.errors.empty());
  CHECK(p.result.files == 3);
  // Dependencies come first, in package name order among the independent ones.
  CHECK(package_names(p.r()) == std::vector<std::string>{"acme:log", "wasi:http", "demo:app"});
  CHECK(p.result.main->index == 2);
  const Interface& handler = p.iface("handler");
  REQUIRE(handler.functions.size() == 1);
  const Function& f = handler.functions.at_index(0).second;
  REQUIRE(f.params.size() == 2);
  // The params refer (through the `use` aliases) to the dependencies' types.
  const TypeDef& request = p.r().type(f.params[0].type.id());
  CHECK(request.name == "request");
  CHECK(request.kind == TypeDefKind::Alias);
  const TypeDef& target = p.r().type(request.element().id());
  CHECK(target.kind == TypeDefKind::Record);
  CHECK(target.owner == TypeOwner::interface(p.interface("types", "wasi:http")));
}

TEST_CASE("a dependency's own deps/ is not consulted") {
  auto p = resolve_dir({
      {"root.wit", "package demo:app;\ninterface i {\n  use demo:mid/m.{t};\n}\n"},
      {"deps/mid/m.wit", "package demo:mid;\ninterface m {\n  use demo:leaf/l.{t};\n}\n"},
      {"deps/mid/deps/leaf.wit", "package demo:leaf;\ninterface l {\n  type t = u8;\n}\n"},
  });
  REQUIRE(!p.errors.empty());
  CHECK(p.first_error() ==
        "deps/mid/m.wit:3:7: package 'demo:leaf' not found. known packages:\n    demo:mid");
}

TEST_CASE("nested package blocks are packages of their own") {
  auto p = resolve(R"(package demo:main;

package demo:shapes {
  interface geometry {
    record point { x: f32, y: f32 }
  }
}

package demo:render@1.0.0 {
  interface canvas {
    use demo:shapes/geometry.{point};
    draw: func(at: point);
  }
}

interface app {
  use demo:render/canvas@1.0.0.{point};
  run: func(origin: point);
}
)");
  REQUIRE(p.errors.empty());
  CHECK(package_names(p.r()) == std::vector<std::string>{"demo:shapes", "demo:render@1.0.0", "demo:main"});
  CHECK(p.main().name.to_string() == "demo:main");
  CHECK(interface_names(p.package("demo:render@1.0.0")) == std::vector<std::string>{"canvas"});
  CHECK(p.r().id_of(p.interface("canvas", "demo:render@1.0.0")) == "demo:render/canvas@1.0.0");
}

TEST_CASE("nested packages see their siblings only through full paths") {
  auto p = resolve(R"(package demo:main;

package demo:lib {
  interface base {
    type id = u32;
  }
}

interface user {
  use base.{id};
}
)");
  CHECK(p.first_error() == "root.wit:10:7: interface or world `base` does not exist");
  // Nor does a nested package see the top level of its file.
  auto q = resolve(R"(package demo:main;

interface base {
  type id = u32;
}

package demo:lib {
  interface user {
    use base.{id};
  }
}
)");
  CHECK(q.first_error() == "root.wit:9:9: interface or world `base` does not exist");
}

TEST_CASE("nested packages and the file's main package") {
  // A nested package may use the main package by its full path...
  auto p = resolve_file("package demo:app;\ninterface base {\n  type t = u8;\n}\npackage demo:lib {\n"
                        "  interface user {\n    use demo:app/base.{t};\n  }\n}\n");
  REQUIRE(p.errors.empty());
  CHECK(package_names(p.r()) == std::vector<std::string>{"demo:app", "demo:lib"});
  // ... but not if the main package also uses it.
  CHECK(resolve_file("package demo:app;\ninterface base {\n  use demo:lib/user.{t};\n}\npackage demo:lib {\n"
                     "  interface user {\n    use demo:app/base.{t};\n  }\n}\n")
            .first_error() == "test.wit:3:7: package `demo:lib` creates a dependency cycle");
  // What it names must exist there.
  CHECK(resolve_file("package demo:app;\npackage demo:lib {\n  interface user {\n    use demo:app/base.{t};\n  }\n}\n")
            .first_error() == "test.wit:4:18: interface 'base' not found in package 'demo:app'");
}

TEST_CASE("a package block inside a package block") {
  auto p = resolve_file("package demo:outer;\n\npackage demo:a {\n  package demo:b {}\n}\n");
  CHECK(p.first_error() == "test.wit:4:11: nested packages must be placed at the top-level");
}

TEST_CASE("missing package header") {
  auto p = resolve_dir({{"root.wit", "interface api {\n  f: func();\n}\n"}});
  REQUIRE(!p.errors.empty());
  CHECK(p.first_error() == "no `package` header was found in any WIT file for this package");
  CHECK(!p.first().span.known());
  CHECK(!p.result.ok());
  // Without a location, a note says which files make the package.
  REQUIRE(p.first().notes.size() == 1);
  CHECK(p.first().notes[0].rfind("this package is the `.wit` files directly in directory `", 0) == 0);
  // A nested package does not name the file's own package.
  auto q = resolve_file("package demo:inner {\n  interface a {}\n}\n\ninterface b {}\n");
  CHECK(q.first_error() == "no `package` header was found in any WIT file for this package");
  REQUIRE(q.first().notes.size() == 1);
  CHECK(q.first().notes[0].rfind("this package is the file `", 0) == 0);
  CHECK(q.first().notes[0].find("test.wit`") != std::string::npos);
  // Nor do the headers of dependencies.
  auto r = resolve_dir({
      {"root.wit", "interface b {}\n"},
      {"deps/x.wit", "package demo:x;\n"},
  });
  CHECK(r.first_error() == "no `package` header was found in any WIT file for this package");
}

TEST_CASE("package headers must agree across files") {
  auto p = resolve_dir({
      {"a.wit", "package demo:app@1.0.0;\ninterface a {}\n"},
      {"b.wit", "// second file\npackage demo:app@1.0.1;\ninterface b {}\n"},
  });
  CHECK(p.first_error() == "b.wit:2:9: package identifier `demo:app@1.0.1` does not match previous package name of "
                           "`demo:app@1.0.0`");
  auto q = resolve_dir({
      {"a.wit", "package demo:app;\n"},
      {"b.wit", "interface x {}\n"},
      {"c.wit", "package demo:other;\n"},
  });
  CHECK(q.first_error() ==
        "c.wit:1:9: package identifier `demo:other` does not match previous package name of `demo:app`");
}

TEST_CASE("package docs on two files") {
  auto p = resolve_dir({
      {"a.wit", "/// The application.\npackage demo:app;\n"},
      {"b.wit", "/// Also the application.\npackage demo:app;\ninterface x {}\n"},
  });
  CHECK(p.first_error() == "b.wit:1:1: found doc comments on multiple 'package' items");
  // Docs on one header only are the package's docs.
  auto q = resolve_dir({
      {"a.wit", "package demo:app;\n"},
      {"b.wit", "/// The application.\npackage demo:app;\n"},
  });
  REQUIRE(q.errors.empty());
  CHECK(q.main().docs.present);
  CHECK(q.main().docs.text() == "The application.");
}

TEST_CASE("the same package defined in two places") {
  auto p = resolve_dir({
      {"root.wit", "package demo:app;\ninterface i {\n  use demo:util/u.{t};\n}\n"},
      {"deps/util-a.wit", "package demo:util;\ninterface u {\n  type t = u8;\n}\n"},
      {"deps/util-b/u.wit", "package demo:util;\ninterface u {\n  type t = u8;\n}\n"},
  });
  REQUIRE(!p.errors.empty());
  // Reported at the later definition, with the earlier one as a label.
  CHECK(p.first_error() == "deps/util-b/u.wit:1:9: package `demo:util` is defined in two different locations");
  CHECK(p.errors.size() == 1);
  REQUIRE(p.first().secondary.size() == 1);
  Location other = p.r().sources.locate(p.first().secondary[0].span.start);
  CHECK(p.r().sources.file(other.file).path().ends_with("deps/util-a.wit"));
  CHECK(other.line == 1);
  CHECK(other.column == 9);
  // Nested blocks count too.
  auto q = resolve_file("package demo:app;\n\npackage demo:x {}\n\npackage demo:x {}\n");
  CHECK(q.first_error() == "test.wit:5:9: package `demo:x` is defined in two different locations");
}

TEST_CASE("package dependency cycle") {
  auto p = resolve_dir({
      {"root.wit", "package demo:app;\ninterface i {\n  use demo:left/l.{};\n}\n"},
      {"deps/left.wit", "package demo:left;\ninterface l {\n  use demo:right/r.{};\n}\n"},
      {"deps/right.wit", "package demo:right;\ninterface r {\n  use demo:left/l.{};\n}\n"},
  });
  // demo:app comes first by name; through it demo:left, then demo:right,
  // whose reference back to demo:left closes the cycle.
  CHECK(p.first_error() == "deps/right.wit:3:7: package `demo:left` creates a dependency cycle");
  // A package depending on itself through a nested block.
  auto q = resolve_file(R"(package demo:app;

package demo:a {
  interface x {
    use demo:b/y.{};
  }
}

package demo:b {
  interface y {
    use demo:a/x.{};
  }
}
)");
  CHECK(q.first_error() == "test.wit:5:9: package `demo:b` creates a dependency cycle");
}

TEST_CASE("unknown package: the message lists the packages known so far") {
  // The packages are linked in name order (dependencies first): the list
  // holds those already linked, and the failing package itself.
  Files files = {
      {"root.wit", "package zoo:app;\n\ninterface i {\n  use wasi:io/streams.{input-stream};\n}\n"},
      {"deps/io.wit", "package wasi:io@0.2.0;\ninterface streams {\n  resource input-stream;\n}\n"},
      {"deps/clocks.wit", "package wasi:clocks;\n"},
  };
  CHECK(resolve_dir(files).first_error() ==
        "root.wit:4:7: package 'wasi:io' not found. known packages:\n    wasi:clocks\n    wasi:io@0.2.0\n    zoo:app");
  // `demo:app` sorts before the deps, so nothing else is known yet.
  files["root.wit"] = "package demo:app;\n\ninterface i {\n  use wasi:io/streams.{input-stream};\n}\n";
  CHECK(resolve_dir(files).first_error() ==
        "root.wit:4:7: package 'wasi:io' not found. known packages:\n    demo:app");
  // Also from a world.
  auto q = resolve("package demo:app;\n\nworld w {\n  import wasi:cli/stdout;\n}\n");
  CHECK(q.first_error() == "root.wit:4:10: package 'wasi:cli' not found. known packages:\n    demo:app");
}

TEST_CASE("interface or world not found in a package") {
  auto with_dep = [](std::string root) {
    return resolve_dir({
        {"root.wit", std::move(root)},
        {"deps/http.wit", "package wasi:http;\n\ninterface types {\n  type code = u16;\n}\n\nworld proxy {}\n"},
    });
  };
  CHECK(with_dep("package demo:app;\ninterface i {\n  use wasi:http/handler.{};\n}\n").first_error() ==
        "root.wit:3:17: interface 'handler' not found in package 'wasi:http'");
  // A world is not an interface...
  CHECK(with_dep("package demo:app;\nworld w {\n  import wasi:http/proxy;\n}\n").first_error() ==
        "root.wit:3:20: interface 'proxy' not found in package 'wasi:http'");
  CHECK(with_dep("package demo:app;\nuse wasi:http/proxy;\n").first_error() ==
        "root.wit:2:15: interface 'proxy' not found in package 'wasi:http'");
  // ... and an interface is not a world.
  CHECK(with_dep("package demo:app;\nworld w {\n  include wasi:http/types;\n}\n").first_error() ==
        "root.wit:3:21: world 'types' not found in package 'wasi:http'");
  CHECK(with_dep("package demo:app;\nworld w {\n  include wasi:http/client;\n}\n").first_error() ==
        "root.wit:3:21: world 'client' not found in package 'wasi:http'");
  // A type missing from a found interface.
  CHECK(with_dep("package demo:app;\ninterface i {\n  use wasi:http/types.{code, method};\n}\n").first_error() ==
        "root.wit:3:30: type `method` not defined in interface");
}

TEST_CASE("package versions must match exactly") {
  Files files = {
      {"deps/io.wit", "package wasi:io@0.2.1;\ninterface poll {\n  resource pollable;\n}\n"},
  };
  files["root.wit"] = "package zoo:app;\ninterface i {\n  use wasi:io/poll@0.2.1.{pollable};\n}\n";
  auto ok = resolve_dir(files);
  CHECK(ok.errors.empty());
  // No semver-compatible fallback: 0.2.0 is not 0.2.1.
  files["root.wit"] = "package zoo:app;\ninterface i {\n  use wasi:io/poll@0.2.0.{pollable};\n}\n";
  CHECK(resolve_dir(files).first_error() ==
        "root.wit:3:7: package 'wasi:io@0.2.0' not found. known packages:\n    wasi:io@0.2.1\n    zoo:app");
  // Nor is an unversioned reference.
  files["root.wit"] = "package zoo:app;\ninterface i {\n  use wasi:io/poll.{pollable};\n}\n";
  CHECK(resolve_dir(files).first_error() ==
        "root.wit:3:7: package 'wasi:io' not found. known packages:\n    wasi:io@0.2.1\n    zoo:app");
  // Nor a reference with build metadata or a pre-release.
  files["root.wit"] = "package zoo:app;\ninterface i {\n  use wasi:io/poll@0.2.1-rc.{pollable};\n}\n";
  CHECK(resolve_dir(files).first_error() ==
        "root.wit:3:7: package 'wasi:io@0.2.1-rc' not found. known packages:\n    wasi:io@0.2.1\n    zoo:app");
}

TEST_CASE("packages are ordered by name, then by semver precedence") {
  // The failing package lists every package linked before it: all of them,
  // as it comes last by name.
  Files files = {{"root.wit", "package zzz:app;\ninterface i {\n  use missing:pkg/i.{};\n}\n"}};
  const char* versions[] = {"@1.0.0",  "@1.0.0-rc.1",  "@0.9.0",     "",           "@1.0.0+build.2",
                            "@1.0.0+build.10", "@1.0.0-alpha", "@1.0.0-alpha.1", "@1.0.0-10", "@1.0.0-9",
                            "@1.0.0+a"};
  int n = 0;
  for (const char* v : versions) files["deps/p" + std::to_string(n++) + ".wit"] = std::string("package lib:x") + v + ";\n";
  files["deps/other.wit"] = "package aaa:first;\n";
  CHECK(resolve_dir(files).first_error() ==
        "root.wit:3:7: package 'missing:pkg' not found. known packages:\n"
        "    aaa:first\n"
        "    lib:x\n"
        "    lib:x@0.9.0\n"
        "    lib:x@1.0.0-9\n"
        "    lib:x@1.0.0-10\n"
        "    lib:x@1.0.0-alpha\n"
        "    lib:x@1.0.0-alpha.1\n"
        "    lib:x@1.0.0-rc.1\n"
        "    lib:x@1.0.0\n"
        "    lib:x@1.0.0+a\n"
        "    lib:x@1.0.0+build.2\n"
        "    lib:x@1.0.0+build.10\n"
        "    zzz:app");
}

TEST_CASE("errors of dependency packages") {
  // A directory in deps/ is a package of its own: its headers must agree.
  auto p = resolve_dir({
      {"root.wit", "package demo:app;\n"},
      {"deps/lib/a.wit", "package demo:lib;\n"},
      {"deps/lib/b.wit", "package demo:lib2;\n"},
  });
  CHECK(p.first_error() == "deps/lib/b.wit:1:9: package identifier `demo:lib2` does not match previous package name of "
                           "`demo:lib`");
  // An empty directory has no header.
  auto q = resolve_dir({
      {"root.wit", "package demo:app;\n"},
      {"deps/empty/notes.txt", "nothing here"},
  });
  CHECK(q.first_error() == "no `package` header was found in any WIT file for this package");
  REQUIRE(q.first().notes.size() == 1);
  CHECK(q.first().notes[0].find("deps/empty`, which holds no `.wit` files") != std::string::npos);
  // The main package's errors come before those of its dependencies.
  auto r = resolve_dir({
      {"root.wit", "package demo:app;\ninterface i {\n  type t = missing-main;\n}\n"},
      {"deps/dep.wit", "package demo:dep;\ninterface j {\n  type t = missing-dep;\n}\n"},
  });
  CHECK(r.first_error() == "root.wit:3:12: type `missing-main` does not exist");
  // A dependency that fails leaves no main package.
  auto s = resolve_dir({
      {"root.wit", "package demo:app;\ninterface i {\n  use demo:dep/j.{t};\n}\n"},
      {"deps/dep.wit", "package demo:dep;\ninterface j {\n  type t = missing-dep;\n}\n"},
  });
  CHECK(s.first_error() == "deps/dep.wit:3:12: type `missing-dep` does not exist");
  CHECK(!s.result.ok());
}

TEST_CASE("many files, read and parsed on two threads, report in path order") {
  // From 64 files on, files enter the source map in the order their reading
  // ends; diagnostics and the model must not depend on it.
  Files files{{"a.wit", "package demo:many;\n"}};
  for (int i = 0; i < 90; ++i) {
    char name[16];
    std::snprintf(name, sizeof name, "f%02d.wit", i);
    files[name] = i % 30 == 7 ? "interface i" + std::to_string(i) + " {\n  f: func( -> ;\n}\n"
                              : "interface i" + std::to_string(i) + " {\n  type t = u8;\n}\n";
  }
  std::vector<std::string> first;
  for (int run = 0; run < 5; ++run) {
    auto p = resolve_dir(files);
    CHECK(p.result.files == 91);
    if (run == 0) first = p.errors;
    CHECK(p.errors == first);
  }
  CHECK(first == std::vector<std::string>{"f07.wit:2:12: expected an identifier or string, found `->`",
                                          "f37.wit:2:12: expected an identifier or string, found `->`",
                                          "f67.wit:2:12: expected an identifier or string, found `->`"});
  Files valid = files;
  for (auto& [name, text] : valid) {
    if (text.find("func(") != std::string::npos) text = "interface " + name.substr(0, 3) + " {}\n";
  }
  std::string json = resolve_dir(valid).json();
  for (int run = 0; run < 5; ++run) CHECK(resolve_dir(valid).json() == json);
}

TEST_CASE("a package read from memory resolves as the same package read from disk") {
  plumb::test::Files files = {
      {"root.wit", "package demo:app;\ninterface api { use wasi:io/streams@0.2.0.{input-stream}; f: func(s: borrow<input-stream>); }\n"},
      {"deps/io/streams.wit", "package wasi:io@0.2.0;\ninterface streams { resource input-stream; }\n"},
      {"deps/single.wit", "package demo:single;\ninterface one { type t = u8; }\n"},
  };
  auto memory = resolve_dir(files);
  auto disk = plumb::test::resolve_dir_on_disk(files);
  REQUIRE(memory.ok());
  REQUIRE(disk.ok());
  CHECK(memory.json() == disk.json());
  CHECK(memory.result.files == 3);
  // Errors point into the in-memory files by their paths.
  files["deps/single.wit"] = "package demo:single;\ninterface one { type t = u88; }\n";
  CHECK(resolve_dir(files).first_error() == "deps/single.wit:2:26: type `u88` does not exist");
}

TEST_CASE("in-memory sources list directories from the paths of their files") {
  MemorySources sources({{"wit/a.wit", "a"}, {"wit/deps/x/b.wit", "b"}, {"wit/deps/c.wasm", "c"}, {"top.wit", "t"}});
  std::error_code ec;
  CHECK(sources.kind_of("wit", ec) == SourceProvider::Kind::Directory);
  CHECK(sources.kind_of("wit/", ec) == SourceProvider::Kind::Directory);
  CHECK(sources.kind_of("wit/a.wit", ec) == SourceProvider::Kind::File);
  CHECK(sources.kind_of("wi", ec) == SourceProvider::Kind::Missing);
  CHECK(ec == std::errc::no_such_file_or_directory);
  std::vector<std::string> names;
  for (const auto& e : sources.list("wit/deps", ec)) names.push_back(e.path + (e.kind == SourceProvider::Kind::Directory ? "/" : ""));
  CHECK(names == std::vector<std::string>{"wit/deps/c.wasm", "wit/deps/x/"});
  sources.list("wit/a.wit", ec);
  CHECK(ec == std::errc::not_a_directory);
  SourceText text;
  int error = 0;
  CHECK(sources.read("wit/deps/x/b.wit", text, error));
  CHECK(text.view() == "b");
  CHECK_FALSE(sources.read("wit/deps", text, error));
  CHECK(error == EISDIR);
}
