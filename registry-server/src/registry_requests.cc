// What the registry answers: publishing and uploading (which sequence ready
// records and sign a checkpoint), and the read-only queries of the v1 API.
#include <zstd.h>

#include "registry.h"

namespace plumb::registry {

namespace {

using warg::LogKind;

std::string compress(const std::string& bytes) {
  std::string out(ZSTD_compressBound(bytes.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), bytes.data(), bytes.size(), 3);
  if (ZSTD_isError(n)) throw std::runtime_error(std::string("zstd: ") + ZSTD_getErrorName(n));
  out.resize(n);
  return out;
}

std::optional<std::string> fetch_token(const nlohmann::json& j) {
  if (j.is_null()) return std::nullopt;
  return j.get<std::string>();
}

}  // namespace

BasicExpected<PendingRecord, ApiError> Registry::publish(const Digest& log_id, const std::string& name,
                                                         warg::Envelope envelope) {
  warg::Result<warg::Record> record = warg::decode_record(LogKind::Package, envelope.contents);
  if (!record) return Unexpected{api_error(400, "invalid record: " + record.error().message)};
  std::lock_guard lock(mu_);
  std::string ns = name.substr(0, name.rfind(':'));
  const warg::NamespaceState* state = logs_.at(warg::operator_log_id()).state.namespace_state(ns);
  if (!state) return Unexpected{not_found("namespace", ns)};
  if (state->imported) return Unexpected{ApiError{409, {{"status", 409}, {"type", "namespaceImport"}, {"id", ns}}}};
  // The signer must be known to the log, or be the key its init names.
  const warg::PublicKey* key = nullptr;
  auto log = logs_.find(log_id);
  if (log != logs_.end()) key = log->second.state.key(envelope.key_id);
  if (!key && !record->entries.empty() && record->entries.front().kind == warg::EntryKind::Init &&
      record->entries.front().key->id() == envelope.key_id) {
    key = &*record->entries.front().key;
  }
  if (!key) return Unexpected{api_error(401, "unknown key id `" + envelope.key_id.to_string() + "`")};
  warg::Result<bool> ok = key->verify(warg::kPackageRecordSignature, envelope.contents, envelope.signature);
  if (!ok || !*ok) return Unexpected{api_error(401, "signature `" + envelope.signature + "` verification failed")};

  Digest id = warg::record_id(LogKind::Package, envelope.contents);
  if (record_index_.count(id)) return this->record_locked(log_id, id);
  if (auto p = pending_.find(id); p != pending_.end()) return p->second;
  PendingRecord p{log_id, name, std::move(envelope), RecordState::Processing, "", {}, 0};
  for (const warg::Entry& e : record->entries) {
    if (e.kind == warg::EntryKind::Release && !has_content(e.content)) p.missing.insert(e.content);
  }
  if (!p.missing.empty()) p.state = RecordState::Sourcing;
  {
    Transaction txn(db_);
    save_pending(id, p);
    txn.commit();  // acknowledged only once durable
  }
  pending_[id] = p;
  if (p.missing.empty()) {
    sequence(id);
    sign_checkpoint();
  }
  return record_locked(log_id, id);
}

BasicExpected<PendingRecord, ApiError> Registry::record(const Digest& log_id, const Digest& record_id) {
  std::lock_guard lock(mu_);
  return record_locked(log_id, record_id);
}

BasicExpected<PendingRecord, ApiError> Registry::record_locked(const Digest& log_id, const Digest& record_id) {
  if (auto p = pending_.find(record_id); p != pending_.end() && p->second.log_id == log_id) return p->second;
  auto it = record_index_.find(record_id);
  if (it == record_index_.end() || records_[it->second].log_id != log_id) {
    return Unexpected{not_found("record", record_id.to_string())};
  }
  PendingRecord p;
  p.log_id = log_id;
  p.state = RecordState::Published;
  p.index = it->second;
  // Published once a checkpoint covers it; until then it is processing.
  if (checkpoints_.rbegin()->first <= p.index) p.state = RecordState::Processing;
  return p;
}

BasicExpected<std::monostate, ApiError> Registry::upload(const Digest& log_id, const Digest& record_id,
                                                         const Digest& digest, const std::string& bytes) {
  if (Digest::of(bytes) != digest) {
    return Unexpected{api_error(400, "the content's digest is " + Digest::of(bytes).to_string() + ", not " +
                                         digest.to_string())};
  }
  std::string compressed = compress(bytes);
  std::lock_guard lock(mu_);
  auto p = pending_.find(record_id);
  if (p == pending_.end() || p->second.log_id != log_id) {
    if (record_index_.count(record_id)) return Unexpected{ApiError{405, {{"status", 405}}}};
    return Unexpected{not_found("record", record_id.to_string())};
  }
  if (p->second.state != RecordState::Sourcing) return Unexpected{ApiError{405, {{"status", 405}}}};
  if (!p->second.missing.count(digest)) {
    return Unexpected{api_error(400, "content with digest `" + digest.to_string() + "` is not required by this record")};
  }
  PendingRecord next = p->second;
  next.missing.erase(digest);
  if (next.missing.empty()) next.state = RecordState::Processing;
  {
    Transaction txn(db_);
    db_.prepare("INSERT OR IGNORE INTO content VALUES (?, ?, ?)")
        .bind(1, digest.to_string())
        .bind(2, static_cast<int64_t>(bytes.size()))
        .bind_blob(3, compressed)
        .run();
    save_pending(record_id, next);
    txn.commit();
  }
  p->second = std::move(next);
  if (p->second.missing.empty()) {
    sequence(record_id);
    sign_checkpoint();
  }
  return std::monostate{};
}

std::optional<std::pair<std::string, uint64_t>> Registry::content(const Digest& digest) {
  std::lock_guard lock(mu_);
  Statement s = db_.prepare("SELECT data, size FROM content WHERE digest = ?");
  s.bind(1, digest.to_string());
  if (!s.step()) return std::nullopt;
  return std::pair{s.text(0), static_cast<uint64_t>(s.integer(1))};
}

nlohmann::json Registry::published_json(uint64_t index) const {
  const StoredRecord& r = records_[index];
  return {{"contentBytes", warg::base64_encode(r.envelope.contents)},
          {"keyId", r.envelope.key_id.to_string()},
          {"signature", r.envelope.signature},
          {"registryIndex", r.index},
          {"fetchToken", r.record_id.to_string()}};
}

BasicExpected<nlohmann::json, ApiError> Registry::fetch_logs(const nlohmann::json& request) {
  for (const auto& [key, value] : request.items()) {
    if (key != "logLength" && key != "limit" && key != "operator" && key != "packages") {
      return Unexpected{api_error(422, "unknown field `" + key + "`")};
    }
  }
  if (!request.contains("logLength") || !request["logLength"].is_number_unsigned()) {
    return Unexpected{api_error(422, "missing field `logLength`")};
  }
  uint64_t length = request["logLength"].get<uint64_t>();
  uint64_t limit = request.value("limit", 100);
  if (limit < 1 || limit > 1000) return Unexpected{api_error(400, "the limit must be between 1 and 1000")};
  std::lock_guard lock(mu_);
  if (!checkpoints_.count(length)) return Unexpected{not_found("logLength", length)};
  bool more = false;
  // The records of `log_id` after `token`, below `length`, at most `limit`.
  auto records_after = [&](const Digest& log_id, const std::optional<std::string>& token)
      -> BasicExpected<nlohmann::json, ApiError> {
    auto log = logs_.find(log_id);
    if (log == logs_.end()) return Unexpected{not_found("log", log_id.to_string())};
    size_t start = 0;
    if (token) {
      std::optional<Digest> after = Digest::parse(*token);
      auto at = after ? record_index_.find(*after) : record_index_.end();
      if (at == record_index_.end() || records_[at->second].log_id != log_id) {
        return Unexpected{not_found("fetchToken", *token)};
      }
      const std::vector<uint64_t>& list = log->second.records;
      start = std::upper_bound(list.begin(), list.end(), at->second) - list.begin();
    }
    nlohmann::json out = nlohmann::json::array();
    for (size_t i = start; i < log->second.records.size() && out.size() < limit; ++i) {
      uint64_t index = log->second.records[i];
      if (index >= length) break;
      out.push_back(published_json(index));
    }
    if (out.size() == limit) more = true;
    return out;
  };
  nlohmann::json response = {{"more", false}};
  auto op = records_after(warg::operator_log_id(), request.contains("operator") ? fetch_token(request["operator"])
                                                                                 : std::nullopt);
  if (!op) return Unexpected{std::move(op).error()};
  if (!op->empty()) response["operator"] = *op;
  nlohmann::json packages = nlohmann::json::object();
  if (request.contains("packages")) {
    for (const auto& [id_text, token] : request["packages"].items()) {
      std::optional<Digest> id = Digest::parse(id_text);
      if (!id) return Unexpected{not_found("log", id_text)};
      auto list = records_after(*id, fetch_token(token));
      if (!list) return Unexpected{std::move(list).error()};
      packages[id_text] = *list;
    }
  }
  if (!packages.empty()) response["packages"] = packages;
  response["more"] = more;
  return response;
}

BasicExpected<nlohmann::json, ApiError> Registry::fetch_names(const nlohmann::json& request) {
  std::lock_guard lock(mu_);
  nlohmann::json names = nlohmann::json::object();
  size_t n = 0;
  for (const nlohmann::json& id_text : request.value("packages", nlohmann::json::array())) {
    if (++n > 1000) break;
    std::optional<Digest> id = Digest::parse(id_text.get<std::string>());
    auto log = id ? logs_.find(*id) : logs_.end();
    if (log == logs_.end()) return Unexpected{not_found("log", id_text)};
    names[id_text.get<std::string>()] = log->second.name.empty() ? nlohmann::json() : nlohmann::json(log->second.name);
  }
  return nlohmann::json{{"packages", names}};
}

}  // namespace plumb::registry
