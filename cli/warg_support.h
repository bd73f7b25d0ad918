// What the Warg commands share: where state lives, keys, the registry,
// the progress bar, output.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "args.h"
#include "plumb/diagnostics/codes.h"
#include "plumb/registry-client/client.h"
#include "plumb/support/semver.h"

namespace plumb::cli {

using json = nlohmann::ordered_json;
using warg::Digest;

std::string plumb_home();
std::string registry_url(const ParsedArgs& args);
// A failure of a Warg command, reported through the diagnostics engine in
// the --message-format and --color the command line asks for; returns the
// exit status, 1. `context` ("cannot pull example:app") goes before the
// error's own message.
int fail_with(const ParsedArgs& args, DiagCode code, const std::string& message, std::vector<std::string> help = {});
int fail_with(const ParsedArgs& args, const warg::Error& error, const std::string& context = "");
// The code of each kind of Warg error.
DiagCode code_of(warg::ErrorKind kind);
void print_out(const std::string& text);
warg::Progress progress_bar(const char* what);
std::string key_path(const std::string& name);
warg::Result<warg::PrivateKey> load_key(const std::string& name);
bool valid_key_name(const std::string& name);
// The client of the registry the command line names. An unusable URL
// (another scheme, no host, plain http off loopback) is a usage error:
// check_registry_url reports it (exit status 2) before anything is done.
std::optional<int> check_registry_url(const ParsedArgs& args);
warg::Result<warg::Client> open_client(const ParsedArgs& args, const char* progress);
// NS:NAME[@VERSION]
bool split_package(const std::string& text, std::string& name, std::optional<Version>& version);

}  // namespace plumb::cli
