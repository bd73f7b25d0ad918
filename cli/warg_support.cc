#include "warg_support.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace plumb::cli {

std::string plumb_home() {
  if (const char* home = std::getenv("PLUMB_HOME"); home && *home) return home;
  if (const char* data = std::getenv("XDG_DATA_HOME"); data && *data) return std::string(data) + "/plumb";
  const char* home = std::getenv("HOME");
  return std::string(home ? home : ".") + "/.local/share/plumb";
}

std::string registry_url(const ParsedArgs& args) {
  if (std::optional<std::string> url = args.last("--registry")) return *url;
  if (const char* env = std::getenv("PLUMB_REGISTRY"); env && *env) return env;
  return "http://127.0.0.1:8765/";
}

int fail_with(const std::string& message) {
  std::fprintf(stderr, "error: %s\n", message.c_str());
  return 1;
}

void print_out(const std::string& text) { std::fwrite(text.data(), 1, text.size(), stdout); }

// A progress bar on stderr when it is a terminal (nothing when piped).
warg::Progress progress_bar(const char* what) {
  if (!::isatty(2)) return {};
  return [what](uint64_t done, uint64_t total) {
    if (total == 0) return;
    int width = 30, filled = static_cast<int>(width * done / total);
    std::fprintf(stderr, "\r%s [%s%s] %3d%%", what, std::string(filled, '#').c_str(),
                 std::string(width - filled, ' ').c_str(), static_cast<int>(100 * done / total));
    if (done == total) std::fputs("\n", stderr);
  };
}

std::string key_path(const std::string& name) { return plumb_home() + "/keys/" + name + ".key"; }

warg::Result<warg::PrivateKey> load_key(const std::string& name) {
  std::ifstream in(key_path(name));
  if (!in) {
    return warg::fail(warg::ErrorKind::Io, "no key `" + name + "` (" + key_path(name) + "); make one with `plumb key new" +
                                               (name == "default" ? "" : " --name " + name) + "`");
  }
  std::string text;
  std::getline(in, text);
  return warg::PrivateKey::parse(text);
}

bool valid_key_name(const std::string& name) {
  return !name.empty() && name.size() <= 64 && name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_") == std::string::npos;
}

warg::Result<warg::Client> open_client(const ParsedArgs& args, const char* progress) {
  return warg::Client::open({plumb_home(), registry_url(args), progress_bar(progress)});
}

bool split_package(const std::string& text, std::string& name, std::optional<Version>& version) {
  size_t at = text.find('@');
  name = text.substr(0, at);
  if (at != std::string::npos) {
    auto v = parse_version(text.substr(at + 1));
    if (!v) return false;
    version = *v;
  }
  return warg::is_valid_package_name(name);
}

}  // namespace plumb::cli
