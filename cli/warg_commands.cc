// The Warg client commands. State lives under $PLUMB_HOME (default
// $XDG_DATA_HOME/plumb, ~/.local/share/plumb): keys/ (private keys, 0600),
// registries/ (verified logs and checkpoints), cache/ (content by digest).
#include "warg_commands.h"
#include "warg_support.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "build_command.h"
#include "common_options.h"
#include "plumb/registry-client/client.h"
#include "plumb/support/atomic_write.h"

namespace plumb::cli {
int run_key(const ParsedArgs& args) {
  std::string sub = args.positionals.empty() ? "" : args.positionals.front();
  std::string name = args.last("--name").value_or("default");
  bool as_json = args.last("--format") == "json";
  if (!valid_key_name(name)) {
    return usage_error(UsageError{"invalid key name '" + name + "'", "use lowercase letters, digits, - and _", args.command}, args);
  }
  if (sub == "new") {
    if (std::filesystem::exists(key_path(name))) {
      return fail_with(args, DiagCode::ClientState, "key `" + name + "` already exists (" + key_path(name) + ")",
                       {"plumb never overwrites a key; pick another name with --name NAME"});
    }
    warg::PrivateKey key = warg::PrivateKey::generate();
    std::filesystem::create_directories(plumb_home() + "/keys");
    std::filesystem::permissions(plumb_home() + "/keys", std::filesystem::perms::owner_all);
    auto written = write_file_atomically(key_path(name), key.text() + "\n", {.sync = true, .mode = 0600});
    if (!written) return fail_with(args, DiagCode::ClientState, written.error());
    std::fprintf(stderr, "created key `%s` in %s\n", name.c_str(), key_path(name).c_str());
  } else if (sub == "list") {
    json list = json::array();
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(plumb_home() + "/keys", ec)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::string text;
    for (const auto& f : files) {
      if (f.extension() != ".key") continue;
      warg::Result<warg::PrivateKey> key = load_key(f.stem().string());
      if (!key) return fail_with(args, key.error());
      list.push_back({{"name", f.stem().string()}, {"keyId", key->public_key().id().to_string()}});
      text += f.stem().string() + "  " + key->public_key().id().to_string() + "\n";
    }
    print_out(as_json ? list.dump() + "\n" : text);
    return 0;
  } else if (sub != "show") {
    return usage_error(UsageError{sub.empty() ? "a subcommand is required" : "unrecognized subcommand '" + sub + "'",
                                  "use 'new', 'show' or 'list'", args.command},
                       args);
  }
  warg::Result<warg::PrivateKey> key = load_key(name);
  if (!key) return fail_with(args, key.error());
  const warg::PublicKey& pub = key->public_key();
  print_out(as_json ? json{{"name", name}, {"publicKey", pub.text()}, {"keyId", pub.id().to_string()}}.dump() + "\n"
                    : "public key: " + pub.text() + "\nkey id:     " + pub.id().to_string() + "\n");
  return 0;
}

int run_publish(const ParsedArgs& args) {
  if (std::optional<int> status = check_registry_url(args)) return *status;
  Snapshot snapshot;
  if (std::optional<int> status = build_snapshot(args, snapshot)) return *status;
  if (snapshot.version.empty()) {
    return fail_with(args, DiagCode::UnversionedRelease,
                     "package `" + snapshot.name + "` has no version, and a release needs one",
                     {"give it one: `package " + snapshot.name + "@0.1.0;`"});
  }
  warg::Result<warg::PrivateKey> key = load_key(args.last("--key").value_or("default"));
  if (!key) return fail_with(args, key.error());
  warg::Result<warg::Client> client = open_client(args, "uploading");
  if (!client) return fail_with(args, client.error());
  warg::Entry release;
  release.kind = warg::EntryKind::Release;
  release.version = *parse_version(snapshot.version);
  release.content = Digest::of(snapshot.bytes);
  warg::Result<warg::PublishOutcome> out = client->publish(*key, snapshot.name, {release}, snapshot.bytes);
  if (!out) return fail_with(args, out.error(), "cannot publish " + snapshot.name + "@" + snapshot.version);
  if (args.last("--format") == "json") {
    print_out(json{{"package", snapshot.name}, {"version", snapshot.version}, {"recordId", out->record_id.to_string()},
                   {"registryIndex", out->registry_index}, {"digest", release.content.to_string()},
                   {"size", snapshot.bytes.size()}}.dump() + "\n");
  } else {
    print_out("published " + snapshot.name + "@" + snapshot.version + " (record " + out->record_id.to_string() +
              ", " + release.content.to_string() + ")\n");
  }
  return 0;
}

}  // namespace plumb::cli
