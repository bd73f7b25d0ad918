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

// `file=F,line=L,col=C,endLine=..,endColumn=..,` for a span (byte columns,
// as the human output shows), or `file=F,` for a whole file, or nothing.
std::string location_properties(const SourceMap& sources, Span span, const std::string& file) {
  if (!locatable(sources, span)) return file.empty() ? "" : "file=" + escape_property(file) + ",";
  Place p = place_of(sources, span);
  return "file=" + escape_property(p.file->path()) + ",line=" + std::to_string(p.line) +
         ",col=" + std::to_string(p.column) + ",endLine=" + std::to_string(p.end_line) +
         ",endColumn=" + std::to_string(p.end_column) + ",";
}

std::string annotation(std::string_view command, const std::string& props, std::string_view message) {
  return "::" + std::string(command) + " " + props + "::" + escape_data(message) + "\n";
}

}  // namespace

// The diagnostic, then one `::notice` per secondary label (GitHub shows
// each at its own line), all titled `plumb CODE`.
std::string render_github(const Diagnostic& d, const SourceMap& sources) {
  const char* command = d.severity == Severity::Error ? "error" : d.severity == Severity::Warning ? "warning" : "notice";
  const std::string title = "title=" + escape_property("plumb " + std::string(code_text(d.code)));
  std::string message = d.message;
  for (const std::string& n : d.notes) message += "\nnote: " + n;
  for (const std::string& h : d.help) message += "\nhelp: " + h;
  std::string out = annotation(command, location_properties(sources, d.span, d.file) + title, message);
  for (const Label& l : d.secondary) {
    if (!locatable(sources, l.span)) continue;
    out += annotation("notice", location_properties(sources, l.span, {}) + title, l.message);
  }
  return out;
}

}  // namespace plumb::render_detail
