#include "warg_support.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "common_options.h"

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

DiagCode code_of(warg::ErrorKind kind) {
  switch (kind) {
    case warg::ErrorKind::Malformed: return DiagCode::MalformedRegistryData;
    case warg::ErrorKind::InvalidRecord: return DiagCode::InvalidLogRecord;
    case warg::ErrorKind::BadSignature: return DiagCode::BadRegistrySignature;
    case warg::ErrorKind::BadProof: return DiagCode::BadRegistryProof;
    case warg::ErrorKind::Unusable: return DiagCode::RegistryUnusable;
    case warg::ErrorKind::Refused: return DiagCode::RegistryRefused;
    case warg::ErrorKind::Content: return DiagCode::ContentMismatch;
    case warg::ErrorKind::Io: return DiagCode::ClientState;
  }
  return DiagCode::Internal;
}

namespace {

// What to do about each kind, when the message alone does not say.
std::vector<std::string> help_for(DiagCode code, const ParsedArgs& args) {
  switch (code) {
    case DiagCode::RegistryUnusable:
      return {"is a registry serving " + registry_url(args) + "? (--registry URL, or PLUMB_REGISTRY; "
              "`plumb registry serve` starts one)"};
    case DiagCode::InvalidLogRecord: return {"`plumb explain E1003` lists the rules of a log"};
    case DiagCode::BadRegistrySignature:
    case DiagCode::BadRegistryProof:
    case DiagCode::ContentMismatch:
      return {"nothing was kept: the registry's answer did not verify; `plumb explain " +
              std::string(diag_code_info(code).text) + "` says what this means"};
    default: return {};
  }
}

}  // namespace

int fail_with(const ParsedArgs& args, DiagCode code, const std::string& message, std::vector<std::string> help) {
  CommonOptions common = CommonOptions::from(args);
  RenderOptions render = common.render_options();
  Reporter reporter(render.format, render.color, /*quiet=*/true);
  Diagnostic d = Diagnostic::error(code, Span(), message);
  d.help = std::move(help);
  reporter.add(d);
  // Machine formats end with their summary record (or document); people
  // need no "1 error" line under a single message.
  if (render.format == MessageFormat::Json || render.format == MessageFormat::Sarif) {
    reporter.finish(RunSummary{reporter.errors(), reporter.warnings(), 0, 0});
  }
  return 1;
}

int fail_with(const ParsedArgs& args, const warg::Error& error, const std::string& context) {
  DiagCode code = code_of(error.kind);
  return fail_with(args, code, context.empty() ? error.message : context + ": " + error.message, help_for(code, args));
}

void print_out(const std::string& text) { write_out(stdout, text); }

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
  warg::Result<warg::PrivateKey> key = warg::PrivateKey::parse(text);
  if (!key) return warg::fail(warg::ErrorKind::Io, key_path(name) + ": " + key.error().message);
  return key;
}

bool valid_key_name(const std::string& name) {
  return !name.empty() && name.size() <= 64 && name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_") == std::string::npos;
}

std::optional<int> check_registry_url(const ParsedArgs& args) {
  std::string url = registry_url(args);
  warg::Result<std::string> normalized = warg::normalize_registry_url(url);
  if (normalized) return std::nullopt;
  std::string what = args.last("--registry") ? "invalid value '" + url + "' for '--registry <URL>'"
                                             : "invalid PLUMB_REGISTRY '" + url + "'";
  return usage_error(UsageError{what, normalized.error().message, args.command}, args);
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
