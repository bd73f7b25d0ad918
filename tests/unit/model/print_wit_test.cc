// The canonical WIT printer on models built by hand: the layout rules that
// WIT text cannot always reach (docs with `\r\n`, external ids with any
// character) and the ones it can (keywords, `use` grouping, nesting).
#include <doctest/doctest.h>

#include <string>

#include "plumb/model/print_wit.h"

using namespace plumb;

namespace {

// A Resolve with package `ns:pkg` and an empty interface per name given.
struct Builder {
  Resolve r;

  PackageId package(std::string_view ns, std::string_view name) {
    Package pkg;
    pkg.name = PackageName{ns, name, std::nullopt};
    r.packages.push_back(pkg);
    return PackageId(r.packages.size() - 1);
  }
  InterfaceId interface(PackageId pkg, std::string_view name) {
    Interface iface;
    iface.name = name;
    iface.package = pkg;
    r.interfaces.push_back(iface);
    InterfaceId id(r.interfaces.size() - 1);
    r.package(pkg).interfaces.try_insert(name, id);
    return id;
  }
  TypeId type(InterfaceId owner, std::string_view name, TypeDefKind kind, Type element = Type()) {
    TypeDef ty;
    ty.name = name;
    ty.kind = kind;
    ty.set_element(element);
    ty.owner = TypeOwner::interface(owner);
    r.types.push_back(ty);
    TypeId id(r.types.size() - 1);
    r.interface(owner).types.try_insert(name, id);
    return id;
  }
  Function& function(InterfaceId owner, std::string_view name) {
    Function f;
    f.name = name;
    return *r.interface(owner).functions.try_insert(name, f).first;
  }
};

}  // namespace

TEST_CASE("names that are keywords are printed with %") {
  Builder b;
  PackageId pkg = b.package("ns", "world");
  InterfaceId iface = b.interface(pkg, "type");
  Function& f = b.function(iface, "list");
  f.params.push_back(Param{"record", Type::primitive(Type::U8), Span()});
  f.result = Type::primitive(Type::String);
  CHECK(print_wit(b.r, pkg, {}) ==
        "package ns:%world;\n\n"
        "interface %type {\n"
        "  %list: func(%record: u8) -> string;\n"
        "}\n\n");
}

TEST_CASE("docs are split into lines as the reference splits them") {
  Builder b;
  PackageId pkg = b.package("ns", "pkg");
  InterfaceId iface = b.interface(pkg, "i");
  b.r.interface(iface).docs = Docs("first\r\n\nthird\rstill third\n", true);
  Function& f = b.function(iface, "f");
  f.docs = Docs("", true);  // present but empty: no line
  Function& g = b.function(iface, "g");
  g.docs = Docs("one\n\n  two\r\n", true);  // indented, each line
  const std::string body =
      "interface i {\n  f: func();\n\n  /// one\n  ///\n  ///   two\n  g: func();\n}\n\n";
  CHECK(print_wit(b.r, pkg, {}) == "package ns:pkg;\n\n/// first\n///\n/// third\rstill third\n" + body);
  CHECK(print_wit(b.r, pkg, {}, WitPrintOptions{.docs = false}) ==
        "package ns:pkg;\n\ninterface i {\n  f: func();\n\n  g: func();\n}\n\n");
}

TEST_CASE("external ids escape all but a few ASCII characters") {
  Builder b;
  PackageId pkg = b.package("ns", "pkg");
  InterfaceId iface = b.interface(pkg, "i");
  Function& f = b.function(iface, "f");
  f.external_id = OptText("a-b_c.d/e:f g\"\\\n\t\xC3\xA9!", true);
  CHECK(print_wit(b.r, pkg, {}) ==
        "package ns:pkg;\n\ninterface i {\n"
        "  @external-id(\"a-b_c.d/e:f g\\\"\\\\\\n\\t\\u{e9}\\u{21}\")\n"
        "  f: func();\n}\n\n");
}

TEST_CASE("stability gates come before the item they gate") {
  Builder b;
  PackageId pkg = b.package("ns", "pkg");
  InterfaceId iface = b.interface(pkg, "i");
  Version one = *parse_version("1.0.0"), two = *parse_version("2.0.0-rc.1");
  b.r.interface(iface).stability = b.r.strings.add(StabilityGate{StabilityGate::Kind::Stable, &one, {}, &two});
  b.function(iface, "f").stability =
      b.r.strings.add(StabilityGate{StabilityGate::Kind::Unstable, nullptr, "fancy-feature", nullptr});
  CHECK(print_wit(b.r, pkg, {}) ==
        "package ns:pkg;\n\n"
        "@since(version = 1.0.0)\n@deprecated(version = 2.0.0-rc.1)\n"
        "interface i {\n  @unstable(feature = fancy-feature)\n  f: func();\n}\n\n");
}

TEST_CASE("uses of one interface share a statement until a gate differs") {
  Builder b;
  PackageId pkg = b.package("ns", "pkg");
  InterfaceId from = b.interface(pkg, "types");
  TypeId a = b.type(from, "a", TypeDefKind::Alias, Type::primitive(Type::U32));
  TypeId c = b.type(from, "c", TypeDefKind::Alias, Type::primitive(Type::U32));
  InterfaceId user = b.interface(pkg, "user");
  b.type(user, "a", TypeDefKind::Alias, Type::ref(a));
  b.type(user, "renamed", TypeDefKind::Alias, Type::ref(c));
  TypeId gated = b.type(user, "c", TypeDefKind::Alias, Type::ref(c));
  b.r.type(gated).stability = b.r.strings.add(StabilityGate{StabilityGate::Kind::Unstable, nullptr, "x", nullptr});
  b.type(user, "local", TypeDefKind::Alias, Type::ref(a));
  const std::string printed = print_wit(b.r, pkg, {});
  INFO(printed);
  CHECK(printed.find("interface user {\n"
                     "  use types.{a, c as renamed};\n"
                     "  @unstable(feature = x)\n"
                     "  use types.{c};\n"
                     "  use types.{a as local};\n}\n") != std::string::npos);
}

TEST_CASE("other packages are nested blocks, separated by a blank line") {
  Builder b;
  PackageId main = b.package("ns", "main");
  PackageId dep1 = b.package("ns", "one");
  b.interface(dep1, "i");
  PackageId dep2 = b.package("ns", "two");
  std::vector<PackageId> nested = nested_packages(b.r, main);
  CHECK(nested == std::vector<PackageId>{dep1, dep2});
  CHECK(print_wit(b.r, main, nested) ==
        "package ns:main;\n\n"
        "package ns:one {\n  interface i {\n  }\n}\n\n\n"
        "package ns:two {\n}\n");
}

TEST_CASE("printing to a sink hands on the same text in pieces of whole lines") {
  Builder b;
  PackageId main = b.package("ns", "main");
  std::vector<std::string> names;  // kept alive: the model holds views
  for (int i = 0; i < 8000; ++i) names.push_back("function-number-" + std::to_string(i));
  InterfaceId iface = b.interface(main, "big");
  for (const std::string& n : names) b.function(iface, n);
  PackageId dep = b.package("ns", "dep");
  b.interface(dep, "small");
  std::vector<PackageId> nested = nested_packages(b.r, main);
  const std::string whole = print_wit(b.r, main, nested);
  REQUIRE(whole.size() > 3 * 64 * 1024);
  std::vector<std::string> pieces;
  print_wit(b.r, main, nested, {}, [&](std::string_view piece) { pieces.emplace_back(piece); });
  REQUIRE(pieces.size() >= 3);
  std::string joined;
  for (const std::string& piece : pieces) {
    CHECK(piece.back() == '\n');
    CHECK(piece.size() <= 64 * 1024 + 256);
    joined += piece;
  }
  CHECK(joined == whole);
}
