// The registry's state and its one writer: records are checked, stored as
// pending until their content is uploaded, then sequenced (validated against
// their log, appended to the registry log and map) and covered by a new
// signed checkpoint, each step committed to SQLite before it is
// acknowledged. All of it is rebuilt from the store at start-up.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "plumb/registry-client/checkpoint.h"
#include "plumb/registry-client/log_state.h"
#include "plumb/registry-client/merkle_log.h"
#include "plumb/registry-client/sparse_map.h"
#include "sqlite.h"

namespace plumb::registry {

using warg::Digest;

struct StoredRecord {
  uint64_t index = 0;  // registry index
  Digest log_id;
  Digest record_id;
  warg::Envelope envelope;
};

struct LogInfo {
  explicit LogInfo(warg::LogKind kind) : state(kind) {}
  warg::LogState state;
  std::string name;              // ns:name; empty for the operator log
  std::vector<uint64_t> records;  // registry indices, in order
};

enum class RecordState { Sourcing, Processing, Rejected, Published };

struct PendingRecord {
  Digest log_id;
  std::string name;
  warg::Envelope envelope;
  RecordState state = RecordState::Sourcing;
  std::string reason;           // when rejected
  std::set<Digest> missing;     // content not uploaded yet
  uint64_t index = 0;           // when published
};

// An HTTP-shaped failure: status, and the JSON body's fields.
struct ApiError {
  int status;
  nlohmann::json body;
};
inline ApiError api_error(int status, const std::string& message) {
  return ApiError{status, {{"status", status}, {"message", message}}};
}
inline ApiError not_found(const std::string& type, const nlohmann::json& id) {
  return ApiError{404, {{"status", 404}, {"type", type}, {"id", id}}};
}

class Registry {
 public:
  // Opens or creates the store in `dir` (registry.db, operator.key),
  // defining each of `namespaces` not yet defined.
  Registry(const std::string& dir, const std::vector<std::string>& namespaces);

  warg::SignedCheckpoint latest_checkpoint();
  std::optional<warg::SignedCheckpoint> checkpoint_at(uint64_t length);

  // POST /v1/package/{log}/record
  BasicExpected<PendingRecord, ApiError> publish(const Digest& log_id, const std::string& name,
                                                 warg::Envelope envelope);
  BasicExpected<PendingRecord, ApiError> record(const Digest& log_id, const Digest& record_id);
  // POST .../content/{digest}: the record's missing content.
  BasicExpected<std::monostate, ApiError> upload(const Digest& log_id, const Digest& record_id, const Digest& digest,
                                                 const std::string& bytes);
  // The content's bytes, compressed with zstd, and its size; nullopt if absent.
  std::optional<std::pair<std::string, uint64_t>> content(const Digest& digest);

  // POST /v1/fetch/logs, as JSON in and out.
  BasicExpected<nlohmann::json, ApiError> fetch_logs(const nlohmann::json& request);
  BasicExpected<nlohmann::json, ApiError> fetch_names(const nlohmann::json& request);
  BasicExpected<nlohmann::json, ApiError> consistency_proof(uint64_t from, uint64_t to);
  BasicExpected<nlohmann::json, ApiError> inclusion_proof(uint64_t length, const std::vector<uint64_t>& leaves);
  nlohmann::json verify_checkpoint(const warg::SignedCheckpoint& c);
  nlohmann::json ledger_sources();
  BasicExpected<std::string, ApiError> ledger_records(uint64_t start);

  const warg::PublicKey& operator_key() const { return operator_key_.public_key(); }

 private:
  BasicExpected<PendingRecord, ApiError> record_locked(const Digest& log_id, const Digest& record_id);
  void create_schema();
  void load();
  void bootstrap(const std::vector<std::string>& namespaces);
  void apply(const StoredRecord& r);
  void sequence(const Digest& record_id);
  void rebuild_state(LogInfo& log, warg::LogKind kind);  // with mu_ held
  void sign_checkpoint();                  // with mu_ held
  void save_pending(const Digest& record_id, const PendingRecord& p);
  warg::SparseMap map_at(uint64_t length) const;
  nlohmann::json published_json(uint64_t index) const;
  bool has_content(const Digest& d);

  std::mutex mu_;
  Database db_;
  warg::PrivateKey operator_key_;
  std::vector<StoredRecord> records_;
  std::unordered_map<Digest, LogInfo, warg::DigestHash> logs_;
  std::unordered_map<Digest, uint64_t, warg::DigestHash> record_index_;
  warg::MerkleLog log_;
  warg::SparseMap map_;
  std::map<uint64_t, warg::SignedCheckpoint> checkpoints_;
  std::unordered_map<Digest, PendingRecord, warg::DigestHash> pending_;
};

}  // namespace plumb::registry
