#include "plumb/wasm/wat_parser.h"

#include "plumb/diagnostics/diagnostic_error.h"
#include "plumb/support/utf8.h"
#include "plumb/wasm/binary_writer.h"
#include "wat_ast.h"
#include "wat_lexer.h"
#include "wat_lower.h"

namespace plumb {
namespace wat {
namespace {

using TK = Token::Kind;

// Drops annotations other than `@custom` and `@producers` (the text format
// says unknown annotations are ignored; `@name` only names things for a
// `name` section, which WIT does not use).
std::vector<Token> without_ignored_annotations(std::vector<Token> tokens) {
  std::vector<Token> out;
  out.reserve(tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.kind == TK::Annotation && t.text != "custom" && t.text != "producers") {
      int depth = 1;
      while (depth > 0 && i + 1 < tokens.size()) {
        ++i;
        if (tokens[i].kind == TK::LParen || tokens[i].kind == TK::Annotation) ++depth;
        else if (tokens[i].kind == TK::RParen) --depth;
        else if (tokens[i].kind == TK::Eof)
          raise_at(DiagCode::WatSyntax, t.offset, t.length, "unterminated annotation");
      }
      continue;
    }
    out.push_back(t);
  }
  return out;
}

const char* prim_keywords[][2] = {
    {"bool", "\x7f"}, {"s8", "\x7e"}, {"u8", "\x7d"}, {"s16", "\x7c"}, {"u16", "\x7b"}, {"s32", "\x7a"},
    {"u32", "\x79"}, {"s64", "\x78"}, {"u64", "\x77"}, {"f32", "\x76"}, {"float32", "\x76"}, {"f64", "\x75"},
    {"float64", "\x75"}, {"char", "\x74"}, {"string", "\x73"}, {"error-context", "\x64"},
};

bool primitive_keyword(const std::string& kw, wasm::PrimValType& out) {
  for (const auto& [name, code] : prim_keywords) {
    if (kw == name) {
      out = static_cast<wasm::PrimValType>(static_cast<uint8_t>(code[0]));
      return true;
    }
  }
  return false;
}

bool defined_keyword(const std::string& kw) {
  for (const char* k : {"record", "variant", "list", "map", "tuple", "flags", "enum", "option", "result", "own",
                        "borrow", "stream", "future"}) {
    if (kw == k) return true;
  }
  return false;
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : t_(std::move(tokens)) {}

  Component component() {
    Component c;
    const Token& open = peek();
    expect(TK::LParen, "`(`");
    if (peek().kind == TK::Keyword && peek().text == "module") {
      raise_at(DiagCode::WatSyntax, peek().offset, peek().length,
               "core WebAssembly modules are not WIT packages (expected `(component ...)`)");
    }
    expect_keyword("component");
    c.id = opt_id();
    if (peek().kind == TK::Keyword && (peek().text == "binary" || peek().text == "quote")) {
      unsupported("`(component " + peek().text + " ...)`", peek());
    }
    while (peek().kind != TK::RParen) {
      if (peek().kind == TK::Eof)
        raise_at(DiagCode::WatSyntax, open.offset, open.length, "unbalanced parentheses: this `(` is not closed");
      c.fields.push_back(field());
    }
    next();
    if (peek().kind != TK::Eof)
      raise_at(DiagCode::WatSyntax, peek().offset, peek().length, "unexpected input after the component");
    return c;
  }

 private:
  const Token& peek(size_t k = 0) const {
    size_t i = p_ + k;
    return i < t_.size() ? t_[i] : t_.back();
  }
  const Token& next() {
    const Token& t = peek();
    if (p_ < t_.size() - 1) ++p_;
    return t;
  }

  [[noreturn]] static void unsupported(const std::string& what, const Token& at) {
    raise_at(DiagCode::WatUnsupported, at.offset, at.length,
             what + " is not supported: plumb reads WebAssembly text only as far as WIT packages need it");
  }
  static std::string describe(const Token& t) {
    switch (t.kind) {
      case TK::LParen: return "`(`";
      case TK::RParen: return "`)`";
      case TK::Keyword: return "keyword `" + t.text + "`";
      case TK::Id: return "identifier `$" + t.text + "`";
      case TK::String: return "a string";
      case TK::Integer: return "an integer";
      case TK::Annotation: return "annotation `(@" + t.text + "`";
      case TK::Reserved: return "`" + t.text + "`";
      case TK::Eof: return "end of input";
    }
    return "a token";
  }
  [[noreturn]] static void expected(const std::string& what, const Token& got) {
    raise_at(DiagCode::WatSyntax, got.offset, got.length, "expected " + what + ", found " + describe(got));
  }

  void expect(TK kind, const char* what) {
    if (peek().kind != kind) expected(what, peek());
    next();
  }
  void expect_keyword(const char* kw) {
    if (peek().kind != TK::Keyword || peek().text != kw) expected(std::string("`") + kw + "`", peek());
    next();
  }
  bool peek_keyword(const char* kw, size_t k = 0) const {
    return peek(k).kind == TK::Keyword && peek(k).text == kw;
  }
  // `(` followed by keyword `kw`.
  bool peek_paren_keyword(const char* kw) const { return peek().kind == TK::LParen && peek_keyword(kw, 1); }

  std::optional<std::string> opt_id() {
    if (peek().kind != TK::Id) return std::nullopt;
    return next().text;
  }

  std::string string() {
    if (peek().kind != TK::String) expected("a string", peek());
    return next().text;
  }
  std::string name() {
    const Token& t = peek();
    std::string s = string();
    if (!valid_utf8(s)) raise_at(DiagCode::WatSyntax, t.offset, t.length, "malformed UTF-8 encoding");
    return s;
  }

  uint32_t u32() {
    const Token& t = peek();
    if (t.kind != TK::Integer) expected("an integer", t);
    next();
    if (t.overflow || t.value > UINT32_MAX)
      raise_at(DiagCode::WatSyntax, t.offset, t.length, "integer out of range for u32");
    return static_cast<uint32_t>(t.value);
  }

  bool peek_index() const { return peek().kind == TK::Id || peek().kind == TK::Integer; }
  Index index() {
    const Token& t = peek();
    if (t.kind == TK::Id) {
      next();
      return Index::of_id(t.text, t.offset, t.length);
    }
    if (t.kind != TK::Integer) expected("an index (`$name` or a number)", t);
    Index out;
    out.num = u32();
    out.offset = t.offset;
    out.length = t.length;
    return out;
  }

  Field field() {
    Field f;
    const Token& start = peek();
    f.offset = start.offset;
    if (start.kind == TK::Annotation) {
      next();
      if (start.text == "custom") {
        f.kind = Field::Kind::Custom;
        f.custom_name = name();
        if (peek().kind == TK::LParen) unsupported("a placement for `@custom`", peek());
        while (peek().kind == TK::String) f.custom_data += next().text;
      } else {
        f.kind = Field::Kind::Producers;
        producers(f);
      }
      expect(TK::RParen, "`)`");
      return f;
    }
    expect(TK::LParen, "`(`");
    const Token& kw = peek();
    if (kw.kind != TK::Keyword) expected("a component field (`type`, `export`, ...)", kw);
    next();
    if (kw.text == "type") {
      f.kind = Field::Kind::Type;
      f.id = opt_id();
      while (peek_paren_keyword("export")) {
        next();
        next();
        f.inline_exports.push_back(extern_name());
        expect(TK::RParen, "`)`");
      }
      f.type = std::make_unique<TypeDef>(typedef_());
    } else if (kw.text == "export") {
      f.kind = Field::Kind::Export;
      f.id = opt_id();
      f.name = extern_name();
      expect(TK::LParen, "`(` and the kind of item exported");
      const Token& sort_tok = peek();
      f.sort = sort(false);
      f.index = index();
      if (peek().kind == TK::String) unsupported("an export of an instance's export (`(" + sort_tok.text + " idx \"name\")`)", peek());
      expect(TK::RParen, "`)`");
      if (peek().kind == TK::LParen) {
        next();
        f.ascribed = std::make_unique<ItemSig>(item_sig(false));
        expect(TK::RParen, "`)`");
      }
    } else if (kw.text == "import") {
      f.kind = Field::Kind::Import;
      f.name = extern_name();
      expect(TK::LParen, "`(`");
      f.sig = item_sig(true);
      expect(TK::RParen, "`)`");
    } else if (kw.text == "core") {
      unsupported("`(core " + (peek().kind == TK::Keyword ? peek().text : std::string("...")) + " ...)`", kw);
    } else {
      unsupported("the component field `" + kw.text + "`", kw);
    }
    expect(TK::RParen, "`)`");
    return f;
  }

  void producers(Field& f) {
    std::vector<std::pair<std::string, std::string>> language, sdk, processed_by;
    while (peek().kind == TK::LParen) {
      next();
      const Token& kw = peek();
      std::vector<std::pair<std::string, std::string>>* dst = nullptr;
      if (peek_keyword("language")) dst = &language;
      else if (peek_keyword("sdk")) dst = &sdk;
      else if (peek_keyword("processed-by")) dst = &processed_by;
      else expected("`language`, `sdk` or `processed-by`", kw);
      next();
      std::string n = name();
      std::string v = name();
      dst->emplace_back(std::move(n), std::move(v));
      expect(TK::RParen, "`)`");
    }
    if (!language.empty()) f.producers.emplace_back("language", std::move(language));
    if (!sdk.empty()) f.producers.emplace_back("sdk", std::move(sdk));
    if (!processed_by.empty()) f.producers.emplace_back("processed-by", std::move(processed_by));
  }

  // A name with its optional attributes: `"name" (implements "...")?
  // (versionsuffix "...")? (external-id "...")?`.
  wasm::ExternName extern_name() {
    wasm::ExternName n;
    if (peek_paren_keyword("interface")) {
      // The old `(interface "ns:pkg/iface")` form.
      next();
      next();
      n.name = name();
      expect(TK::RParen, "`)`");
    } else {
      n.name = name();
    }
    auto attribute = [&](const char* kw, std::optional<std::string>& slot) {
      if (!peek_paren_keyword(kw)) return;
      next();
      next();
      slot = name();
      expect(TK::RParen, "`)`");
    };
    attribute("implements", n.implements);
    attribute("versionsuffix", n.version_suffix);
    attribute("external-id", n.external_id);
    return n;
  }

  // `type`, `func`, ... (and `core module`/`core type` for aliases).
  wasm::Sort sort(bool allow_core_type) {
    const Token& t = peek();
    if (t.kind != TK::Keyword) expected("a sort (`type`, `func`, `instance`, `component`, ...)", t);
    next();
    if (t.text == "type") return wasm::Sort::Type;
    if (t.text == "func") return wasm::Sort::Func;
    if (t.text == "instance") return wasm::Sort::Instance;
    if (t.text == "component") return wasm::Sort::Component;
    if (t.text == "value") return wasm::Sort::Value;
    if (t.text == "core") {
      const Token& what = peek();
      if (peek_keyword("module") || (allow_core_type && peek_keyword("type"))) {
        next();
        unsupported("the sort `core " + what.text + "`", t);
      }
      expected("`module`", what);
    }
    expected("a sort (`type`, `func`, `instance`, `component`, ...)", t);
  }

  TypeDef typedef_() {
    TypeDef def;
    const Token& start = peek();
    def.offset = start.offset;
    if (start.kind != TK::LParen) {
      def.kind = TypeDef::Kind::Defined;
      def.defined.offset = start.offset;
      if (start.kind != TK::Keyword || !primitive_keyword(start.text, def.defined.prim)) {
        expected("a type definition", start);
      }
      next();
      return def;
    }
    next();
    const Token& kw = peek();
    if (kw.kind != TK::Keyword) expected("a type definition", kw);
    if (kw.text == "func") {
      next();
      def.kind = TypeDef::Kind::Func;
      def.func = func_type();
    } else if (kw.text == "component" || kw.text == "instance") {
      next();
      def.kind = kw.text == "component" ? TypeDef::Kind::Component : TypeDef::Kind::Instance;
      def.decls = decls(def.kind == TypeDef::Kind::Component);
    } else if (kw.text == "resource") {
      unsupported("a resource definition (`(resource (rep ...))`, which belongs to concrete components)", kw);
    } else if (defined_keyword(kw.text)) {
      def.kind = TypeDef::Kind::Defined;
      def.defined = defined_nonprim();
    } else {
      expected("a type definition", kw);
    }
    expect(TK::RParen, "`)`");
    return def;
  }

  // The inside of `( ... )` for a defined type, from its keyword on.
  DefinedType defined_nonprim() {
    DefinedType d;
    const Token& kw = next();
    d.offset = kw.offset;
    using wasm::DefinedKind;
    if (kw.text == "record") {
      d.kind = DefinedKind::Record;
      while (peek().kind == TK::LParen) {
        next();
        expect_keyword("field");
        std::string n = name();
        d.fields.emplace_back(std::move(n), valtype());
        expect(TK::RParen, "`)`");
      }
    } else if (kw.text == "variant") {
      d.kind = DefinedKind::Variant;
      while (peek().kind == TK::LParen) {
        next();
        expect_keyword("case");
        opt_id();
        std::string n = name();
        std::optional<ValType> ty;
        if (peek_paren_keyword("refines")) unsupported("`refines` in a variant case", peek(1));
        if (peek().kind != TK::RParen) ty = valtype();
        if (peek_paren_keyword("refines")) unsupported("`refines` in a variant case", peek(1));
        d.cases.emplace_back(std::move(n), std::move(ty));
        expect(TK::RParen, "`)`");
      }
    } else if (kw.text == "list") {
      d.kind = DefinedKind::List;
      d.a = valtype();
      if (peek().kind == TK::Integer) {
        d.kind = DefinedKind::FixedList;
        d.length = u32();
      }
    } else if (kw.text == "map") {
      d.kind = DefinedKind::Map;
      d.a = valtype();
      d.b = valtype();
    } else if (kw.text == "tuple") {
      d.kind = DefinedKind::Tuple;
      while (peek().kind != TK::RParen) d.types.push_back(valtype());
    } else if (kw.text == "flags" || kw.text == "enum") {
      d.kind = kw.text == "flags" ? DefinedKind::Flags : DefinedKind::Enum;
      while (peek().kind == TK::String) d.names.push_back(name());
    } else if (kw.text == "option") {
      d.kind = DefinedKind::Option;
      d.a = valtype();
    } else if (kw.text == "result") {
      d.kind = DefinedKind::Result;
      if (peek().kind != TK::RParen && !peek_paren_keyword("error")) d.a = valtype();
      if (peek_paren_keyword("error")) {
        next();
        next();
        d.b = valtype();
        expect(TK::RParen, "`)`");
      }
    } else if (kw.text == "own" || kw.text == "borrow") {
      d.kind = kw.text == "own" ? DefinedKind::Own : DefinedKind::Borrow;
      d.resource = index();
    } else if (kw.text == "stream" || kw.text == "future") {
      d.kind = kw.text == "stream" ? DefinedKind::Stream : DefinedKind::Future;
      if (peek().kind != TK::RParen) d.a = valtype();
    } else {
      expected("a defined type", kw);
    }
    return d;
  }

  ValType valtype() {
    ValType v;
    const Token& t = peek();
    v.offset = t.offset;
    if (peek_index()) {
      v.kind = ValType::Kind::Ref;
      v.ref = index();
      return v;
    }
    if (t.kind == TK::Keyword && primitive_keyword(t.text, v.prim)) {
      next();
      v.kind = ValType::Kind::Prim;
      return v;
    }
    if (t.kind == TK::LParen && peek(1).kind == TK::Keyword && defined_keyword(peek(1).text)) {
      next();
      v.kind = ValType::Kind::Inline;
      v.inline_def = std::make_unique<DefinedType>(defined_nonprim());
      expect(TK::RParen, "`)`");
      return v;
    }
    expected("a value type", t);
  }

  FuncType func_type() {
    FuncType f;
    if (peek_keyword("async")) {
      next();
      f.async = true;
    }
    while (peek_paren_keyword("param")) {
      next();
      next();
      std::string n = name();
      f.params.emplace_back(std::move(n), valtype());
      expect(TK::RParen, "`)`");
    }
    if (peek_paren_keyword("result")) {
      next();
      next();
      if (peek().kind == TK::String) unsupported("a named function result", peek());
      f.result = valtype();
      expect(TK::RParen, "`)`");
    }
    return f;
  }

  std::vector<Decl> decls(bool component) {
    std::vector<Decl> out;
    while (peek().kind == TK::LParen) {
      Decl& d = out.emplace_back();
      d.offset = peek().offset;
      next();
      const Token& kw = peek();
      if (kw.kind != TK::Keyword) expected("a declaration (`type`, `alias`, `import` or `export`)", kw);
      next();
      if (kw.text == "type") {
        d.kind = Decl::Kind::Type;
        d.id = opt_id();
        d.type = std::make_unique<TypeDef>(typedef_());
      } else if (kw.text == "alias") {
        d.kind = Decl::Kind::Alias;
        d.alias = alias(kw);
      } else if (kw.text == "export" || (component && kw.text == "import")) {
        d.kind = kw.text == "export" ? Decl::Kind::Export : Decl::Kind::Import;
        d.name = extern_name();
        expect(TK::LParen, "`(`");
        d.sig = item_sig(true);
        expect(TK::RParen, "`)`");
      } else if (kw.text == "core") {
        unsupported("core types in component and instance types", kw);
      } else {
        expected(component ? "a declaration (`type`, `alias`, `import` or `export`)"
                           : "a declaration (`type`, `alias` or `export`)",
                 kw);
      }
      expect(TK::RParen, "`)`");
    }
    return out;
  }

  Alias alias(const Token& kw) {
    Alias a;
    a.offset = kw.offset;
    if (peek_keyword("outer")) {
      next();
      a.target = wasm::Alias::Target::Outer;
      a.outer = index();
      a.index = index();
    } else if (peek_keyword("export")) {
      next();
      a.target = wasm::Alias::Target::InstanceExport;
      a.instance = index();
      a.name = name();
    } else if (peek_keyword("core")) {
      unsupported("`alias core export`", peek());
    } else {
      expected("`outer` or `export`", peek());
    }
    expect(TK::LParen, "`(`");
    a.sort = sort(true);
    a.id = opt_id();
    expect(TK::RParen, "`)`");
    return a;
  }

  // `func $id? <type use>`, `instance ...`, `component ...`, `type $id?
  // (eq idx)|(sub resource)`; `with_id` is false for export ascriptions.
  ItemSig item_sig(bool with_id) {
    ItemSig s;
    const Token& kw = peek();
    s.offset = kw.offset;
    if (kw.kind != TK::Keyword) expected("`func`, `instance`, `component` or `type`", kw);
    next();
    if (kw.text == "func") s.kind = wasm::Sort::Func;
    else if (kw.text == "instance") s.kind = wasm::Sort::Instance;
    else if (kw.text == "component") s.kind = wasm::Sort::Component;
    else if (kw.text == "type") s.kind = wasm::Sort::Type;
    else if (kw.text == "value") unsupported("a component value import/export", kw);
    else if (kw.text == "core") unsupported("a core module import/export", kw);
    else expected("`func`, `instance`, `component` or `type`", kw);
    if (with_id) s.id = opt_id();
    if (s.kind == wasm::Sort::Type) {
      expect(TK::LParen, "`(eq ...)` or `(sub resource)`");
      if (peek_keyword("eq")) {
        next();
        s.eq = index();
      } else if (peek_keyword("sub")) {
        next();
        expect_keyword("resource");
        s.sub_resource = true;
      } else {
        expected("`eq` or `sub`", peek());
      }
      expect(TK::RParen, "`)`");
      return s;
    }
    // `(type idx)` refers to a type; anything else defines one inline.
    if (peek_paren_keyword("type") && (peek(2).kind == TK::Id || peek(2).kind == TK::Integer) &&
        (peek(3).kind == TK::RParen || peek(3).kind == TK::String)) {
      next();
      next();
      s.type = index();
      if (peek().kind == TK::String) unsupported("a reference to an instance's export (`(type idx \"name\")`)", peek());
      expect(TK::RParen, "`)`");
      return s;
    }
    auto def = std::make_unique<TypeDef>();
    def->offset = peek().offset;
    if (s.kind == wasm::Sort::Func) {
      def->kind = TypeDef::Kind::Func;
      def->func = func_type();
    } else {
      def->kind = s.kind == wasm::Sort::Component ? TypeDef::Kind::Component : TypeDef::Kind::Instance;
      def->decls = decls(s.kind == wasm::Sort::Component);
    }
    s.inline_type = std::move(def);
    return s;
  }

  std::vector<Token> t_;
  size_t p_ = 0;
};

}  // namespace
}  // namespace wat

Expected<std::string> wat_to_binary(std::string_view text) {
  if (!valid_utf8(text))
    return Unexpected{Diagnostic::error(DiagCode::WatSyntax, Span(0, 0), "input is not valid UTF-8")};
  try {
    wat::Parser parser(wat::without_ignored_annotations(wat::lex(text)));
    wat::Component component = parser.component();
    return wasm::write_component(wat::lower(std::move(component)));
  } catch (DiagnosticError& e) {
    return Unexpected{std::move(e.diag)};
  }
}

}  // namespace plumb
