// Declarations: packages, interfaces, worlds, and their items.
#include "parser_internal.h"

namespace plumb {

// The items of a file or of a nested package's braces. Each failed item is
// reported and skipped.
List<ast::Decl> Parser::parse_decls(bool nested, int nesting, const ast::NestedPackage* first) {
  const int base = nested ? depth_ : 0;
  size_t mark = decls_.mark();
  if (first) decls_.push(first);
  for (;;) {
    State start = state();
    try {
      ast::Docs docs = parse_docs();
      if (nested ? eat(Tok::RBrace) : at(Tok::Eof)) break;
      decls_.push(parse_decl(docs, nesting));
    } catch (DiagnosticError& e) {
      report(std::move(e.diag));
      recover(Context::Decls, base, start.offset);
      if (at_eof_after_error()) break;
    } catch (Resync&) {
      depth_ = base;
    }
  }
  return decls_.finish(out_.arena_, mark);
}

ast::Decl Parser::parse_decl(ast::Docs docs, int nesting) {
  List<ast::Attribute> attrs = parse_attributes();
  Token t = peek();
  switch (t.kind) {
    case Tok::Interface: return parse_interface(docs, attrs);
    case Tok::World: return parse_world(docs, attrs);
    case Tok::Use: return parse_toplevel_use(attrs);
    case Tok::Package: return parse_nested_package(docs, attrs, nesting);
    default: fail_expected("`world`, `interface` or `use`", t);
  }
}

const ast::NestedPackage* Parser::parse_nested_package(ast::Docs docs, List<ast::Attribute> attrs, int nesting) {
  Token kw = expect(Tok::Package);
  Span span(kw.start, kw.end);
  // Reported, and the package still parsed: its body is sound syntax, and
  // skipping it would blame its closing brace.
  if (!attrs.empty()) report(Diagnostic::error(DiagCode::MisplacedNestedPackage, span, "cannot place attributes on nested packages"));
  if (nesting >= 100) raise(DiagCode::NestingTooDeep, span, "package nesting too deep");
  return finish_nested_package(span, parse_package_name(docs), nesting);
}

const ast::NestedPackage* Parser::finish_nested_package(Span keyword, ast::PackageName name, int nesting) {
  auto* pkg = make<ast::NestedPackage>();
  pkg->span = keyword;
  pkg->name = name;
  expect(Tok::LBrace);
  pkg->decls = parse_decls(true, nesting + 1);
  return pkg;
}

ast::PackageName Parser::parse_package_name(ast::Docs docs) {
  ast::PackageName name;
  name.docs = docs;
  name.ns = parse_id();
  expect(Tok::Colon);
  name.name = parse_id();
  Span version_span;
  if (eat(Tok::At)) name.version = parse_version(&version_span);
  name.span = Span(name.ns.span.start, name.version ? version_span.end : name.name.span.end);
  return name;
}

ast::UsePath Parser::parse_use_path() {
  ast::UsePath path;
  ast::Id first = parse_id();
  if (!eat(Tok::Colon)) {
    path.name = first;
    return path;
  }
  path.qualified = true;
  path.ns = first;
  path.pkg = parse_id();
  expect(Tok::Slash);
  path.name = parse_id();
  path.version = parse_opt_version();
  path.package_span = Span(path.ns.span.start, path.pkg.span.end);
  return path;
}

const ast::ToplevelUse* Parser::parse_toplevel_use(List<ast::Attribute> attrs) {
  auto* use = make<ast::ToplevelUse>();
  Token kw = expect(Tok::Use);
  use->span = Span(kw.start, kw.end);
  use->attrs = attrs;
  use->item = parse_use_path();
  if (eat(Tok::As)) use->as = parse_id();
  expect(Tok::Semicolon);
  return use;
}

const ast::Interface* Parser::parse_interface(ast::Docs docs, List<ast::Attribute> attrs) {
  auto* iface = make<ast::Interface>();
  expect(Tok::Interface);
  iface->docs = docs;
  iface->attrs = attrs;
  iface->name = parse_id();
  iface->items = parse_interface_items(&iface->body);
  return iface;
}

List<ast::InterfaceItem> Parser::parse_interface_items(Span* body) {
  Token open = expect(Tok::LBrace);
  const int base = depth_;
  size_t mark = iface_items_.mark();
  for (;;) {
    State start = state();
    try {
      ast::Docs docs = parse_docs();
      if (at(Tok::RBrace)) {
        Token close = next();
        *body = Span(open.start, close.end);
        break;
      }
      List<ast::Attribute> attrs = parse_attributes();
      iface_items_.push(parse_interface_item(docs, attrs));
    } catch (DiagnosticError& e) {
      report(std::move(e.diag));
      recover(Context::Interface, base, start.offset);
      if (at_eof_after_error()) break;
    }
  }
  return iface_items_.finish(out_.arena_, mark);
}

ast::InterfaceItem Parser::parse_interface_item(ast::Docs docs, List<ast::Attribute> attrs) {
  Token t = peek();
  switch (t.kind) {
    case Tok::Type:
    case Tok::Flags:
    case Tok::Enum:
    case Tok::Variant:
    case Tok::Resource:
    case Tok::Record:
      return parse_typedef_by_keyword(docs, attrs);
    case Tok::Id:
    case Tok::ExplicitId:
      return parse_named_func(docs, attrs);
    case Tok::Use:
      return parse_use(attrs);
    default:
      fail_expected("`type`, `resource` or `func`", t);
  }
}

const ast::World* Parser::parse_world(ast::Docs docs, List<ast::Attribute> attrs) {
  auto* world = make<ast::World>();
  expect(Tok::World);
  world->docs = docs;
  world->attrs = attrs;
  world->name = parse_id();
  Token open = expect(Tok::LBrace);
  const int base = depth_;
  size_t mark = world_items_.mark();
  for (;;) {
    State start = state();
    try {
      ast::Docs item_docs = parse_docs();
      if (at(Tok::RBrace)) {
        Token close = next();
        world->body = Span(open.start, close.end);
        break;
      }
      List<ast::Attribute> item_attrs = parse_attributes();
      world_items_.push(parse_world_item(item_docs, item_attrs));
    } catch (DiagnosticError& e) {
      report(std::move(e.diag));
      recover(Context::World, base, start.offset);
      if (at_eof_after_error()) break;
    }
  }
  world->items = world_items_.finish(out_.arena_, mark);
  return world;
}

ast::WorldItem Parser::parse_world_item(ast::Docs docs, List<ast::Attribute> attrs) {
  Token t = peek();
  switch (t.kind) {
    case Tok::Import:
    case Tok::Export: {
      auto* item = make<ast::ImportExport>();
      Token kw = next();
      item->span = Span(kw.start, kw.end);
      item->is_export = kw.kind == Tok::Export;
      item->docs = docs;
      item->attrs = attrs;
      item->ext = parse_extern();
      return item;
    }
    case Tok::Use:
      return parse_use(attrs);
    case Tok::Type:
    case Tok::Flags:
    case Tok::Resource:
    case Tok::Record:
    case Tok::Variant:
    case Tok::Enum:
      return parse_typedef_by_keyword(docs, attrs);
    case Tok::Include:
      return parse_include(attrs);
    default:
      fail_expected("`import`, `export`, `include`, `use`, or type definition", t);
  }
}

// After `import`/`export`. Lookahead decides between `name: func`,
// `name: interface { }`, `label: path;` and a plain `path;` (where the `:` of
// `ns:pkg/iface` must not be taken for a label).
ast::Extern Parser::parse_extern() {
  ast::Extern ext{};
  State start = state();
  ast::Id id = parse_id();
  if (eat(Tok::Colon)) {
    Tok k = peek().kind;
    if (k == Tok::Func || k == Tok::Async) {
      ext.kind = ast::ExternKind::Func;
      ext.name = id;
      ext.func = parse_func();
      expect(Tok::Semicolon);
      return ext;
    }
    if (eat(Tok::Interface)) {
      ext.kind = ast::ExternKind::Interface;
      ext.name = id;
      ext.items = parse_interface_items(&ext.items_span);
      return ext;
    }
    State after_colon = state();
    bool qualified = false;
    try {
      parse_id();
      qualified = at(Tok::Slash);
    } catch (DiagnosticError&) {
      qualified = false;
    }
    restore(after_colon);
    if (!qualified) {
      ext.kind = ast::ExternKind::NamedPath;
      ext.name = id;
      ext.path = parse_use_path();
      expect(Tok::Semicolon);
      return ext;
    }
  }
  restore(start);
  ext.kind = ast::ExternKind::Path;
  ext.path = parse_use_path();
  expect(Tok::Semicolon);
  return ext;
}

const ast::Use* Parser::parse_use(List<ast::Attribute> attrs) {
  auto* use = make<ast::Use>();
  Token kw = expect(Tok::Use);
  use->span = Span(kw.start, kw.end);
  use->attrs = attrs;
  use->from = parse_use_path();
  expect(Tok::Period);
  expect(Tok::LBrace);
  size_t mark = use_names_.mark();
  while (!eat(Tok::RBrace)) {
    ast::UseName name{};
    name.name = parse_id();
    if (eat(Tok::As)) name.as = parse_id();
    use_names_.push(name);
    out_.type_bound_ += 2;  // its alias, and a placeholder when it is foreign
    if (!eat(Tok::Comma)) {
      expect(Tok::RBrace);
      break;
    }
  }
  use->names = use_names_.finish(out_.arena_, mark);
  expect(Tok::Semicolon);
  return use;
}

const ast::Include* Parser::parse_include(List<ast::Attribute> attrs) {
  auto* inc = make<ast::Include>();
  Token kw = expect(Tok::Include);
  inc->span = Span(kw.start, kw.end);
  inc->attrs = attrs;
  inc->from = parse_use_path();
  if (eat(Tok::With)) {
    expect(Tok::LBrace);
    inc->names = parse_list(include_names_, Tok::RBrace, [&](ast::Docs) {
      ast::IncludeName name{};
      name.name = parse_id();
      expect(Tok::As);
      name.as = parse_id();
      return name;
    });
  } else {
    expect(Tok::Semicolon);
  }
  return inc;
}

}  // namespace plumb
