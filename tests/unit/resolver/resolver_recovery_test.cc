// Every independent mistake in one run: after an error the resolver carries
// on with what does not depend on the broken item, reports each mistake
// once, and never blames what only refers to a failed item. The first error
// stays the reference's (the conformance suite checks that across 150
// cases); these tests check what comes after it.
#include <doctest/doctest.h>

#include <string>

#include "resolver_helpers.h"

using namespace plumb;
using plumb::test::resolve;
using plumb::test::resolve_dir;
using plumb::test::Files;

namespace {

std::vector<std::string> messages(const plumb::test::ResolvedPackage& p) {
  std::vector<std::string> out;
  for (const Diagnostic& d : p.diags) out.push_back(d.message);
  return out;
}

}  // namespace

TEST_CASE("independent type errors in one interface are all reported") {
  auto p = resolve(
      "package demo:app;\n"
      "interface a {\n"
      "  type x = u46;\n"
      "  type y = strng;\n"
      "  record r { f1: strin, f2: u33, f3: u32 }\n"
      "}\n");
  CHECK(p.errors == std::vector<std::string>{
                        "root.wit:3:12: type `u46` does not exist",
                        "root.wit:4:12: type `strng` does not exist",
                        "root.wit:5:18: type `strin` does not exist",
                        "root.wit:5:29: type `u33` does not exist",
                    });
}

TEST_CASE("5000 bad aliases give 5000 errors") {
  std::string text = "package demo:app;\ninterface a {\n";
  // (Names far from each other: no "did you mean" to compute for each.)
  for (int i = 0; i < 5000; ++i) text += "  type t" + std::to_string(i) + " = undefined-name-" + std::to_string(i) + ";\n";
  text += "}\n";
  auto p = resolve(text);
  REQUIRE(p.errors.size() == 5000);
  CHECK(p.errors.front() == "root.wit:3:13: type `undefined-name-0` does not exist");
  CHECK(p.errors.back() == "root.wit:5002:16: type `undefined-name-4999` does not exist");
}

TEST_CASE("what refers to a failed type is not blamed again") {
  auto p = resolve(
      "package demo:app;\n"
      "interface a {\n"
      "  type x = strng;\n"
      "  type y = list<x>;\n"
      "  record r { f: x }\n"
      "  use-it: func(p: x) -> option<y>;\n"
      "}\n"
      "interface b {\n"
      "  use a.{x, y};\n"
      "  type z = tuple<x, y>;\n"
      "}\n");
  CHECK(p.errors == std::vector<std::string>{"root.wit:3:12: type `strng` does not exist"});
}

TEST_CASE("functions, parameters and world items are units of their own") {
  auto p = resolve(
      "package demo:app;\n"
      "interface a {\n"
      "  f: func(p: strng, q: u32, q: u8) -> result<u65>;\n"
      "  g: func();\n"
      "  g: func();\n"
      "  h: func(ok: u32);\n"
      "}\n"
      "world w {\n"
      "  import a;\n"
      "  import a;\n"
      "  export missing;\n"
      "  import k: func(x: bad);\n"
      "}\n");
  CHECK(messages(p) == std::vector<std::string>{
                           "name `strng` does not exist",
                           "param `q` is defined more than once",
                           "name `u65` does not exist",
                           "name `g` is defined more than once",
                           "interface cannot be imported more than once",
                           "interface or world `missing` does not exist",
                           "name `bad` does not exist",
                       });
}

TEST_CASE("a use of a missing name defines it, so later references are quiet") {
  auto p = resolve(
      "package demo:app;\n"
      "interface a { type x = u32; }\n"
      "interface b {\n"
      "  use a.{x, nope};\n"
      "  type t = nope;\n"
      "  type u = option<nope>;\n"
      "  type v = strng;\n"
      "}\n");
  CHECK(messages(p) == std::vector<std::string>{"name `nope` does not exist", "type `strng` does not exist"});
}

TEST_CASE("other interfaces can still check what they use from one with errors") {
  auto p = resolve(
      "package demo:app;\n"
      "interface a { type x = strng; type y = u32; }\n"
      "interface b { use a.{x, y, z}; }\n");
  CHECK(messages(p) == std::vector<std::string>{"type `strng` does not exist", "name `z` does not exist"});
}

TEST_CASE("errors in other packages are reported too") {
  auto p = resolve_dir({
      {"root.wit", "package demo:app;\ninterface a { type x = strng; }\n"},
      {"deps/other.wit", "package demo:other;\ninterface b { type y = u46; }\n"},
  });
  CHECK(messages(p) == std::vector<std::string>{"type `strng` does not exist", "type `u46` does not exist"});
}

TEST_CASE("duplicates point at the first definition") {
  auto p = resolve(
      "package demo:app;\n"
      "interface a {\n"
      "  type x = u32;\n"
      "  type x = u8;\n"
      "}\n"
      "interface a {}\n");
  REQUIRE(p.diags.size() == 2);
  // The duplicate interface is found first (when the package's items are
  // named), as the reference finds it; then the duplicate type.
  CHECK(p.diags[0].message == "duplicate item named `a`");
  REQUIRE(p.diags[0].secondary.size() == 1);
  CHECK(p.diags[0].secondary[0].message == "first defined here");
  CHECK(p.diags[1].message == "name `x` is defined more than once");
  REQUIRE(p.diags[1].secondary.size() == 1);
  Location first = p.r().sources.locate(p.diags[1].secondary[0].span.start);
  CHECK(first.line == 3);
}

TEST_CASE("a cycle shows its path and the rest is still checked") {
  auto p = resolve(
      "package demo:app;\n"
      "interface a {\n"
      "  type x = y;\n"
      "  type y = list<z>;\n"
      "  type z = option<x>;\n"
      "  type w = strng;\n"
      "}\n");
  // Unknown names are found before cycles, as the reference finds them.
  REQUIRE(p.diags.size() == 2);
  CHECK(p.diags[0].message == "type `strng` does not exist");
  CHECK(p.diags[1].code == DiagCode::DependencyCycle);
  CHECK(p.diags[1].notes == std::vector<std::string>{"the cycle: `y` -> `z` -> `x` -> `y`"});

  auto items = resolve(
      "package demo:app;\n"
      "interface a { use b.{t}; }\n"
      "interface b { use a.{u}; type t = u32; }\n"
      "interface c { type v = strng; }\n");
  REQUIRE(items.diags.size() == 2);
  CHECK(items.diags[0].notes == std::vector<std::string>{"the cycle: `b` -> `a` -> `b`"});
  CHECK(items.diags[1].message == "type `strng` does not exist");
}

TEST_CASE("a suggestion never points at a misspelt use") {
  Files deps = {{"deps/io.wit", "package wasi:io@0.2.0;\ninterface streams { resource input-stream; resource output-stream; }\n"}};
  auto with = [&](std::string root) {
    Files files = deps;
    files["root.wit"] = std::move(root);
    return resolve_dir(files);
  };
  // The use is misspelt and the later reference is right: the help says so,
  // and the misspelt use is reported as well.
  auto p = with("package demo:app;\ninterface a {\n  use wasi:io/streams@0.2.0.{input-stream, output-streem};\n"
                "  type t = output-stream;\n}\n");
  REQUIRE(p.diags.size() == 2);
  CHECK(p.diags[0].message == "type `output-stream` does not exist");
  CHECK(p.diags[0].help == std::vector<std::string>{
                               "`output-stream` is a type of `wasi:io/streams@0.2.0`, but the `use` (line 3) imports "
                               "it as `output-streem`: correct the name there"});
  CHECK(p.diags[1].message == "type `output-streem` not defined in interface");
  CHECK(p.diags[1].help == std::vector<std::string>{"interface `wasi:io/streams@0.2.0` has a type `output-stream`"});
  // The use is right and the reference misspelt: the usual hint.
  auto q = with("package demo:app;\ninterface a {\n  use wasi:io/streams@0.2.0.{output-stream};\n"
                "  type t = output-streem;\n}\n");
  REQUIRE(q.diags.size() == 1);
  CHECK(q.diags[0].help == std::vector<std::string>{"did you mean `output-stream`?"});
}

TEST_CASE("every name missing from a foreign interface is reported, with the closest real name") {
  auto p = resolve_dir({
      {"root.wit", "package demo:app;\ninterface a { use wasi:io/streams@0.2.0.{input-streem, output-streem}; }\n"},
      {"deps/io.wit", "package wasi:io@0.2.0;\ninterface streams { resource input-stream; resource output-stream; }\n"},
  });
  REQUIRE(p.diags.size() == 2);
  CHECK(p.diags[0].help == std::vector<std::string>{"interface `wasi:io/streams@0.2.0` has a type `input-stream`"});
  CHECK(p.diags[1].message == "type `output-streem` not defined in interface");
}

TEST_CASE("a reference excluded by a feature names the feature and the flag") {
  auto p = resolve(
      "package demo:app@1.0.0;\n"
      "interface a {\n"
      "  @unstable(feature = turbo)\n"
      "  type fast = u32;\n"
      "  type t = fast;\n"
      "}\n");
  REQUIRE(p.diags.size() == 1);
  CHECK(p.diags[0].code == DiagCode::FeatureExcluded);
  CHECK(p.diags[0].notes == std::vector<std::string>{"`fast` is gated by `@unstable(feature = turbo)`"});
  CHECK(p.diags[0].help == std::vector<std::string>{"enable the feature with `--features turbo` (or `--all-features`)"});
}

TEST_CASE("a short version explains that versions are full semver") {
  auto p = resolve("package demo:app@1.2;\ninterface a {}\n");
  REQUIRE(p.diags.size() == 1);
  CHECK(p.diags[0].code == DiagCode::InvalidVersion);
  CHECK(p.diags[0].help == std::vector<std::string>{"versions are full semantic versions (MAJOR.MINOR.PATCH): write `1.2.0`"});
}

TEST_CASE("include shadowing points at what it shadows and says how to rename") {
  auto p = resolve("package demo:app;\nworld base { import run: func(); }\nworld app {\n  import run: func();\n  include base;\n}\n");
  REQUIRE(p.diags.size() == 1);
  CHECK(p.diags[0].code == DiagCode::IncludeShadows);
  REQUIRE(p.diags[0].secondary.size() == 1);
  CHECK(p.diags[0].secondary[0].message == "first defined here");
  CHECK(p.r().sources.locate(p.diags[0].secondary[0].span.start).line == 4);
  CHECK(p.diags[0].help == std::vector<std::string>{"rename it where it is included: `include base with { run as other-name }`"});
}

TEST_CASE("a package cycle shows its path") {
  auto p = resolve(
      "package demo:a;\ninterface i { use demo:b/j.{t}; }\n"
      "package demo:b {\n  interface j { use demo:a/i.{u}; type t = u32; }\n}\n");
  REQUIRE(p.diags.size() == 1);
  CHECK(p.diags[0].code == DiagCode::PackageCycle);
  CHECK(p.diags[0].notes == std::vector<std::string>{"the cycle: `demo:b` -> `demo:a` -> `demo:b`"});
}

TEST_CASE("attributes on a nested package are one error, not two") {
  auto p = resolve("package a:b;\n@since(version = 1.0.0)\npackage x:y {\n  interface i {}\n}\n");
  CHECK(p.errors == std::vector<std::string>{"root.wit:3:1: cannot place attributes on nested packages"});
}
