// Types, type definitions and functions.
#include "parser_internal.h"

namespace plumb {
namespace {

constexpr int kMaxTypeDepth = 100;

void set_name(ast::Type* ty, ast::Id id) {
  ty->name_ = id.name.data();
  ty->count = static_cast<uint32_t>(id.name.size());
  ty->span = id.span;
}

bool primitive(Tok t, ast::TypeKind& kind) {
  switch (t) {
    case Tok::Bool: kind = ast::TypeKind::Bool; return true;
    case Tok::U8: kind = ast::TypeKind::U8; return true;
    case Tok::U16: kind = ast::TypeKind::U16; return true;
    case Tok::U32: kind = ast::TypeKind::U32; return true;
    case Tok::U64: kind = ast::TypeKind::U64; return true;
    case Tok::S8: kind = ast::TypeKind::S8; return true;
    case Tok::S16: kind = ast::TypeKind::S16; return true;
    case Tok::S32: kind = ast::TypeKind::S32; return true;
    case Tok::S64: kind = ast::TypeKind::S64; return true;
    case Tok::F32: kind = ast::TypeKind::F32; return true;
    case Tok::F64: kind = ast::TypeKind::F64; return true;
    case Tok::Char: kind = ast::TypeKind::Char; return true;
    case Tok::String_: kind = ast::TypeKind::String; return true;
    case Tok::ErrorContext: kind = ast::TypeKind::ErrorContext; return true;
    default: return false;
  }
}

}  // namespace

const ast::Type* Parser::parse_type(int depth) {
  Token t = peek();
  if (depth >= kMaxTypeDepth) raise(DiagCode::NestingTooDeep, Span(t.start, t.end), "type nesting too deep");
  auto* ty = make<ast::Type>();
  ty->span = Span(t.start, t.end);
  if (primitive(t.kind, ty->kind)) {
    next();
    return ty;
  }
  if (t.kind != Tok::Id && t.kind != Tok::ExplicitId) ++out_.type_bound_;
  switch (t.kind) {
    case Tok::Tuple: {
      next();
      ty->kind = ast::TypeKind::Tuple;
      expect(Tok::Lt);
      List<const ast::Type*> items = parse_list(types_, Tok::Gt, [&](ast::Docs) { return parse_type(depth + 1); });
      ty->items_ = items.data;
      ty->count = items.count;
      return ty;
    }
    case Tok::List: {
      next();
      expect(Tok::Lt);
      ty->kind = ast::TypeKind::List;
      ty->a = parse_type(depth + 1);
      if (eat(Tok::Comma)) {
        ty->kind = ast::TypeKind::FixedList;
        ty->count = parse_list_size();
      }
      expect(Tok::Gt);
      return ty;
    }
    case Tok::Map:
      next();
      ty->kind = ast::TypeKind::Map;
      expect(Tok::Lt);
      ty->a = parse_type(depth + 1);
      expect(Tok::Comma);
      ty->b = parse_type(depth + 1);
      expect(Tok::Gt);
      return ty;
    case Tok::Option_:
      next();
      ty->kind = ast::TypeKind::Option;
      expect(Tok::Lt);
      ty->a = parse_type(depth + 1);
      expect(Tok::Gt);
      return ty;
    case Tok::Result_:
      next();
      ty->kind = ast::TypeKind::Result;
      if (eat(Tok::Lt)) parse_result_args(ty, depth);
      return ty;
    case Tok::Future:
    case Tok::Stream:
      next();
      ty->kind = t.kind == Tok::Future ? ast::TypeKind::Future : ast::TypeKind::Stream;
      if (eat(Tok::Lt)) {
        ty->a = parse_type(depth + 1);
        expect(Tok::Gt);
      }
      return ty;
    case Tok::Own:
    case Tok::Borrow:
      next();
      ty->kind = t.kind == Tok::Own ? ast::TypeKind::Own : ast::TypeKind::Borrow;
      expect(Tok::Lt);
      set_name(ty, parse_id());
      expect(Tok::Gt);
      return ty;
    case Tok::Id:
    case Tok::ExplicitId:
      ty->kind = ast::TypeKind::Name;
      set_name(ty, parse_id());
      return ty;
    default:
      fail_expected("a type", t);
  }
}

// The size of a fixed-length list, `N` of `list<T, N>`.
uint32_t Parser::parse_list_size() {
  Token n = peek();
  if (n.kind != Tok::Integer) fail_expected("fixed-length", n);
  next();
  std::string_view digits = text_of(n);
  uint64_t size = 0;
  for (char c : digits) {
    size = size * 10 + static_cast<uint64_t>(c - '0');
    if (size > UINT32_MAX)
      raise(DiagCode::InvalidListSize, Span(n.start, n.end),
            "invalid list size: number too large to fit in target type");
  }
  return static_cast<uint32_t>(size);
}

// The types of `result<ok, err>`, `result<_, err>` or `result<ok>`, after the `<`.
void Parser::parse_result_args(ast::Type* ty, int depth) {
  if (eat(Tok::Underscore)) {
    expect(Tok::Comma);
    ty->b = parse_type(depth + 1);
  } else {
    ty->a = parse_type(depth + 1);
    if (eat(Tok::Comma)) ty->b = parse_type(depth + 1);
  }
  expect(Tok::Gt);
}

const ast::TypeDef* Parser::parse_typedef_by_keyword(ast::Docs docs, List<ast::Attribute> attrs) {
  ++out_.type_bound_;
  switch (peek().kind) {
    case Tok::Type: return parse_type_alias(docs, attrs);
    case Tok::Record: return parse_record(docs, attrs);
    case Tok::Flags: return parse_flags_or_enum(docs, attrs, Tok::Flags);
    case Tok::Enum: return parse_flags_or_enum(docs, attrs, Tok::Enum);
    case Tok::Variant: return parse_variant(docs, attrs);
    default: return parse_resource(docs, attrs);
  }
}

const ast::TypeDef* Parser::parse_type_alias(ast::Docs docs, List<ast::Attribute> attrs) {
  auto* def = make<ast::TypeDef>();
  expect(Tok::Type);
  def->docs = docs;
  def->attrs = attrs;
  def->kind = ast::TypeDefKind::Alias;
  def->name = parse_id();
  expect(Tok::Equals);
  def->alias = parse_type();
  expect(Tok::Semicolon);
  return def;
}

const ast::TypeDef* Parser::parse_record(ast::Docs docs, List<ast::Attribute> attrs) {
  auto* def = make<ast::TypeDef>();
  expect(Tok::Record);
  def->docs = docs;
  def->attrs = attrs;
  def->kind = ast::TypeDefKind::Record;
  def->name = parse_id();
  expect(Tok::LBrace);
  def->fields = parse_list(fields_, Tok::RBrace, [&](ast::Docs docs) {
    ast::Field field{docs, parse_id(), nullptr};
    expect(Tok::Colon);
    field.type = parse_type();
    return field;
  });
  return def;
}

const ast::TypeDef* Parser::parse_flags_or_enum(ast::Docs docs, List<ast::Attribute> attrs, Tok keyword) {
  auto* def = make<ast::TypeDef>();
  expect(keyword);
  def->docs = docs;
  def->attrs = attrs;
  def->kind = keyword == Tok::Flags ? ast::TypeDefKind::Flags : ast::TypeDefKind::Enum;
  def->name = parse_id();
  expect(Tok::LBrace);
  def->cases = parse_list(cases_, Tok::RBrace, [&](ast::Docs docs) { return ast::Case{docs, parse_id(), nullptr}; });
  return def;
}

const ast::TypeDef* Parser::parse_variant(ast::Docs docs, List<ast::Attribute> attrs) {
  auto* def = make<ast::TypeDef>();
  expect(Tok::Variant);
  def->docs = docs;
  def->attrs = attrs;
  def->kind = ast::TypeDefKind::Variant;
  def->name = parse_id();
  expect(Tok::LBrace);
  def->cases = parse_list(cases_, Tok::RBrace, [&](ast::Docs docs) {
    ast::Case c{docs, parse_id(), nullptr};
    if (eat(Tok::LParen)) {
      c.type = parse_type();
      expect(Tok::RParen);
    }
    return c;
  });
  return def;
}

const ast::TypeDef* Parser::parse_resource(ast::Docs docs, List<ast::Attribute> attrs) {
  auto* def = make<ast::TypeDef>();
  expect(Tok::Resource);
  def->docs = docs;
  def->attrs = attrs;
  def->kind = ast::TypeDefKind::Resource;
  def->name = parse_id();
  if (!eat(Tok::LBrace)) {
    expect(Tok::Semicolon);
    return def;
  }
  def->resource_body = true;
  const int base = depth_;
  size_t mark = resource_funcs_.mark();
  for (;;) {
    State start = state();
    try {
      if (eat(Tok::RBrace)) break;
      ast::Docs func_docs = parse_docs();
      List<ast::Attribute> func_attrs = parse_attributes();
      resource_funcs_.push(parse_resource_func(func_docs, func_attrs));
      ++out_.type_bound_;
    } catch (DiagnosticError& e) {
      // Recovering here keeps the resource's other functions (the reference
      // would abandon the whole definition at its first error).
      report(std::move(e.diag));
      recover(Context::Resource, base, start.offset);
      if (at_eof_after_error()) break;
    }
  }
  def->funcs = resource_funcs_.finish(out_.arena_, mark);
  return def;
}

ast::ResourceFunc Parser::parse_resource_func(ast::Docs docs, List<ast::Attribute> attrs) {
  Token t = peek();
  ast::ResourceFunc f{};
  f.docs = docs;
  f.attrs = attrs;
  if (t.kind == Tok::Constructor) {
    next();
    f.kind = ast::ResourceFuncKind::Constructor;
    f.name = ast::Id{"constructor", Span(t.start, t.end)};
    f.func.span = Span(t.start, t.end);
    expect(Tok::LParen);
    f.func.params = parse_params_until_rparen();
    if (eat(Tok::RArrow)) f.func.result = parse_type();
    expect(Tok::Semicolon);
    return f;
  }
  if (t.kind == Tok::Id || t.kind == Tok::ExplicitId) {
    f.name = parse_id();
    expect(Tok::Colon);
    f.kind = eat(Tok::Static) ? ast::ResourceFuncKind::Static : ast::ResourceFuncKind::Method;
    f.func = parse_func();
    expect(Tok::Semicolon);
    return f;
  }
  fail_expected("`constructor` or identifier", t);
}

const ast::NamedFunc* Parser::parse_named_func(ast::Docs docs, List<ast::Attribute> attrs) {
  auto* f = make<ast::NamedFunc>();
  f->docs = docs;
  f->attrs = attrs;
  f->name = parse_id();
  expect(Tok::Colon);
  f->func = parse_func();
  expect(Tok::Semicolon);
  return f;
}

ast::Func Parser::parse_func() {
  ast::Func f{};
  f.async = eat(Tok::Async);
  Token kw = expect(Tok::Func);
  f.span = Span(kw.start, kw.end);
  expect(Tok::LParen);
  f.params = parse_params_until_rparen();
  if (eat(Tok::RArrow)) f.result = parse_type();
  return f;
}

List<ast::Param> Parser::parse_params_until_rparen() {
  return parse_list(params_, Tok::RParen, [&](ast::Docs) {
    ast::Param p{parse_id(), nullptr};
    expect(Tok::Colon);
    p.type = parse_type();
    return p;
  });
}

}  // namespace plumb
