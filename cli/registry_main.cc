// plumb-registry: the Warg commands of plumb, which plumb runs with its own
// arguments (delegate.h). Run directly, it takes the same command line.
#include <cstdio>
#include <exception>
#include <new>
#include <string>
#include <vector>

#include "commands.h"
#include "common_options.h"
#include "delegate.h"
#include "help.h"
#include "output.h"
#include "registry_command.h"
#include "warg_commands.h"

namespace plumb::cli {
namespace {

int run(const std::vector<std::string>& argv) {
  ParseResult parsed = parse_args(argv, global_options(), commands());
  const ParsedArgs& args = parsed.args;
  if (parsed.error) return usage_error(*parsed.error, args);
  std::string_view command = args.command ? args.command->name : "";
  if (args.version) {
    plumb::cli::write_out(stdout, "plumb " PLUMB_VERSION "\n");
    return 0;
  }
  if (args.help || !is_registry_command(command)) {
    std::string text = help_text(command);
    plumb::cli::write_out(args.help ? stdout : stderr, text);
    return args.help ? 0 : 2;
  }
  if (command == "key") return run_key(args);
  if (command == "publish") return run_publish(args);
  if (command == "pull") return run_pull(args);
  if (command == "yank") return run_yank(args);
  if (command == "grant" || command == "revoke") return run_grant(args);
  return run_registry(args);
}

}  // namespace
}  // namespace plumb::cli

int main(int argc, char** argv) {
  int status = 0;
  try {
    status = plumb::cli::run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::bad_alloc&) {
    // Unwinding freed what the run held, so the report can allocate.
    status = plumb::cli::report_escaped_error("out of memory");
  } catch (const std::exception& e) {
    status = plumb::cli::report_escaped_error(e.what());
  }
  // Every command, and every path out of one, checks that its output was
  // written.
  return plumb::cli::end_command(status);
}
