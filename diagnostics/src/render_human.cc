// Human-readable rendering, laid out like the reference (wit-parser) and rustc:
//
//   error: expected '>', found keyword `type`
//        --> wit/types.wit:6:3
//         |
//       6 |   type y = u32
//         |   ^---
//         = help: ...
#include <string>

#include "render_internal.h"

namespace plumb::render_detail {
namespace {

struct Style {
  bool on;
  std::string paint(std::string_view code, std::string_view text) const {
    if (!on) return std::string(text);
    std::string s = "\x1b[";
    s += code;
    s += 'm';
    s += text;
    s += "\x1b[0m";
    return s;
  }
  std::string error(std::string_view t) const { return paint("1;31", t); }
  std::string warning(std::string_view t) const { return paint("1;33", t); }
  std::string note(std::string_view t) const { return paint("1;32", t); }
  std::string gutter(std::string_view t) const { return paint("1;34", t); }
  std::string bold(std::string_view t) const { return paint("1", t); }
};

constexpr size_t kLongLine = 500;  // beyond this the snippet shows a window
constexpr size_t kWindow = 60;

// Whitespace that puts the caret under `prefix`'s end on a terminal: one
// space per character (an ill-formed byte sequence shows as one U+FFFD),
// tabs kept as tabs.
std::string pad_for(std::string_view prefix) {
  std::string pad;
  for (size_t at = 0; at < prefix.size(); at += utf8_unit(prefix, at).size) pad += prefix[at] == '\t' ? '\t' : ' ';
  return pad;
}

std::string line_number(uint32_t n) {
  std::string s = std::to_string(n);
  return s.size() >= 4 ? s : std::string(4 - s.size(), ' ') + s;
}

// One `--> file:line:col` block with its snippet and an underline of `span`.
void snippet(std::string& out, const SourceMap& sources, Span span, std::string_view label,
             bool primary, const Style& st) {
  Location loc = sources.locate(span.start);
  const SourceFile& file = sources.file(loc.file);
  out += "     " + st.gutter("-->") + " " + file.path() + ":" + std::to_string(loc.line) + ":" +
         std::to_string(loc.column) + "\n";
  out += "      " + st.gutter("|") + "\n";

  std::string_view line = file.line_text(loc.line - 1);
  size_t col = loc.column - 1;
  if (col > line.size()) col = line.size();
  // Underline the span's characters on this line (at least the caret).
  size_t span_end = span.end > span.start ? span.end - file.base() : span.start - file.base() + 1;
  size_t line_start = span.start - file.base() - col;
  size_t under_end = span_end > line_start + line.size() ? line.size() : span_end - line_start;
  if (under_end < col) under_end = col;
  std::string_view underlined = line.substr(col, under_end - col);
  size_t dashes = underlined.empty() ? 0 : char_count(underlined) - 1;

  std::string_view shown = line;
  std::string lead, trail;
  if (line.size() > kLongLine) {
    size_t from = col > kWindow ? col - kWindow : 0;
    while (from > 0 && (static_cast<unsigned char>(line[from]) & 0xC0) == 0x80) --from;
    size_t to = col + kWindow < line.size() ? col + kWindow : line.size();
    while (to < line.size() && (static_cast<unsigned char>(line[to]) & 0xC0) == 0x80) ++to;
    shown = line.substr(from, to - from);
    if (from > 0) lead = "...";
    if (to < line.size()) trail = "...";
    col -= from;
    if (col + dashes + 1 > shown.size()) dashes = shown.size() > col ? shown.size() - col - 1 : 0;
  }
  // Shown in two parts so that the caret lines up even when the column
  // falls inside an ill-formed sequence: each part is made displayable on
  // its own, as pad_for counts the first.
  out += " " + st.gutter(line_number(loc.line) + " |") + " " + lead + displayable(shown.substr(0, col)) +
         displayable(shown.substr(col)) + trail + "\n";
  std::string marker = "^" + std::string(dashes, '-');
  std::string paint = primary ? st.error(marker) : st.gutter(marker);
  out += "      " + st.gutter("|") + " " + pad_for(lead) + pad_for(shown.substr(0, col)) + paint;
  if (!label.empty()) out += " " + (primary ? st.error(label) : st.gutter(label));
  out += "\n";
}

}  // namespace

std::string render_human(const Diagnostic& d, const SourceMap& sources, bool color) {
  Style st{color};
  std::string out;
  const std::string head = std::string(severity_name(d.severity)) + "[" + std::string(code_text(d.code)) + "]";
  switch (d.severity) {
    case Severity::Error: out += st.error(head); break;
    case Severity::Warning: out += st.warning(head); break;
    case Severity::Note: out += st.note(head); break;
  }
  out += st.bold(": " + d.message) + "\n";
  if (locatable(sources, d.span)) {
    snippet(out, sources, d.span, d.label, true, st);
  } else if (!d.file.empty()) {
    out += "     " + st.gutter("-->") + " " + d.file + "\n";
  }
  for (const Label& l : d.secondary) {
    if (locatable(sources, l.span)) {
      snippet(out, sources, l.span, l.message, false, st);
    }
  }
  for (const std::string& n : d.notes) out += "      " + st.gutter("=") + " " + st.bold("note") + ": " + n + "\n";
  for (const std::string& h : d.help) out += "      " + st.gutter("=") + " " + st.bold("help") + ": " + h + "\n";
  return out;
}

}  // namespace plumb::render_detail
