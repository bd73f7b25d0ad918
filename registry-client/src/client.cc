// The client's state and its update: fetch the checkpoint, fetch the
// records after the heads it has, validate them, then check the checkpoint
// and the proofs; only then is the new state saved.
#include "plumb/registry-client/client.h"

#include <filesystem>

#include "plumb/support/atomic_write.h"
#include "plumb/support/read_file.h"

namespace plumb::warg {

namespace {

using json = nlohmann::json;

Unexpected<Error> unusable(std::string message) { return fail(ErrorKind::Unusable, std::move(message)); }

std::string log_file(const std::string& dir, const Digest& log_id) { return dir + "/logs/" + log_id.hex() + ".json"; }

Result<Envelope> envelope_of(const json& rec) {
  if (!rec.is_object() || !rec.contains("contentBytes") || !rec.contains("keyId") || !rec.contains("signature") ||
      !rec.contains("registryIndex") || !rec["registryIndex"].is_number_unsigned()) {
    return fail(ErrorKind::Malformed, "a fetched record lacks contentBytes, keyId, signature or registryIndex");
  }
  std::optional<std::string> bytes = base64_decode(rec["contentBytes"].get<std::string>());
  std::optional<Digest> key_id = Digest::parse(rec["keyId"].get<std::string>());
  if (!bytes || !key_id) return fail(ErrorKind::Malformed, "a fetched record's contentBytes or keyId is invalid");
  return Envelope{*bytes, *key_id, rec["signature"].get<std::string>()};
}

}  // namespace

Result<Client> Client::open(const ClientOptions& options) {
  Result<std::string> url = normalize_registry_url(options.registry);
  if (!url) return Unexpected{std::move(url).error()};
  Client c;
  c.options_ = options;
  c.options_.registry = *url;
  c.dir_ = options.home + "/registries/" + registry_label(*url);
  if (Result<std::monostate> ok = c.load(); !ok) return Unexpected{std::move(ok).error()};
  return c;
}

Unexpected<Error> Client::not_the_api(const json::exception& e) {
  return fail(ErrorKind::Unusable, std::string("the registry's answer is not the Warg API's: ") + e.what());
}

Result<json> Client::call(const std::string& path, const std::optional<json>& body) {
  std::string url = options_.registry + path;
  Result<HttpResponse> r = body ? http_.post(url, body->dump(), "application/json") : http_.get(url);
  if (!r) return Unexpected{std::move(r).error()};
  if (r->content_type != "application/json") {
    return unusable(url + " answered " + std::to_string(r->status) + " with content type `" + r->content_type +
                          "`, not JSON");
  }
  json j = json::parse(r->body, nullptr, false);
  if (j.is_discarded()) return unusable(url + " answered invalid JSON");
  if (r->status >= 400) {
    std::string message;
    if (j.is_object() && j.contains("message") && j["message"].is_string()) message = j["message"].get<std::string>();
    if (message.empty() && j.is_object() && j.contains("type") && j["type"].is_string()) {
      message = j["type"].get<std::string>() + " " + (j.contains("id") ? j["id"].dump() : "") + " not found";
    }
    return fail(ErrorKind::Refused, "the registry refused " + path + " (HTTP " + std::to_string(r->status) + "): " + message);
  }
  return j;
}

// Validates fetched records in order (their signatures on all cores),
// skipping those already held. Records from the client's own saved state
// were verified when fetched: they are replayed without their signatures.
Result<std::monostate> Client::apply_records(Log& log, const json& records, Source source) {
  std::vector<Envelope> fresh;
  std::vector<const json*> fresh_json;
  uint64_t last = log.head_index;
  bool any = !log.records.empty();
  for (const json& rec : records) {
    Result<Envelope> e = envelope_of(rec);
    if (!e) return Unexpected{std::move(e).error()};
    uint64_t index = rec["registryIndex"].get<uint64_t>();
    if (any && index <= last) continue;
    // (Saved records had theirs checked when fetched.)
    if (source == Source::Registry && rec.contains("fetchToken") &&
        rec["fetchToken"] != record_id(log.state.kind(), e->contents).to_string()) {
      return fail(ErrorKind::InvalidRecord, "a fetched record's fetch token is not its record id");
    }
    fresh.push_back(std::move(e).value());
    fresh_json.push_back(&rec);
    last = index;
    any = true;
  }
  if (source == Source::SavedState) {
    if (Result<std::monostate> ok = log.state.replay_verified(fresh); !ok) return ok;
    log.records = records;
    log.head_index = last;
    return std::monostate{};
  }
  size_t failed = 0;
  Result<std::monostate> ok = log.state.validate_all(fresh, failed);
  size_t kept = ok ? fresh.size() : failed;
  for (size_t i = 0; i < kept; ++i) {
    log.records.push_back(*fresh_json[i]);
    log.head_index = (*fresh_json[i])["registryIndex"].get<uint64_t>();
  }
  if (!ok) {
    Error err = std::move(ok).error();
    err.message = "record " + std::to_string((*fresh_json[failed])["registryIndex"].get<uint64_t>()) + " of " +
                  (log.name.empty() ? "the operator log" : log.name) + " is invalid: " + err.message;
    return Unexpected{std::move(err)};
  }
  return std::monostate{};
}

// The operator log and the checkpoint; package logs load when asked for.
Result<std::monostate> Client::load() {
  if (Result<std::monostate> ok = load_log(operator_, log_file(dir_, operator_log_id())); !ok) return ok;
  if (std::filesystem::exists(dir_ + "/checkpoint.json")) {
    BasicExpected<std::string, std::string> text = read_whole_file(dir_ + "/checkpoint.json");
    if (!text) return fail(ErrorKind::Io, text.error());
    Result<SignedCheckpoint> cp = SignedCheckpoint::from_json(json::parse(*text, nullptr, false));
    if (!cp) return fail(ErrorKind::Io, "corrupt client state " + dir_ + "/checkpoint.json");
    checkpoint_ = *cp;
  }
  return std::monostate{};
}

Result<std::monostate> Client::load_log(Log& log, const std::string& path) {
  if (!std::filesystem::exists(path)) return std::monostate{};
  BasicExpected<std::string, std::string> text = read_whole_file(path);
  if (!text) return fail(ErrorKind::Io, text.error());
  json j = json::parse(*text, nullptr, false);
  if (j.is_discarded() || !j.contains("records") || !j["records"].is_array()) {
    return fail(ErrorKind::Io, "corrupt client state " + path);
  }
  const json& name = j.contains("name") ? j["name"] : json("");
  const json& length = j.contains("verifiedLength") ? j["verifiedLength"] : json(0);
  if (!name.is_string() || !length.is_number_unsigned()) return fail(ErrorKind::Io, "corrupt client state " + path);
  log.name = name.get<std::string>();
  log.verified_length = length.get<uint64_t>();
  if (Result<std::monostate> ok = apply_records(log, j["records"], Source::SavedState); !ok) {
    return fail(ErrorKind::Io, "corrupt client state " + path + ": " + ok.error().message);
  }
  return std::monostate{};
}

Result<std::monostate> Client::load_package(const std::string& name) {
  if (packages_.count(name)) return std::monostate{};
  Log log(LogKind::Package);
  if (Result<std::monostate> ok = load_log(log, log_file(dir_, package_log_id(name))); !ok) return ok;
  if (log.records.empty()) return std::monostate{};
  if (log.name != name) return fail(ErrorKind::Io, "corrupt client state: the log of " + name + " names " + log.name);
  packages_.emplace(name, std::move(log));
  return std::monostate{};
}

// Every log held in memory was brought up to the checkpoint: all are saved.
Result<std::monostate> Client::save() const {
  std::filesystem::create_directories(dir_ + "/logs");
  auto save_log = [&](const Log& log, const Digest& id) -> Result<std::monostate> {
    json j = {{"name", log.name}, {"verifiedLength", log.verified_length}, {"records", log.records}};
    auto written = write_file_atomically(log_file(dir_, id), j.dump(), {.sync = true});
    if (!written) return fail(ErrorKind::Io, written.error());
    return std::monostate{};
  };
  if (auto ok = save_log(operator_, operator_log_id()); !ok) return ok;
  for (const auto& [name, log] : packages_) {
    if (auto ok = save_log(log, package_log_id(name)); !ok) return ok;
  }
  // The checkpoint last: state newer than it is re-verified next time.
  if (checkpoint_) {
    auto written = write_file_atomically(dir_ + "/checkpoint.json", checkpoint_->to_json().dump(), {.sync = true});
    if (!written) return fail(ErrorKind::Io, written.error());
  }
  return std::monostate{};
}

const LogState* Client::package(const std::string& name) const {
  auto it = packages_.find(name);
  return it == packages_.end() || it->second.records.empty() ? nullptr : &it->second.state;
}

}  // namespace plumb::warg
