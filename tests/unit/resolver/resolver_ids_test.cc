// Ids and JSON: the arena order of the model (which the reference's ids and
// JSON follow) for a few small packages, so that order regressions show.
#include <doctest/doctest.h>

#include "resolver_helpers.h"

using namespace plumb;
using plumb::test::resolve;
using plumb::test::resolve_dir;
using plumb::test::with_features;

TEST_CASE("the exact JSON of a package with uses, resources and a world") {
  auto p = resolve(R"(package demo:kv;

interface types {
  type key = string;
  record entry {
    key: key,
    value: list<u8>,
  }
}

/// Buckets of entries.
interface store {
  use types.{entry};
  resource bucket {
    get: func(k: string) -> option<entry>;
  }
  open: func(name: string) -> bucket;
}

world host {
  import store;
  export ping: func();
}
)");
  INFO(p.first_error());
  REQUIRE(p.errors.empty());
  // Types in allocation order: each definition's anonymous types before it,
  // `use` aliases before the interface's own definitions, the method's
  // `self` borrow and the result's option while resolving functions, and
  // the implicit `own<bucket>` last, when linking updates the functions.
  CHECK(p.json() == R"({
  "worlds": [
    {
      "name": "host",
      "imports": {
        "interface-0": {
          "interface": {
            "id": 0
          }
        },
        "interface-1": {
          "interface": {
            "id": 1
          }
        }
      },
      "exports": {
        "ping": {
          "function": {
            "name": "ping",
            "kind": "freestanding",
            "params": []
          }
        }
      },
      "package": 0
    }
  ],
  "interfaces": [
    {
      "name": "types",
      "types": {
        "key": 0,
        "entry": 2
      },
      "functions": {},
      "package": 0
    },
    {
      "name": "store",
      "types": {
        "entry": 3,
        "bucket": 4
      },
      "functions": {
        "[method]bucket.get": {
          "name": "[method]bucket.get",
          "kind": {
            "method": 4
          },
          "params": [
            {
              "name": "self",
              "type": 5
            },
            {
              "name": "k",
              "type": "string"
            }
          ],
          "result": 6
        },
        "open": {
          "name": "open",
          "kind": "freestanding",
          "params": [
            {
              "name": "name",
              "type": "string"
            }
          ],
          "result": 7
        }
      },
      "docs": {
        "contents": "Buckets of entries."
      },
      "package": 0
    }
  ],
  "types": [
    {
      "name": "key",
      "kind": {
        "type": "string"
      },
      "owner": {
        "interface": 0
      }
    },
    {
      "name": null,
      "kind": {
        "list": "u8"
      },
      "owner": null
    },
    {
      "name": "entry",
      "kind": {
        "record": {
          "fields": [
            {
              "name": "key",
              "type": 0
            },
            {
              "name": "value",
              "type": 1
            }
          ]
        }
      },
      "owner": {
        "interface": 0
      }
    },
    {
      "name": "entry",
      "kind": {
        "type": 2
      },
      "owner": {
        "interface": 1
      }
    },
    {
      "name": "bucket",
      "kind": "resource",
      "owner": {
        "interface": 1
      }
    },
    {
      "name": null,
      "kind": {
        "handle": {
          "borrow": 4
        }
      },
      "owner": null
    },
    {
      "name": null,
      "kind": {
        "option": 3
      },
      "owner": null
    },
    {
      "name": null,
      "kind": {
        "handle": {
          "own": 4
        }
      },
      "owner": null
    }
  ],
  "packages": [
    {
      "name": "demo:kv",
      "interfaces": {
        "types": 0,
        "store": 1
      },
      "worlds": {
        "host": 0
      }
    }
  ]
})");
}

TEST_CASE("ids across three packages") {
  auto p = resolve_dir({
      {"root.wit", R"(package demo:app;

interface api {
  use wasi:io/streams.{pipe};
  use demo:kv/store.{bucket};
  read: func(s: borrow<pipe>) -> bucket;
}

world w {
  import api;
}
)"},
      {"deps/io.wit", "package wasi:io;\n\ninterface streams {\n  resource pipe;\n}\n"},
      {"deps/kv/store.wit", "package demo:kv;\n\ninterface store {\n  use wasi:io/streams.{pipe};\n  resource bucket;\n}\n"},
  });
  INFO(p.first_error());
  REQUIRE(p.errors.empty());
  const Resolve& r = p.r();
  // Packages: dependencies first (demo:app is first by name and visits its
  // dependencies in the order it names them).
  REQUIRE(r.packages.size() == 3);
  CHECK(r.packages[0].name.to_string() == "wasi:io");
  CHECK(r.packages[1].name.to_string() == "demo:kv");
  CHECK(r.packages[2].name.to_string() == "demo:app");
  CHECK(p.result.main->index == 2);
  // Interfaces in package order; references to foreign ones add none.
  REQUIRE(r.interfaces.size() == 3);
  CHECK(r.id_of(InterfaceId(0u)) == "wasi:io/streams");
  CHECK(r.id_of(InterfaceId(1u)) == "demo:kv/store");
  CHECK(r.id_of(InterfaceId(2u)) == "demo:app/api");
  CHECK(r.interfaces[1].package->index == 1);
  // Types: pipe, then demo:kv's alias and bucket, then demo:app's aliases,
  // the borrow, and the own handle of the result (made while linking
  // functions).
  REQUIRE(r.types.size() == 7);
  CHECK(r.types[0].name == "pipe");
  CHECK(r.types[0].kind == TypeDefKind::Resource);
  CHECK(r.types[1].name == "pipe");
  CHECK(r.types[1].kind == TypeDefKind::Alias);
  CHECK(r.types[1].element().id().index == 0);
  CHECK(r.types[1].owner == TypeOwner::interface(InterfaceId(1u)));
  CHECK(r.types[2].name == "bucket");
  CHECK(r.types[2].kind == TypeDefKind::Resource);
  CHECK(r.types[3].name == "pipe");
  CHECK(r.types[3].element().id().index == 0);
  CHECK(r.types[3].owner == TypeOwner::interface(InterfaceId(2u)));
  CHECK(r.types[4].name == "bucket");
  CHECK(r.types[4].element().id().index == 2);
  CHECK(r.types[5].kind == TypeDefKind::Handle);
  CHECK(r.types[5].handle == HandleKind::Borrow);
  CHECK(r.types[5].resource().index == 3);
  CHECK(r.types[6].kind == TypeDefKind::Handle);
  CHECK(r.types[6].handle == HandleKind::Own);
  CHECK(r.types[6].resource().index == 4);
  const Function& read = *r.interfaces[2].functions.find("read");
  CHECK(read.params[0].type.id().index == 5);
  CHECK(read.result->id().index == 6);
  // The world imports what `api` uses, in the order of its `use`s.
  const World& w = p.w("w");
  REQUIRE(w.imports.size() == 3);
  CHECK(w.imports.at_index(0).first == WorldKey::of_interface(InterfaceId(0u)));
  CHECK(w.imports.at_index(1).first == WorldKey::of_interface(InterfaceId(1u)));
  CHECK(w.imports.at_index(2).first == WorldKey::of_interface(InterfaceId(2u)));
}

TEST_CASE("ids follow dependency order, not source order") {
  auto p = resolve(R"(package demo:order;

world late {
  include early;
  import top;
}

interface top {
  use middle.{m};
  type t = list<m>;
}

world early {}

interface middle {
  use bottom.{b};
  type m = option<b>;
}

interface bottom {
  type b = u8;
}
)");
  INFO(p.first_error());
  REQUIRE(p.errors.empty());
  // Interfaces: each after what it uses; worlds: `early` before `late`.
  CHECK(p.interface("bottom").index == 0);
  CHECK(p.interface("middle").index == 1);
  CHECK(p.interface("top").index == 2);
  CHECK(p.world("early").index == 0);
  CHECK(p.world("late").index == 1);
  // Package maps follow arena order.
  CHECK(p.main().interfaces.at_index(0).first == "bottom");
  CHECK(p.main().worlds.at_index(0).first == "early");
  // Types: b, then middle's alias b and m, then top's alias m and t
  // (`type m = option<b>` is itself the option: no anonymous type).
  CHECK(p.type("bottom", "b").index == 0);
  CHECK(p.type("middle", "b").index == 1);
  CHECK(p.type("middle", "m").index == 2);
  CHECK(p.type("top", "m").index == 3);
  CHECK(p.type("top", "t").index == 4);
  CHECK(p.r().types.size() == 5);
  CHECK(p.r().type(TypeId(2u)).kind == TypeDefKind::Option);
  CHECK(p.r().type(TypeId(4u)).kind == TypeDefKind::List);
}

TEST_CASE("the exact JSON of feature gates") {
  const char* text = R"(package demo:gates@1.0.0;

interface api {
  @since(version = 1.0.0)
  @deprecated(version = 1.0.0)
  f: func();
  @unstable(feature = beta)
  type t = u8;
}
)";
  auto p = resolve(text, with_features({"beta"}));
  INFO(p.first_error());
  REQUIRE(p.errors.empty());
  CHECK(p.json() == R"({
  "worlds": [],
  "interfaces": [
    {
      "name": "api",
      "types": {
        "t": 0
      },
      "functions": {
        "f": {
          "name": "f",
          "kind": "freestanding",
          "params": [],
          "stability": {
            "stable": {
              "since": "1.0.0",
              "deprecated": "1.0.0"
            }
          }
        }
      },
      "package": 0
    }
  ],
  "types": [
    {
      "name": "t",
      "kind": {
        "type": "u8"
      },
      "owner": {
        "interface": 0
      },
      "stability": {
        "unstable": {
          "feature": "beta"
        }
      }
    }
  ],
  "packages": [
    {
      "name": "demo:gates@1.0.0",
      "interfaces": {
        "api": 0
      },
      "worlds": {}
    }
  ]
})");
  // Without the feature the type is gone.
  auto q = resolve(text);
  REQUIRE(q.errors.empty());
  CHECK(q.r().types.empty());
  CHECK(q.json().find("\"types\": []") != std::string::npos);
}

namespace {

// Whether `b` is `a` with every type id moved by `types` and every
// interface id by `interfaces` (the same package linked at another place).
bool same_shifted(Type a, Type b, uint32_t types) {
  return a.is_ref() ? b.is_ref() && b.id().index == a.id().index + types : a == b;
}

void check_same_types_shifted(const Resolve& alone, const Resolve& shifted, uint32_t types, uint32_t interfaces) {
  REQUIRE(shifted.types.size() == alone.types.size() + types);
  for (size_t i = 0; i < alone.types.size(); ++i) {
    const TypeDef& a = alone.types[i];
    const TypeDef& b = shifted.types[i + types];
    INFO("type " << i << " (" << a.name << ")");
    CHECK(a.name == b.name);
    CHECK(a.kind == b.kind);
    CHECK(a.handle == b.handle);
    const std::optional<Type> a1 = a.first_slot(), a2 = a.second_slot();
    const std::optional<Type> b1 = b.first_slot(), b2 = b.second_slot();
    CHECK(a1.has_value() == b1.has_value());
    CHECK(a2.has_value() == b2.has_value());
    if (a1 && b1) CHECK(same_shifted(*a1, *b1, types));
    if (a2 && b2) CHECK(same_shifted(*a2, *b2, types));
    REQUIRE(a.members.size() == b.members.size());
    for (size_t m = 0; m < a.members.size(); ++m) {
      CHECK(a.members[m].name == b.members[m].name);
      if (a.members[m].has_type) CHECK(same_shifted(a.members[m].type, b.members[m].type, types));
    }
    CHECK(a.owner.kind == b.owner.kind);
    if (a.owner.kind == TypeOwnerKind::Interface) CHECK(b.owner.index == a.owner.index + interfaces);
  }
  REQUIRE(shifted.interfaces.size() == alone.interfaces.size() + interfaces);
  for (size_t i = 0; i < alone.interfaces.size(); ++i) {
    const Interface& a = alone.interfaces[i];
    const Interface& b = shifted.interfaces[i + interfaces];
    REQUIRE(a.types.size() == b.types.size());
    for (size_t t = 0; t < a.types.size(); ++t) CHECK(b.types.at_index(t).second.index == a.types.at_index(t).second.index + types);
    REQUIRE(a.functions.size() == b.functions.size());
    for (size_t f = 0; f < a.functions.size(); ++f) {
      const Function& fa = a.functions.at_index(f).second;
      const Function& fb = b.functions.at_index(f).second;
      INFO("function " << fa.name);
      CHECK(fa.name == fb.name);
      REQUIRE(fa.params.size() == fb.params.size());
      for (size_t p = 0; p < fa.params.size(); ++p) CHECK(same_shifted(fa.params[p].type, fb.params[p].type, types));
      REQUIRE(fa.result.has_value() == fb.result.has_value());
      if (fa.result) CHECK(same_shifted(*fa.result, *fb.result, types));
    }
  }
}

}  // namespace

// The first package linked into an empty model keeps its types where the
// resolver made them (updated in place, while no id moves); a package
// linked after another's types is copied. Both ways give one model.
TEST_CASE("a package linked in place and the same package linked after another agree") {
  const std::string main = R"(package demo:main;

interface a {
  record plain { x: u32, l: list<string> }
  resource res {
    m: func();
  }
  record holder { r: res, o: option<res> }
  @unstable(feature = later)
  type gated = u8;
  record after { h: holder, t: tuple<res, u8> }
  f: func(r: res) -> result<holder, string>;
}

interface b {
  use a.{holder};
  g: func(h: holder) -> list<holder>;
}
)";
  const std::string dep = "package demo:dep;\n\ninterface d {\n  record x { y: u8 }\n}\n";
  for (bool feature : {false, true}) {
    INFO("feature `later` " << (feature ? "on" : "off"));
    ResolveOptions options = feature ? with_features({"later"}) : ResolveOptions{};
    auto alone = resolve(main, options);
    auto after_dep = resolve_dir({{"root.wit", main}, {"deps/dep.wit", dep}}, options);
    INFO(alone.first_error() << after_dep.first_error());
    REQUIRE(alone.errors.empty());
    REQUIRE(after_dep.errors.empty());
    REQUIRE(after_dep.r().packages[0].name.to_string() == "demo:dep");
    check_same_types_shifted(alone.r(), after_dep.r(), 1, 1);
    // The own handle of `res` is made when `option<res>` is linked, before
    // it: list<string>, plain, res, own<res>, option<own<res>>, holder ...
    const Resolve& r = alone.r();
    CHECK(r.types[2].kind == TypeDefKind::Resource);
    CHECK(r.types[3].kind == TypeDefKind::Handle);
    CHECK(r.types[3].handle == HandleKind::Own);
    CHECK(r.types[4].kind == TypeDefKind::Option);
    CHECK(r.types[4].element().id().index == 3);
    CHECK(alone.type("a", "holder").index == 5);
    CHECK(r.types[5].members[0].type.id().index == 3);
    // `gated` takes an id only when its feature is on.
    CHECK(alone.iface("a").types.contains("gated") == feature);
    CHECK(alone.type("a", "after").index == (feature ? 8u : 7u));
  }
}
