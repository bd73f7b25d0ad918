// Feature gates: @unstable items are left out unless their feature is
// enabled, references to left-out items are errors, @since needs a
// versioned package and a released version, and the attribute rules.
#include <doctest/doctest.h>

#include "resolver_helpers.h"

using namespace plumb;
using plumb::test::all_features;
using plumb::test::resolve;
using plumb::test::resolve_dir;
using plumb::test::with_features;

namespace {

std::vector<std::string> names(const IndexMap<std::string_view, TypeId>& types) {
  std::vector<std::string> out;
  for (const auto& [name, id] : types) out.push_back(std::string(name));
  return out;
}
std::vector<std::string> names(const IndexMap<std::string_view, Function>& functions) {
  std::vector<std::string> out;
  for (const auto& [name, f] : functions) out.push_back(std::string(name));
  return out;
}
template <class V>
std::vector<std::string> package_items(const IndexMap<std::string_view, V>& items) {
  std::vector<std::string> out;
  for (const auto& [name, id] : items) out.push_back(std::string(name));
  return out;
}
std::vector<std::string> keys(const IndexMap<WorldKey, WorldItem, WorldKeyHash>& items) {
  std::vector<std::string> out;
  for (const auto& [key, item] : items) out.push_back(key.is_interface ? "<interface>" : std::string(key.name));
  return out;
}

using Names = std::vector<std::string>;

const char* kGated = R"(package demo:gates;

interface api {
  type id = u32;
  @unstable(feature = turbo)
  type fast-id = u64;
  @unstable(feature = turbo)
  resource engine {
    @unstable(feature = turbo)
    constructor();
    @unstable(feature = turbo)
    start: func(speed: fast-id);
  }
  get: func(x: id) -> string;
  @unstable(feature = turbo)
  boost: func(x: fast-id);
  @unstable(feature = other)
  later: func();
}

@unstable(feature = turbo)
interface extras {
  @unstable(feature = turbo)
  type level = u8;
  tune: func(l: level);
}

world app {
  import api;
  @unstable(feature = turbo)
  import extras;
  @unstable(feature = turbo)
  import warp: func();
  export run: func();
}

@unstable(feature = turbo)
world fast {
  export run: func();
}
)";

}  // namespace

TEST_CASE("@unstable items are left out unless their feature is enabled") {
  auto off = resolve(kGated);
  REQUIRE(off.errors.empty());
  CHECK(package_items(off.main().interfaces) == Names{"api"});
  CHECK(package_items(off.main().worlds) == Names{"app"});
  CHECK(names(off.iface("api").types) == Names{"id"});
  CHECK(names(off.iface("api").functions) == Names{"get"});
  CHECK(keys(off.w("app").imports) == Names{"<interface>"});
  CHECK(keys(off.w("app").exports) == Names{"run"});
  // Left-out types and interfaces take no arena slots at all.
  CHECK(off.r().interfaces.size() == 1);
  for (const TypeDef& t : off.r().types) CHECK(t.name != "fast-id");

  auto on = resolve(kGated, with_features({"turbo"}));
  REQUIRE(on.errors.empty());
  CHECK(package_items(on.main().interfaces) == Names{"api", "extras"});
  CHECK(package_items(on.main().worlds) == Names{"app", "fast"});
  CHECK(names(on.iface("api").types) == Names{"id", "fast-id", "engine"});
  CHECK(names(on.iface("api").functions) ==
        Names{"[constructor]engine", "[method]engine.start", "get", "boost"});
  CHECK(names(on.iface("extras").types) == Names{"level"});
  CHECK(keys(on.w("app").imports) == Names{"<interface>", "<interface>", "warp"});
  // The stability is kept in the model.
  const TypeDef& fast_id = on.r().type(on.type("api", "fast-id"));
  CHECK(fast_id.stability.kind() == Stability::Kind::Unstable);
  CHECK(fast_id.stability.feature() == "turbo");
  CHECK(on.iface("extras").stability.feature() == "turbo");
  CHECK(on.r().type(on.type("api", "id")).stability.unknown());
  const WorldItem* extras = on.w("app").imports.find(WorldKey::of_interface(on.interface("extras")));
  REQUIRE(extras);
  CHECK(extras->stability.feature() == "turbo");

  // Several features, or all of them.
  auto both = resolve(kGated, with_features({"other", "turbo"}));
  REQUIRE(both.errors.empty());
  CHECK(names(both.iface("api").functions) ==
        Names{"[constructor]engine", "[method]engine.start", "get", "boost", "later"});
  auto all = resolve(kGated, all_features());
  REQUIRE(all.errors.empty());
  CHECK(names(all.iface("api").functions) == names(both.iface("api").functions));
  CHECK(all.json() == both.json());
  // A feature of another name enables nothing.
  auto other = resolve(kGated, with_features({"turbo-extra"}));
  CHECK(names(other.iface("api").functions) == Names{"get"});
}

TEST_CASE("references to left-out items") {
  // A type.
  CHECK(resolve("package demo:gates;\ninterface api {\n  @unstable(feature = turbo)\n  type fast = u64;\n"
                "  type alias = fast;\n}\n")
            .first_error() ==
        "root.wit:5:8: found a reference to a type which is excluded due to its feature not being activated");
  CHECK(resolve("package demo:gates;\ninterface api {\n  @unstable(feature = turbo)\n  type fast = u64;\n"
                "  variant speed {\n    slow,\n    quick(fast),\n  }\n}\n")
            .first_error() ==
        // Record fields are located by their name, variant cases by the variant's.
        "root.wit:5:11: found a reference to a type which is excluded due to its feature not being activated");
  // ... from a function that is not gated.
  CHECK(resolve("package demo:gates;\ninterface api {\n  @unstable(feature = turbo)\n  type fast = u64;\n"
                "  go: func(f: fast);\n}\n")
            .first_error() ==
        "root.wit:5:3: found a reference to a type which is excluded due to its feature not being activated");
  // A world.
  CHECK(resolve("package demo:gates;\n@unstable(feature = turbo)\nworld fast {}\nworld app {\n  include fast;\n}\n")
            .first_error() ==
        "root.wit:5:11: found a reference to a world which is excluded due to its feature not being activated");
  CHECK(resolve("package demo:gates;\ninterface api {\n  @unstable(feature = turbo)\n  type fast = u64;\n"
                "  record speed {\n    base: u32,\n    boost: fast,\n  }\n}\n")
            .first_error() ==
        "root.wit:7:5: found a reference to a type which is excluded due to its feature not being activated");
  // A type `use`d from a left-out interface: the `use` is a type referring
  // to a left-out type.
  CHECK(resolve("package demo:gates;\n@unstable(feature = turbo)\ninterface fast {\n  @unstable(feature = turbo)\n"
                "  type t = u8;\n}\ninterface api {\n  use fast.{t};\n}\n")
            .first_error() ==
        "root.wit:8:13: found a reference to a type which is excluded due to its feature not being activated");
  // An interface.
  CHECK(resolve("package demo:gates;\n@unstable(feature = turbo)\ninterface fast {}\nworld app {\n  import fast;\n}\n")
            .first_error() ==
        "root.wit:5:10: found a reference to a interface which is excluded due to its feature not being activated");
  // A gated interface's types must be gated too.
  CHECK(resolve("package demo:gates;\n\n@unstable(feature = turbo)\ninterface fast {\n  type level = u8;\n}\n")
            .first_error() ==
        "root.wit:5:8: found a reference to a interface which is excluded due to its feature not being activated; "
        "this type is not gated by a feature but its interface is");
  // A resource's functions, when the resource is gated and they are not.
  CHECK(resolve("package demo:gates;\ninterface api {\n  @unstable(feature = turbo)\n  resource engine {\n"
                "    stop: func();\n  }\n}\n")
            .first_error() ==
        "root.wit:5:5: found a reference to a type which is excluded due to its feature not being activated");
  // All of these resolve with the feature.
  CHECK(resolve("package demo:gates;\ninterface api {\n  @unstable(feature = turbo)\n  type fast = u64;\n"
                "  type alias = fast;\n  go: func(f: fast);\n}\n",
                with_features({"turbo"}))
            .errors.empty());
  CHECK(resolve("package demo:gates;\n\n@unstable(feature = turbo)\ninterface fast {\n  type level = u8;\n}\n",
                all_features())
            .errors.empty());
}

TEST_CASE("@since needs a versioned package and a released version") {
  auto ok = resolve("package demo:gates@1.2.0;\n\n@since(version = 1.2.0)\ninterface api {\n  @since(version = 1.0.0)\n"
                    "  type id = u32;\n}\n");
  REQUIRE(ok.errors.empty());
  const Interface& api = ok.iface("api");
  CHECK(api.stability.kind() == Stability::Kind::Stable);
  REQUIRE(api.stability.since());
  CHECK(api.stability.since()->to_string() == "1.2.0");
  // Never filters anything, and needs no feature.
  CHECK(api.types.size() == 1);

  CHECK(resolve("package demo:gates;\n\n@since(version = 1.0.0)\ninterface api {}\n").first_error() ==
        "root.wit:4:11: package [demo:gates] contains a feature gate with a version specifier, so it must have a "
        "version");
  CHECK(resolve("package demo:gates;\ninterface api {\n  @since(version = 0.1.0)\n  run: func();\n}\n").first_error() ==
        "root.wit:4:3: package [demo:gates] contains a feature gate with a version specifier, so it must have a "
        "version");
  CHECK(resolve("package demo:gates@1.2.0;\ninterface api {\n  @since(version = 1.3.0)\n  type id = u32;\n}\n")
            .first_error() ==
        "root.wit:4:8: feature gate cannot reference unreleased version 1.3.0 of package [demo:gates@1.2.0] (current "
        "version 1.2.0)");
  // A pre-release is before its release.
  CHECK(resolve("package demo:gates@1.0.0-rc.1;\n\nworld w {\n  @since(version = 1.0.0)\n  export run: func();\n}\n")
            .first_error() ==
        "root.wit:5:10: feature gate cannot reference unreleased version 1.0.0 of package [demo:gates@1.0.0-rc.1] "
        "(current version 1.0.0-rc.1)");
  CHECK(resolve("package demo:gates@1.0.0;\n\nworld w {\n  @since(version = 1.0.0-rc.1)\n  export run: func();\n}\n")
            .errors.empty());
}

TEST_CASE("@deprecated needs @since or @unstable") {
  CHECK(resolve("package demo:gates@2.0.0;\n\n@deprecated(version = 1.5.0)\ninterface old {}\n").first_error() ==
        "root.wit:3:2: cannot specify both @deprecated without @since or @unstable");
  CHECK(resolve("package demo:gates@2.0.0;\ninterface api {\n  @deprecated(version = 1.5.0)\n  old: func();\n}\n")
            .first_error() == "root.wit:3:4: cannot specify both @deprecated without @since or @unstable");
  auto ok = resolve("package demo:gates@2.0.0;\ninterface api {\n  @since(version = 1.0.0)\n  @deprecated(version = 1.5.0)\n"
                    "  old: func();\n  @unstable(feature = next)\n  @deprecated(version = 2.0.0)\n  newer: func();\n}\n",
                    with_features({"next"}));
  REQUIRE(ok.errors.empty());
  const Function& old = *ok.iface("api").functions.find("old");
  CHECK(old.stability.kind() == Stability::Kind::Stable);
  REQUIRE(old.stability.deprecated());
  CHECK(old.stability.deprecated()->to_string() == "1.5.0");
  const Function& newer = *ok.iface("api").functions.find("newer");
  CHECK(newer.stability.kind() == Stability::Kind::Unstable);
  REQUIRE(newer.stability.deprecated());
  CHECK(newer.stability.deprecated()->to_string() == "2.0.0");
}

TEST_CASE("@since and @unstable together") {
  CHECK(resolve("package demo:gates@1.0.0;\n\n@unstable(feature = next)\n@since(version = 1.0.0)\ninterface api {}\n")
            .first_error() == "root.wit:4:2: cannot specify both @since and @unstable");
  CHECK(resolve("package demo:gates@1.0.0;\nworld w {\n  @since(version = 1.0.0)\n  @unstable(feature = next)\n"
                "  import run: func();\n}\n")
            .first_error() == "root.wit:3:4: cannot specify both @since and @unstable");
}

TEST_CASE("an attribute given twice") {
  CHECK(resolve("package demo:gates@1.0.0;\n\n@since(version = 1.0.0)\n@since(version = 0.9.0)\ninterface api {}\n")
            .first_error() == "root.wit:4:2: cannot specify @since twice");
  CHECK(resolve("package demo:gates;\ninterface api {\n  @unstable(feature = a)\n  @unstable(feature = b)\n  type t = u8;\n}\n")
            .first_error() == "root.wit:4:4: cannot specify @unstable twice");
  CHECK(resolve("package demo:gates@1.0.0;\ninterface api {\n  @since(version = 1.0.0)\n  @deprecated(version = 1.0.0)\n"
                "  @deprecated(version = 1.0.0)\n  f: func();\n}\n")
            .first_error() == "root.wit:5:4: cannot specify @deprecated twice");
}

TEST_CASE("include: an interface imported with two different stabilities") {
  // The including world imports `log` as stable, the included one as
  // unstable: the reference reports the mismatch, with no location (the
  // elaborated import has no span).
  const char* text = R"(package demo:gates@1.0.0;

interface log {}

world base {
  @unstable(feature = next)
  import log;
}

world app {
  @since(version = 1.0.0)
  import log;
  include base;
}
)";
  // Without the feature the included import is left out: no conflict.
  CHECK(resolve(text).errors.empty());
  // The same stability on both sides is fine.
  auto same = resolve("package demo:gates@1.0.0;\ninterface log {}\nworld base {\n  @since(version = 1.0.0)\n"
                      "  import log;\n}\nworld app {\n  @since(version = 1.0.0)\n  import log;\n  include base;\n}\n");
  CHECK(same.errors.empty());
  // An unknown stability takes the other one.
  auto inherit = resolve("package demo:gates@1.0.0;\ninterface log {}\nworld base {\n  @since(version = 1.0.0)\n"
                         "  import log;\n}\nworld app {\n  import log;\n  include base;\n}\n");
  REQUIRE(inherit.errors.empty());
  const WorldItem* log = inherit.w("app").imports.find(WorldKey::of_interface(inherit.interface("log")));
  REQUIRE(log);
  CHECK(log->stability.kind() == Stability::Kind::Stable);
}

// The reference prints the stabilities with Rust's Debug formatting, in
// which a semver Version is a struct (`Version { major: 1, minor: 0, patch:
// 0 }`, with `pre: Prerelease("rc")` / `build: BuildMetadata("b")` when set).
TEST_CASE("include: stability mismatch message") {
  const char* text = R"(package demo:gates@1.0.0;

interface log {}

world base {
  @unstable(feature = next)
  import log;
}

world app {
  @since(version = 1.0.0)
  import log;
  include base;
}
)";
  auto p = resolve(text, with_features({"next"}));
  REQUIRE(!p.errors.empty());
  CHECK(p.first_error() ==
        "mismatch in stability from 'Unstable { feature: \"next\", deprecated: None }' to 'Stable { since: Version { "
        "major: 1, minor: 0, patch: 0 }, deprecated: None }'");
  CHECK(!p.first().span.known());
  auto q = resolve(R"(package demo:gates@1.0.0-rc.1;

interface log {}

world base {
  @unstable(feature = next)
  @deprecated(version = 0.9.0-alpha+b7)
  import log;
}

world app {
  @since(version = 0.1.0)
  import log;
  include base;
}
)",
                   with_features({"next"}));
  CHECK(q.first_error() ==
        "mismatch in stability from 'Unstable { feature: \"next\", deprecated: Some(Version { major: 0, minor: 9, "
        "patch: 0, pre: Prerelease(\"alpha\"), build: BuildMetadata(\"b7\") }) }' to 'Stable { since: Version { "
        "major: 0, minor: 1, patch: 0 }, deprecated: None }'");
}
