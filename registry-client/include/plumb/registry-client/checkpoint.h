// Checkpoints: the registry's signed statement of its log's root and length
// and its map's root at a time, and their JSON form (a SerdeEnvelope:
// {"contents":{logRoot,logLength,mapRoot,timestamp},"keyId","signature"}).
// The signature covers the prefix encoding, not the JSON.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "plumb/registry-client/error.h"
#include "plumb/registry-client/hash.h"
#include "plumb/registry-client/signing.h"

namespace plumb::warg {

struct Checkpoint {
  Digest log_root;
  uint64_t log_length = 0;
  Digest map_root;
  uint64_t timestamp = 0;  // unix seconds

  // WARG-TIMESTAMPED-CHECKPOINT-V0 ‖ LEB128(length) ‖ ps(log root) ‖ ps(map root) ‖ LEB128(time)
  std::string signature_payload() const;
  // The id a store keys it by: H(WARG-CHECKPOINT-V0 ‖ LEB128(length) ‖ ps(log root) ‖ ps(map root)).
  Digest id() const;
  bool same_roots(const Checkpoint& o) const {
    return log_root == o.log_root && log_length == o.log_length && map_root == o.map_root;
  }
};

struct SignedCheckpoint {
  Checkpoint contents;
  KeyId key_id;
  std::string signature;

  static SignedCheckpoint sign(const Checkpoint& c, const PrivateKey& key);
  // Whether `key` (which must be the one `key_id` names) signed it.
  Result<std::monostate> verify(const PublicKey& key) const;

  nlohmann::json to_json() const;
  static Result<SignedCheckpoint> from_json(const nlohmann::json& j);
};

}  // namespace plumb::warg
