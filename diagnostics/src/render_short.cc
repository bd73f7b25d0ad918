// One line per diagnostic, `file:line:col: error[E0201]: message`, the
// shape compilers print and editors and grep understand. Columns are in
// bytes, as in the human output. Labels, notes and help are left out.
#include "render_internal.h"

namespace plumb::render_detail {

std::string render_short(const Diagnostic& d, const SourceMap& sources) {
  std::string out;
  if (locatable(sources, d.span)) {
    Location loc = sources.locate(d.span.start);
    out += sources.file(loc.file).path() + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.column) + ": ";
  } else if (!d.file.empty()) {
    out += d.file + ": ";
  }
  out += std::string(severity_name(d.severity)) + "[" + std::string(code_text(d.code)) + "]: ";
  // One line each, whatever the message holds.
  for (char c : d.message) out += c == '\n' || c == '\r' ? ' ' : c;
  out += '\n';
  return out;
}

}  // namespace plumb::render_detail
