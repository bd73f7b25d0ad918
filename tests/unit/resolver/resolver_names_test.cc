// Names: duplicate items, `use` paths and what they may name, cycles
// between interfaces, worlds and types, and unknown names.
#include <doctest/doctest.h>

#include "resolver_helpers.h"

using namespace plumb;
using plumb::test::resolve;
using plumb::test::resolve_dir;

TEST_CASE("duplicate interface and world names") {
  CHECK(resolve("package demo:app;\n\ninterface api {}\n\ninterface api {}\n").first_error() ==
        "root.wit:5:11: duplicate item named `api`");
  // Interfaces and worlds share one namespace.
  CHECK(resolve("package demo:app;\n\nworld api {}\ninterface api {}\n").first_error() ==
        "root.wit:4:11: duplicate item named `api`");
  CHECK(resolve("package demo:app;\n\ninterface api {}\nworld api {}\n").first_error() ==
        "root.wit:4:7: duplicate item named `api`");
  // Across the files of a package: reported in the later file.
  auto p = resolve_dir({
      {"a.wit", "package demo:app;\n\nworld cli {}\n"},
      {"b.wit", "// again\nworld cli {\n  export run: func();\n}\n"},
  });
  CHECK(p.first_error() == "b.wit:2:7: duplicate item named `cli`");
  // Nested packages have namespaces of their own.
  CHECK(resolve("package demo:app;\ninterface api {}\npackage demo:other {\n  interface api {}\n}\n").errors.empty());
}

TEST_CASE("duplicate names in one file") {
  // A top-level `use ... as` takes a name in its file.
  CHECK(resolve("package demo:app;\n\nuse store as cache;\n\ninterface store {}\ninterface cache {}\n").first_error() ==
        "root.wit:6:11: duplicate name `cache` in this file");
  // The use comes second.
  CHECK(resolve("package demo:app;\n\ninterface store {}\nworld cache {}\nuse store as cache;\n").first_error() ==
        "root.wit:5:14: duplicate name `cache` in this file");
  // Two top-level uses of one name.
  auto dup_use = resolve_dir({
      {"root.wit", "package demo:app;\nuse wasi:io/streams;\nuse demo:io/streams;\n"},
      {"deps/wasi-io.wit", "package wasi:io;\ninterface streams {}\n"},
      {"deps/demo-io.wit", "package demo:io;\ninterface streams {}\n"},
  });
  CHECK(dup_use.first_error() == "root.wit:3:13: duplicate name `streams` in this file");
  // The names of a `use` are local to its file: another file may reuse them.
  auto p = resolve_dir({
      {"a.wit", "package demo:app;\nuse wasi:io/streams as io;\ninterface a {\n  use io.{s};\n}\n"},
      {"b.wit", "use demo:io/streams as io;\ninterface b {\n  use io.{s};\n}\n"},
      {"deps/wasi-io.wit", "package wasi:io;\ninterface streams {\n  type s = u8;\n}\n"},
      {"deps/demo-io.wit", "package demo:io;\ninterface streams {\n  type s = u16;\n}\n"},
  });
  REQUIRE(p.errors.empty());
  const Resolve& r = p.r();
  const TypeDef& a = r.type(p.type("a", "s"));
  const TypeDef& b = r.type(p.type("b", "s"));
  CHECK(r.type(a.element().id()).owner == TypeOwner::interface(p.interface("streams", "wasi:io")));
  CHECK(r.type(b.element().id()).owner == TypeOwner::interface(p.interface("streams", "demo:io")));
  // ... and a name a file `use`s is not visible from the other files.
  auto q = resolve_dir({
      {"a.wit", "package demo:app;\ninterface base {}\nuse base as renamed;\n"},
      {"b.wit", "interface user {\n  use renamed.{};\n}\n"},
  });
  CHECK(q.first_error() == "b.wit:2:7: interface or world `renamed` does not exist");
}

TEST_CASE("top-level use takes no attributes") {
  CHECK(resolve("package demo:app;\n\n@unstable(feature = next)\nuse store as cache;\ninterface store {}\n").first_error() ==
        "root.wit:4:1: attributes not allowed on top-level use");
}

TEST_CASE("use of an unknown interface") {
  CHECK(resolve("package demo:app;\n\ninterface api {\n  use types.{id};\n}\n").first_error() ==
        "root.wit:4:7: interface or world `types` does not exist");
  CHECK(resolve("package demo:app;\n\nuse types;\n").first_error() ==
        "root.wit:3:5: interface or world `types` does not exist");
  // From a world, and from an inline interface of a world.
  CHECK(resolve("package demo:app;\n\nworld w {\n  use types.{id};\n}\n").first_error() ==
        "root.wit:4:7: interface or world `types` does not exist");
  CHECK(resolve("package demo:app;\n\nworld w {\n  import api: interface {\n    use types.{id};\n  }\n}\n")
            .first_error() == "root.wit:5:9: interface or world `types` does not exist");
  CHECK(resolve("package demo:app;\n\nworld w {\n  export types;\n}\n").first_error() ==
        "root.wit:4:10: interface or world `types` does not exist");
  CHECK(resolve("package demo:app;\n\nworld w {\n  include base;\n}\n").first_error() ==
        "root.wit:4:11: interface or world `base` does not exist");
}

TEST_CASE("use of a world where an interface is expected, and the reverse") {
  CHECK(resolve("package demo:app;\n\nworld host {}\n\ninterface api {\n  use host.{t};\n}\n").first_error() ==
        "root.wit:6:7: name `host` is defined as a world, not an interface");
  CHECK(resolve("package demo:app;\n\nworld host {}\n\nworld guest {\n  import host;\n}\n").first_error() ==
        "root.wit:6:10: name `host` is defined as a world, not an interface");
  CHECK(resolve("package demo:app;\n\nworld host {}\n\nworld guest {\n  use host.{t};\n}\n").first_error() ==
        "root.wit:6:7: name `host` is defined as a world, not an interface");
  CHECK(resolve("package demo:app;\n\ninterface api {}\n\nworld guest {\n  include api;\n}\n").first_error() ==
        "root.wit:6:11: name `api` is defined as an interface, not a world");
  // Through a top-level `use ... as`.
  CHECK(resolve("package demo:app;\n\nuse host as h;\nworld host {}\n\ninterface api {\n  use h.{t};\n}\n")
            .first_error() == "root.wit:7:7: name `h` is defined as a world, not an interface");
}

TEST_CASE("use of an unknown name or of a function") {
  const char* base = "package demo:app;\n\ninterface types {\n  type id = u64;\n  now: func() -> id;\n}\n\n";
  CHECK(resolve(std::string(base) + "interface api {\n  use types.{id, handle};\n}\n").first_error() ==
        "root.wit:9:18: name `handle` does not exist");
  CHECK(resolve(std::string(base) + "interface api {\n  use types.{now};\n}\n").first_error() ==
        "root.wit:9:14: cannot import function `now`");
  CHECK(resolve(std::string(base) + "world w {\n  use types.{id as ident, now as clock};\n}\n").first_error() ==
        "root.wit:9:27: cannot import function `now`");
  // Renaming makes a second import of one name fine...
  auto ok = resolve(std::string(base) + "interface api {\n  use types.{id, id as key};\n}\n");
  REQUIRE(ok.errors.empty());
  const Interface& api = ok.iface("api");
  REQUIRE(api.types.size() == 2);
  CHECK(api.types.at_index(0).first == "id");
  CHECK(api.types.at_index(1).first == "key");
  // ... but not the same name twice.
  CHECK(resolve(std::string(base) + "interface api {\n  use types.{id, id};\n}\n").first_error() ==
        "root.wit:9:18: name `id` is defined more than once");
}

TEST_CASE("use cycles between interfaces") {
  // An interface using itself.
  CHECK(resolve("package demo:app;\n\ninterface node {\n  use node.{id};\n  type id = u32;\n}\n").first_error() ==
        "root.wit:3:11: interface or world `node` depends on itself");
  // Two interfaces of one file: reported at the declaration of the first
  // one's dependency.
  CHECK(resolve("package demo:app;\n\ninterface left {\n  use right.{r};\n  type l = u8;\n}\n\n"
                "interface right {\n  use left.{l};\n  type r = u8;\n}\n")
            .first_error() == "root.wit:8:11: interface or world `right` depends on itself");
  // A three-step cycle: a -> b -> c -> a.
  CHECK(resolve("package demo:app;\ninterface a {\n  use b.{};\n}\ninterface b {\n  use c.{};\n}\n"
                "interface c {\n  use a.{};\n}\n")
            .first_error() == "root.wit:5:11: interface or world `b` depends on itself");
  // Across files the dependency is named where it is used.
  auto p = resolve_dir({
      {"left.wit", "package demo:app;\n\ninterface left {\n  use right.{r};\n  type l = u8;\n}\n"},
      {"right.wit", "interface right {\n  use left.{l};\n  type r = u8;\n}\n"},
  });
  CHECK(p.first_error() == "left.wit:4:7: interface or world `right` depends on itself");
  // Worlds using an interface do not take part in the ordering.
  CHECK(resolve("package demo:app;\nworld w {\n  use api.{t};\n  export api;\n}\ninterface api {\n  type t = u8;\n}\n")
            .errors.empty());
}

TEST_CASE("include cycles between worlds") {
  CHECK(resolve("package demo:app;\n\nworld w {\n  include w;\n}\n").first_error() ==
        "root.wit:3:7: interface or world `w` depends on itself");
  CHECK(resolve("package demo:app;\n\nworld host {\n  include guest;\n}\n\nworld guest {\n  include host;\n}\n")
            .first_error() == "root.wit:7:7: interface or world `guest` depends on itself");
}

TEST_CASE("unknown types") {
  // In type definitions (found while ordering them): "type".
  CHECK(resolve("package demo:app;\n\ninterface api {\n  record req {\n    body: bytes,\n  }\n}\n").first_error() ==
        "root.wit:5:11: type `bytes` does not exist");
  CHECK(resolve("package demo:app;\n\nworld w {\n  type pair = tuple<u8, octet>;\n}\n").first_error() ==
        "root.wit:4:25: type `octet` does not exist");
  // In functions: "name".
  CHECK(resolve("package demo:app;\n\ninterface api {\n  get: func(key: string) -> option<blob>;\n}\n")
            .first_error() == "root.wit:4:36: name `blob` does not exist");
  CHECK(resolve("package demo:app;\n\nworld w {\n  import get: func() -> value;\n}\n").first_error() ==
        "root.wit:4:25: name `value` does not exist");
  // A type of another interface must be `use`d first.
  CHECK(resolve("package demo:app;\ninterface types {\n  type id = u8;\n}\ninterface api {\n  f: func(x: id);\n}\n")
            .first_error() == "root.wit:6:14: name `id` does not exist");
}

TEST_CASE("old float type names get a help line") {
  auto p = resolve("package demo:app;\n\ninterface math {\n  type real = float64;\n}\n");
  CHECK(p.first_error() == "root.wit:4:15: type `float64` does not exist");
  CHECK(p.errors.size() == 1);
  REQUIRE(!p.diags.empty());
  REQUIRE(p.first().help.size() == 1);
  CHECK(p.first().help[0] ==
        "the `float64` type has been renamed to `f64` and is no longer accepted, but the `WIT_REQUIRE_F32_F64=0` "
        "environment variable can be used to temporarily disable this error");
  auto q = resolve("package demo:app;\n\ninterface math {\n  record point {\n    x: float32,\n  }\n}\n");
  CHECK(q.first_error() == "root.wit:5:8: type `float32` does not exist");
  REQUIRE(!q.diags.empty());
  REQUIRE(q.first().help.size() == 1);
  CHECK(q.first().help[0].starts_with("the `float32` type has been renamed to `f32`"));
  // Other unknown names have no help.
  auto r = resolve("package demo:app;\n\ninterface math {\n  type real = float;\n}\n");
  CHECK(r.first_error() == "root.wit:4:15: type `float` does not exist");
  REQUIRE(!r.diags.empty());
  CHECK(r.first().help.empty());
  // Nor do the old names in functions, which are only looked up.
  auto s = resolve("package demo:app;\n\ninterface math {\n  sqrt: func(x: float64) -> f64;\n}\n");
  CHECK(s.first_error() == "root.wit:4:17: name `float64` does not exist");
  REQUIRE(!s.diags.empty());
  CHECK(s.first().help.empty());
}

TEST_CASE("type cycles") {
  CHECK(resolve("package demo:app;\n\ninterface tree {\n  type node = node;\n}\n").first_error() ==
        "root.wit:4:15: type `node` depends on itself");
  // Through a record and a list: reported at the first definition's
  // reference to the second.
  CHECK(resolve("package demo:app;\n\ninterface tree {\n  record node {\n    children: list<children>,\n  }\n"
                "  type children = list<node>;\n}\n")
            .first_error() == "root.wit:5:20: type `children` depends on itself");
  CHECK(resolve("package demo:app;\n\ninterface tree {\n  variant expr {\n    lit(u32),\n    neg(option<expr>),\n"
                "  }\n}\n")
            .first_error() == "root.wit:6:16: type `expr` depends on itself");
  // Handles of resources are not cycles: a resource may name itself.
  CHECK(resolve("package demo:app;\n\ninterface tree {\n  resource node {\n    parent: func() -> option<node>;\n"
                "    children: func() -> list<node>;\n  }\n}\n")
            .errors.empty());
}

TEST_CASE("duplicate type, function and parameter names") {
  CHECK(resolve("package demo:app;\n\ninterface api {\n  type id = u32;\n  record id { x: u32 }\n}\n").first_error() ==
        "root.wit:5:10: name `id` is defined more than once");
  CHECK(resolve("package demo:app;\n\ninterface api {\n  run: func();\n  run: func(x: u32);\n}\n").first_error() ==
        "root.wit:5:3: name `run` is defined more than once");
  // Types and functions share a namespace.
  CHECK(resolve("package demo:app;\n\ninterface api {\n  enum run { fast, slow }\n  run: func();\n}\n").first_error() ==
        "root.wit:5:3: name `run` is defined more than once");
  CHECK(resolve("package demo:app;\n\ninterface api {\n  resource run;\n  run: func();\n}\n").first_error() ==
        "root.wit:5:3: name `run` is defined more than once");
  // A `use`d name counts too.
  CHECK(resolve("package demo:app;\ninterface types {\n  type id = u8;\n}\ninterface api {\n  use types.{id};\n"
                "  id: func();\n}\n")
            .first_error() == "root.wit:7:3: name `id` is defined more than once");
  CHECK(resolve("package demo:app;\ninterface types {\n  type id = u8;\n}\ninterface api {\n  use types.{id};\n"
                "  flags id { a }\n}\n")
            .first_error() == "root.wit:7:9: name `id` is defined more than once");
  // In a world: types share the namespace of the world's `use`s.
  CHECK(resolve("package demo:app;\n\nworld w {\n  type id = u8;\n  type id = u16;\n}\n").first_error() ==
        "root.wit:5:8: name `id` is defined more than once");
  // Parameters.
  CHECK(resolve("package demo:app;\n\ninterface api {\n  copy: func(src: string, dst: string, src: u32);\n}\n")
            .first_error() == "root.wit:4:40: param `src` is defined more than once");
  CHECK(resolve("package demo:app;\n\ninterface api {\n  resource file {\n    write: func(data: list<u8>, data: u64);\n"
                "  }\n}\n")
            .first_error() == "root.wit:5:33: param `data` is defined more than once");
  CHECK(resolve("package demo:app;\n\nworld w {\n  import copy: func(n: u32, n: u32);\n}\n").first_error() ==
        "root.wit:4:29: param `n` is defined more than once");
}

TEST_CASE("a function is not a type") {
  CHECK(resolve("package demo:app;\n\ninterface api {\n  now: func() -> u64;\n  later: func(after: now);\n}\n")
            .first_error() == "root.wit:5:22: cannot use function `now` as a type");
  CHECK(resolve("package demo:app;\n\ninterface api {\n  now: func() -> u64;\n  later: func() -> list<now>;\n}\n")
            .first_error() == "root.wit:5:25: cannot use function `now` as a type");
  // A world's functions are not in its type namespace at all.
  CHECK(resolve("package demo:app;\n\nworld w {\n  import now: func() -> u64;\n  export later: func(t: now);\n}\n")
            .first_error() == "root.wit:5:25: name `now` does not exist");
  // Type definitions are ordered before functions exist: the name is unknown.
  CHECK(resolve("package demo:app;\n\ninterface api {\n  now: func() -> u64;\n  type t = list<now>;\n}\n")
            .first_error() == "root.wit:5:17: type `now` does not exist");
  CHECK(resolve("package demo:app;\n\ninterface api {\n  now: func() -> u64;\n  record r {\n    at: now,\n  }\n}\n")
            .first_error() == "root.wit:6:9: type `now` does not exist");
}
