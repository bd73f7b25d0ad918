// Binary WIT packages among the inputs: .wasm and .wat files in deps/ or
// named directly, their errors, and their feature gates.
#include <doctest/doctest.h>

#include <string>

#include "resolver_helpers.h"
#include "test_binaries.h"

using namespace plumb;
using plumb::test::kEmptyInterface;
using plumb::test::resolve_dir;

TEST_CASE("binary packages in deps/ come first and are used by WIT text") {
  auto p = resolve_dir({
      {"root.wit", "package app:main;\nworld w {\n  import d:d/d;\n  import text:dep/t;\n  use d:d/d.{thing};\n}\n"},
      {"deps/a-text.wit", "package text:dep;\ninterface t {}\n"},
      {"deps/d.wat", R"((component
        (type $d (component
          (export "d:d/d" (instance (type $thing u32) (export "thing" (type (eq $thing)))))))
        (export "d" (type $d))))"},
      {"deps/e.wasm", kEmptyInterface},
  });
  REQUIRE(p.errors.empty());
  REQUIRE(p.ok());
  // Binary packages are merged as deps/ is read, so they get the first ids.
  REQUIRE(p.r().packages.size() == 4);
  CHECK(p.r().packages[0].name.to_string() == "d:d");
  CHECK(p.r().packages[1].name.to_string() == "e:e");
  CHECK(p.r().packages[2].name.to_string() == "text:dep");
  CHECK(p.r().packages[3].name.to_string() == "app:main");
  CHECK(p.result.main->index == 3);
  const Interface& d = p.iface("d", "d:d");
  REQUIRE(d.types.size() == 1);
  CHECK(p.r().type(*d.types.find("thing")).kind == TypeDefKind::Alias);
  const World& w = p.w("w");
  CHECK(w.imports.size() == 3);
}

TEST_CASE("a .wat path is a package by itself") {
  plumb::test::TempDir dir;
  dir.write("pkg.wat", R"((component
    (type (component (export "a:b/x@2.0.0" (instance)))) (export "x" (type 0))
    (type (component (type (component (import "a:b/x@2.0.0" (instance)))) (export "a:b/w@2.0.0" (component (type 0)))))
    (export "w" (type 2))))");
  Diagnostics diags;
  ResolveResult res = resolve_path((dir.path() / "pkg.wat").string(), {}, diags);
  REQUIRE(!diags.has_errors());
  REQUIRE(res.ok());
  const Package& pkg = res.resolve->package(*res.main);
  CHECK(pkg.name.to_string() == "a:b@2.0.0");
  const World& w = res.resolve->world(*pkg.worlds.find("w"));
  REQUIRE(w.imports.size() == 1);
  CHECK(w.imports.at_index(0).first.interface == *pkg.interfaces.find("x"));
}

TEST_CASE("errors in binary packages name the file") {
  auto p = resolve_dir({
      {"root.wit", "package app:main;\nworld w {\n  import d:d/d;\n}\n"},
      {"deps/d.wat", "(component\n  (type (component (export \"d:d/d\" (instance (type $missing)))))\n)"},
  });
  REQUIRE(!p.errors.empty());
  CHECK(p.first_error() == "deps/d.wat:2:52: invalid WebAssembly text in [" +
                               p.first().message.substr(p.first().message.find('[') + 1,
                                                        p.first().message.find(']') - p.first().message.find('[') - 1) +
                               "]: unknown type: failed to find name `$missing`");
  CHECK(!p.result.ok());

  auto q = resolve_dir({
      {"root.wit", "package app:main;\nworld w {}\n"},
      {"deps/comp.wat", "(component)"},
  });
  REQUIRE(q.errors.size() == 1);
  CHECK(q.first_error().find("failed to decode WIT package [") == 0);
  CHECK(q.first_error().find("deps/comp.wat]: found an actual component instead of an encoded WIT package in wasm") !=
        std::string::npos);

  auto r = resolve_dir({
      {"root.wit", "package d:d;\ninterface d {}\n"},
      {"deps/d.wasm", std::string(kEmptyInterface).replace(kEmptyInterface.find("e:e/e"), 5, "d:d/d")},
  });
  REQUIRE(r.errors.size() == 1);
  CHECK(r.first_error() == "root.wit:1:9: package `d:d` is defined both here and by a binary package in deps/");
}

TEST_CASE("feature gates restored from package-docs apply when the package is merged") {
  // `f` is @unstable(feature = x): like the reference, merging drops it
  // unless the feature is enabled. `g` has @since and stays.
  const std::string wat = R"((component
    (type (component
      (type (instance (type (func)) (export "f" (func (type 0))) (export "g" (func (type 0)))))
      (export "g:g/i@1.0.0" (instance (type 0)))))
    (export "i" (type 0))
    (@custom "package-docs" "\01{\22interfaces\22:{\22i\22:{\22funcs\22:{\22f\22:{\22stability\22:{\22unstable\22:{\22feature\22:\22x\22}}},\22g\22:{\22stability\22:{\22stable\22:{\22since\22:\221.0.0\22}}}}}}}")))";
  auto without = resolve_dir({{"root.wit", "package app:main;\nworld w { import g:g/i@1.0.0; }\n"}, {"deps/g.wat", wat}});
  REQUIRE(without.ok());
  const Interface& i = without.iface("i", "g:g@1.0.0");
  REQUIRE(i.functions.size() == 1);
  CHECK(i.functions.at_index(0).first == "g");
  CHECK(i.functions.at_index(0).second.stability.kind() == Stability::Kind::Stable);

  auto with = resolve_dir({{"root.wit", "package app:main;\nworld w { import g:g/i@1.0.0; }\n"}, {"deps/g.wat", wat}},
                          plumb::test::with_features({"x"}));
  REQUIRE(with.ok());
  const Interface& j = with.iface("i", "g:g@1.0.0");
  REQUIRE(j.functions.size() == 2);
  CHECK(j.functions.find("f")->stability.feature() == "x");
}
