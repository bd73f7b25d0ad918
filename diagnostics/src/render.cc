#include "plumb/diagnostics/render.h"

#include "plumb/diagnostics/sarif.h"
#include "render_internal.h"

namespace plumb {

bool parse_message_format(std::string_view text, MessageFormat& out) {
  if (text == "human") out = MessageFormat::Human;
  else if (text == "json") out = MessageFormat::Json;
  else if (text == "github") out = MessageFormat::Github;
  else if (text == "short") out = MessageFormat::Short;
  else if (text == "sarif") out = MessageFormat::Sarif;
  else return false;
  return true;
}

std::string render(const Diagnostic& d, const SourceMap& sources, const RenderOptions& options) {
  switch (options.format) {
    case MessageFormat::Human: return render_detail::render_human(d, sources, options.color);
    case MessageFormat::Json: return render_detail::render_json(d, sources);
    case MessageFormat::Github: return render_detail::render_github(d, sources);
    case MessageFormat::Short: return render_detail::render_short(d, sources);
    case MessageFormat::Sarif: {
      SarifLog log;
      log.add(d, sources);
      return log.document();
    }
  }
  return {};
}

namespace render_detail {

Utf8Unit utf8_unit(std::string_view s, size_t at) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = byte(at);
  if (lead < 0x80) return {1, true};
  // The length a lead byte announces, and the range its second byte must
  // fall in (narrower after E0, ED, F0, F4: no overlong forms, surrogates
  // or values past U+10FFFF).
  size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) length = 2;
  else if (lead >= 0xE0 && lead <= 0xEF) length = 3;
  else if (lead >= 0xF0 && lead <= 0xF4) length = 4;
  else return {1, false};
  if (lead == 0xE0) low = 0xA0;
  if (lead == 0xED) high = 0x9F;
  if (lead == 0xF0) low = 0x90;
  if (lead == 0xF4) high = 0x8F;
  for (size_t k = 1; k < length; ++k) {
    if (at + k >= s.size()) return {k, false};
    const unsigned char c = byte(at + k);
    const bool fits = k == 1 ? c >= low && c <= high : c >= 0x80 && c <= 0xBF;
    if (!fits) return {k, false};
  }
  return {length, true};
}

size_t char_count(std::string_view s) {
  size_t n = 0;
  for (size_t at = 0; at < s.size(); at += utf8_unit(s, at).size) ++n;
  return n;
}

std::string displayable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t at = 0; at < s.size();) {
    Utf8Unit u = utf8_unit(s, at);
    if (u.valid) out.append(s.substr(at, u.size));
    else out += "\xEF\xBF\xBD";
    at += u.size;
  }
  return out;
}

namespace {

// 1-based character column of a 1-based byte column of `line` (a column
// past the line's end counts one character per byte beyond it).
uint32_t char_column(const SourceFile& file, uint32_t line, uint32_t byte_column) {
  std::string_view text = file.line_text(line - 1);
  size_t before = byte_column - 1;
  if (before <= text.size()) return static_cast<uint32_t>(char_count(text.substr(0, before)) + 1);
  return static_cast<uint32_t>(char_count(text) + (before - text.size()) + 1);
}

}  // namespace

Place place_of(const SourceMap& sources, Span span) {
  Location start = sources.locate(span.start);
  const SourceFile& file = sources.file(start.file);
  uint32_t end_offset = span.end > span.start ? span.end : span.start;
  if (end_offset >= file.limit()) end_offset = file.limit() - 1;
  Location end = sources.locate(end_offset);
  return Place{&file,
               start.line,
               start.column,
               char_column(file, start.line, start.column),
               end.line,
               end.column,
               char_column(file, end.line, end.column),
               span.start - file.base(),
               end_offset - file.base()};
}

}  // namespace render_detail
}  // namespace plumb
