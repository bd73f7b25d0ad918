// Machine-readable rendering: one JSON object per diagnostic, on one line.
// The shape is described by schemas/diagnostic.schema.json.
#include <nlohmann/json.hpp>

#include "render_internal.h"

namespace plumb::render_detail {
namespace {

using Json = nlohmann::ordered_json;

// file, line, column, end_line, end_column (1-based, columns in bytes) and
// the file-local byte range of a span.
void add_location(Json& obj, const SourceMap& sources, Span span) {
  Location start = sources.locate(span.start);
  const SourceFile& file = sources.file(start.file);
  uint32_t end_offset = span.end >= span.start ? span.end : span.start;
  if (end_offset >= file.limit()) end_offset = file.limit() - 1;
  Location end = sources.locate(end_offset);
  obj["file"] = file.path();
  obj["line"] = start.line;
  obj["column"] = start.column;
  obj["end_line"] = end.line;
  obj["end_column"] = end.column;
  obj["byte_start"] = span.start - file.base();
  obj["byte_end"] = end_offset - file.base();
}

}  // namespace

std::string render_json(const Diagnostic& d, const SourceMap& sources) {
  Json obj;
  obj["severity"] = severity_name(d.severity);
  obj["code"] = code_text(d.code);
  obj["message"] = d.message;
  if (locatable(sources, d.span)) {
    add_location(obj, sources, d.span);
  } else if (!d.file.empty()) {
    obj["file"] = d.file;
  }
  if (!d.label.empty()) obj["label"] = d.label;
  Json labels = Json::array();
  for (const Label& l : d.secondary) {
    if (!locatable(sources, l.span)) continue;
    Json label;
    add_location(label, sources, l.span);
    label["message"] = l.message;
    labels.push_back(std::move(label));
  }
  obj["labels"] = std::move(labels);
  obj["notes"] = d.notes;
  obj["help"] = d.help;
  obj["rendered"] = render_human(d, sources, false);
  return obj.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace plumb::render_detail
