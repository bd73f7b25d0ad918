// The resolved model on its own, built by hand: package names and ids, the
// feature gates, and the interface a type is a `use` of.
#include <doctest/doctest.h>

#include <string>

#include "plumb/diagnostics/diagnostic_error.h"
#include "plumb/model/elaborate.h"

using namespace plumb;

namespace {

// A Resolve with one package `ns:pkg@<version>` holding interface `i`.
Resolve one_package(std::optional<Version> version) {
  Resolve r;
  Package pkg;
  pkg.name = PackageName{"ns", "pkg", version};
  r.packages.push_back(pkg);
  Interface iface;
  iface.name = "i";
  iface.package = PackageId(0u);
  r.interfaces.push_back(iface);
  r.packages[0].interfaces.try_insert("i", InterfaceId(0u));
  return r;
}

}  // namespace

TEST_CASE("package names print and order as the reference's") {
  PackageName plain{"a", "b", std::nullopt};
  PackageName versioned{"a", "b", parse_version("1.2.3").value()};
  CHECK(plain.to_string() == "a:b");
  CHECK(versioned.to_string() == "a:b@1.2.3");
  CHECK(versioned.id_of("i") == "a:b/i@1.2.3");
  CHECK(plain < versioned);  // no version before any version
  Resolve r = one_package(parse_version("0.1.0").value());
  CHECK(r.id_of(InterfaceId(0u)) == "ns:pkg/i@0.1.0");
}

TEST_CASE("feature gates include what is enabled and check versions") {
  Resolve r = one_package(parse_version("1.0.0").value());
  Strings strings;
  CHECK(include_stability(r, Stability(), PackageId(0u), Span()));
  Stability unstable = strings.add(StabilityGate{StabilityGate::Kind::Unstable, nullptr, "x", nullptr});
  CHECK_FALSE(include_stability(r, unstable, PackageId(0u), Span()));
  r.features.insert("x");
  CHECK(include_stability(r, unstable, PackageId(0u), Span()));

  Stability later = strings.add(StabilityGate{StabilityGate::Kind::Stable, strings.add(*parse_version("2.0.0")), {}, nullptr});
  try {
    include_stability(r, later, PackageId(0u), Span());
    FAIL("a gate past the package's version is accepted");
  } catch (const DiagnosticError& e) {
    CHECK(e.diag.message ==
          "feature gate cannot reference unreleased version 2.0.0 of package [ns:pkg@1.0.0] (current version 1.0.0)");
  }
}

TEST_CASE("a type used from another interface names that interface") {
  Resolve r = one_package(std::nullopt);
  Interface other;
  other.name = "j";
  other.package = PackageId(0u);
  r.interfaces.push_back(other);
  TypeDef original;
  original.name = "t";
  original.kind = TypeDefKind::Record;
  original.owner = TypeOwner::interface(InterfaceId(1u));
  r.types.push_back(original);
  TypeDef used;  // `use j.{t}` in interface i
  used.name = "t";
  used.kind = TypeDefKind::Alias;
  used.set_element(Type::ref(TypeId(0u)));
  used.owner = TypeOwner::interface(InterfaceId(0u));
  r.types.push_back(used);
  CHECK(type_interface_dep(r, TypeId(1u)) == InterfaceId(1u));
  CHECK_FALSE(type_interface_dep(r, TypeId(0u)).has_value());
}
