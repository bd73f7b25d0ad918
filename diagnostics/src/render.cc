#include "plumb/diagnostics/render.h"

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
    // Short and Sarif have renderers of their own to come; until then they
    // print as human text and JSON lines.
    case MessageFormat::Short:
    case MessageFormat::Human: return render_detail::render_human(d, sources, options.color);
    case MessageFormat::Sarif:
    case MessageFormat::Json: return render_detail::render_json(d, sources);
    case MessageFormat::Github: return render_detail::render_github(d, sources);
  }
  return {};
}

}  // namespace plumb
