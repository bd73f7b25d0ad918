// Machine-readable rendering: one JSON object per diagnostic, on one line
// (`"type": "diagnostic"`; the CLI ends a run with a summary record).
// The shape is described by schemas/diagnostic.schema.json.
#include <nlohmann/json.hpp>

#include "render_internal.h"

namespace plumb::render_detail {
namespace {

using Json = nlohmann::ordered_json;

// file, line, column, end_line, end_column (1-based, columns in bytes, as
// the reference counts), the same columns in characters, and the file-local
// byte range of a span.
void add_location(Json& obj, const SourceMap& sources, Span span) {
  Place p = place_of(sources, span);
  obj["file"] = p.file->path();
  obj["line"] = p.line;
  obj["column"] = p.column;
  obj["end_line"] = p.end_line;
  obj["end_column"] = p.end_column;
  obj["column_chars"] = p.column_chars;
  obj["end_column_chars"] = p.end_column_chars;
  obj["byte_start"] = p.byte_start;
  obj["byte_end"] = p.byte_end;
}

}  // namespace

std::string render_json(const Diagnostic& d, const SourceMap& sources) {
  Json obj;
  obj["type"] = "diagnostic";
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
