#include "registry_command.h"

#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <thread>

#include "common_options.h"
#include "plumb/registry-server/server.h"
#include "warg_support.h"

namespace plumb::cli {
namespace {

std::string default_data_dir() {
  if (const char* home = std::getenv("PLUMB_HOME"); home && *home) return std::string(home) + "/registry";
  if (const char* data = std::getenv("XDG_DATA_HOME"); data && *data) return std::string(data) + "/plumb/registry";
  const char* home = std::getenv("HOME");
  return std::string(home ? home : ".") + "/.local/share/plumb/registry";
}

// HOST:PORT, the port a number up to 65535.
bool parse_listen(const std::string& text, registry::ServeOptions& out) {
  size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  std::string port = text.substr(colon + 1);
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos) return false;
  int value = std::stoi(port);
  if (value > 65535) return false;
  out.host = text.substr(0, colon);
  out.port = value;
  return true;
}

}  // namespace

int run_registry(const ParsedArgs& args) {
  if (args.positionals.size() != 1 || args.positionals.front() != "serve") {
    std::string what = args.positionals.empty() ? "a subcommand is required" :
                       "unrecognized subcommand '" + args.positionals.front() + "'";
    return usage_error(UsageError{what, "the registry's one subcommand is 'serve'", args.command}, args);
  }
  registry::ServeOptions options;
  options.data_dir = args.last("--data").value_or(default_data_dir());
  options.host = "127.0.0.1";
  options.port = 8765;
  if (std::optional<std::string> listen = args.last("--listen"); listen && !parse_listen(*listen, options)) {
    return usage_error(UsageError{"invalid value '" + *listen + "' for '--listen <ADDR>'",
                                  "give HOST:PORT, e.g. 127.0.0.1:8765 (port 0: any free port)", args.command},
                       args);
  }
  options.namespaces = args.values("--namespace");

  // SIGINT and SIGTERM are taken by a thread of their own (blocked here
  // before the server starts its threads, so they all inherit the mask).
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  warg::Result<std::unique_ptr<registry::Server>> server = registry::Server::open(options);
  if (!server) {
    return fail_with(args, DiagCode::OutputUnwritable, server.error().message);
  }
  registry::Server& s = **server;
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    s.stop();
  });
  std::fprintf(stderr, "plumb registry: serving %s at %s (operator key %s)\n", options.data_dir.c_str(),
               s.url().c_str(), s.operator_key_id().c_str());
  std::printf("%s\n", s.url().c_str());
  std::fflush(stdout);
  s.run();
  // Stopped by a signal: the waiter has returned. Stopped otherwise (the
  // listening socket failed): wake the waiter so it can be joined.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  std::fprintf(stderr, "plumb registry: stopped\n");
  return 0;
}

}  // namespace plumb::cli
