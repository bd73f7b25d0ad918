// Parser infrastructure: token access, errors, identifiers, versions,
// attributes and doc comments, and the parse_file entry point.
#include <algorithm>
#include <array>
#include <string>
#include <thread>
#include <vector>

#include "parser_internal.h"
#include "plumb/support/edit_distance.h"

namespace plumb {

Parser::Parser(const SourceMap& sources, FileId file, Diagnostics& diags, ParsedFile& out, uint32_t begin,
               uint32_t end)
    : sources_(sources),
      file_(file),
      diags_(diags),
      out_(out),
      text_(sources.file(file).text()),
      base_(sources.file(file).base()),
      lex_(text_.substr(0, end), base_),
      range_begin_(begin),
      range_end_(static_cast<uint32_t>(std::min<size_t>(end, text_.size()))) {
  if (begin > 0) lex_.seek(base_ + begin);
  // A tree takes from about its source's size (WIT that is mostly doc
  // comments, as WASI's) to four times it (dense declarations): start with
  // a block of one and a half, and let the arena grow from there. Room
  // reserved and never used still spreads the heap, and every page of it
  // costs (see plumb/support/heap.h).
  size_t size = std::min<size_t>(end, text_.size()) - begin;
  out_.arena_.reserve_first_block(size + size / 2);
  advance();
}

void Parser::report(Diagnostic d) {
  // The forbidden code point reported up front resurfaces as a bad token.
  if (d.span.start == reported_forbidden_) return;
  if (cur_.kind == Tok::Eof && d.span.start == cur_.start) {
    // Unclosed blocks all end at the end of input: say so once.
    if (reported_at_eof_) return;
    reported_at_eof_ = true;
  }
  ++out_.errors_;
  diags_.report(std::move(d));
}

// --- tokens ---

void Parser::fail_lex() { raise(cur_error_); }

void Parser::keep_lex_error() { cur_error_ = lex_.error(); }

// The reference reports a missing expected token as a lexer error: a
// one-character span at the token that was found.
void Parser::fail_wanted(Token found, Tok expected) {
  std::string msg = "expected " + std::string(describe(expected)) + ", found ";
  msg += found.kind == Tok::Eof ? "eof" : std::string(describe(found.kind));
  DiagCode code = expected == Tok::Id && is_keyword(found.kind) ? DiagCode::KeywordAsName : DiagCode::UnexpectedToken;
  DiagnosticError e{Diagnostic::error(code, Span(found.start, found.start + 1), std::move(msg))};
  add_hints(e.diag, found, expected);
  throw e;
}

namespace {

std::string_view keyword_text(Tok t) {
  std::string_view d = describe(t);
  if (d.substr(0, 9) != "keyword `") return {};
  return d.substr(9, d.size() - 10);
}

}  // namespace

// Hints for frequent mistakes. They never change the message or location,
// which stay the reference's.
void Parser::add_hints(Diagnostic& d, Token found, Tok expected) {
  const SourceFile& f = sources_.file(file_);
  if (expected == Tok::Id && is_keyword(found.kind)) {
    std::string kw(keyword_text(found.kind));
    d.with_help("`" + kw + "` is a keyword; write `%" + kw + "` to use it as a name");
    return;
  }
  if ((expected == Tok::Semicolon || expected == Tok::Comma || expected == Tok::RBrace) && last_end_ > f.base() &&
      found.kind != Tok::Eof) {
    uint32_t prev_line = f.line_col(last_end_ - f.base()).first;
    uint32_t found_line = f.line_col(found.start - f.base()).first;
    if (found_line > prev_line) {
      d.with_help("add `" + std::string(describe(expected)).substr(1, 1) + "` at the end of line " +
                  std::to_string(prev_line + 1));
      return;
    }
  }
  std::string_view want = keyword_text(expected);
  if (!want.empty() && found.kind == Tok::Id) {
    std::string_view got = text_of(found);
    if (edit_distance(got, want) <= 2 && got.size() > 1) d.with_help("did you mean `" + std::string(want) + "`?");
  }
}

// ... whereas "expected <description>" errors cover the whole token.
void Parser::fail_expected(std::string_view expected, Token found) {
  std::string msg = "expected " + std::string(expected) + ", found ";
  msg += found.kind == Tok::Eof ? "eof" : std::string(describe(found.kind));
  DiagCode code = expected == "an identifier or string" && is_keyword(found.kind) ? DiagCode::KeywordAsName
                                                                                 : DiagCode::UnexpectedToken;
  DiagnosticError e{Diagnostic::error(code, Span(found.start, found.end), std::move(msg))};
  if (expected == "an identifier or string") add_hints(e.diag, found, Tok::Id);
  throw e;
}

// The comments before the current token, as the reference gathers them (it
// treats every comment as documentation): those the lexer skipped to reach
// it. They are consumed: asking again before the same token gives none.
ast::Docs Parser::parse_docs() {
  if (!cur_has_comments_) return {};
  cur_has_comments_ = false;
  Span span;
  size_t mark = comments_.mark();
  for (Span c : lex_.skipped_comments()) {
    std::string_view text = text_.substr(c.start - base_, c.end - c.start);
    uint32_t trailing = 0;
    while (trailing < text.size()) {
      char ch = text[text.size() - 1 - trailing];
      if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r' && ch != '\f') break;
      ++trailing;
    }
    if (comments_.mark() == mark) span.start = c.start;
    span.end = c.end - trailing;
    comments_.push(c);
  }
  return ast::Docs{make<ast::DocComments>(comments_.finish(out_.arena_, mark), span)};
}

// The usual all-lowercase kebab-case id, valid at a glance: only [a-z0-9-],
// starting with a letter, no empty part. One pass, no call.
static bool is_simple_id(std::string_view id) {
  static constexpr auto kSimple = [] {
    std::array<bool, 256> t{};
    for (int c = 'a'; c <= 'z'; ++c) t[c] = true;
    for (int c = '0'; c <= '9'; ++c) t[c] = true;
    t['-'] = true;
    return t;
  }();
  if (id.empty() || id[0] < 'a' || id[0] > 'z' || id.back() == '-') return false;
  bool simple = true;
  unsigned char prev = 0;
  for (unsigned char c : id) {
    simple &= kSimple[c] & !(c == '-' && prev == '-');
    prev = c;
  }
  return simple;
}

ast::Id Parser::parse_id() {
  Token t = peek();
  if (t.kind != Tok::Id && t.kind != Tok::ExplicitId) fail_expected("an identifier or string", t);
  next();
  std::string_view text = text_of(t);
  if (t.kind == Tok::ExplicitId) text.remove_prefix(1);
  if (!is_simple_id(text)) {
    if (auto err = validate_id(text)) raise(DiagCode::InvalidIdentifier, Span(t.start, t.start + 1), *err);
  }
  return ast::Id{text, Span(t.start, t.end)};
}

void Parser::eat_id(std::string_view expected) {
  ast::Id id = parse_id();
  if (id.name != expected) {
    raise(DiagCode::InvalidAttribute, id.span,
          "expected `" + std::string(expected) + "`, found `" + std::string(id.name) + "`");
  }
}

// `INT.INT.INT` then pre-release/build parts as the reference gathers them:
// after `-` or `+`, ids, integers and `-`, and `.` when followed by one of
// those (so the `.` of `use a:b/c@1.0.0-x.{t}` stays WIT syntax). The text is
// then validated as strict SemVer.
const Version* Parser::parse_version(Span* out_span) {
  uint32_t start = peek().start;
  uint32_t end = start;
  try {
    start = expect(Tok::Integer).start;
    expect(Tok::Period);
    expect(Tok::Integer);
    expect(Tok::Period);
    end = expect(Tok::Integer).end;
  } catch (DiagnosticError& e) {
    // `@1.2` or `@1`: the message stays the reference's; say why.
    e.diag.code = DiagCode::InvalidVersion;
    std::string_view given = text_.substr(start - base_, last_end_ > start ? last_end_ - start : 0);
    std::string full(given);
    for (size_t dots = static_cast<size_t>(std::count(given.begin(), given.end(), '.')); dots < 2; ++dots) {
      full += full.empty() || full.back() == '.' ? "0" : ".0";
    }
    if (!given.empty() && given.back() != '.') {
      e.diag.with_help("versions are full semantic versions (MAJOR.MINOR.PATCH): write `" + full + "`");
    } else {
      e.diag.with_help("versions are full semantic versions (MAJOR.MINOR.PATCH), such as `0.2.0`");
    }
    throw;
  }
  auto part_token = [](Tok k) { return k == Tok::Id || k == Tok::Integer || k == Tok::Minus; };
  for (Tok prefix : {Tok::Minus, Tok::Plus}) {
    if (!eat(prefix)) continue;
    for (;;) {
      State s = state();
      Token t = peek();
      if (part_token(t.kind)) {
        next();
        end = t.end;
        continue;
      }
      if (t.kind == Tok::Period) {
        next();
        Token u = peek();
        if (part_token(u.kind)) {
          next();
          end = u.end;
          continue;
        }
      }
      restore(s);
      break;
    }
  }
  Span span(start, end);
  if (out_span) *out_span = span;
  std::string_view text = text_.substr(start - base_, end - start);
  if (last_version_ != nullptr && text == last_version_text_) return last_version_;
  BasicExpected<Version, std::string> v = plumb::parse_version(text);
  if (!v) raise(DiagCode::InvalidVersion, span, std::move(v).error());
  last_version_text_ = text;
  last_version_ = &*out_.versions_.insert(std::move(v).value()).first;
  return last_version_;
}

const Version* Parser::parse_opt_version() { return eat(Tok::At) ? parse_version() : nullptr; }

List<ast::Attribute> Parser::parse_attributes() {
  size_t mark = attrs_.mark();
  while (eat(Tok::At)) {
    ast::Id id = parse_id();
    ast::Attribute attr{};
    attr.span = id.span;
    if (id.name == "since" || id.name == "deprecated") {
      attr.kind = id.name == "since" ? ast::AttrKind::Since : ast::AttrKind::Deprecated;
      expect(Tok::LParen);
      eat_id("version");
      expect(Tok::Equals);
      attr.version = parse_version();
      expect(Tok::RParen);
    } else if (id.name == "unstable") {
      attr.kind = ast::AttrKind::Unstable;
      expect(Tok::LParen);
      eat_id("feature");
      expect(Tok::Equals);
      attr.feature = parse_id();
      expect(Tok::RParen);
    } else if (id.name == "external-id") {
      attr.kind = ast::AttrKind::ExternalId;
      expect(Tok::LParen);
      Token s = expect(Tok::String);
      expect(Tok::RParen);
      Expected<std::string> value = decode_string_literal(text_of(s), s.start);
      if (!value) raise(std::move(value).error());
      attr.external_id = out_.arena_.copy_string(*value);
    } else {
      raise(DiagCode::InvalidAttribute, id.span, "unknown attribute `" + std::string(id.name) + "`");
    }
    attrs_.push(attr);
  }
  return attrs_.finish(out_.arena_, mark);
}

// Codepoints the reference refuses anywhere (bidirectional overrides,
// controls): looked for in this parser's part of the file only, so that the
// halves of a split file share the work.
void Parser::check_codepoints() {
  std::string_view part = text_.substr(range_begin_, range_end_ - range_begin_);
  if (auto bad = find_forbidden_codepoint(part, base_ + range_begin_)) {
    uint32_t at = bad->span.start;
    report(std::move(*bad));
    reported_forbidden_ = at;
  }
}

const ast::File* Parser::parse_file() {
  auto* file = make<ast::File>();
  check_codepoints();
  // `package ns:name;` is the file's header; `package ns:name {` starts a
  // nested package, which becomes the first declaration. (The reference
  // re-parses the latter from the start; continuing from here gives the same
  // tree and the same errors without backtracking.)
  State start = state();
  const ast::NestedPackage* first = nullptr;
  try {
    ast::Docs docs = parse_docs();
    if (at(Tok::Package)) {
      Token kw = next();
      ast::PackageName name = parse_package_name(docs);
      if (eat(Tok::Semicolon)) {
        file->header = make<ast::PackageName>(name);
      } else {
        first = finish_nested_package(Span(kw.start, kw.end), name, 0);
      }
    } else {
      restore(start);
    }
  } catch (DiagnosticError& e) {
    report(std::move(e.diag));
    recover(Context::Decls, 0, start.offset);
  }
  file->decls = parse_decls(false, 0, first);
  return file;
}

const ast::File* Parser::parse_declarations() {
  auto* file = make<ast::File>();
  check_codepoints();
  file->decls = parse_decls(false, 0);
  return file;
}

namespace {

constexpr size_t kSplitBytes = 1 << 20;

bool keyword_at(std::string_view text, size_t at, std::string_view keyword) {
  return text.compare(at, keyword.size(), keyword) == 0 && at + keyword.size() < text.size() &&
         (text[at + keyword.size()] == ' ' || text[at + keyword.size()] == '\t');
}

struct SplitPoint {
  size_t at = 0;         // where the second half starts (0: no split)
  size_t brace_end = 0;  // just after the `}` that must end the first half
};

// A place near the middle of `text` that looks like the start of a top-level
// item: `interface`, `world` or `package` at the start of a line, with only
// whitespace back to a `}` (so no comment or attribute belongs to it from
// above). Whether it really is one is checked by parsing (see below).
SplitPoint split_point(std::string_view text) {
  for (size_t at = text.find('\n', text.size() / 2); at != std::string_view::npos && at < text.size() * 3 / 4;
       at = text.find('\n', at + 1)) {
    size_t start = at + 1;
    if (!keyword_at(text, start, "interface") && !keyword_at(text, start, "world") &&
        !keyword_at(text, start, "package")) {
      continue;
    }
    size_t back = at;
    while (back > 0 && (text[back] == '\n' || text[back] == ' ' || text[back] == '\t' || text[back] == '\r')) --back;
    if (text[back] == '}') return SplitPoint{start, back + 1};
  }
  return {};
}

}  // namespace

// A large file is parsed in two halves on two threads, split between two
// top-level items. The halves are only used when both parse without error
// and the first half's last token is the `}` before the split (not a `}` in
// a comment, which would make the comment that follows lose its item): then
// the split was between items, with nothing but whitespace between them, and
// the result is the tree a sequential parse gives. Otherwise (or with any
// error at all) the file is parsed again sequentially, so diagnostics and
// recovery are always exactly those of one pass.
std::unique_ptr<ParsedFile> parse_file(const SourceMap& sources, FileId file, Diagnostics& diags,
                                       ParseOptions options) {
  auto parse_sequentially = [](const SourceMap& sources, FileId file, Diagnostics& diags) {
    auto out = std::make_unique<ParsedFile>();
    out->file_ = file;
    Parser parser(sources, file, diags, *out);
    out->root_ = parser.parse_file();
    return out;
  };
  std::string_view text = sources.file(file).text();
  SplitPoint point = options.parallel && text.size() >= kSplitBytes && std::thread::hardware_concurrency() > 1
                         ? split_point(text)
                         : SplitPoint{};
  const size_t split = point.at;
  if (split == 0) return parse_sequentially(sources, file, diags);

  auto first = std::make_unique<ParsedFile>();
  auto second = std::make_unique<ParsedFile>();
  first->file_ = second->file_ = file;
  Diagnostics first_diags, second_diags;
  std::thread worker([&] {
    Parser parser(sources, file, second_diags, *second, static_cast<uint32_t>(split));
    second->root_ = parser.parse_declarations();
  });
  bool first_ends_at_brace = false;
  {
    Parser parser(sources, file, first_diags, *first, 0, static_cast<uint32_t>(split));
    first->root_ = parser.parse_file();
    first_ends_at_brace = parser.last_consumed_end() == sources.file(file).base() + point.brace_end;
  }
  worker.join();
  if (first_diags.has_errors() || second_diags.has_errors() || !first_ends_at_brace) {
    return parse_sequentially(sources, file, diags);
  }

  // One declaration list, in the first half's arena; the second half's tree
  // stays alive with it.
  std::vector<ast::Decl> decls(first->root_->decls.begin(), first->root_->decls.end());
  decls.insert(decls.end(), second->root_->decls.begin(), second->root_->decls.end());
  auto* root = first->arena_.make<ast::File>();
  root->header = first->root_->header;
  root->decls = first->arena_.copy(decls.data(), decls.size());
  first->root_ = root;
  first->parts_.push_back(std::move(second));
  return first;
}

std::optional<std::string> validate_id(std::string_view id) {
  if (is_simple_id(id)) return std::nullopt;
  if (id.empty()) return "identifiers must have characters between '-'s";
  size_t part_start = 0;
  bool first_part = true;
  for (;;) {
    size_t dash = id.find('-', part_start);
    std::string_view part = id.substr(part_start, dash == std::string_view::npos ? dash : dash - part_start);
    if (part.empty()) return "identifiers must have characters between '-'s";
    unsigned char c0 = static_cast<unsigned char>(part[0]);
    if (first_part && !((c0 >= 'a' && c0 <= 'z') || (c0 >= 'A' && c0 <= 'Z'))) {
      size_t len;
      return "invalid character in identifier " + debug_char(decode_utf8(part, 0, len));
    }
    int upper = -1;  // unknown until the first letter
    for (size_t i = 0; i < part.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(part[i]);
      if (c >= '0' && c <= '9') continue;
      int is_upper = (c >= 'A' && c <= 'Z') ? 1 : (c >= 'a' && c <= 'z') ? 0 : -1;
      if (is_upper < 0 || (upper >= 0 && upper != is_upper)) {
        size_t len;
        return "invalid character in identifier " + debug_char(decode_utf8(part, i, len));
      }
      upper = is_upper;
    }
    if (dash == std::string_view::npos) return std::nullopt;
    part_start = dash + 1;
    first_part = false;
  }
}

}  // namespace plumb
