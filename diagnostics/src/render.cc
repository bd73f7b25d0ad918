#include "plumb/diagnostics/render.h"

#include "render_internal.h"

namespace plumb {

bool parse_message_format(std::string_view text, MessageFormat& out) {
  if (text == "human") out = MessageFormat::Human;
  else if (text == "json") out = MessageFormat::Json;
  else if (text == "github") out = MessageFormat::Github;
  else return false;
  return true;
}

std::string render(const Diagnostic& d, const SourceMap& sources, const RenderOptions& options) {
  switch (options.format) {
    case MessageFormat::Human: return render_detail::render_human(d, sources, options.color);
    case MessageFormat::Json: return render_detail::render_json(d, sources);
    case MessageFormat::Github: return render_detail::render_github(d, sources);
  }
  return {};
}

}  // namespace plumb
