#include "output.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace plumb::cli {
namespace {

bool env_set(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr && v[0] != '\0';
}

bool env_true(const char* name) { return env_set(name) && std::strcmp(std::getenv(name), "0") != 0; }

// Formats whose diagnostics go to stdout.
bool machine_format(MessageFormat f) { return f != MessageFormat::Human; }

std::string summary_record(const RunSummary& s) {
  return "{\"type\":\"summary\",\"errors\":" + std::to_string(s.errors) + ",\"warnings\":" + std::to_string(s.warnings) +
         ",\"packages\":" + std::to_string(s.packages) + ",\"files\":" + std::to_string(s.files) + "}\n";
}

// Why the first write to stdout that failed did (0: none failed, or the
// reason is unknown), for end_command.
int stdout_errno = 0;

// One error printed for people on stderr (the diagnostics' own stream may
// be what failed).
void report_to_stderr(Diagnostic d) {
  RenderOptions options;
  options.color = use_color(ColorChoice::Auto, stderr);
  std::string text = render(d, SourceMap(), options);
  std::fwrite(text.data(), 1, text.size(), stderr);
}

void flush_stdout() {
  errno = 0;
  if (std::fflush(stdout) != 0 && stdout_errno == 0) stdout_errno = errno;
}

}  // namespace

void write_out(FILE* stream, std::string_view text) {
  errno = 0;
  if (std::fwrite(text.data(), 1, text.size(), stream) != text.size() && stream == stdout && stdout_errno == 0) {
    stdout_errno = errno;
  }
}

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
  options_.color = color && format == MessageFormat::Human;
  if (format == MessageFormat::Sarif) sarif_ = std::make_unique<SarifLog>();
}

void Reporter::add(const Diagnostics& diags, const SourceMap& sources) {
  for (const Diagnostic& d : diags.all()) write(d, sources);
}

void Reporter::add(const Diagnostic& d) { write(d, SourceMap()); }

void Reporter::write(const Diagnostic& d, const SourceMap& sources) {
  if (d.severity == Severity::Error) ++errors_;
  if (d.severity == Severity::Warning) ++warnings_;
  if (sarif_) {
    sarif_->add(d, sources);
    return;
  }
  std::string out;
  // People read diagnostics as blocks separated by a blank line (as rustc
  // prints them); machine formats are one line each.
  if (options_.format == MessageFormat::Human && written_ != 0) out += '\n';
  out += render(d, sources, options_);
  ++written_;
  write_out(machine_format(options_.format) ? stdout : stderr, out);
}

void Reporter::finish(const RunSummary& s) {
  // Diagnostics on stdout come before the summary on stderr, also when
  // both streams go to one place.
  flush_stdout();
  switch (options_.format) {
    case MessageFormat::Json: write_out(stdout, summary_record(s)); break;
    case MessageFormat::Sarif: write_out(stdout, sarif_->document()); break;
    case MessageFormat::Github: break;
    case MessageFormat::Human:
    case MessageFormat::Short: {
      std::string line;
      if (s.errors == 0 && s.warnings == 0) {
        if (quiet_) break;
        line = "checked " + count_of(s.files, "file") + ", " + count_of(s.packages, "package") + ": no errors\n";
      } else {
        line = count_of(s.errors, "error") + ", " + count_of(s.warnings, "warning") + " in " +
               count_of(s.packages, "package") + " (" + count_of(s.files, "file") + ")\n";
      }
      // A blank line parts it from the last diagnostic block (short ones
      // are on stdout, one line each: nothing to part).
      if (written_ != 0 && options_.format == MessageFormat::Human) line.insert(line.begin(), '\n');
      write_out(stderr, line);
      break;
    }
  }
  flush_stdout();
}

int end_command(int status) {
  flush_stdout();
  if (std::ferror(stdout)) {
    std::string message = "cannot write to standard output";
    if (stdout_errno != 0) message += std::string(": ") + std::strerror(stdout_errno);
    Diagnostic d = Diagnostic::error(DiagCode::OutputUnwritable, Span(), message);
    d.help.push_back("the output is cut short: make room where standard output goes, or send it elsewhere");
    report_to_stderr(std::move(d));
    if (status == 0) status = 1;
  }
  return status;
}

int report_escaped_error(const char* what) {
  Diagnostic d = Diagnostic::error(DiagCode::Internal, Span(), what);
  d.help.push_back("plumb did not expect this: if it is not the machine (memory, disk), please report it");
  report_to_stderr(std::move(d));
  return 1;
}

}  // namespace plumb::cli
