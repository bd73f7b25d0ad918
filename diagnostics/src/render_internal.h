// Shared by the renderers; not part of the public interface.
#pragma once

#include <string>

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

std::string render_human(const Diagnostic& d, const SourceMap& sources, bool color);
std::string render_json(const Diagnostic& d, const SourceMap& sources);
std::string render_github(const Diagnostic& d, const SourceMap& sources);

}  // namespace plumb::render_detail
