// Doc comments as the reference computes them: every comment before an item
// counts. For each comment, `/** x */` keeps ` x `, anything else loses all
// leading `/` (so `/* x */` becomes `* x */`); trailing whitespace goes; the
// smallest indentation of the non-empty entries is removed; lines are joined
// with newlines and trailing newlines dropped.
#include <algorithm>
#include <string>

#include "plumb/parser/parser.h"

namespace plumb {

namespace {

bool is_trailing_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
// The character after a comment's first `/`: `/` for a line comment.
bool is_line_comment(char second) { return second == '/'; }
bool is_leading_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// One comment's entry: its markers and trailing whitespace removed.
[[gnu::always_inline]] inline std::string_view entry_of(std::string_view c) {
  if (c.size() >= 3 && c.substr(0, 3) == "/**") {
    c.remove_prefix(3);
    if (c.size() >= 2 && c.substr(c.size() - 2) == "*/") c.remove_suffix(2);
  } else {
    while (!c.empty() && c[0] == '/') c.remove_prefix(1);
  }
  while (!c.empty() && is_trailing_space(c.back())) c.remove_suffix(1);
  return c;
}

// Rust's str::lines() of `e` at `w`, each line ending in a newline: split
// on \n, one trailing \r per line dropped, no final empty line. Only a
// block comment can hold a newline, so a line comment's entry is one line.
// Writes at most e.size() + 1 bytes; returns where it stopped.
char* write_lines(std::string_view e, bool one_line, char* w) {
  if (one_line) {
    w = std::copy_n(e.data(), e.size(), w);
    *w++ = '\n';
    return w;
  }
  size_t pos = 0;
  while (pos < e.size()) {
    size_t nl = e.find('\n', pos);
    std::string_view line = e.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    w = std::copy_n(line.data(), line.size(), w);
    *w++ = '\n';
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return w;
}

// Whether `e` starts with `n` spaces.
bool starts_with_spaces(std::string_view e, size_t n) {
  if (e.size() < n) return false;
  for (size_t i = 0; i < n; ++i) {
    if (e[i] != ' ') return false;
  }
  return true;
}

}  // namespace

// Two passes over the comments (the entries are cheap to derive again): the
// smallest indentation and a bound on the text's size, then the text,
// written in place.
bool write_doc_text(const ast::Docs& docs, const SourceMap& sources, std::string& out) {
  out.clear();
  if (docs.empty()) return false;
  List<Span> comments = docs.comments();
  // An item's comments are all in its file.
  const SourceFile& f = sources.file(sources.file_of(comments[0].start));
  const std::string_view text = f.text();
  const uint32_t base = f.base();
  auto entry = [&](Span span) { return entry_of(text.substr(span.start - base, span.end - span.start)); };
  size_t min_ws = SIZE_MAX;
  size_t bound = 0;
  for (Span span : comments) {
    std::string_view e = entry(span);
    bound += e.size() + 1;
    if (e.empty()) continue;
    size_t n = 0;
    while (n < e.size() && is_leading_space(e[n])) ++n;
    min_ws = std::min(min_ws, n);
  }
  const bool dedent = min_ws != SIZE_MAX && min_ws > 0;
  out.resize(bound);
  char* w = out.data();
  for (Span span : comments) {
    std::string_view e = entry(span);
    if (e.empty()) {
      *w++ = '\n';
      continue;
    }
    if (dedent && starts_with_spaces(e, min_ws)) e.remove_prefix(min_ws);
    w = write_lines(e, is_line_comment(text[span.start - base + 1]), w);
  }
  size_t size = static_cast<size_t>(w - out.data());
  while (size > 0 && out[size - 1] == '\n') --size;
  out.resize(size);
  return true;
}

std::optional<std::string> doc_text(const ast::Docs& docs, const SourceMap& sources) {
  std::string out;
  if (!write_doc_text(docs, sources, out)) return std::nullopt;
  return out;
}

}  // namespace plumb
