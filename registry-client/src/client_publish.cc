// Publishing a record (with its release's content) and fetching content
// into the content-addressed cache.
#include <chrono>
#include <filesystem>
#include <thread>

#include "plumb/registry-client/client.h"
#include "plumb/support/atomic_write.h"
#include "plumb/support/read_file.h"

namespace plumb::warg {

namespace {

using json = nlohmann::json;

}  // namespace

// As in update(): a JSON value of another type than the API's is an error.
Result<PublishOutcome> Client::publish(const PrivateKey& key, const std::string& name, std::vector<Entry> entries,
                                       const std::optional<std::string>& content) {
  try {
    return publish_record(key, name, std::move(entries), content);
  } catch (const json::exception& e) {
    return not_the_api(e);
  }
}

Result<std::string> Client::content(const Digest& digest) {
  try {
    return cached_or_downloaded(digest);
  } catch (const json::exception& e) {
    return not_the_api(e);
  }
}

Result<PublishOutcome> Client::publish_record(const PrivateKey& key, const std::string& name, std::vector<Entry> entries,
                                              const std::optional<std::string>& content) {
  if (!is_valid_package_name(name)) return fail(ErrorKind::Malformed, "invalid package name `" + name + "`");
  if (Result<std::monostate> ok = update({name}); !ok) return Unexpected{std::move(ok).error()};
  Record record;
  record.time = Timestamp::now();
  if (const LogState* log = package(name)) {
    record.prev = log->head()->digest;
    record.time = std::max(record.time, log->head()->timestamp);
  } else {
    Entry init;
    init.kind = EntryKind::Init;
    init.key = key.public_key();
    entries.insert(entries.begin(), init);
  }
  record.entries = std::move(entries);
  Envelope e = sign_record(LogKind::Package, encode_record(LogKind::Package, record), key);
  Digest id = record_id(LogKind::Package, e.contents);
  std::string log_path = "v1/package/" + package_log_id(name).to_string();
  json body = {{"packageName", name},
               {"record", {{"contentBytes", base64_encode(e.contents)}, {"keyId", e.key_id.to_string()},
                           {"signature", e.signature}}}};
  Result<json> r = call(log_path + "/record", body);
  if (!r) return Unexpected{std::move(r).error()};
  if (r->value("state", "") == "sourcing") {
    if (!content) return fail(ErrorKind::Unusable, "the registry asks for content the record does not have");
    const json missing = r->value("missingContent", json::object());
    for (const auto& [digest, how] : missing.items()) {
      if (digest != Digest::of(*content).to_string()) {
        return fail(ErrorKind::Unusable, "the registry asks for content " + digest + ", not the release's");
      }
      const json* upload = how.is_object() && how.contains("upload") && how["upload"].is_array() &&
                                   !how["upload"].empty() && how["upload"][0].is_object()
                               ? &how["upload"][0]
                               : nullptr;
      if (!upload) return fail(ErrorKind::Unusable, "the registry gives no upload URL for " + digest);
      std::string url = upload->value("url", "");
      if (url.find("://") == std::string::npos) url = options_.registry + url;
      // Where the registry sends a transfer obeys what --registry does.
      if (Result<std::string> ok = normalize_registry_url(url); !ok) {
        return fail(ErrorKind::Unusable, "the registry's upload URL is unusable: " + ok.error().message);
      }
      Result<HttpResponse> up = http_.post(url, *content, "application/octet-stream", options_.progress);
      if (!up) return Unexpected{std::move(up).error()};
      if (up->status != 201) {
        return fail(ErrorKind::Refused, "the upload of " + digest + " failed (HTTP " + std::to_string(up->status) +
                                             "): " + up->body);
      }
    }
  }
  return wait_published(name, id);
}

Result<PublishOutcome> Client::wait_published(const std::string& name, const Digest& id) {
  std::string log_path = "v1/package/" + package_log_id(name).to_string();
  using namespace std::chrono;
  auto deadline = steady_clock::now() + seconds(60);
  for (milliseconds pause(5);; pause = std::min(pause * 2, milliseconds(500))) {
    Result<json> r = call(log_path + "/record/" + id.to_string(), std::nullopt);
    if (!r) return Unexpected{std::move(r).error()};
    std::string state = r->value("state", "");
    if (state == "published") {
      PublishOutcome out{id, r->value("registryIndex", uint64_t(0))};
      // Fetched again, verified, and its log must end with it.
      if (Result<std::monostate> ok = update({name}); !ok) return Unexpected{std::move(ok).error()};
      const LogState* log = package(name);
      if (!log || log->head()->digest != id) {
        return fail(ErrorKind::BadProof, "the registry says " + id.to_string() + " is published, but its log does not end with it");
      }
      return out;
    }
    if (state == "rejected") return fail(ErrorKind::InvalidRecord, "the registry rejected the record: " + r->value("reason", ""));
    if (state == "sourcing") return fail(ErrorKind::Refused, "the registry still misses the record's content");
    if (steady_clock::now() > deadline) return fail(ErrorKind::Refused, "the record was not published within 60 s");
    std::this_thread::sleep_for(pause);
  }
}

Result<std::string> Client::cached_or_downloaded(const Digest& digest) {
  std::string cache = options_.home + "/cache";
  std::string path = cache + "/sha256-" + digest.hex();
  if (std::filesystem::exists(path)) {
    BasicExpected<std::string, std::string> bytes = read_whole_file(path);
    if (bytes && Digest::of(*bytes) == digest) return std::move(bytes).value();
    std::filesystem::remove(path);  // damaged: fetched again
  }
  Result<json> sources = call("v1/content/" + digest.to_string(), std::nullopt);
  if (!sources) return Unexpected{std::move(sources).error()};
  const json& list = (*sources)["contentSources"][digest.to_string()];
  if (!list.is_array() || list.empty()) return fail(ErrorKind::Unusable, "the registry gives no source for " + digest.to_string());
  Error last{ErrorKind::Unusable, "the registry offers no httpGet source"};
  for (const json& source : list) {
    if (source.value("type", "") != "httpGet") continue;
    std::string url = source.value("url", "");
    if (url.find("://") == std::string::npos) url = options_.registry + url;
    if (Result<std::string> usable = normalize_registry_url(url); !usable) {
      if (last.kind != ErrorKind::Content) last = {ErrorKind::Unusable, "an unusable source: " + usable.error().message};
      continue;
    }
    std::string bytes;
    Hasher hasher;
    Result<std::monostate> ok = http_.download(
        url, [&](std::string_view chunk) { bytes += chunk, hasher.update(chunk); }, options_.progress);
    // A source that served other bytes is what is reported, whatever the
    // sources after it did.
    if (!ok) {
      if (last.kind != ErrorKind::Content) last = std::move(ok).error();
      continue;
    }
    Digest got = hasher.finish();
    if (got != digest) {
      last = {ErrorKind::Content, "the content from " + url + " has digest " + got.to_string() + ", not " + digest.to_string()};
      continue;
    }
    std::filesystem::create_directories(cache);
    auto written = write_file_atomically(path, bytes, {.sync = true});
    if (!written) return fail(ErrorKind::Io, written.error());
    return bytes;
  }
  return fail(last.kind, "cannot download " + digest.to_string() + ": " + last.message);
}

}  // namespace plumb::warg
