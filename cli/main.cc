// plumb: a WIT toolchain and package manager.
#include <cstdio>
#include <exception>
#include <new>
#include <string>
#include <vector>

#include "check_command.h"
#include "commands.h"
#include "common_options.h"
#include "explain_command.h"
#include "help.h"
#include "output.h"
#include "build_command.h"
#include "print_command.h"
#include "delegate.h"
#include "plumb/support/heap.h"

namespace plumb::cli {
namespace {

void print(const std::string& text, FILE* stream) { write_out(stream, text); }

// `plumb help [COMMAND]`.
int run_help(const ParsedArgs& args) {
  if (args.positionals.empty()) {
    print(help_text(""), stdout);
    return 0;
  }
  const std::string& name = args.positionals.front();
  if (find_command(name) == nullptr) return usage_error(unrecognized_subcommand(name, commands()), args);
  print(help_text(name), stdout);
  return 0;
}

int run(const std::vector<std::string>& argv) {
  ParseResult parsed = parse_args(argv, global_options(), commands());
  const ParsedArgs& args = parsed.args;
  if (parsed.error) return usage_error(*parsed.error, args);
  if (args.version) {
    print("plumb " PLUMB_VERSION "\n", stdout);
    return 0;
  }
  std::string_view command = args.command ? args.command->name : "";
  if (args.help) {
    print(help_text(command), stdout);
    return 0;
  }
  // No command: what plumb can do, as an error (exit 2).
  if (command.empty()) {
    print(help_text(""), stderr);
    return 2;
  }
  if (command == "check") return run_check(args);
  if (command == "print") return run_print(args);
  if (command == "build") return run_build(args);
  if (is_registry_command(command)) return run_plumb_registry();
  if (command == "explain") return run_explain(args);
  return run_help(args);
}

}  // namespace
}  // namespace plumb::cli

int main(int argc, char** argv) {
  plumb::tune_heap_for_short_run();
  plumb::cli::remember_argv(argv);
  int status = 0;
  try {
    status = plumb::cli::run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::bad_alloc&) {
    // Unwinding freed what the run held, so the report can allocate.
    status = plumb::cli::report_escaped_error("out of memory");
  } catch (const std::exception& e) {
    // The commands report problems as diagnostics; what still escapes (out
    // of memory, a filesystem error) ends the run with a message rather
    // than an abort.
    status = plumb::cli::report_escaped_error(e.what());
  }
  // Every command, and every path out of one, checks that its output was
  // written.
  return plumb::cli::end_command(status);
}
