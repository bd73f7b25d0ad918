// The state machine of a Warg log (a package log or the operator log): each
// record is validated against the state the records before it left, with
// every rule of the reference and its messages, and either changes the
// state as a whole or not at all.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "plumb/registry-client/records.h"
#include "plumb/support/index_map.h"

namespace plumb::warg {

struct Head {
  Digest digest;  // the id of the last record
  Timestamp timestamp;
};

struct Release {
  Digest record_id;
  Version version;
  KeyId by;
  Timestamp timestamp;
  bool yanked = false;
  Digest content;        // while released
  KeyId yanked_by;       // once yanked
  Timestamp yanked_at;
};

struct NamespaceState {
  bool imported = false;
  std::string registry;  // when imported
};

class LogState {
 public:
  explicit LogState(LogKind kind) : kind_(kind) {}

  // Validates the signed record `e` and applies it; on an error the state
  // is as it was. The error's kind is InvalidRecord, BadSignature or
  // Malformed (a record that does not decode).
  Result<Record> validate(const Envelope& e);
  // The same, for a record the caller has already decoded from e.contents.
  Result<std::monostate> validate(const Envelope& e, const Record& record);

  // Validates records in order as validate() would, checking their
  // signatures on all cores. On an error, the state is as after the records
  // before the failing one, and `failed` is its position.
  Result<std::monostate> validate_all(const std::vector<Envelope>& records, size_t& failed);

  // Applies records this client verified before (its own saved state): the
  // log rules and record ids as validate() checks them, but not the
  // signatures, whose cost would grow with the log on every start.
  Result<std::monostate> replay_verified(const std::vector<Envelope>& records);

  LogKind kind() const { return kind_; }
  bool initialized() const { return initialized_; }
  const std::optional<Head>& head() const { return head_; }
  const PublicKey* key(const KeyId& id) const { return keys_.find(id); }
  bool has_permission(const KeyId& id, Permission p) const;
  const IndexMap<std::string, Release>& releases() const { return releases_; }
  const NamespaceState* namespace_state(const std::string& ns) const { return namespaces_.find(ns); }

  // The newest release that is not yanked (and not a pre-release, unless
  // `pre` is set), as `warg download` picks one; nullptr if none.
  const Release* latest_release(bool pre = false) const;

  // The state as the reference serialises it (its fixtures' LogState).
  nlohmann::ordered_json to_json() const;

 private:
  using Undo = std::vector<std::function<void()>>;
  Result<std::monostate> check_link(const Record& r) const;
  Result<std::monostate> apply_entry(const Entry& entry, const KeyId& signer, const Digest& id,
                                     const Record& r, Undo& undo);
  Result<std::monostate> apply_init(const Entry& entry, const KeyId& signer, Undo& undo);
  Result<std::monostate> apply_grant(const Entry& entry, const KeyId& signer, Undo& undo);
  Result<std::monostate> apply_revoke(const Entry& entry, const KeyId& signer, Undo& undo);
  Result<std::monostate> apply_release(const Entry& entry, const KeyId& signer, const Digest& id,
                                       const Record& r, Undo& undo);
  Result<std::monostate> apply_yank(const Entry& entry, const KeyId& signer, const Record& r, Undo& undo);
  Result<std::monostate> apply_namespace(const Entry& entry, Undo& undo);
  Result<std::monostate> check_permissions(const KeyId& signer, const std::vector<Permission>& needed) const;
  void add_key(const PublicKey& key, Undo& undo);
  std::vector<Permission>& permissions_of(const KeyId& id, Undo& undo);

  // While validate_all runs: signatures to check afterwards, instead of now.
  struct DeferredSignature {
    PublicKey key;
    const Envelope* envelope;
  };
  std::vector<DeferredSignature>* deferred_ = nullptr;

  LogKind kind_;
  bool initialized_ = false;
  std::optional<Head> head_;
  IndexMap<KeyId, std::vector<Permission>, DigestHash> permissions_;
  IndexMap<KeyId, PublicKey, DigestHash> keys_;
  IndexMap<std::string, Release> releases_;  // package logs, by version text
  IndexMap<std::string, NamespaceState> namespaces_;  // the operator log
};

}  // namespace plumb::warg
