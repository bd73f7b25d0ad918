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

// Publishes one record of `entries` for `name` and prints what it did.
int publish_entries(const ParsedArgs& args, const std::string& name, std::vector<warg::Entry> entries,
                    const std::string& done) {
  warg::Result<warg::PrivateKey> key = load_key(args.last("--key").value_or("default"));
  if (!key) return fail_with(key.error().message);
  warg::Result<warg::Client> client = open_client(args, "uploading");
  if (!client) return fail_with(client.error().message);
  if (warg::Result<std::monostate> ok = client->update({name}); !ok) return fail_with(ok.error().message);
  if (!client->package(name)) return fail_with("the registry has no package " + name);
  warg::Result<warg::PublishOutcome> out = client->publish(*key, name, std::move(entries), std::nullopt);
  if (!out) return fail_with("cannot " + done + ": " + out.error().message);
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
  warg::Result<warg::Client> client = open_client(args, "downloading");
  if (!client) return fail_with(client.error().message);
  if (warg::Result<std::monostate> ok = client->update({name}); !ok) return fail_with("cannot pull " + name + ": " + ok.error().message);
  const warg::LogState* log = client->package(name);
  if (!log) return fail_with("the registry has no package " + name);
  const warg::Release* release = nullptr;
  if (version) {
    release = log->releases().find(version->to_string());
    if (!release) return fail_with(name + " has no release " + version->to_string());
    if (release->yanked) return fail_with(name + "@" + version->to_string() + " was yanked");
  } else {
    release = log->latest_release();
    if (!release) return fail_with(name + " has no release that is not yanked");
  }
  warg::Result<std::string> bytes = client->content(release->content);
  if (!bytes) return fail_with("cannot pull " + name + ": " + bytes.error().message);
  std::string path = args.last("--output").value_or(default_file(name, release->version));
  auto written = write_file_atomically(path, *bytes);
  if (!written) return fail_with(written.error());
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
  return publish_entries(args, name, {yank}, "yanked " + name + "@" + version->to_string());
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
    if (!key) return fail_with(key.error().message);
    entry.kind = warg::EntryKind::Grant;
    entry.key = *key;
  } else {
    std::optional<Digest> id = Digest::parse(args.positionals[1]);
    if (!id) return fail_with("invalid key id `" + args.positionals[1] + "`");
    entry.kind = warg::EntryKind::Revoke;
    entry.key_id = *id;
  }
  std::string done = std::string(grant ? "granted " : "revoked ") + "permissions on " + name;
  return publish_entries(args, name, {entry}, done);
}

}  // namespace plumb::cli
