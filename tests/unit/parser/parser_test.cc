// The parser on valid WIT: the shape of the tree it builds.
#include <doctest/doctest.h>

#include "helpers.h"

using namespace plumb;
using plumb::test::parse;

namespace {
template <class T, class V>
const T* as(const V& v) {
  auto p = std::get_if<const T*>(&v);
  REQUIRE(p != nullptr);
  return *p;
}
}  // namespace

TEST_CASE("package header and interface with every kind of type definition") {
  auto p = parse(R"(package demo:shapes@1.2.0;

interface shapes {
  type id = u64;
  record point { x: f32, y: f32, }
  variant shape { circle(f32), square(f32), none }
  enum color { red, green }
  flags perms { read, write }
  resource canvas {
    constructor(width: u32);
    draw: func(s: shape) -> result<_, string>;
    open: static func(path: string) -> canvas;
  }
  area: func(s: shape) -> f64;
}
)");
  REQUIRE(p->errors().empty());
  const ast::File& f = p->ast();
  REQUIRE(f.header);
  CHECK(f.header->ns.name == "demo");
  CHECK(f.header->name.name == "shapes");
  REQUIRE(f.header->version);
  CHECK(f.header->version->to_string() == "1.2.0");
  REQUIRE(f.decls.size() == 1);
  const ast::Interface* iface = as<ast::Interface>(f.decls[0]);
  CHECK(iface->name.name == "shapes");
  REQUIRE(iface->items.size() == 7);

  const ast::TypeDef* id = as<ast::TypeDef>(iface->items[0]);
  CHECK(id->kind == ast::TypeDefKind::Alias);
  CHECK(id->alias->kind == ast::TypeKind::U64);

  const ast::TypeDef* point = as<ast::TypeDef>(iface->items[1]);
  CHECK(point->kind == ast::TypeDefKind::Record);
  REQUIRE(point->fields.size() == 2);
  CHECK(point->fields[1].name.name == "y");

  const ast::TypeDef* shape = as<ast::TypeDef>(iface->items[2]);
  REQUIRE(shape->cases.size() == 3);
  CHECK(shape->cases[0].type->kind == ast::TypeKind::F32);
  CHECK(shape->cases[2].type == nullptr);

  CHECK(as<ast::TypeDef>(iface->items[3])->kind == ast::TypeDefKind::Enum);
  CHECK(as<ast::TypeDef>(iface->items[4])->kind == ast::TypeDefKind::Flags);

  const ast::TypeDef* canvas = as<ast::TypeDef>(iface->items[5]);
  REQUIRE(canvas->funcs.size() == 3);
  CHECK(canvas->funcs[0].kind == ast::ResourceFuncKind::Constructor);
  CHECK(canvas->funcs[1].kind == ast::ResourceFuncKind::Method);
  CHECK(canvas->funcs[2].kind == ast::ResourceFuncKind::Static);
  const ast::Type* draw_result = canvas->funcs[1].func.result;
  CHECK(draw_result->kind == ast::TypeKind::Result);
  CHECK(draw_result->a == nullptr);
  CHECK(draw_result->b->kind == ast::TypeKind::String);

  const ast::NamedFunc* area = as<ast::NamedFunc>(iface->items[6]);
  CHECK(area->name.name == "area");
  CHECK(area->func.params.size() == 1);
}

TEST_CASE("every type expression") {
  auto p = parse(R"(package a:b;
interface t {
  type a = list<u8>;
  type b = list<u8, 4>;
  type c = map<string, u32>;
  type d = option<bool>;
  type e = result;
  type f = result<u8>;
  type g = result<u8, s8>;
  type h = tuple<u8, char, tuple<>>;
  type i = future;
  type j = future<u8>;
  type k = stream<string>;
  type l = own<r>;
  type m = borrow<r>;
  type n = error-context;
  type o = %record;
  resource r;
}
)");
  REQUIRE(p->errors().empty());
  const ast::Interface* iface = as<ast::Interface>(p->ast().decls[0]);
  auto alias = [&](size_t i) { return as<ast::TypeDef>(iface->items[i])->alias; };
  CHECK(alias(0)->kind == ast::TypeKind::List);
  CHECK(alias(1)->kind == ast::TypeKind::FixedList);
  CHECK(alias(1)->count == 4);
  CHECK(alias(2)->kind == ast::TypeKind::Map);
  CHECK(alias(2)->b->kind == ast::TypeKind::U32);
  CHECK(alias(4)->a == nullptr);
  CHECK(alias(4)->b == nullptr);
  CHECK(alias(6)->b->kind == ast::TypeKind::S8);
  REQUIRE(alias(7)->items().size() == 3);
  CHECK(alias(7)->items()[2]->items().size() == 0);
  CHECK(alias(8)->a == nullptr);
  CHECK(alias(10)->kind == ast::TypeKind::Stream);
  CHECK(alias(11)->kind == ast::TypeKind::Own);
  CHECK(alias(11)->name().name == "r");
  CHECK(alias(12)->kind == ast::TypeKind::Borrow);
  CHECK(alias(13)->kind == ast::TypeKind::ErrorContext);
  CHECK(alias(14)->kind == ast::TypeKind::Name);
  CHECK(alias(14)->name().name == "record");
}

TEST_CASE("worlds: imports, exports, includes, uses and async") {
  auto p = parse(R"(package a:b;
world w {
  import wasi:io/streams@0.2.0;
  import local;
  import label: local;
  import other: wasi:io/poll@0.2.0;
  import f: async func(x: u32) -> string;
  export e: interface { g: func(); }
  use local.{t as u};
  type v = u32;
  include base with { a as b, c as d }
  include wasi:cli/imports;
}
)");
  REQUIRE(p->errors().empty());
  const ast::World* w = as<ast::World>(p->ast().decls[0]);
  REQUIRE(w->items.size() == 10);
  const ast::ImportExport* i0 = as<ast::ImportExport>(w->items[0]);
  CHECK(i0->ext.kind == ast::ExternKind::Path);
  CHECK(i0->ext.path.qualified);
  CHECK(i0->ext.path.ns.name == "wasi");
  CHECK(i0->ext.path.pkg.name == "io");
  CHECK(i0->ext.path.name.name == "streams");
  CHECK(i0->ext.path.version->to_string() == "0.2.0");
  CHECK(as<ast::ImportExport>(w->items[1])->ext.kind == ast::ExternKind::Path);
  const ast::ImportExport* i2 = as<ast::ImportExport>(w->items[2]);
  CHECK(i2->ext.kind == ast::ExternKind::NamedPath);
  CHECK(i2->ext.name.name == "label");
  const ast::ImportExport* i3 = as<ast::ImportExport>(w->items[3]);
  CHECK(i3->ext.kind == ast::ExternKind::NamedPath);
  CHECK(i3->ext.path.qualified);
  const ast::ImportExport* i4 = as<ast::ImportExport>(w->items[4]);
  CHECK(i4->ext.kind == ast::ExternKind::Func);
  CHECK(i4->ext.func.async);
  const ast::ImportExport* e = as<ast::ImportExport>(w->items[5]);
  CHECK(e->is_export);
  CHECK(e->ext.kind == ast::ExternKind::Interface);
  CHECK(e->ext.items.size() == 1);
  const ast::Use* use = as<ast::Use>(w->items[6]);
  CHECK(use->names[0].local().name == "u");
  const ast::Include* inc = as<ast::Include>(w->items[8]);
  REQUIRE(inc->names.size() == 2);
  CHECK(inc->names[1].as.name == "d");
}

TEST_CASE("nested packages, top-level use and attributes") {
  auto p = parse(R"(package a:b;
use a:other/thing as other-thing;
@since(version = 1.0.0)
@deprecated(version = 2.0.0)
interface i {
  @unstable(feature = shiny)
  f: func();
  @external-id("com.example/\u{263A}")
  type t = u8;
}
package a:c@0.1.0 {
  interface j {}
}
)");
  REQUIRE(p->errors().empty());
  const ast::File& f = p->ast();
  REQUIRE(f.decls.size() == 3);
  const ast::ToplevelUse* u = as<ast::ToplevelUse>(f.decls[0]);
  CHECK(u->local().name == "other-thing");
  const ast::Interface* i = as<ast::Interface>(f.decls[1]);
  REQUIRE(i->attrs.size() == 2);
  CHECK(i->attrs[0].kind == ast::AttrKind::Since);
  CHECK(i->attrs[1].version->to_string() == "2.0.0");
  CHECK(as<ast::NamedFunc>(i->items[0])->attrs[0].feature.name == "shiny");
  CHECK(as<ast::TypeDef>(i->items[1])->attrs[0].external_id == "com.example/\xE2\x98\xBA");
  const ast::NestedPackage* n = as<ast::NestedPackage>(f.decls[2]);
  CHECK(n->name.name.name == "c");
  CHECK(n->decls.size() == 1);
}

TEST_CASE("a file may start with a nested package instead of a header") {
  auto p = parse("package a:b { interface i {} }\npackage a:c { }\n");
  REQUIRE(p->errors().empty());
  CHECK(p->ast().header == nullptr);
  CHECK(p->ast().decls.size() == 2);
}

TEST_CASE("version syntax: pre-release and build, and the `.` that ends a use path") {
  auto p = parse("package a:b@1.0.0-rc.1+build.7;\ninterface i { use x:y/z@1.0.0-x.{t}; }\n");
  REQUIRE(p->errors().empty());
  CHECK(p->ast().header->version->pre == "rc.1");
  CHECK(p->ast().header->version->build == "build.7");
  const ast::Use* use = as<ast::Use>(as<ast::Interface>(p->ast().decls[0])->items[0]);
  CHECK(use->from.version->to_string() == "1.0.0-x");
  CHECK(use->names[0].name.name == "t");
}

TEST_CASE("a version named again is the same one; another is not mistaken for it") {
  auto p = parse(R"(package a:b@0.2.0;
@since(version = 0.2.0) interface i {}
@since(version = 0.2.0) interface j {}
@since(version = 0.2.1) interface k {}
@since(version = 0.2.0) interface l {}
@since(version = 0.2.0-rc) interface m {}
)");
  REQUIRE(p->errors().empty());
  const ast::File& f = p->ast();
  REQUIRE(f.decls.size() == 5);
  auto since = [&](size_t decl) { return as<ast::Interface>(f.decls[decl])->attrs[0].version; };
  CHECK(since(0) == since(1));
  CHECK(since(0) == f.header->version);
  CHECK(since(2)->to_string() == "0.2.1");
  CHECK(since(3) == since(0));
  CHECK(since(4)->to_string() == "0.2.0-rc");
  CHECK(since(4) != since(0));
}

TEST_CASE("spans are exact byte ranges") {
  auto p = parse("package a:b;\ninterface %type {}\n");
  const ast::Interface* i = as<ast::Interface>(p->ast().decls[0]);
  CHECK(i->name.name == "type");
  CHECK(i->name.span.start == 23);
  CHECK(i->name.span.end == 28);  // the `%` is part of the token
  CHECK(p->ast().header->span.start == 8);
  CHECK(p->ast().header->span.end == 11);
}

TEST_CASE("doc comments: every comment counts, with the reference's quirks") {
  auto p = parse(R"(package a:b;
/// hello
// world
/* why, yes */
/** this is a comment */
interface i {}
)");
  const ast::Interface* i = as<ast::Interface>(p->ast().decls[0]);
  auto text = doc_text(i->docs, p->sources);
  REQUIRE(text);
  // One entry has no leading space, so no indentation is removed.
  CHECK(*text == " hello\n world\n* why, yes */\n this is a comment");
  auto none = parse("package a:b;\ninterface i {}\n");
  CHECK_FALSE(doc_text(as<ast::Interface>(none->ast().decls[0])->docs, none->sources));
}

TEST_CASE("doc comments: the common indentation goes, block comments split into lines") {
  auto p = parse("package a:b;\n///   two\n///    three\n///\n/**  a\r\n  b */\n///\t tab\n///\ninterface i {}\n");
  auto text = doc_text(as<ast::Interface>(p->ast().decls[0])->docs, p->sources);
  REQUIRE(text);
  // Two spaces are common to all (a tab counts as indentation, but only
  // spaces are removed); `\r\n` ends a line; trailing empty lines go.
  CHECK(*text == " two\n  three\n\na\n  b\n\t tab");
}

TEST_CASE("identifier rule") {
  for (const char* ok : {"apple", "apple-pear", "a0", "APPLE", "apple-PEAR-grape", "is-XML", "a0-000-3d4a-54FF", "bool"}) {
    CHECK_MESSAGE(!validate_id(ok), ok);
  }
  CHECK(validate_id("Apple") == std::optional<std::string>("invalid character in identifier 'p'"));
  CHECK(validate_id("0a") == std::optional<std::string>("invalid character in identifier '0'"));
  CHECK(validate_id("a_b") == std::optional<std::string>("invalid character in identifier '_'"));
  CHECK(validate_id("a--b") == std::optional<std::string>("identifiers must have characters between '-'s"));
  CHECK(validate_id("a-") == std::optional<std::string>("identifiers must have characters between '-'s"));
  CHECK(validate_id("") == std::optional<std::string>("identifiers must have characters between '-'s"));
}
