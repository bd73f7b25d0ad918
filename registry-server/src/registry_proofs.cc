// The registry's proofs and ledger: consistency between two checkpoints,
// inclusion of leaves in the log and of log heads in the map, as of a
// checkpoint's length.
#include "registry.h"

namespace plumb::registry {

namespace {

ApiError unprocessable(const std::string& message) {
  return ApiError{422, {{"status", 422}, {"reason", "failure"}, {"message", message}}};
}

constexpr uint64_t kLedgerPage = 1000;

}  // namespace

warg::SparseMap Registry::map_at(uint64_t length) const {
  if (length == log_.length()) return map_;
  warg::SparseMap map;
  for (uint64_t i = 0; i < length; ++i) map.set(records_[i].log_id, records_[i].record_id);
  return map;
}

BasicExpected<nlohmann::json, ApiError> Registry::consistency_proof(uint64_t from, uint64_t to) {
  std::lock_guard lock(mu_);
  if (!checkpoints_.count(to)) return Unexpected{not_found("logLength", to)};
  if (from == 0) return Unexpected{unprocessable("A bundle can not be made from no proofs")};
  if (from > to) return Unexpected{unprocessable("cannot prove consistency from " + std::to_string(from) + " to " +
                                                 std::to_string(to))};
  warg::LogProofBundle b = log_.consistency_proof(from, to);
  return nlohmann::json{{"proof", warg::base64_encode(b.encode())}};
}

BasicExpected<nlohmann::json, ApiError> Registry::inclusion_proof(uint64_t length, const std::vector<uint64_t>& leaves) {
  std::lock_guard lock(mu_);
  if (!checkpoints_.count(length)) return Unexpected{not_found("logLength", length)};
  warg::SparseMap map = map_at(length);
  warg::MapProofBundle map_bundle;
  for (uint64_t leaf : leaves) {
    if (leaf >= length) return Unexpected{not_found("leaf", leaf)};
    const StoredRecord& r = records_[leaf];
    const Digest* head = map.get(r.log_id);
    if (!head || *head != r.record_id) {
      return Unexpected{ApiError{422, {{"status", 422}, {"reason", "incorrectProof"},
                                       {"root", map.root().to_string()}, {"found", r.record_id.to_string()}}}};
    }
    map_bundle.proofs.push_back(*map.prove(r.log_id));
  }
  warg::LogProofBundle log_bundle = log_.inclusion_proof(length, leaves);
  return nlohmann::json{{"log", warg::base64_encode(log_bundle.encode())},
                        {"map", warg::base64_encode(map_bundle.encode())}};
}

nlohmann::json Registry::verify_checkpoint(const warg::SignedCheckpoint& c) {
  std::lock_guard lock(mu_);
  auto stored = checkpoints_.find(c.contents.log_length);
  bool same = stored != checkpoints_.end() && stored->second.contents.log_root == c.contents.log_root &&
              stored->second.contents.map_root == c.contents.map_root;
  std::string signature = "invalid";
  if (stored != checkpoints_.end() && stored->second.key_id == c.key_id && stored->second.signature == c.signature) {
    signature = "verified";
  } else {
    const warg::LogState& op = logs_.at(warg::operator_log_id()).state;
    const warg::PublicKey* key = op.key(c.key_id);
    if (key && op.has_permission(c.key_id, warg::Permission::Commit) && c.verify(*key)) signature = "verified";
  }
  return {{"checkpoint", same ? "verified" : "invalid"}, {"signature", signature}};
}

nlohmann::json Registry::ledger_sources() {
  std::lock_guard lock(mu_);
  uint64_t length = checkpoints_.rbegin()->first;
  nlohmann::json sources = nlohmann::json::array();
  for (uint64_t first = 0; first < length; first += kLedgerPage) {
    uint64_t last = std::min(length, first + kLedgerPage) - 1;
    sources.push_back({{"firstRegistryIndex", first},
                       {"lastRegistryIndex", last},
                       {"url", "v1/ledger/records/" + std::to_string(first)},
                       {"contentType", "application/vnd.warg.ledger.packed"}});
  }
  return {{"hashAlgorithm", "sha256"}, {"sources", sources}};
}

BasicExpected<std::string, ApiError> Registry::ledger_records(uint64_t start) {
  std::lock_guard lock(mu_);
  uint64_t length = checkpoints_.rbegin()->first;
  if (start >= length) return Unexpected{not_found("leaf", start)};
  std::string out;
  for (uint64_t i = start; i < std::min(length, start + kLedgerPage); ++i) {
    out += records_[i].log_id.raw();
    out += records_[i].record_id.raw();
  }
  return out;
}

}  // namespace plumb::registry
