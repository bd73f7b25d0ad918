// Log validation in the reference's order (crates/protocol's package and
// operator `state.rs`): the link to the previous record, the protocol
// version, the timestamp, each entry (the signer's permission first), then
// the signer's key and the signature. Every change is journalled, so a
// record that fails part-way leaves the state as it was.
#include "plumb/registry-client/log_state.h"

#include <algorithm>
#include <thread>

namespace plumb::warg {

namespace {

Unexpected<Error> invalid(std::string message) { return fail(ErrorKind::InvalidRecord, std::move(message)); }
const Result<std::monostate> kOk = std::monostate{};

std::vector<Permission> all_permissions(LogKind log) {
  if (log == LogKind::Package) return {Permission::Release, Permission::Yank};
  return {Permission::Commit, Permission::DefineNamespace, Permission::ImportNamespace};
}

std::string_view log_name(LogKind log) { return log == LogKind::Package ? "package log" : "operator log"; }

}  // namespace

bool LogState::has_permission(const KeyId& id, Permission p) const {
  const std::vector<Permission>* held = permissions_.find(id);
  return held && std::find(held->begin(), held->end(), p) != held->end();
}

Result<Record> LogState::validate(const Envelope& e) {
  Result<Record> record = decode_record(kind_, e.contents);
  if (!record) return record;
  Result<std::monostate> ok = validate(e, *record);
  if (!ok) return Unexpected{std::move(ok).error()};
  return record;
}

Result<std::monostate> LogState::validate_all(const std::vector<Envelope>& records, size_t& failed) {
  LogState before = *this;
  std::vector<DeferredSignature> deferred;
  deferred_ = &deferred;
  // The rules, in order, without the signatures.
  size_t i = 0;
  Error rule_error{ErrorKind::InvalidRecord, ""};
  for (; i < records.size(); ++i) {
    Result<Record> ok = validate(records[i]);
    if (!ok) {
      rule_error = std::move(ok).error();
      break;
    }
  }
  deferred_ = nullptr;
  // The signatures of the records that passed, on every core.
  std::vector<char> good(deferred.size(), 0);
  auto check = [&](size_t from, size_t step) {
    for (size_t k = from; k < deferred.size(); k += step) {
      const Envelope& e = *deferred[k].envelope;
      Result<bool> ok = deferred[k].key.verify(signature_prefix(kind_), e.contents, e.signature);
      good[k] = ok && *ok;
    }
  };
  size_t threads = deferred.size() >= 64 ? std::max(1u, std::thread::hardware_concurrency()) : 1;
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(check, t, threads);
  check(0, threads);
  for (std::thread& t : pool) t.join();
  size_t first_bad = std::find(good.begin(), good.end(), 0) - good.begin();
  if (first_bad == good.size() && i == records.size()) return kOk;
  // Replay up to the first failure, which then reports its own error.
  size_t stop = std::min(first_bad, i);
  *this = std::move(before);
  deferred_ = &deferred;
  deferred.clear();
  for (size_t k = 0; k < stop; ++k) (void)validate(records[k]);
  deferred_ = nullptr;
  failed = stop;
  if (stop == i && first_bad >= i) return Unexpected{std::move(rule_error)};
  Result<Record> again = validate(records[stop]);
  return Unexpected{again ? Error{ErrorKind::BadSignature, "unable to verify signature"} : std::move(again).error()};
}

Result<std::monostate> LogState::replay_verified(const std::vector<Envelope>& records) {
  std::vector<DeferredSignature> skipped;
  deferred_ = &skipped;
  for (const Envelope& e : records) {
    Result<Record> ok = validate(e);
    skipped.clear();
    if (!ok) {
      deferred_ = nullptr;
      return Unexpected{std::move(ok).error()};
    }
  }
  deferred_ = nullptr;
  return kOk;
}

Result<std::monostate> LogState::check_link(const Record& r) const {
  if (!head_ && r.prev) return invalid("the first record contained a previous hash value");
  if (head_ && !r.prev) return invalid("non-initial record contained no previous hash");
  if (head_ && *r.prev != head_->digest) return invalid("previous record hash does not match");
  if (r.version != 0) return invalid("protocol version " + std::to_string(r.version) + " not allowed");
  if (head_ && r.time < head_->timestamp) return invalid("record has lower timestamp than previous");
  return kOk;
}

Result<std::monostate> LogState::validate(const Envelope& e, const Record& r) {
  if (Result<std::monostate> link = check_link(r); !link) return link;
  Digest id = record_id(kind_, e.contents);
  Undo undo;
  auto rollback = [&](Error error) {
    for (auto it = undo.rbegin(); it != undo.rend(); ++it) (*it)();
    return Unexpected{std::move(error)};
  };
  for (const Entry& entry : r.entries) {
    Result<std::monostate> applied = apply_entry(entry, e.key_id, id, r, undo);
    if (!applied) return rollback(std::move(applied).error());
  }
  if (!initialized_) return rollback(Error{ErrorKind::InvalidRecord, "the initial record is empty and does not \"init\""});
  const PublicKey* key = keys_.find(e.key_id);
  if (!key) {
    return rollback(Error{ErrorKind::InvalidRecord,
                          "the Key ID used to sign this envelope is not known to this " + std::string(log_name(kind_))});
  }
  if (deferred_) {
    deferred_->push_back({*key, &e});
    head_ = Head{id, r.time};
    return kOk;
  }
  Result<bool> verified = key->verify(signature_prefix(kind_), e.contents, e.signature);
  if (!verified || !*verified) {
    std::string message = "unable to verify signature";
    if (kind_ == LogKind::Operator) message += ": signature error";
    return rollback(Error{ErrorKind::BadSignature, message});
  }
  head_ = Head{id, r.time};
  return kOk;
}

Result<std::monostate> LogState::apply_entry(const Entry& entry, const KeyId& signer, const Digest& id,
                                             const Record& r, Undo& undo) {
  if (std::optional<Permission> needed = entry.required_permission(kind_)) {
    if (Result<std::monostate> ok = check_permissions(signer, {*needed}); !ok) return ok;
  }
  if (entry.kind == EntryKind::Init) return apply_init(entry, signer, undo);
  if (!initialized_) return invalid("the first entry of the log is not \"init\"");
  switch (entry.kind) {
    case EntryKind::Grant: return apply_grant(entry, signer, undo);
    case EntryKind::Revoke: return apply_revoke(entry, signer, undo);
    case EntryKind::Release: return apply_release(entry, signer, id, r, undo);
    case EntryKind::Yank: return apply_yank(entry, signer, r, undo);
    case EntryKind::DefineNamespace:
    case EntryKind::ImportNamespace: return apply_namespace(entry, undo);
    case EntryKind::Init: break;
  }
  return kOk;
}

Result<std::monostate> LogState::check_permissions(const KeyId& signer, const std::vector<Permission>& needed) const {
  for (Permission p : needed) {
    if (!has_permission(signer, p)) {
      return invalid("the key with ID " + signer.to_string() + " did not have required permission " +
                     std::string(permission_name(p)));
    }
  }
  return kOk;
}

void LogState::add_key(const PublicKey& key, Undo& undo) {
  if (keys_.contains(key.id())) return;  // the same id is the same key
  keys_.push_new(key.id(), PublicKey(key));
  undo.push_back([this, id = key.id()] { keys_.retain([&](const KeyId& k, const PublicKey&) { return k != id; }); });
}

std::vector<Permission>& LogState::permissions_of(const KeyId& id, Undo& undo) {
  if (std::vector<Permission>* held = permissions_.find(id)) {
    undo.push_back([this, id, before = *held] { *permissions_.find(id) = before; });
    return *held;
  }
  undo.push_back([this, id] { permissions_.retain([&](const KeyId& k, const auto&) { return k != id; }); });
  return *permissions_.try_insert(id, {}).first;
}

Result<std::monostate> LogState::apply_init(const Entry& entry, const KeyId& signer, Undo& undo) {
  if (initialized_) return invalid("a second \"init\" entry was found");
  // A package log's creator must sign its init; the operator log's first
  // record may be signed by any key it then grants (checked at the end).
  if (kind_ == LogKind::Package && signer != entry.key->id()) {
    return invalid("the Key ID used to sign this envelope is not known to this package log");
  }
  initialized_ = true;
  undo.push_back([this] { initialized_ = false; });
  permissions_of(signer, undo) = all_permissions(kind_);
  add_key(*entry.key, undo);
  return kOk;
}

Result<std::monostate> LogState::apply_grant(const Entry& entry, const KeyId& signer, Undo& undo) {
  if (Result<std::monostate> ok = check_permissions(signer, entry.permissions); !ok) return ok;
  add_key(*entry.key, undo);
  std::vector<Permission>& held = permissions_of(entry.key->id(), undo);
  for (Permission p : entry.permissions) {
    if (std::find(held.begin(), held.end(), p) == held.end()) held.push_back(p);
  }
  return kOk;
}

Result<std::monostate> LogState::apply_revoke(const Entry& entry, const KeyId& signer, Undo& undo) {
  if (Result<std::monostate> ok = check_permissions(signer, entry.permissions); !ok) return ok;
  for (Permission p : entry.permissions) {
    std::vector<Permission>* held = permissions_.find(entry.key_id);
    auto it = held ? std::find(held->begin(), held->end(), p) : std::vector<Permission>::iterator();
    if (!held || it == held->end()) {
      return invalid("attempted to remove permission " + std::string(permission_name(p)) + " from key " +
                     entry.key_id.to_string() + " which did not have it");
    }
    std::vector<Permission>& set = permissions_of(entry.key_id, undo);
    it = std::find(set.begin(), set.end(), p);
    // IndexSet::swap_remove: the last permission takes the removed one's place.
    *it = set.back();
    set.pop_back();
  }
  return kOk;
}

Result<std::monostate> LogState::apply_release(const Entry& entry, const KeyId& signer, const Digest& id,
                                               const Record& r, Undo& undo) {
  std::string version = entry.version.to_string();
  if (releases_.contains(version)) {
    return invalid("an entry attempted to release version " + version + " which is already released");
  }
  Release release{id, entry.version, signer, r.time, false, entry.content, {}, {}};
  releases_.push_new(version, std::move(release));
  undo.push_back([this, version] { releases_.retain([&](const std::string& v, const Release&) { return v != version; }); });
  return kOk;
}

Result<std::monostate> LogState::apply_yank(const Entry& entry, const KeyId& signer, const Record& r, Undo& undo) {
  std::string version = entry.version.to_string();
  Release* release = releases_.find(version);
  if (!release) {
    return invalid("an entry attempted to yank version " + version + " which had not yet been released");
  }
  if (release->yanked) return invalid("an entry attempted to yank version " + version + " which is already yanked");
  undo.push_back([this, version, before = *release] { *releases_.find(version) = before; });
  release->yanked = true;
  release->yanked_by = signer;
  release->yanked_at = r.time;
  return kOk;
}

Result<std::monostate> LogState::apply_namespace(const Entry& entry, Undo& undo) {
  if (!is_valid_namespace(entry.ns)) {
    return invalid("the namespace `" + entry.ns + "` is invalid; namespace must be a lowercased kebab case string");
  }
  if (namespaces_.contains(entry.ns)) {
    return invalid("the namespace `" + entry.ns + "` is already defined and cannot be redefined");
  }
  namespaces_.push_new(entry.ns, NamespaceState{entry.kind == EntryKind::ImportNamespace, entry.registry});
  undo.push_back([this, ns = entry.ns] {
    namespaces_.retain([&](const std::string& n, const NamespaceState&) { return n != ns; });
  });
  return kOk;
}

const Release* LogState::latest_release(bool pre) const {
  const Release* best = nullptr;
  for (const auto& [text, release] : releases_) {
    if (release.yanked || (!pre && !release.version.pre.empty())) continue;
    if (!best || release.version > best->version) best = &release;
  }
  return best;
}

nlohmann::ordered_json LogState::to_json() const {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  if (initialized_) out["algorithm"] = "sha256";
  if (head_) out["head"] = {{"digest", head_->digest.to_string()}, {"timestamp", head_->timestamp.to_string()}};
  if (!permissions_.empty()) {
    auto& perms = out["permissions"] = nlohmann::ordered_json::object();
    for (const auto& [id, held] : permissions_) {
      auto& list = perms[id.to_string()] = nlohmann::ordered_json::array();
      for (Permission p : held) list.push_back(permission_name(p));
    }
  }
  if (!releases_.empty()) {
    auto& rel = out["releases"] = nlohmann::ordered_json::object();
    for (const auto& [text, r] : releases_) {
      nlohmann::ordered_json state;
      if (r.yanked) {
        state = {{"status", "yanked"}, {"by", r.yanked_by.to_string()}, {"timestamp", r.yanked_at.to_string()}};
      } else {
        state = {{"status", "released"}, {"content", r.content.to_string()}};
      }
      rel[text] = {{"recordId", r.record_id.to_string()}, {"version", text}, {"by", r.by.to_string()},
                   {"timestamp", r.timestamp.to_string()}, {"state", state}};
    }
  }
  if (!keys_.empty()) {
    auto& keys = out["keys"] = nlohmann::ordered_json::object();
    for (const auto& [id, key] : keys_) keys[id.to_string()] = key.text();
  }
  if (!namespaces_.empty()) {
    auto& nss = out["namespaces"] = nlohmann::ordered_json::object();
    for (const auto& [ns, state] : namespaces_) {
      nlohmann::ordered_json s = "defined";
      if (state.imported) s = {{"imported", {{"registry", state.registry}}}};
      nss[ns] = {{"state", s}};
    }
  }
  return out;
}

}  // namespace plumb::warg
