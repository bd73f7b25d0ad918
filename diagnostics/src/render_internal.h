// Shared by the renderers; not part of the public interface.
#pragma once

#include <string>
#include <string_view>

#include "plumb/diagnostics/diagnostic.h"
#include "plumb/diagnostics/source_map.h"

namespace plumb::render_detail {

// One past the largest global offset any file of `sources` covers.
inline uint32_t location_limit(const SourceMap& sources) {
  return sources.size() == 0 ? 0 : sources.file(static_cast<FileId>(sources.size() - 1)).limit();
}

inline bool locatable(const SourceMap& sources, Span span) {
  return span.known() && span.start < location_limit(sources);
}

inline const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

// One unit of text as it is shown: a well-formed UTF-8 sequence (one
// Unicode scalar value), or a maximal ill-formed subsequence, which is shown
// as one U+FFFD (the substitution Unicode recommends, chapter 3.9).
struct Utf8Unit {
  size_t size;  // bytes, at least 1
  bool valid;
};
// The unit starting at `s[at]` (`at < s.size()`).
Utf8Unit utf8_unit(std::string_view s, size_t at);
// How many units `s` holds: its length in characters.
size_t char_count(std::string_view s);
// `s` with each ill-formed unit replaced by U+FFFD.
std::string displayable(std::string_view s);

// Where a locatable span lies: 1-based lines and columns (in bytes, as the
// reference counts, and in characters) of its start and of its end (one
// past its last byte), and its file-local byte range.
struct Place {
  const SourceFile* file;
  uint32_t line, column, column_chars;
  uint32_t end_line, end_column, end_column_chars;
  uint32_t byte_start, byte_end;
};
Place place_of(const SourceMap& sources, Span span);

std::string render_human(const Diagnostic& d, const SourceMap& sources, bool color);
std::string render_json(const Diagnostic& d, const SourceMap& sources);
std::string render_github(const Diagnostic& d, const SourceMap& sources);
std::string render_short(const Diagnostic& d, const SourceMap& sources);

}  // namespace plumb::render_detail
