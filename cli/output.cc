#include "output.h"

#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace plumb::cli {

bool use_color(ColorChoice choice, FILE* stream) {
  if (choice != ColorChoice::Auto) return choice == ColorChoice::Always;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0') return false;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::strcmp(term, "dumb") == 0) return false;
  return ::isatty(::fileno(stream)) != 0;
}

void emit(const Diagnostics& diags, const SourceMap& sources, const RenderOptions& options, bool continued) {
  std::string out;
  for (const Diagnostic& d : diags.all()) {
    // People read diagnostics as blocks separated by a blank line (as rustc
    // prints them); machine formats are one line each.
    if (options.format == MessageFormat::Human && (continued || !out.empty())) out += '\n';
    out += render(d, sources, options);
  }
  std::fwrite(out.data(), 1, out.size(), stderr);
}

}  // namespace plumb::cli
