// Doc comments as the reference computes them: every comment before an item
// counts. For each comment, `/** x */` keeps ` x `, anything else loses all
// leading `/` (so `/* x */` becomes `* x */`); trailing whitespace goes; the
// smallest indentation of the non-empty entries is removed; lines are joined
// with newlines and trailing newlines dropped.
#include <string>
#include <vector>

#include "plumb/parser/parser.h"

namespace plumb {

std::optional<std::string> doc_text(const ast::Docs& docs, const SourceMap& sources) {
  if (docs.empty()) return std::nullopt;
  std::vector<std::string_view> entries;
  List<Span> comments = docs.comments();
  entries.reserve(comments.size());
  // An item's comments are all in its file.
  const SourceFile& f = sources.file(sources.file_of(comments[0].start));
  for (Span span : comments) {
    std::string_view c = f.text().substr(span.start - f.base(), span.end - span.start);
    if (c.size() >= 3 && c.substr(0, 3) == "/**") {
      c.remove_prefix(3);
      if (c.size() >= 2 && c.substr(c.size() - 2) == "*/") c.remove_suffix(2);
    } else {
      while (!c.empty() && c[0] == '/') c.remove_prefix(1);
    }
    while (!c.empty() && (c.back() == ' ' || c.back() == '\t' || c.back() == '\n' || c.back() == '\r' ||
                          c.back() == '\f' || c.back() == '\v')) {
      c.remove_suffix(1);
    }
    entries.push_back(c);
  }
  size_t min_ws = SIZE_MAX;
  for (std::string_view e : entries) {
    if (e.empty()) continue;
    size_t n = 0;
    while (n < e.size() && (e[n] == ' ' || e[n] == '\t' || e[n] == '\n' || e[n] == '\r' || e[n] == '\f')) ++n;
    if (n < min_ws) min_ws = n;
  }
  if (min_ws != SIZE_MAX && min_ws > 0) {
    for (std::string_view& e : entries) {
      if (e.size() >= min_ws && e.find_first_not_of(' ') >= min_ws) e.remove_prefix(min_ws);
    }
  }
  std::string out;
  for (std::string_view e : entries) {
    if (e.empty()) {
      out += '\n';
      continue;
    }
    // Rust's str::lines(): split on \n, drop one trailing \r per line, no
    // final empty line.
    size_t pos = 0;
    while (pos < e.size()) {
      size_t nl = e.find('\n', pos);
      std::string_view line = e.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      out += line;
      out += '\n';
      if (nl == std::string_view::npos) break;
      pos = nl + 1;
    }
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

}  // namespace plumb
