// plumb pull, yank, grant and revoke.
#include <filesystem>

#include "common_options.h"
#include "plumb/support/atomic_write.h"
#include "warg_commands.h"
#include "warg_support.h"

namespace plumb::cli {
namespace {

std::string default_file(const std::string& name, const Version& v) {
  std::string file = name;
  std::replace(file.begin(), file.end(), ':', '-');
  return file + "-" + v.to_string() + ".wasm";
}

// Publishes one record of `entries` for `name` and prints what it did
// (`done`: "yanked example:api@1.0.0"; on failure, "cannot `action`").
int publish_entries(const ParsedArgs& args, const std::string& name, std::vector<warg::Entry> entries,
                    const std::string& action, const std::string& done) {
  if (std::optional<int> status = check_registry_url(args)) return *status;
  warg::Result<warg::PrivateKey> key = load_key(args.last("--key").value_or("default"));
  if (!key) return fail_with(args, key.error());
  warg::Result<warg::Client> client = open_client(args, "uploading");
  if (!client) return fail_with(args, client.error());
  if (warg::Result<std::monostate> ok = client->update({name}); !ok) return fail_with(args, ok.error());
  if (!client->package(name)) return fail_with(args, DiagCode::PackageUnavailable, "the registry has no package " + name);
  warg::Result<warg::PublishOutcome> out = client->publish(*key, name, std::move(entries), std::nullopt);
  if (!out) return fail_with(args, out.error(), "cannot " + action);
  if (args.last("--format") == "json") {
    print_out(json{{"package", name}, {"recordId", out->record_id.to_string()}, {"registryIndex", out->registry_index}}
                  .dump() + "\n");
  } else {
    print_out(done + " (record " + out->record_id.to_string() + ")\n");
  }
  return 0;
}

std::vector<warg::Permission> permissions_of(const ParsedArgs& args, bool& ok) {
  std::vector<warg::Permission> out;
  ok = true;
  std::vector<std::string> names = args.values("--permission");
  if (names.empty()) names = {"release", "yank"};
  for (const std::string& n : names) {
    if (n == "release") {
      out.push_back(warg::Permission::Release);
    } else if (n == "yank") {
      out.push_back(warg::Permission::Yank);
    } else {
      ok = false;
    }
  }
  return out;
}

}  // namespace

int run_pull(const ParsedArgs& args) {
  std::string name;
  std::optional<Version> version;
  if (args.positionals.size() != 1 || !split_package(args.positionals.front(), name, version)) {
    return usage_error(UsageError{"expected NS:NAME or NS:NAME@VERSION", "e.g. plumb pull example:api@1.0.0", args.command}, args);
  }
  if (std::optional<int> status = check_registry_url(args)) return *status;
  warg::Result<warg::Client> client = open_client(args, "downloading");
  if (!client) return fail_with(args, client.error());
  if (warg::Result<std::monostate> ok = client->update({name}); !ok) return fail_with(args, ok.error(), "cannot pull " + name);
  const warg::LogState* log = client->package(name);
  if (!log) return fail_with(args, DiagCode::PackageUnavailable, "the registry has no package " + name);
  const warg::Release* release = nullptr;
  auto unavailable = [&](const std::string& message) {
    std::vector<std::string> help;
    if (const warg::Release* latest = log->latest_release()) {
      help.push_back("its newest release that is not yanked is " + latest->version.to_string());
    }
    return fail_with(args, DiagCode::PackageUnavailable, message, help);
  };
  if (version) {
    release = log->releases().find(version->to_string());
    if (!release) return unavailable(name + " has no release " + version->to_string());
    if (release->yanked) return unavailable(name + "@" + version->to_string() + " was yanked");
  } else {
    release = log->latest_release();
    if (!release) return unavailable(name + " has no release that is not yanked");
  }
  warg::Result<std::string> bytes = client->content(release->content);
  if (!bytes) return fail_with(args, bytes.error(), "cannot pull " + name);
  std::string path = args.last("--output").value_or(default_file(name, release->version));
  auto written = write_file_atomically(path, *bytes);
  if (!written) return fail_with(args, DiagCode::OutputUnwritable, written.error());
  if (args.last("--format") == "json") {
    print_out(json{{"path", path}, {"package", name}, {"version", release->version.to_string()},
                   {"digest", release->content.to_string()}, {"size", bytes->size()}}.dump() + "\n");
  } else {
    print_out("pulled " + name + "@" + release->version.to_string() + " to " + path + " (" +
              release->content.to_string() + ")\n");
  }
  return 0;
}

int run_yank(const ParsedArgs& args) {
  std::string name;
  std::optional<Version> version;
  if (args.positionals.size() != 1 || !split_package(args.positionals.front(), name, version) || !version) {
    return usage_error(UsageError{"expected NS:NAME@VERSION", "e.g. plumb yank example:api@1.0.0", args.command}, args);
  }
  warg::Entry yank;
  yank.kind = warg::EntryKind::Yank;
  yank.version = *version;
  std::string what = name + "@" + version->to_string();
  return publish_entries(args, name, {yank}, "yank " + what, "yanked " + what);
}

int run_grant(const ParsedArgs& args) {
  bool grant = args.command->name == "grant";
  std::string name;
  std::optional<Version> version;
  if (args.positionals.size() != 2 || !split_package(args.positionals[0], name, version) || version) {
    return usage_error(UsageError{grant ? "expected NS:NAME PUBLIC_KEY" : "expected NS:NAME KEY_ID",
                                  grant ? "the key as `plumb key show` prints it: ecdsa-p256:..." : "a key id: sha256:...",
                                  args.command},
                       args);
  }
  bool ok = true;
  warg::Entry entry;
  entry.permissions = permissions_of(args, ok);
  if (!ok) return usage_error(UsageError{"invalid --permission", "use release or yank", args.command}, args);
  if (grant) {
    warg::Result<warg::PublicKey> key = warg::PublicKey::parse(args.positionals[1]);
    if (!key) return fail_with(args, key.error());
    entry.kind = warg::EntryKind::Grant;
    entry.key = *key;
  } else {
    std::optional<Digest> id = Digest::parse(args.positionals[1]);
    if (!id) {
      return fail_with(args, DiagCode::MalformedRegistryData, "invalid key id `" + args.positionals[1] + "`",
                       {"a key id is sha256: and 64 lowercase hex digits, as `plumb key show` prints it"});
    }
    entry.kind = warg::EntryKind::Revoke;
    entry.key_id = *id;
  }
  std::string what = "permissions on " + name;
  return publish_entries(args, name, {entry}, std::string(grant ? "grant " : "revoke ") + what,
                         std::string(grant ? "granted " : "revoked ") + what);
}

}  // namespace plumb::cli
