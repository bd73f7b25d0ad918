// plumb: a WIT toolchain and package manager.
#include <cstdio>
#include <exception>

#include <CLI/CLI.hpp>

#include "check_command.h"
#include "print_command.h"

int main(int argc, char** argv) {
  CLI::App app{"plumb: a WIT toolchain and package manager", "plumb"};
  app.require_subcommand(1);
  app.set_version_flag("-V,--version", "plumb 0.1.0");
  int exit_code = 0;
  plumb::cli::add_check_command(app, exit_code);
  plumb::cli::add_print_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Help and version requests succeed; anything else is a usage error.
    return app.exit(e) == 0 ? 0 : 2;
  } catch (const std::exception& e) {
    // The commands report problems as diagnostics; what still escapes (out
    // of memory, a filesystem error) ends the run with a message rather
    // than an abort.
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
  return exit_code;
}
