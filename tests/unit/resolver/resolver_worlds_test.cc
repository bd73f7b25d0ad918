// Worlds: import/export names and conflicts, named imports of interfaces,
// elaboration (implicit imports of the interfaces used), includes with
// renames, and case-insensitive names.
#include <doctest/doctest.h>

#include "resolver_helpers.h"

using namespace plumb;
using plumb::test::resolve;
using plumb::test::resolve_dir;

namespace {

// The keys of a world's imports or exports: names as written, interfaces
// as their `ns:pkg/name` id (or "interface-N" for inline interfaces).
std::vector<std::string> keys(const Resolve& r, const IndexMap<WorldKey, WorldItem, WorldKeyHash>& items) {
  std::vector<std::string> out;
  for (const auto& [key, item] : items) {
    if (!key.is_interface) {
      out.push_back(std::string(key.name));
    } else if (!r.interface(key.interface).name.empty()) {
      out.push_back(r.id_of(key.interface));
    } else {
      out.push_back("interface-" + std::to_string(key.interface.index));
    }
  }
  return out;
}

using Keys = std::vector<std::string>;

}  // namespace

TEST_CASE("import and export names conflict within their own namespace") {
  // A function after a function, an interface or a type.
  CHECK(resolve("package demo:app;\n\nworld w {\n  import run: func();\n  import run: func(x: u32);\n}\n").first_error() ==
        "root.wit:5:10: import `run` conflicts with prior func of same name");
  CHECK(resolve("package demo:app;\n\nworld w {\n  export run: interface {}\n  export run: func();\n}\n").first_error() ==
        "root.wit:5:10: export `run` conflicts with prior interface of same name");
  CHECK(resolve("package demo:app;\n\nworld w {\n  type run = u32;\n  import run: func();\n}\n").first_error() ==
        "root.wit:5:10: import `run` conflicts with prior type of same name");
  // A world's `use`d types are imports too.
  CHECK(resolve("package demo:app;\ninterface types {\n  type config = string;\n}\n\nworld w {\n  use types.{config};\n"
                "  import config: interface {}\n}\n")
            .first_error() == "root.wit:8:10: import `config` conflicts with prior type of same name");
  // A named import of an interface.
  CHECK(resolve("package demo:app;\ninterface store {}\n\nworld w {\n  import cache: func();\n  import cache: store;\n}\n")
            .first_error() == "root.wit:6:10: import `cache` conflicts with prior func of same name");
  // A world's resource takes its methods' names among the imports.
  CHECK(resolve("package demo:app;\n\nworld w {\n  resource conn {\n    close: func();\n  }\n"
                "  import conn: func();\n}\n")
            .first_error() == "root.wit:7:10: import `conn` conflicts with prior type of same name");
  // Imports and exports are separate namespaces.
  auto ok = resolve("package demo:app;\n\nworld w {\n  import run: func();\n  export run: func();\n  type cfg = u8;\n"
                    "  export cfg: interface {}\n}\n");
  REQUIRE(ok.errors.empty());
  CHECK(keys(ok.r(), ok.w("w").imports) == Keys{"cfg", "run"});
  CHECK(keys(ok.r(), ok.w("w").exports) == Keys{"run", "cfg"});
}

TEST_CASE("an interface imported or exported twice") {
  const char* ifaces = "package demo:app;\n\ninterface store {}\n\n";
  CHECK(resolve(std::string(ifaces) + "world w {\n  import store;\n  import store;\n}\n").first_error() ==
        "root.wit:7:10: interface cannot be imported more than once");
  CHECK(resolve(std::string(ifaces) + "world w {\n  export store;\n  import store;\n  export store;\n}\n").first_error() ==
        "root.wit:8:10: interface cannot be exported more than once");
  // Named by its full path, the package's own interface makes the package
  // depend on itself.
  CHECK(resolve(std::string(ifaces) + "world w {\n  import store;\n  import demo:app/store;\n}\n").first_error() ==
        "root.wit:7:10: package `demo:app` creates a dependency cycle");
  // Both imported and exported is fine.
  auto p = resolve(std::string(ifaces) + "world w {\n  import store;\n  export store;\n}\n");
  REQUIRE(p.errors.empty());
  CHECK(keys(p.r(), p.w("w").imports) == Keys{"demo:app/store"});
  CHECK(keys(p.r(), p.w("w").exports) == Keys{"demo:app/store"});
}

TEST_CASE("named imports of interfaces") {
  auto p = resolve_dir({
      {"root.wit", "package demo:app;\n\ninterface store {\n  get: func(k: string) -> option<string>;\n}\n\n"
                   "world w {\n  import primary: store;\n  import replica: store;\n  import wasi:io/streams;\n"
                   "  import logs: wasi:io/streams;\n  export backup: store;\n}\n"},
      {"deps/io.wit", "package wasi:io;\ninterface streams {}\n"},
  });
  REQUIRE(p.errors.empty());
  const World& w = p.w("w");
  // Labels are kebab-name keys; the same interface may be imported under
  // several labels and by its path.
  CHECK(keys(p.r(), w.imports) == Keys{"primary", "replica", "wasi:io/streams", "logs"});
  CHECK(keys(p.r(), w.exports) == Keys{"backup"});
  const WorldItem* primary = w.imports.find(WorldKey::of_name("primary"));
  REQUIRE(primary);
  CHECK(primary->kind == WorldItemKind::Interface);
  CHECK(primary->interface == p.interface("store"));
  CHECK(w.imports.find(WorldKey::of_name("replica"))->interface == p.interface("store"));
  CHECK(w.imports.find(WorldKey::of_name("logs"))->interface == p.interface("streams", "wasi:io"));
  // A label must name an interface.
  CHECK(resolve("package demo:app;\nworld host {}\nworld w {\n  import h: host;\n}\n").first_error() ==
        "root.wit:4:13: name `host` is defined as a world, not an interface");
  CHECK(resolve("package demo:app;\nworld w {\n  import h: missing;\n}\n").first_error() ==
        "root.wit:3:13: interface or world `missing` does not exist");
}

TEST_CASE("elaboration imports the interfaces that imports use, dependencies first") {
  auto p = resolve(R"(package demo:app;

interface types {
  type id = u64;
}

interface errors {
  enum code { denied, missing }
}

interface store {
  use types.{id};
  use errors.{code};
  get: func(key: id) -> result<string, code>;
}

interface log {
  info: func(msg: string);
}

world service {
  import now: func() -> u64;
  use types.{id as key};
  import log;
  import store;
  type local = u8;
}
)");
  REQUIRE(p.errors.empty());
  const World& w = p.w("service");
  // By class: interfaces (each after its dependencies, in `use` order), then
  // `use`d types (after their interface), then other types, then functions.
  CHECK(keys(p.r(), w.imports) ==
        Keys{"demo:app/log", "demo:app/types", "demo:app/errors", "demo:app/store", "key", "local", "now"});
  // Implicit imports carry no docs.
  const WorldItem* types = w.imports.find(WorldKey::of_interface(p.interface("types")));
  REQUIRE(types);
  CHECK(!types->docs.present);
  CHECK(w.exports.empty());
}

TEST_CASE("elaboration of exports: dependencies are imported unless exported") {
  const char* ifaces = R"(package demo:app;

interface types {
  type id = u64;
}

interface store {
  use types.{id};
  get: func(key: id) -> string;
}

interface admin {
  use store.{id};
  wipe: func();
}

)";
  // `admin` needs `store` which needs `types`: both become imports.
  auto p = resolve(std::string(ifaces) + "world w {\n  export admin;\n  export ping: func();\n}\n");
  REQUIRE(p.errors.empty());
  CHECK(keys(p.r(), p.w("w").imports) == Keys{"demo:app/types", "demo:app/store"});
  // Functions first, then interfaces.
  CHECK(keys(p.r(), p.w("w").exports) == Keys{"ping", "demo:app/admin"});
  // An exported dependency is used as the export, and comes first.
  auto q = resolve(std::string(ifaces) + "world w {\n  export admin;\n  export store;\n}\n");
  REQUIRE(q.errors.empty());
  CHECK(keys(q.r(), q.w("w").imports) == Keys{"demo:app/types"});
  CHECK(keys(q.r(), q.w("w").exports) == Keys{"demo:app/store", "demo:app/admin"});
  // An inline exported interface using `store`.
  auto r = resolve(std::string(ifaces) + "world w {\n  export api: interface {\n    use store.{id};\n  }\n}\n");
  REQUIRE(r.errors.empty());
  CHECK(keys(r.r(), r.w("w").imports) == Keys{"demo:app/types", "demo:app/store"});
  CHECK(keys(r.r(), r.w("w").exports) == Keys{"api"});
}

TEST_CASE("an interface needed both imported and exported") {
  const char* ifaces = R"(package demo:app;

interface types {
  type id = u64;
}

interface store {
  use types.{id};
}

interface admin {
  use store.{id};
  use types.{id as raw};
}

)";
  // `admin` uses `types` both directly (exported) and through `store`
  // (imported, which needs `types` imported).
  // Reported at the world's name.
  CHECK(resolve(std::string(ifaces) + "world broken {\n  export types;\n  export admin;\n}\n").first_error() ==
        "root.wit:16:7: interface `demo:app/admin` transitively depends on an interface in incompatible ways");
  // Whatever the order of the exports.
  CHECK(resolve(std::string(ifaces) + "world broken {\n  export admin;\n  export types;\n}\n").first_error() ==
        "root.wit:16:7: interface `demo:app/admin` transitively depends on an interface in incompatible ways");
  // An inline interface is named by its label.
  CHECK(resolve(std::string(ifaces) +
                "world broken {\n  export types;\n  export extra: interface {\n    use store.{id};\n  }\n}\n")
            .first_error() == "root.wit:16:7: interface `extra` transitively depends on an interface in incompatible ways");
  // Importing `store` and exporting both is fine: the export of `store`
  // uses the exported `types`, the import the imported one.
  auto both = resolve(std::string(ifaces) + "world both {\n  import store;\n  export types;\n  export store;\n}\n");
  REQUIRE(both.errors.empty());
  CHECK(keys(both.r(), both.w("both").imports) == Keys{"demo:app/types", "demo:app/store"});
  CHECK(keys(both.r(), both.w("both").exports) == Keys{"demo:app/types", "demo:app/store"});
  // Exporting the whole chain is fine.
  auto ok = resolve(std::string(ifaces) + "world fine {\n  export types;\n  export store;\n  export admin;\n}\n");
  REQUIRE(ok.errors.empty());
  CHECK(ok.w("fine").imports.empty());
}

TEST_CASE("include copies the included world's items") {
  auto p = resolve(R"(package demo:app;

interface log {
  info: func(msg: string);
}

world base {
  import log;
  import now: func() -> u64;
  export run: func();
}

world app {
  include base;
  import extra: func();
}
)");
  REQUIRE(p.errors.empty());
  const World& app = p.w("app");
  CHECK(keys(p.r(), app.imports) == Keys{"demo:app/log", "extra", "now"});
  CHECK(keys(p.r(), app.exports) == Keys{"run"});
  CHECK(app.includes.empty());
  // An interface imported by both is imported once.
  auto q = resolve("package demo:app;\ninterface log {}\nworld a {\n  import log;\n}\nworld b {\n  import log;\n}\n"
                   "world both {\n  include a;\n  include b;\n  import log;\n}\n");
  REQUIRE(q.errors.empty());
  CHECK(keys(q.r(), q.w("both").imports) == Keys{"demo:app/log"});
}

TEST_CASE("include with renames") {
  auto p = resolve(R"(package demo:app;

world base {
  resource conn {
    constructor(url: string);
    send: func(data: list<u8>);
    open: static func() -> conn;
  }
  import connect: func() -> conn;
  export handle: func(c: borrow<conn>);
}

world app {
  include base with { conn as session, handle as serve }
}
)");
  REQUIRE(p.errors.empty());
  const World& app = p.w("app");
  // The resource and its functions are renamed, `[method]conn.send` too.
  CHECK(keys(p.r(), app.imports) == Keys{"session", "connect", "[constructor]session", "[method]session.send",
                                         "[static]session.open"});
  CHECK(keys(p.r(), app.exports) == Keys{"serve"});
  const WorldItem* session = app.imports.find(WorldKey::of_name("session"));
  REQUIRE(session);
  REQUIRE(session->kind == WorldItemKind::Type);
  // The world's own type is cloned into the including world.
  const TypeDef& cloned = p.r().type(session->type);
  CHECK(cloned.name == "session");
  CHECK(cloned.kind == TypeDefKind::Resource);
  CHECK(cloned.owner == TypeOwner::world(p.world("app")));
  CHECK(session->type != p.w("base").imports.find(WorldKey::of_name("conn"))->type);
  // Functions are renamed too.
  const WorldItem* send = app.imports.find(WorldKey::of_name("[method]session.send"));
  REQUIRE(send);
  CHECK(send->function.name == "[method]session.send");
  CHECK(send->function.resource == session->type);
  CHECK(app.exports.find(WorldKey::of_name("serve"))->function.name == "serve");
}

TEST_CASE("include renames must name a kebab-name import or export") {
  CHECK(resolve("package demo:app;\n\nworld base {\n  import now: func() -> u64;\n}\n\nworld app {\n"
                "  include base with { later as soon }\n}\n")
            .first_error() ==
        "root.wit:8:11: no import or export kebab-name `later`. Note that an ID does not support renaming");
  // An interface imported by path has no kebab-name.
  CHECK(resolve("package demo:app;\ninterface log {}\nworld base {\n  import log;\n}\nworld app {\n"
                "  include base with { log as logging }\n}\n")
            .first_error() ==
        "root.wit:7:11: no import or export kebab-name `log`. Note that an ID does not support renaming");
  // The first unknown name is reported.
  CHECK(resolve("package demo:app;\nworld base {\n  import a: func();\n}\nworld app {\n"
                "  include base with { a as b, c as d, e as f }\n}\n")
            .first_error() == "root.wit:6:11: no import or export kebab-name `c`. Note that an ID does not support renaming");
}

TEST_CASE("include shadowing") {
  // Two included worlds with one import name.
  CHECK(resolve("package demo:app;\nworld a {\n  import fetch: func();\n}\nworld b {\n  import fetch: func();\n}\n"
                "world app {\n  include a;\n  include b;\n}\n")
            .first_error() == "root.wit:10:11: import of `fetch` shadows previously imported items");
  // The including world's own item.
  CHECK(resolve("package demo:app;\nworld a {\n  export run: func();\n}\n"
                "world app {\n  export run: func();\n  include a;\n}\n")
            .first_error() == "root.wit:7:11: export of `run` shadows previously exported items");
  // A rename onto an existing name.
  CHECK(resolve("package demo:app;\nworld a {\n  import fetch: func();\n}\n"
                "world app {\n  import get: func();\n  include a with { fetch as get }\n}\n")
            .first_error() == "root.wit:7:11: import of `get` shadows previously imported items");
  // A rename avoids the clash.
  auto ok = resolve("package demo:app;\nworld a {\n  import fetch: func();\n}\nworld b {\n  import fetch: func();\n}\n"
                    "world app {\n  include a;\n  include b with { fetch as fetch-b }\n}\n");
  REQUIRE(ok.errors.empty());
  CHECK(keys(ok.r(), ok.w("app").imports) == Keys{"fetch", "fetch-b"});
}

TEST_CASE("kebab names are case-insensitive within imports and within exports") {
  auto p = resolve("package demo:app;\n\nworld api {\n  export get-user: func();\n  export GET-USER: func();\n}\n");
  REQUIRE(!p.errors.empty());
  CHECK(p.first_error() ==
        "export `GET-USER` in world `api` conflicts with export `get-user` (kebab-case identifiers are case-insensitive)");
  CHECK(!p.first().span.known());
  CHECK(resolve("package demo:app;\n\nworld api {\n  import LOG: interface {}\n  import log: func();\n}\n")
            .first_error() ==
        "import `log` in world `api` conflicts with import `LOG` (kebab-case identifiers are case-insensitive)");
  // Through an include.
  CHECK(resolve("package demo:app;\nworld a {\n  import FETCH-DATA: func();\n}\n"
                "world app {\n  import fetch-data: func();\n  include a;\n}\n")
            .first_error() ==
        "import `FETCH-DATA` in world `app` conflicts with import `fetch-data` (kebab-case identifiers are "
        "case-insensitive)");
  // An import and an export may differ only by case.
  CHECK(resolve("package demo:app;\n\nworld api {\n  import get-user: func();\n  export GET-USER: func();\n}\n")
            .errors.empty());
}
