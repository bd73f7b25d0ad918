// GitHub Actions workflow commands: `::error file=F,line=L,col=C::message`.
// See "Workflow commands for GitHub Actions" for the escaping rules.
#include "render_internal.h"

namespace plumb::render_detail {
namespace {

std::string escape_data(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      default: out += c;
    }
  }
  return out;
}

std::string escape_property(std::string_view s) {
  std::string out;
  for (char c : escape_data(s)) {
    switch (c) {
      case ':': out += "%3A"; break;
      case ',': out += "%2C"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string render_github(const Diagnostic& d, const SourceMap& sources) {
  std::string out = "::";
  out += d.severity == Severity::Error ? "error" : d.severity == Severity::Warning ? "warning" : "notice";
  std::string props;
  if (locatable(sources, d.span)) {
    Location start = sources.locate(d.span.start);
    const SourceFile& file = sources.file(start.file);
    uint32_t end_offset = d.span.end > d.span.start ? d.span.end : d.span.start;
    if (end_offset >= file.limit()) end_offset = file.limit() - 1;
    Location end = sources.locate(end_offset);
    props += "file=" + escape_property(file.path());
    props += ",line=" + std::to_string(start.line);
    props += ",col=" + std::to_string(start.column);
    props += ",endLine=" + std::to_string(end.line);
    props += ",endColumn=" + std::to_string(end.column);
    props += ",";
  }
  props += "title=" + escape_property("plumb");
  out += " " + props + "::";
  std::string message = d.message;
  for (const std::string& n : d.notes) message += "\nnote: " + n;
  for (const std::string& h : d.help) message += "\nhelp: " + h;
  out += escape_data(message);
  out += "\n";
  return out;
}

}  // namespace plumb::render_detail
