#include "output.h"

#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace plumb::cli {
namespace {

bool env_set(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr && v[0] != '\0';
}

bool env_true(const char* name) { return env_set(name) && std::strcmp(std::getenv(name), "0") != 0; }

// Formats for programs, written to stdout; human and short text go to stderr.
bool machine_format(MessageFormat f) {
  return f == MessageFormat::Json || f == MessageFormat::Github || f == MessageFormat::Sarif;
}

}  // namespace

bool use_color(ColorChoice choice, FILE* stream) {
  if (choice != ColorChoice::Auto) return choice == ColorChoice::Always;
  if (env_set("NO_COLOR")) return false;
  if (env_true("FORCE_COLOR") || env_true("CLICOLOR_FORCE")) return true;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::strcmp(term, "dumb") == 0) return false;
  return ::isatty(::fileno(stream)) != 0;
}

std::string count_of(size_t n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

Reporter::Reporter(MessageFormat format, bool color, bool quiet) : quiet_(quiet) {
  options_.format = format;
  options_.color = color && !machine_format(format);
}

void Reporter::add(const Diagnostics& diags, const SourceMap& sources) {
  for (const Diagnostic& d : diags.all()) write(d, sources);
}

void Reporter::add(const Diagnostic& d) { write(d, SourceMap()); }

void Reporter::write(const Diagnostic& d, const SourceMap& sources) {
  if (d.severity == Severity::Error) ++errors_;
  if (d.severity == Severity::Warning) ++warnings_;
  std::string out;
  // People read diagnostics as blocks separated by a blank line (as rustc
  // prints them); machine formats are one line each.
  if (options_.format == MessageFormat::Human && written_ != 0) out += '\n';
  out += render(d, sources, options_);
  ++written_;
  FILE* stream = machine_format(options_.format) ? stdout : stderr;
  std::fwrite(out.data(), 1, out.size(), stream);
}

void Reporter::finish(const RunSummary& s) {
  if (machine_format(options_.format)) {
    std::fflush(stdout);
    return;
  }
  std::string line;
  if (s.errors == 0 && s.warnings == 0) {
    if (quiet_) return;
    line = "checked " + count_of(s.files, "file") + ", " + count_of(s.packages, "package") + ": no errors\n";
  } else {
    line = count_of(s.errors, "error") + ", " + count_of(s.warnings, "warning") + " in " +
           count_of(s.packages, "package") + " (" + count_of(s.files, "file") + ")\n";
  }
  if (written_ != 0) line.insert(line.begin(), '\n');
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace plumb::cli
