// Binary WIT packages: decoding a binary package into the model, merging
// decoded packages into the Resolve being built, and the errors for input
// that is not a (supported) WIT package.
#include <doctest/doctest.h>

#include <string>

#include "decode_package.h"
#include "plumb/model/merge.h"
#include "plumb/wasm/wat_parser.h"
#include "test_binaries.h"

using namespace plumb;
using plumb::test::kEmptyInterface;

namespace {

// The binary of WebAssembly text the test knows to be valid.
std::string wat_bytes(std::string_view text) {
  Expected<std::string> binary = wat_to_binary(text);
  REQUIRE_MESSAGE(binary, binary.error().message);
  return std::move(binary).value();
}

struct Decoded {
  Strings strings;  // outlives the Resolve whose names it holds
  Resolve r;
  PackageId pkg;
};

std::unique_ptr<Decoded> decode_wat(const std::string& wat) {
  auto d = std::make_unique<Decoded>();
  Expected<PackageId> pkg = decode_wit_package(wat_bytes(wat), d->r, d->strings);
  REQUIRE_MESSAGE(pkg, pkg.error().message);
  d->pkg = *pkg;
  return d;
}

std::string decode_error(const std::string& bytes) {
  Strings strings;
  Resolve r;
  Expected<PackageId> pkg = decode_wit_package(bytes, r, strings);
  return pkg ? "" : pkg.error().message;
}

const TypeDef& type_named(const Resolve& r, const Interface& iface, std::string_view name) {
  const TypeId* id = iface.types.find(name);
  REQUIRE(id != nullptr);
  return r.type(*id);
}

// An interface with the usual kinds of items, as wasmprinter prints what
// `wasm-tools component wit --wasm` writes for:
//
//   package demo:shapes@1.0.0;
//   interface shapes {
//     resource canvas { constructor(); draw: func(points: list<point>); }
//     record point { x: u32, y: u32 }
//     enum color { red, green }
//     flags opts { fill, stroke }
//     variant shape { circle(u32), none }
//     type points = list<point>;
//     paint: func(c: borrow<canvas>, p: list<point>) -> result<color, string>;
//   }
const char* kShapes = R"((component
  (type (;0;)
    (component
      (type (;0;)
        (instance
          (export (;0;) "canvas" (type (sub resource)))
          (type (;1;) (record (field "x" u32) (field "y" u32)))
          (export (;2;) "point" (type (eq 1)))
          (type (;3;) (enum "red" "green"))
          (export (;4;) "color" (type (eq 3)))
          (type (;5;) (flags "fill" "stroke"))
          (export (;6;) "opts" (type (eq 5)))
          (type (;7;) (variant (case "circle" u32) (case "none")))
          (export (;8;) "shape" (type (eq 7)))
          (type (;9;) (list 2))
          (export (;10;) "points" (type (eq 9)))
          (type (;11;) (own 0))
          (type (;12;) (func (result 11)))
          (export (;0;) "[constructor]canvas" (func (type 12)))
          (type (;13;) (borrow 0))
          (type (;14;) (func (param "self" 13) (param "points" 10)))
          (export (;1;) "[method]canvas.draw" (func (type 14)))
          (type (;15;) (result 4 (error string)))
          (type (;16;) (func (param "c" 13) (param "p" 10) (result 15)))
          (export (;2;) "paint" (func (type 16)))
        )
      )
      (export (;0;) "demo:shapes/shapes@1.0.0" (instance (type 0)))
    )
  )
  (export (;1;) "shapes" (type 0))
  (@custom "package-docs" "\01{\22docs\22:\22Shapes.\22,\22interfaces\22:{\22shapes\22:{\22docs\22:\22Drawing.\22,\22stability\22:{\22stable\22:{\22since\22:\221.0.0\22}},\22types\22:{\22point\22:{\22items\22:{\22x\22:\22across\22}}},\22funcs\22:{\22paint\22:{\22docs\22:\22Paints.\22}}}}}")
))";

}  // namespace

TEST_CASE("a binary interface decodes into the model") {
  auto d = decode_wat(kShapes);
  const Resolve& r = d->r;
  REQUIRE(r.packages.size() == 1);
  const Package& pkg = r.package(d->pkg);
  CHECK(pkg.name.to_string() == "demo:shapes@1.0.0");
  CHECK(pkg.docs.text() == "Shapes.");
  REQUIRE(pkg.interfaces.size() == 1);
  const Interface& iface = r.interface(*pkg.interfaces.find("shapes"));
  CHECK(iface.name == "shapes");
  CHECK(iface.package == d->pkg);
  CHECK(iface.docs.text() == "Drawing.");
  CHECK(iface.stability.kind() == Stability::Kind::Stable);
  CHECK(iface.stability.since()->to_string() == "1.0.0");

  // Types in export order; anonymous ones made where first needed.
  CHECK(type_named(r, iface, "canvas").kind == TypeDefKind::Resource);
  const TypeDef& point = type_named(r, iface, "point");
  CHECK(point.kind == TypeDefKind::Record);
  REQUIRE(point.members.size() == 2);
  CHECK(point.members[0].docs.text() == "across");
  CHECK(!point.members[1].docs.present);
  CHECK(type_named(r, iface, "color").kind == TypeDefKind::Enum);
  CHECK(type_named(r, iface, "opts").kind == TypeDefKind::Flags);
  const TypeDef& shape = type_named(r, iface, "shape");
  CHECK(shape.kind == TypeDefKind::Variant);
  CHECK(shape.members[0].has_type);
  CHECK(!shape.members[1].has_type);
  const TypeDef& points = type_named(r, iface, "points");
  CHECK(points.kind == TypeDefKind::List);
  CHECK(points.element().id() == *iface.types.find("point"));

  // Functions keep their mangled names; resource functions know their
  // resource; `own`/`borrow` handles are anonymous types.
  REQUIRE(iface.functions.size() == 3);
  const Function& ctor = iface.functions.at_index(0).second;
  CHECK(ctor.name == "[constructor]canvas");
  CHECK(ctor.kind == FunctionKind::Constructor);
  CHECK(ctor.resource == *iface.types.find("canvas"));
  const TypeDef& own = r.type(ctor.result->id());
  CHECK(own.name.empty());
  CHECK(own.kind == TypeDefKind::Handle);
  CHECK(own.handle == HandleKind::Own);
  const Function& draw = iface.functions.at_index(1).second;
  CHECK(draw.kind == FunctionKind::Method);
  CHECK(r.type(draw.params[0].type.id()).handle == HandleKind::Borrow);
  // The same wasm type is the same model type: `points` is used by name.
  CHECK(draw.params[1].type.id() == *iface.types.find("points"));
  const Function& paint = iface.functions.at_index(2).second;
  CHECK(paint.kind == FunctionKind::Freestanding);
  CHECK(paint.docs.text() == "Paints.");
  CHECK(paint.params[0].type.id() == draw.params[0].type.id());
  const TypeDef& result = r.type(paint.result->id());
  CHECK(result.kind == TypeDefKind::Result);
  CHECK(result.ok()->id() == *iface.types.find("color"));
  CHECK(result.err() == Type::primitive(Type::String));
  // Every type is owned by the interface except the anonymous ones.
  for (const TypeDef& t : r.types) CHECK((t.name.empty() ? t.owner == TypeOwner::none() : t.owner.kind == TypeOwnerKind::Interface));
}

TEST_CASE("foreign packages hold only what is used, before the main package") {
  // A world importing one type of a foreign interface (`use dep:types/t.{a}`)
  // and that interface under a plain name (`implements`), plus an inline
  // interface and a function.
  auto d = decode_wat(R"((component
    (type (component
      (type (component
        (type (instance (type u8) (export "a" (type (eq 0)))))
        (import "dep:types/t@0.1.0" (instance (type 0)))
        (alias export 0 "a" (type))
        (import "a" (type (eq 1)))
        (type (instance (type (func)) (export "go" (func (type 0)))))
        (import "inline" (instance (type 3)))
        (type (instance (type u8) (export "a" (type (eq 0)))))
        (import "second" (implements "dep:types/t@0.1.0") (instance (type 4)))
        (type (func (param "x" 2)))
        (export "run" (func (type 5)))))
      (export "app:main/w" (component (type 0)))))
    (export "w" (type 0))))");
  const Resolve& r = d->r;
  REQUIRE(r.packages.size() == 2);
  CHECK(r.packages[0].name.to_string() == "dep:types@0.1.0");
  CHECK(r.packages[1].name.to_string() == "app:main");
  CHECK(d->pkg.index == 1);
  const Interface& t = r.interface(*r.packages[0].interfaces.find("t"));
  CHECK(t.types.size() == 1);  // only `a`: nothing else was referenced
  CHECK(t.functions.empty());

  const World& w = r.world(*r.packages[1].worlds.find("w"));
  REQUIRE(w.imports.size() == 4);
  CHECK(w.imports.at_index(0).first.is_interface);
  CHECK(w.imports.at_index(0).first.interface == *r.packages[0].interfaces.find("t"));
  CHECK(w.imports.at_index(1).first.name == "a");
  CHECK(w.imports.at_index(1).second.kind == WorldItemKind::Type);
  const TypeDef& a = r.type(w.imports.at_index(1).second.type);
  CHECK(a.kind == TypeDefKind::Alias);  // a `use` of dep:types/t's `a`
  CHECK(a.element().id() == *t.types.find("a"));
  CHECK(a.owner == TypeOwner::world(WorldId(0u)));
  // An inline interface: no name, keyed by its label, in the world's package.
  const WorldItem& inline_item = w.imports.at_index(2).second;
  CHECK(w.imports.at_index(2).first.name == "inline");
  CHECK(r.interface(inline_item.interface).name.empty());
  CHECK(r.interface(inline_item.interface).package == d->pkg);
  // `implements`: a plain name for the foreign interface.
  CHECK(w.imports.at_index(3).first.name == "second");
  CHECK(w.imports.at_index(3).second.interface == *r.packages[0].interfaces.find("t"));
  REQUIRE(w.exports.size() == 1);
  CHECK(w.exports.at_index(0).second.function.params[0].type.id() == w.imports.at_index(1).second.type);
}

TEST_CASE("decode_wit_package returns errors about the bytes with their offset and section") {
  Strings strings;
  Resolve r;
  // Truncated in the middle of the type section (at 0x8): an error, not a throw.
  Expected<PackageId> truncated = PackageId(0u);
  CHECK_NOTHROW(truncated = decode_wit_package(kEmptyInterface.substr(0, 20), r, strings));
  REQUIRE_FALSE(truncated);
  const Diagnostic& d = truncated.error();
  CHECK(d.code == DiagCode::MalformedBinary);
  CHECK(d.message == "unexpected end-of-file");
  CHECK(d.span == Span(10, 10));  // the section body, longer than what is left
  REQUIRE(d.secondary.size() == 1);
  CHECK(d.secondary[0].span == Span(8, 8));
  CHECK(d.secondary[0].message == "type section");
  // Errors about what the component means have no offset.
  Resolve empty;
  Expected<PackageId> not_package = decode_wit_package(wat_bytes("(component)"), empty, strings);
  REQUIRE_FALSE(not_package);
  CHECK(not_package.error().code == DiagCode::NotWitPackage);
  CHECK_FALSE(not_package.error().span.known());
}

TEST_CASE("malformed binaries are reported with what was expected") {
  CHECK(decode_error(std::string("\0asm\x0d\x00\x01", 7)) == "unexpected end-of-file");
  CHECK(decode_error(std::string("\0asm\x01\x00\x00\x00", 8)) ==
        "found a core WebAssembly module, not a component (a WIT package is a component)");
  // Truncated in the middle of the type section.
  CHECK(decode_error(kEmptyInterface.substr(0, 20)) == "unexpected end-of-file");
  // A bad leading byte for a declaration.
  std::string bad = kEmptyInterface;
  bad[13] = '\x09';
  CHECK(decode_error(bad) == "invalid leading byte (0x9) for component or instance type declaration");
  // An index past what is defined.
  CHECK(decode_error(wat_bytes(
            "(component (type (component (export \"a:b/c\" (instance (type 5))))) (export \"c\" (type 0)))")) ==
        "unknown type 5: type index out of bounds");
  // Not a WIT package: no exports, or exports that are not component types.
  CHECK(decode_error(wat_bytes("(component)")) ==
        "found an actual component instead of an encoded WIT package in wasm");
  CHECK(decode_error(wat_bytes("(component (type u8) (export \"t\" (type 0)))")) ==
        "found an actual component instead of an encoded WIT package in wasm");
  // The legacy encoding.
  CHECK(decode_error(wat_bytes("(component (type (component)) (export \"a:b/wit\" (type 0)))")).find("legacy (v1)") !=
        std::string::npos);
  // A package item must export exactly one thing.
  CHECK(decode_error(wat_bytes("(component (type (component)) (export \"x\" (type 0)))")) ==
        "Expected a single export, but found 0 instead");
  // Items of one binary belong to one package.
  CHECK(decode_error(wat_bytes(R"((component
      (type (component (export "a:a/x" (instance)))) (export "x" (type 0))
      (type (component (export "b:b/y" (instance)))) (export "y" (type 2))))")) ==
        "item defined with mismatched package name");
  // The docs section must be valid.
  CHECK(decode_error(wat_bytes(R"((component
      (type (component (export "a:a/x" (instance)))) (export "x" (type 0))
      (@custom "package-docs" "\01{\22interfaces\22:{\22nope\22:{}}}")))")) ==
        "invalid \"package-docs\" section: missing interface \"nope\"");
  CHECK(decode_error(wat_bytes(R"((component
      (type (component (export "a:a/x" (instance)))) (export "x" (type 0))
      (@custom "package-docs" "\02{}")))")) ==
        "invalid \"package-docs\" section: expected package-docs version 1, got Some(2)");
}

TEST_CASE("merging unifies packages of the same name") {
  // The first binary knows one type of b:b/x (as a foreign dependency); the
  // second is b:b itself, with another type: x ends up with both.
  auto a = decode_wat(R"((component
    (type (component
      (type (instance (type u8) (export "t" (type (eq 0)))))
      (import "b:b/x" (instance (type 0)))
      (alias export 0 "t" (type))
      (type (instance (alias outer 1 1 (type)) (export "t" (type (eq 0)))))
      (export "a:a/y" (instance (type 2)))))
    (export "y" (type 0))))");
  auto b = decode_wat(R"((component
    (type (component
      (type (instance (type u8) (export "t" (type (eq 0))) (type string) (export "u" (type (eq 2)))))
      (export "b:b/x" (instance (type 0)))))
    (export "x" (type 0))))");
  Resolve into;
  Expected<std::vector<PackageId>> first = merge_resolve(into, std::move(a->r));
  REQUIRE(first);
  CHECK(*first == std::vector<PackageId>{PackageId(0u), PackageId(1u)});
  Expected<std::vector<PackageId>> second = merge_resolve(into, std::move(b->r));
  REQUIRE(second);
  CHECK(*second == std::vector<PackageId>{PackageId(0u)});
  REQUIRE(into.packages.size() == 2);
  const Interface& x = into.interface(*into.packages[0].interfaces.find("x"));
  REQUIRE(x.types.size() == 2);
  CHECK(x.types.at_index(0).first == "t");
  CHECK(x.types.at_index(1).first == "u");
  CHECK(into.type(x.types.at_index(1).second).owner == TypeOwner::interface(*into.packages[0].interfaces.find("x")));
  // `t` was not added twice.
  size_t named_t = 0;
  for (const TypeDef& t : into.types) named_t += t.name == "t" && t.owner.kind == TypeOwnerKind::Interface &&
                                                 t.owner.index == into.packages[0].interfaces.find("x")->index;
  CHECK(named_t == 1);
}

TEST_CASE("merging rejects packages that disagree") {
  auto a = decode_wat(R"((component
    (type (component (type (instance (type (func)) (export "f" (func (type 0)))))
                     (export "b:b/x" (instance (type 0)))))
    (export "x" (type 0))))");
  auto b = decode_wat(R"((component
    (type (component (type (instance (type (func (param "p" u8))) (export "f" (func (type 0)))))
                     (export "b:b/x" (instance (type 0)))))
    (export "x" (type 0))))");
  Resolve into;
  REQUIRE(merge_resolve(into, std::move(a->r)));
  Expected<std::vector<PackageId>> merged = merge_resolve(into, std::move(b->r));
  REQUIRE_FALSE(merged);
  CHECK(merged.error().code == DiagCode::BinaryMergeConflict);
  CHECK(merged.error().message ==
        "failed to merge package `b:b` into existing copy: failed to merge interface `x`: mismatch in function `f`: "
        "different number of function parameters");
}

TEST_CASE("name attributes: version suffix and external ids") {
  auto d = decode_wat(R"((component
    (type (component
      (type (component
        (type (instance (type (func)) (export "run" (func (type 0)))))
        (import "dep:d/i@1" (versionsuffix ".2.3") (external-id "id-1") (instance (type 0)))))
      (export "app:a/w" (component (type 0)))))
    (export "w" (type 0))))");
  const Resolve& r = d->r;
  REQUIRE(r.packages.size() == 2);
  // The version is the name's `@1` completed by the suffix.
  CHECK(r.packages[0].name.to_string() == "dep:d@1.2.3");
  const World& w = r.world(*r.packages[1].worlds.find("w"));
  REQUIRE(w.imports.size() == 1);
  CHECK(w.imports.at_index(0).second.external_id.present);
  CHECK(w.imports.at_index(0).second.external_id.text() == "id-1");
}

TEST_CASE("a component decodes as the world of its imports and exports only when asked") {
  const std::string bytes = wat_bytes(R"((component
      (import "log" (func (param "msg" string)))
      (type (instance (export "get" (func (result u32)))))
      (import "t:h/api@1.0.0" (instance (type 1)))))");
  CHECK(decode_error(bytes) == "found an actual component instead of an encoded WIT package in wasm");

  Strings strings;
  Resolve r;
  Expected<PackageId> pkg = decode_wit_package(bytes, r, strings, Decodes::PackageOrComponent);
  REQUIRE_MESSAGE(pkg, pkg.error().message);
  const Package& root = r.package(*pkg);
  CHECK(root.name.to_string() == "root:component");
  REQUIRE(root.worlds.size() == 1);
  const World& world = r.world(*root.worlds.find("root"));
  REQUIRE(world.imports.size() == 2);
  CHECK(world.exports.size() == 0);
  CHECK(world.imports.at_index(0).second.kind == WorldItemKind::Function);
  const WorldItem& api = world.imports.at_index(1).second;
  REQUIRE(api.kind == WorldItemKind::Interface);
  CHECK(r.interface(api.interface).functions.size() == 1);
  CHECK(r.package(*r.interface(api.interface).package).name.to_string() == "t:h@1.0.0");
}
