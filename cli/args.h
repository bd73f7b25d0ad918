// plumb's command-line parser: a table of options per command, read the
// conventional way (`--opt value`, `--opt=value`, `-q`, `--` ends options,
// a lone `-` is a positional), global options before or after the command,
// and usage errors that say what was wrong and what was probably meant.
// (Why not a library: docs/architecture.md, "cli".)
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace plumb::cli {

struct OptionSpec {
  std::string_view name;        // "--features"
  char short_name = 0;          // 'q' for `-q`; 0 when there is none
  std::string_view value_name;  // "LIST" for `--features <LIST>`; empty for a flag
  // The values it accepts, when they are a fixed set; empty: any value.
  std::span<const std::string_view> choices = {};

  bool takes_value() const { return !value_name.empty(); }
  // "--features <LIST>", "-q, --quiet": as help and errors show it.
  std::string display() const;
};

struct CommandSpec {
  std::string_view name;  // "check"
  std::string_view usage;  // "plumb check [OPTIONS] [PATH]..."
  std::span<const OptionSpec> options;  // its own; the global ones come on top
  size_t max_positionals = 0;
};

// What the command line said. Options are kept in order, each occurrence
// with its value (empty for a flag).
struct ParsedArgs {
  const CommandSpec* command = nullptr;  // none given
  std::vector<std::pair<std::string_view, std::string>> options;
  std::vector<std::string> positionals;
  bool help = false;     // -h/--help: the parse stopped there
  bool version = false;  // -V/--version: likewise

  bool has(std::string_view name) const;
  // Every value given to `name`, in order.
  std::vector<std::string> values(std::string_view name) const;
  // The last value given to `name`, if any.
  std::optional<std::string> last(std::string_view name) const;
};

// A command line plumb cannot run, for format_usage_error.
struct UsageError {
  std::string message;             // "unrecognized subcommand 'chek'"
  std::string tip;                 // "did you mean 'check'?", or empty
  const CommandSpec* command = nullptr;  // whose usage line to show; null: plumb's own
};

struct ParseResult {
  ParsedArgs args;  // what was read before any error
  std::optional<UsageError> error;
};

// Reads `args` (argv without the program name). `globals` are accepted
// before and after the command; `-h/--help` and `-V/--version` must be
// among them.
ParseResult parse_args(std::span<const std::string> args, std::span<const OptionSpec> globals,
                       std::span<const CommandSpec> commands);

// The candidate closest to `word` when it is close enough to be a likely
// misspelling (`chek` for `check`), else nothing. Ties go to the earlier
// candidate.
std::optional<std::string_view> closest_match(std::string_view word, std::span<const std::string_view> candidates);
// "did you mean 'check'?" when a candidate is that close, else "".
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);

// The error for a command plumb does not have (`plumb chek`, `plumb help chek`).
UsageError unrecognized_subcommand(std::string_view name, std::span<const CommandSpec> commands);

// The error as cargo prints one:
//   error: unrecognized subcommand 'chek'
//
//     tip: did you mean 'check'?
//
//   Usage: plumb <COMMAND> [OPTIONS]
//
//   For more information, try 'plumb help'.
std::string format_usage_error(const UsageError& error, bool color);

}  // namespace plumb::cli
