// How the CLI talks to people and machines. Human diagnostics and the
// summary go to stderr; machine-readable output (JSON lines, SARIF, GitHub
// annotations) goes to stdout, so that `plumb check --message-format json
// | jq` sees it.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "plumb/diagnostics/diagnostic.h"
#include "plumb/diagnostics/render.h"
#include "plumb/diagnostics/sarif.h"
#include "plumb/diagnostics/source_map.h"

namespace plumb::cli {

enum class ColorChoice { Auto, Always, Never };

// Colour for `stream` under `choice`. Auto: NO_COLOR (non-empty) turns it
// off; otherwise FORCE_COLOR or CLICOLOR_FORCE (non-empty, not "0") turn it
// on; otherwise a terminal whose TERM is not "dumb".
bool use_color(ColorChoice choice, FILE* stream);

// What a run read and found, for the summary that ends it.
struct RunSummary {
  size_t errors = 0;
  size_t warnings = 0;
  size_t packages = 0;
  size_t files = 0;
};

// Writes diagnostics as they come, in the chosen format, and the summary
// at the end. One Reporter per run.
class Reporter {
 public:
  Reporter(MessageFormat format, bool color, bool quiet);
  Reporter(const Reporter&) = delete;
  Reporter& operator=(const Reporter&) = delete;

  // Every diagnostic of `diags`, in report order; `sources` holds the files
  // they point into.
  void add(const Diagnostics& diags, const SourceMap& sources);
  // One diagnostic that points into no file (a command-line problem).
  void add(const Diagnostic& d);
  // Ends the run: the summary line (human, short: stderr; quiet prints it
  // only when there are errors or warnings), the summary record (json), or
  // the whole document (sarif).
  void finish(const RunSummary& summary);

  size_t errors() const { return errors_; }
  size_t warnings() const { return warnings_; }

 private:
  void write(const Diagnostic& d, const SourceMap& sources);

  RenderOptions options_;
  bool quiet_;
  std::unique_ptr<SarifLog> sarif_;  // collects the run when the format is SARIF
  size_t written_ = 0;
  size_t errors_ = 0;
  size_t warnings_ = 0;
};

// What escaped a command (out of memory, a filesystem error, a bug): an
// E0901 diagnostic on stderr, for people. Returns the exit status, 1.
int report_escaped_error(const char* what);

// Writes `text` to `stream`. Every write to stdout goes through here, so
// that the reason a write failed is kept for end_command.
void write_out(FILE* stream, std::string_view text);

// The exit status of a run that ended with `status`: standard output is
// flushed, and if a write to it failed (a full disk, say) that is an E0007
// error on stderr and status 1, never a silent 0 with the output cut short.
int end_command(int status);

// "1 error", "2 errors", ...
std::string count_of(size_t n, const char* noun);

}  // namespace plumb::cli
