#include "delegate.h"

#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

namespace plumb::cli {
namespace {

char** saved_argv = nullptr;

// The folder of the running executable.
std::string own_folder() {
  std::array<char, 4096> buf{};
  ssize_t n = ::readlink("/proc/self/exe", buf.data(), buf.size() - 1);
  if (n <= 0) return ".";
  std::string path(buf.data(), static_cast<size_t>(n));
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

}  // namespace

bool is_registry_command(std::string_view command) {
  for (std::string_view c : {"registry", "key", "publish", "pull", "yank", "grant", "revoke"}) {
    if (command == c) return true;
  }
  return false;
}

void remember_argv(char** argv) { saved_argv = argv; }

int run_plumb_registry() {
  std::string helper = own_folder() + "/plumb-registry";
  std::fflush(stdout);
  std::fflush(stderr);
  ::execv(helper.c_str(), saved_argv);
  std::fprintf(stderr, "error: cannot run %s: %s\n  = help: plumb's Warg commands are in plumb-registry, installed beside plumb\n",
               helper.c_str(), std::strerror(errno));
  return 1;
}

}  // namespace plumb::cli
