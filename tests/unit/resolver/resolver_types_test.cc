// Types: handles and resources, empty variants and enums, map keys,
// constructors and resource functions, `borrow` in results, and the implicit
// `own` handles the model creates for resources used as values.
#include <doctest/doctest.h>

#include "resolver_helpers.h"

using namespace plumb;
using plumb::test::resolve;
using plumb::test::resolve_dir;
using plumb::test::Files;

namespace {

std::string iface(std::string body) { return "package demo:fs;\n\ninterface files {\n" + body + "}\n"; }

}  // namespace

TEST_CASE("handles must name resources") {
  CHECK(resolve(iface("  type fd = u32;\n  type h = borrow<fd>;\n")).first_error() ==
        "root.wit:5:19: type `fd` used in a handle must be a resource");
  CHECK(resolve(iface("  record stat { size: u64 }\n  type h = own<stat>;\n")).first_error() ==
        "root.wit:5:16: type `stat` used in a handle must be a resource");
  // In a function signature.
  CHECK(resolve(iface("  enum mode { read, write }\n  open: func(m: borrow<mode>);\n")).first_error() ==
        "root.wit:5:24: type `mode` used in a handle must be a resource");
  // A handle is not a resource either.
  CHECK(resolve(iface("  resource file;\n  type owned = own<file>;\n  type lent = borrow<owned>;\n")).first_error() ==
        "root.wit:6:22: type `owned` used in a handle must be a resource");
  // An unknown name in a handle.
  CHECK(resolve(iface("  type h = borrow<descriptor>;\n")).first_error() ==
        "root.wit:4:19: type `descriptor` does not exist");
  // A function is not a resource: when ordering types it is not a name at all.
  CHECK(resolve(iface("  close: func();\n  type h = own<close>;\n")).first_error() ==
        "root.wit:5:16: type `close` does not exist");
}

TEST_CASE("handles may name resources through aliases") {
  auto p = resolve(iface(
      "  resource file;\n  type f = file;\n  type g = f;\n  type lent = borrow<g>;\n  type owned = own<f>;\n"));
  REQUIRE(p.errors.empty());
  const Resolve& r = p.r();
  TypeId file = p.type("files", "file");
  // `type lent = borrow<g>` is itself the (named) handle.
  const TypeDef& lent = r.type(p.type("files", "lent"));
  CHECK(lent.kind == TypeDefKind::Handle);
  CHECK(lent.handle == HandleKind::Borrow);
  // The handle names the alias it was written with.
  CHECK(lent.resource() == p.type("files", "g"));
  const TypeDef& owned = r.type(p.type("files", "owned"));
  CHECK(owned.kind == TypeDefKind::Handle);
  CHECK(owned.handle == HandleKind::Own);
  CHECK(owned.resource() == p.type("files", "f"));
  CHECK(r.type(p.type("files", "g")).element().id() == p.type("files", "f"));
  CHECK(r.type(p.type("files", "f")).element().id() == file);
  // Through an alias of a foreign resource too.
  auto q = resolve_dir({
      {"root.wit", "package demo:app;\ninterface i {\n  use wasi:io/streams.{output-stream as out};\n"
                   "  type sink = out;\n  write: func(s: borrow<sink>, data: list<u8>);\n}\n"},
      {"deps/io.wit", "package wasi:io;\ninterface streams {\n  resource output-stream;\n}\n"},
  });
  CHECK(q.errors.empty());
}

TEST_CASE("handles of foreign types that are not resources") {
  Files files = {
      {"deps/io.wit", "package wasi:io;\ninterface streams {\n  type error-code = u16;\n}\n"},
  };
  files["root.wit"] = "package demo:app;\ninterface i {\n  use wasi:io/streams.{error-code};\n"
                      "  type h = own<error-code>;\n}\n";
  CHECK(resolve_dir(files).first_error() == "root.wit:4:16: type used in a handle must be a resource");
  // Through a local alias of the foreign type.
  files["root.wit"] = "package demo:app;\ninterface i {\n  use wasi:io/streams.{error-code};\n"
                      "  type code = error-code;\n  check: func(c: borrow<code>);\n}\n";
  CHECK(resolve_dir(files).first_error() == "root.wit:5:25: type used in a handle must be a resource");
}

TEST_CASE("empty variants and enums") {
  CHECK(resolve(iface("  variant outcome {}\n")).first_error() == "root.wit:4:11: empty variant");
  CHECK(resolve(iface("  enum mode {}\n")).first_error() == "root.wit:4:8: empty enum");
  CHECK(resolve("package demo:fs;\n\nworld w {\n  enum mode {}\n}\n").first_error() == "root.wit:4:8: empty enum");
  // Empty records, flags and tuples are the binary validator's business.
  auto p = resolve(iface("  record unit {}\n  flags none {}\n  type nothing = tuple<>;\n"));
  CHECK(p.errors.empty());
}

TEST_CASE("map keys must be primitive scalars or strings") {
  const char* ok_keys[] = {"bool", "u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64", "char", "string"};
  for (const char* key : ok_keys) {
    CAPTURE(key);
    CHECK(resolve(iface(std::string("  type m = map<") + key + ", list<u8>>;\n")).errors.empty());
  }
  const char* message =
      "invalid map key type: map keys must be bool, u8, u16, u32, u64, s8, s16, s32, s64, char, or string";
  CHECK(resolve(iface("  type m = map<f64, string>;\n")).first_error() == std::string("root.wit:4:12: ") + message);
  CHECK(resolve(iface("  type m = map<list<u8>, string>;\n")).first_error() ==
        std::string("root.wit:4:12: ") + message);
  CHECK(resolve(iface("  type m = map<option<string>, u32>;\n")).first_error() ==
        std::string("root.wit:4:12: ") + message);
  // An alias of a valid key type is still a named type, so it is refused.
  CHECK(resolve(iface("  type key = string;\n  type m = map<key, u32>;\n")).first_error() ==
        std::string("root.wit:5:12: ") + message);
  CHECK(resolve(iface("  resource file;\n  index: func(m: map<file, u32>);\n")).first_error() ==
        std::string("root.wit:5:18: ") + message);
  // Nested in another type.
  CHECK(resolve(iface("  type m = list<map<error-context, u8>>;\n")).first_error() ==
        std::string("root.wit:4:17: ") + message);
}

TEST_CASE("constructor results") {
  // No result, or result<R>, result<R, E>.
  auto ok = resolve(iface("  resource file {\n    constructor(path: string);\n  }\n"
                          "  resource dir {\n    constructor() -> result<dir>;\n  }\n"
                          "  resource link {\n    constructor() -> result<link, string>;\n  }\n"));
  REQUIRE(ok.errors.empty());
  const Interface& files = ok.iface("files");
  const Function* ctor = files.functions.find("[constructor]file");
  REQUIRE(ctor);
  CHECK(ctor->kind == FunctionKind::Constructor);
  REQUIRE(ctor->result);
  // Without a declared result a constructor returns an owned handle.
  const TypeDef& own = ok.r().type(ctor->result->id());
  CHECK(own.kind == TypeDefKind::Handle);
  CHECK(own.handle == HandleKind::Own);
  CHECK(own.resource() == ok.type("files", "file"));
  const Function* dir_ctor = files.functions.find("[constructor]dir");
  REQUIRE(dir_ctor);
  REQUIRE(dir_ctor->result);
  CHECK(ok.r().type(dir_ctor->result->id()).kind == TypeDefKind::Result);

  CHECK(resolve(iface("  resource file {\n    constructor() -> file;\n  }\n")).first_error() ==
        "root.wit:5:22: if a constructor return type is declared it must be a `result`");
  CHECK(resolve(iface("  resource file {\n    constructor() -> option<file>;\n  }\n")).first_error() ==
        "root.wit:5:22: if a constructor return type is declared it must be a `result`");
  // A named result type is a result...
  CHECK(resolve(iface("  resource dir;\n  type made = result<dir>;\n  resource file {\n    constructor() -> made;\n  }\n"))
            .first_error() == "root.wit:7:22: the `ok` type must be the resource being constructed");
  // ... but an alias of one is not.
  CHECK(resolve(iface("  resource file;\n  type made = result<file>;\n  type alias = made;\n"
                      "  resource dir {\n    constructor() -> alias;\n  }\n"))
            .first_error() == "root.wit:8:22: if a constructor return type is declared it must be a `result`");
  // The ok type must be the resource itself, not another one, nor nothing.
  CHECK(resolve(iface("  resource dir;\n  resource file {\n    constructor() -> result<dir, string>;\n  }\n"))
            .first_error() == "root.wit:6:29: the `ok` type must be the resource being constructed");
  CHECK(resolve(iface("  resource file {\n    constructor() -> result<_, string>;\n  }\n")).first_error() ==
        "root.wit:5:22: the `ok` type must be the resource being constructed");
  CHECK(resolve(iface("  resource file {\n    constructor() -> result;\n  }\n")).first_error() ==
        "root.wit:5:22: the `ok` type must be the resource being constructed");
  // An explicit `own<file>` is the resource itself.
  CHECK(resolve(iface("  resource file {\n    constructor() -> result<own<file>>;\n  }\n")).errors.empty());
  CHECK(resolve(iface("  resource file {\n    constructor() -> result<borrow<file>>;\n  }\n")).first_error() ==
        // A handle's span is its resource name's.
        "root.wit:5:36: the `ok` type must be the resource being constructed");
}

TEST_CASE("duplicate constructors and resource function names") {
  CHECK(resolve(iface("  resource file {\n    constructor();\n    constructor(path: string);\n  }\n")).first_error() ==
        "root.wit:6:5: duplicate constructors");
  CHECK(resolve(iface("  resource file {\n    read: func();\n    read: func(n: u64);\n  }\n")).first_error() ==
        "root.wit:6:5: duplicate function name `read`");
  // Methods and static functions share one namespace.
  CHECK(resolve(iface("  resource file {\n    open: static func() -> file;\n    open: func();\n  }\n")).first_error() ==
        "root.wit:6:5: duplicate function name `open`");
  // ... which is not the interface's: a method may share a name with a
  // freestanding function, and two resources may share method names.
  auto p = resolve(iface("  read: func();\n  resource file {\n    read: func();\n  }\n"
                         "  resource dir {\n    read: func();\n  }\n"));
  REQUIRE(p.errors.empty());
  const Interface& files = p.iface("files");
  std::vector<std::string> names;
  for (const auto& [name, f] : files.functions) names.push_back(std::string(name));
  CHECK(names == std::vector<std::string>{"read", "[method]file.read", "[method]dir.read"});
  // In a world.
  CHECK(resolve("package demo:fs;\n\nworld w {\n  resource file {\n    constructor();\n    constructor();\n  }\n}\n")
            .first_error() == "root.wit:6:5: duplicate constructors");
}

TEST_CASE("borrow may not appear in a function result") {
  CHECK(resolve(iface("  resource file;\n  current: func() -> borrow<file>;\n")).first_error() ==
        "root.wit:5:3: function `current` returns a type which contains a `borrow<T>` which is not supported");
  // Nested in anonymous types.
  CHECK(resolve(iface("  resource file;\n  all: func() -> option<list<tuple<string, borrow<file>>>>;\n")).first_error() ==
        "root.wit:5:3: function `all` returns a type which contains a `borrow<T>` which is not supported");
  CHECK(resolve(iface("  resource file;\n  try-open: func() -> result<_, borrow<file>>;\n")).first_error() ==
        "root.wit:5:3: function `try-open` returns a type which contains a `borrow<T>` which is not supported");
  // Through named types.
  CHECK(resolve(iface("  resource file;\n  record entry {\n    name: string,\n    file: borrow<file>,\n  }\n"
                      "  type entries = list<entry>;\n  list-dir: func() -> entries;\n"))
            .first_error() ==
        "root.wit:10:3: function `list-dir` returns a type which contains a `borrow<T>` which is not supported");
  CHECK(resolve(iface("  resource file;\n  variant found {\n    none,\n    some(borrow<file>),\n  }\n"
                      "  find: func() -> found;\n"))
            .first_error() == "root.wit:9:3: function `find` returns a type which contains a `borrow<T>` which is not supported");
  // Methods and static functions, with their mangled names.
  CHECK(resolve(iface("  resource file {\n    self-ref: func() -> borrow<file>;\n  }\n")).first_error() ==
        "root.wit:5:5: function `[method]file.self-ref` returns a type which contains a `borrow<T>` which is not "
        "supported");
  CHECK(resolve(iface("  resource file {\n    any: static func() -> option<borrow<file>>;\n  }\n")).first_error() ==
        "root.wit:5:5: function `[static]file.any` returns a type which contains a `borrow<T>` which is not "
        "supported");
  // World functions, imported and exported.
  CHECK(resolve("package demo:fs;\n\nworld w {\n  resource file;\n  import current: func() -> borrow<file>;\n}\n")
            .first_error() ==
        "root.wit:5:10: function `current` returns a type which contains a `borrow<T>` which is not supported");
  CHECK(resolve("package demo:fs;\n\nworld w {\n  resource file;\n  export current: func() -> list<borrow<file>>;\n}\n")
            .first_error() ==
        "root.wit:5:10: function `current` returns a type which contains a `borrow<T>` which is not supported");
  // Constructors and async methods too.
  CHECK(resolve(iface("  resource file {\n    constructor() -> result<file, borrow<file>>;\n  }\n")).first_error() ==
        "root.wit:5:5: function `[constructor]file` returns a type which contains a `borrow<T>` which is not "
        "supported");
  CHECK(resolve(iface("  resource file {\n    peer: async func() -> borrow<file>;\n  }\n")).first_error() ==
        "root.wit:5:5: function `[method]file.peer` returns a type which contains a `borrow<T>` which is not "
        "supported");
  // Through an alias of a borrow.
  CHECK(resolve(iface("  resource file;\n  type lent = borrow<file>;\n  peek: func(l: lent);\n  give: func() -> lent;\n"))
            .first_error() ==
        "root.wit:7:3: function `give` returns a type which contains a `borrow<T>` which is not supported");
  // In an inline interface of a world.
  CHECK(resolve("package demo:fs;\n\nworld w {\n  export api: interface {\n    resource file;\n"
                "    current: func() -> borrow<file>;\n  }\n}\n")
            .first_error() ==
        "root.wit:6:5: function `current` returns a type which contains a `borrow<T>` which is not supported");
  // Through a type of another package.
  auto p = resolve_dir({
      {"root.wit", "package demo:app;\ninterface i {\n  use demo:fs/files.{entry};\n  first: func() -> entry;\n}\n"},
      {"deps/fs.wit", iface("  resource file;\n  record entry {\n    file: borrow<file>,\n  }\n")},
  });
  CHECK(p.first_error() ==
        "root.wit:4:3: function `first` returns a type which contains a `borrow<T>` which is not supported");
  // Borrows are fine in params and in types that are not returned, and an
  // owned handle may be returned.
  auto ok = resolve(iface("  resource file {\n    copy-from: func(other: borrow<file>) -> file;\n  }\n"
                          "  record entry {\n    file: borrow<file>,\n  }\n  visit: func(e: entry) -> own<file>;\n"));
  CHECK(ok.errors.empty());
}

TEST_CASE("implicit own handles") {
  auto p = resolve(iface("  resource file;\n  type alias = file;\n  record holder {\n    f: file,\n  }\n"
                         "  open: func(path: string) -> file;\n  close: func(f: file);\n  keep: func(f: own<file>);\n"
                         "  peek: func(f: borrow<file>);\n  via: func(a: alias) -> alias;\n"));
  REQUIRE(p.errors.empty());
  const Resolve& r = p.r();
  TypeId file = p.type("files", "file");
  CHECK(r.type(file).kind == TypeDefKind::Resource);
  // `type alias = file` stays an alias of the resource.
  const TypeDef& alias = r.type(p.type("files", "alias"));
  CHECK(alias.kind == TypeDefKind::Alias);
  REQUIRE(alias.element().is_ref());
  CHECK(alias.element().id() == file);
  // A record field naming the resource gets an anonymous `own<file>`...
  const TypeDef& holder = r.type(p.type("files", "holder"));
  REQUIRE(holder.members.size() == 1);
  REQUIRE(holder.members[0].type.is_ref());
  TypeId own = holder.members[0].type.id();
  CHECK(own != file);
  const TypeDef& handle = r.type(own);
  CHECK(handle.kind == TypeDefKind::Handle);
  CHECK(handle.handle == HandleKind::Own);
  CHECK(handle.name.empty());
  CHECK(handle.resource() == file);
  // ... allocated on first need, just before the record.
  CHECK(own.index == file.index + 2);
  CHECK(p.type("files", "holder").index == own.index + 1);
  // Params and results use the same handle, as does an explicit `own<file>`.
  const Interface& files = p.iface("files");
  const Function& open = *files.functions.find("open");
  REQUIRE(open.result);
  CHECK(open.result->id() == own);
  CHECK(files.functions.find("close")->params[0].type.id() == own);
  CHECK(files.functions.find("keep")->params[0].type.id() == own);
  // A borrow is a handle of its own.
  TypeId borrow = files.functions.find("peek")->params[0].type.id();
  CHECK(borrow != own);
  CHECK(r.type(borrow).handle == HandleKind::Borrow);
  // A value of the alias type becomes an own handle too, one of its own
  // (handles are cached per referenced type): `own<alias>`.
  const Function& via = *files.functions.find("via");
  TypeId own_alias = via.params[0].type.id();
  CHECK(own_alias != own);
  CHECK(r.type(own_alias).kind == TypeDefKind::Handle);
  CHECK(r.type(own_alias).handle == HandleKind::Own);
  CHECK(r.type(own_alias).resource() == p.type("files", "alias"));
  CHECK(via.result->id() == own_alias);
  // Functions are updated after all types: the handle is the last type.
  CHECK(own_alias.index + 1 == r.types.size());
  size_t owns = 0;
  for (const TypeDef& t : r.types) owns += t.kind == TypeDefKind::Handle && t.handle == HandleKind::Own;
  CHECK(owns == 2);
}

TEST_CASE("implicit own handles of world resources and foreign resources") {
  auto p = resolve_dir({
      {"root.wit", "package demo:app;\n\nworld w {\n  use wasi:io/streams.{input-stream};\n  resource buffer;\n"
                   "  import read: func(s: input-stream) -> buffer;\n}\n"},
      {"deps/io.wit", "package wasi:io;\ninterface streams {\n  resource input-stream;\n}\n"},
  });
  REQUIRE(p.errors.empty());
  const Resolve& r = p.r();
  const World& w = p.w("w");
  const WorldItem* read = w.imports.find(WorldKey::of_name("read"));
  REQUIRE(read);
  REQUIRE(read->kind == WorldItemKind::Function);
  const Param& s = read->function.params[0];
  const TypeDef& own_stream = r.type(s.type.id());
  CHECK(own_stream.kind == TypeDefKind::Handle);
  CHECK(own_stream.handle == HandleKind::Own);
  // The handle names the world's `use` alias, which names the resource.
  const TypeDef& use_alias = r.type(own_stream.resource());
  CHECK(use_alias.kind == TypeDefKind::Alias);
  CHECK(use_alias.owner == TypeOwner::world(p.world("w")));
  CHECK(r.type(use_alias.element().id()).kind == TypeDefKind::Resource);
  const TypeDef& own_buffer = r.type(read->function.result->id());
  CHECK(own_buffer.kind == TypeDefKind::Handle);
  CHECK(r.type(own_buffer.resource()).name == "buffer");
  // World functions are updated last: their handles are the last types.
  CHECK(read->function.result->id().index + 1 == r.types.size());
  CHECK(s.type.id().index + 2 == r.types.size());
}

TEST_CASE("anonymous types are one type per structure, however many share a component") {
  // Twenty tuples whose newest component is `r` (more than are filed with
  // it before the rest go to the hash table), each written twice; plus
  // types of primitives only, and nested ones.
  std::string sig, again;
  const char* prims[] = {"u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64", "f32", "f64",
                         "bool", "char", "string"};
  for (int i = 0; i < 20; ++i) {
    std::string t = "tuple<" + std::string(prims[i % 13]) + (i >= 13 ? ", u8" : "") + ", r>";
    sig += "  f" + std::to_string(i) + ": func(x: " + t + ", y: list<" + t + ">);\n";
    again += "  g" + std::to_string(i) + ": func() -> option<list<" + t + ">>;\n  h" + std::to_string(i) +
             ": func(x: " + t + ");\n";
  }
  auto p = resolve(iface("  record r { x: u32 }\n" + sig + again +
                         "  k: func(a: list<string>, b: list<string>, c: result<u32, string>) -> result<u32, string>;\n"));
  REQUIRE(p.first_error().empty());
  // r, then per tuple: the tuple, its list, the option of that list; then
  // list<string> and result<u32, string>.
  CHECK(p.r().types.size() == 1 + 20 * 3 + 2);
  // Both uses of each tuple name the same type.
  const Interface& files = p.r().interfaces.back();
  for (int i = 0; i < 20; ++i) {
    const Function* f = files.functions.find("f" + std::to_string(i));
    const Function* h = files.functions.find("h" + std::to_string(i));
    REQUIRE(f);
    REQUIRE(h);
    CHECK(f->params[0].type == h->params[0].type);
  }
}
