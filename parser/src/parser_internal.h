// The recursive-descent parser. It follows the structure of the reference's
// parser closely (same lookahead, same error for the same input) so the first
// error of a file matches it exactly; on top of that it recovers from errors.
#pragma once

#include <vector>

#include "plumb/diagnostics/diagnostic.h"
#include "plumb/diagnostics/diagnostic_error.h"
#include "plumb/parser/lexer.h"
#include "plumb/parser/parser.h"

namespace plumb {

// Thrown by recovery when it meets the start of a top-level item while inside
// a body: the enclosing declaration list takes over there.
struct Resync {};

class Parser {
 public:
  // Parses [begin, end) of the file (by default all of it): the end acts as
  // the end of input.
  Parser(const SourceMap& sources, FileId file, Diagnostics& diags, ParsedFile& out, uint32_t begin = 0,
         uint32_t end = UINT32_MAX);
  const ast::File* parse_file();
  // Declarations only, from `begin`: the second half of a file split between
  // two top-level items (see parse_file in parser.cc).
  const ast::File* parse_declarations();
  // Where the last token consumed ends (global offset).
  uint32_t last_consumed_end() const { return last_end_; }

 private:
  // Where the parser is: where the whitespace and comments before the
  // current token begin, and how many braces are open.
  struct State {
    uint32_t offset;
    int depth;
  };
  State state() const { return {cur_trivia_, depth_}; }
  void restore(State s) {
    lex_.seek(s.offset);
    advance();
    depth_ = s.depth;
  }
  std::string_view text_of(Token t) const { return text_.substr(t.start - base_, t.end - t.start); }
  void check_codepoints();

  // --- tokens (parser.cc) ---
  // The current (next unconsumed) significant token. A lexical error
  // surfaces only when the parser looks at it, as in the reference.
  Token peek() {
    if (cur_.kind == Tok::Error) fail_lex();
    return cur_;
  }
  [[noreturn]] void fail_lex();
  // Lexes the token after the current one.
  void advance() {
    cur_trivia_ = lex_.offset();
    lex_.lex_significant(cur_);
    cur_has_comments_ = !lex_.skipped_comments().empty();
    if (cur_.kind == Tok::Error) [[unlikely]] keep_lex_error();
  }
  // Out of line: copying a Diagnostic inline would keep next() (the
  // parser's hottest function) from being inlined.
  void keep_lex_error();
  Token next() {
    Token t = peek();
    last_end_ = t.end;
    if (t.kind == Tok::LBrace) ++depth_;
    else if (t.kind == Tok::RBrace) --depth_;
    advance();
    return t;
  }
  bool eat(Tok t) {
    if (peek().kind != t) return false;
    next();
    return true;
  }
  Token expect(Tok t) {
    Token found = peek();
    if (found.kind != t) fail_wanted(found, t);
    return next();
  }
  bool at(Tok t) { return peek().kind == t; }
  [[noreturn]] void fail_wanted(Token found, Tok expected);
  [[noreturn]] void fail_expected(std::string_view expected, Token found);
  void add_hints(Diagnostic& d, Token found, Tok expected);
  ast::Docs parse_docs();
  ast::Id parse_id();
  void eat_id(std::string_view expected);
  const Version* parse_version(Span* span = nullptr);
  const Version* parse_opt_version();
  List<ast::Attribute> parse_attributes();
  void report(Diagnostic d);

  // --- recovery (recovery.cc) ---
  enum class Context { Decls, Interface, World, Resource };
  void recover(Context ctx, int body_depth, uint32_t item_start);
  bool is_line_start(uint32_t offset) const;
  bool starts_item(Context ctx, Token t);
  bool at_eof_after_error() const;

  // --- declarations (parse_decls.cc) ---
  List<ast::Decl> parse_decls(bool nested, int nesting, const ast::NestedPackage* first = nullptr);
  ast::Decl parse_decl(ast::Docs docs, int nesting);
  const ast::NestedPackage* parse_nested_package(ast::Docs docs, List<ast::Attribute> attrs, int nesting);
  const ast::NestedPackage* finish_nested_package(Span keyword, ast::PackageName name, int nesting);
  ast::PackageName parse_package_name(ast::Docs docs);
  ast::UsePath parse_use_path();
  const ast::ToplevelUse* parse_toplevel_use(List<ast::Attribute> attrs);
  const ast::Interface* parse_interface(ast::Docs docs, List<ast::Attribute> attrs);
  List<ast::InterfaceItem> parse_interface_items(Span* body);
  ast::InterfaceItem parse_interface_item(ast::Docs docs, List<ast::Attribute> attrs);
  const ast::World* parse_world(ast::Docs docs, List<ast::Attribute> attrs);
  ast::WorldItem parse_world_item(ast::Docs docs, List<ast::Attribute> attrs);
  ast::Extern parse_extern();
  const ast::Use* parse_use(List<ast::Attribute> attrs);
  const ast::Include* parse_include(List<ast::Attribute> attrs);

  // --- types and functions (parse_types.cc) ---
  const ast::Type* parse_type(int depth = 0);
  uint32_t parse_list_size();
  void parse_result_args(ast::Type* ty, int depth);
  const ast::TypeDef* parse_type_alias(ast::Docs docs, List<ast::Attribute> attrs);
  const ast::TypeDef* parse_record(ast::Docs docs, List<ast::Attribute> attrs);
  const ast::TypeDef* parse_flags_or_enum(ast::Docs docs, List<ast::Attribute> attrs, Tok keyword);
  const ast::TypeDef* parse_variant(ast::Docs docs, List<ast::Attribute> attrs);
  const ast::TypeDef* parse_resource(ast::Docs docs, List<ast::Attribute> attrs);
  ast::ResourceFunc parse_resource_func(ast::Docs docs, List<ast::Attribute> attrs);
  const ast::NamedFunc* parse_named_func(ast::Docs docs, List<ast::Attribute> attrs);
  ast::Func parse_func();
  List<ast::Param> parse_params_until_rparen();
  const ast::TypeDef* parse_typedef_by_keyword(ast::Docs docs, List<ast::Attribute> attrs);

  // Items separated by commas, an optional trailing comma, then `close` (the
  // opening token is already consumed): the reference's parse_list. Each
  // item gets the comments before it.
  template <class T, class ParseItem>
  List<T> parse_list(ListBuilder<T>& builder, Tok close, ParseItem&& parse_item) {
    size_t mark = builder.mark();
    for (;;) {
      ast::Docs docs = parse_docs();
      if (eat(close)) break;
      builder.push(parse_item(docs));
      if (!eat(Tok::Comma)) {
        expect(close);
        break;
      }
    }
    return builder.finish(out_.arena_, mark);
  }

  template <class T, class... Args>
  T* make(Args&&... args) {
    return out_.arena_.make<T>(std::forward<Args>(args)...);
  }

  const SourceMap& sources_;
  FileId file_;
  Diagnostics& diags_;
  ParsedFile& out_;
  std::string_view text_;
  uint32_t base_;
  Lexer lex_;  // positioned just after cur_: no token array is built
  uint32_t range_begin_, range_end_;  // the part of the file this parser reads (file offsets)
  Token cur_{};
  uint32_t cur_trivia_ = 0;        // where the trivia before cur_ starts
  bool cur_has_comments_ = false;  // whether that trivia holds comments (docs)
  Diagnostic cur_error_;
  uint32_t reported_forbidden_ = UINT32_MAX;
  int depth_ = 0;
  uint32_t last_end_ = 0;  // end of the last consumed token, for hints
  bool reported_at_eof_ = false;  // an error at the end of input is reported once
  // A file names the same version again and again (`@since(version =
  // 0.2.0)`, `wasi:io/streams@0.2.0`): the last one, by its text.
  std::string_view last_version_text_;
  const Version* last_version_ = nullptr;

  ListBuilder<Span> comments_;
  ListBuilder<ast::Attribute> attrs_;
  ListBuilder<ast::Decl> decls_;
  ListBuilder<ast::InterfaceItem> iface_items_;
  ListBuilder<ast::WorldItem> world_items_;
  ListBuilder<ast::UseName> use_names_;
  ListBuilder<ast::IncludeName> include_names_;
  ListBuilder<const ast::Type*> types_;
  ListBuilder<ast::Param> params_;
  ListBuilder<ast::Field> fields_;
  ListBuilder<ast::Case> cases_;
  ListBuilder<ast::ResourceFunc> resource_funcs_;
};

}  // namespace plumb
