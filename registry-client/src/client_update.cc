// Client::update: the records after the heads held, validated; then the
// checkpoint (signature, time, consistency with the last one trusted) and
// the inclusion of every head in its log and map. Nothing is kept unless
// all of it holds.
#include <algorithm>
#include <set>

#include "plumb/registry-client/client.h"
#include "plumb/registry-client/merkle_log.h"
#include "plumb/registry-client/sparse_map.h"

namespace plumb::warg {

namespace {

using json = nlohmann::json;

Unexpected<Error> bad_proof(std::string message) { return fail(ErrorKind::BadProof, std::move(message)); }

std::optional<std::string> token_of(const json& records) {
  if (records.empty()) return std::nullopt;
  return records.back().value("fetchToken", "");
}

}  // namespace

// The registry's JSON is read with nlohmann's accessors, which throw on a
// value of another type than the API's: caught here, it is an error like
// any other, and the logs are as they were.
Result<std::monostate> Client::update(const std::vector<std::string>& names) {
  try {
    return update_logs(names);
  } catch (const json::exception& e) {
    return not_the_api(e);
  }
}

Result<std::monostate> Client::update_logs(const std::vector<std::string>& names) {
  Result<json> cp_json = call("v1/fetch/checkpoint", std::nullopt);
  if (!cp_json) return Unexpected{std::move(cp_json).error()};
  Result<SignedCheckpoint> cp = SignedCheckpoint::from_json(*cp_json);
  if (!cp) return Unexpected{std::move(cp).error()};

  for (const std::string& name : names) {
    if (Result<std::monostate> ok = load_package(name); !ok) return ok;
  }
  // The checkpoint trusted last, signed again: nothing can have been added
  // at its length, so the logs verified against it are current. (Its
  // signature and time are still checked.)
  bool all_current = checkpoint_ && operator_.verified_length == checkpoint_->contents.log_length &&
                     std::all_of(names.begin(), names.end(), [&](const std::string& n) {
                       return package(n) && packages_.at(n).verified_length == checkpoint_->contents.log_length;
                     });
  if (all_current && cp->contents.same_roots(checkpoint_->contents)) return verify_checkpoint(*cp);
  // Work on copies: the state changes only once everything is verified.
  Log saved_operator = operator_;
  std::map<std::string, Log> saved_packages = packages_;
  auto restore = [&](Error e) {
    operator_ = std::move(saved_operator);
    packages_ = std::move(saved_packages);
    return Unexpected{std::move(e)};
  };
  auto fetch_and_verify = [&]() -> Result<std::monostate> {
    if (Result<std::monostate> ok = fetch_logs(*cp, names); !ok) return ok;
    if (Result<std::monostate> ok = verify_checkpoint(*cp); !ok) return ok;
    std::vector<const Log*> heads{&operator_};
    for (const auto& [name, log] : packages_) {
      if (!log.records.empty()) heads.push_back(&log);
    }
    return verify_proofs(*cp, heads);
  };
  try {
    if (Result<std::monostate> ok = fetch_and_verify(); !ok) return restore(std::move(ok).error());
  } catch (const json::exception& e) {
    return restore(not_the_api(e).error);
  }
  checkpoint_ = *cp;
  operator_.verified_length = cp->contents.log_length;
  for (auto& [name, log] : packages_) log.verified_length = cp->contents.log_length;
  return save();
}

Result<std::monostate> Client::fetch_logs(const SignedCheckpoint& cp, const std::vector<std::string>& names) {
  std::set<std::string> wanted(names.begin(), names.end());
  for (const auto& [name, log] : packages_) wanted.insert(name);
  std::set<std::string> absent;
  for (int round = 0; round < 100000; ++round) {
    json packages = json::object();
    for (const std::string& name : wanted) {
      if (absent.count(name)) continue;
      Log& log = packages_.try_emplace(name, LogKind::Package).first->second;
      log.name = name;
      std::optional<std::string> token = token_of(log.records);
      packages[package_log_id(name).to_string()] = token ? json(*token) : json(nullptr);
    }
    json request = {{"logLength", cp.contents.log_length}, {"packages", packages}};
    if (std::optional<std::string> token = token_of(operator_.records)) request["operator"] = *token;
    Result<json> r = call("v1/fetch/logs", request);
    if (!r) {
      // A package the registry does not have: ask again without it.
      bool found = false;
      for (const std::string& name : wanted) {
        if (!absent.count(name) && r.error().message.find("log \"" + package_log_id(name).to_string() + "\"") !=
                                       std::string::npos) {
          absent.insert(name);
          found = true;
        }
      }
      if (!found) return Unexpected{std::move(r).error()};
      continue;
    }
    if (Result<std::monostate> ok = apply_records(operator_, r->value("operator", json::array())); !ok) return ok;
    const json fetched = r->value("packages", json::object());
    for (const auto& [key, records] : fetched.items()) {
      const std::string id = key;  // (a lambda cannot capture a structured binding before C++20's clang 16)
      auto it = std::find_if(packages_.begin(), packages_.end(),
                             [&](const auto& p) { return package_log_id(p.first).to_string() == id; });
      if (it == packages_.end()) return fail(ErrorKind::Unusable, "the registry sent the records of an unasked log " + id);
      if (Result<std::monostate> ok = apply_records(it->second, records); !ok) return ok;
    }
    if (!r->value("more", false)) break;
  }
  if (operator_.records.empty()) return fail(ErrorKind::Unusable, "the registry sent no operator log");
  for (const std::string& name : absent) {
    if (packages_.count(name) && packages_.at(name).records.empty()) packages_.erase(name);
    if (packages_.count(name)) return fail(ErrorKind::BadProof, "the registry no longer has the log of " + name);
  }
  return std::monostate{};
}

Result<std::monostate> Client::verify_checkpoint(const SignedCheckpoint& cp) {
  const PublicKey* key = operator_.state.key(cp.key_id);
  if (!key) return fail(ErrorKind::BadSignature, "the checkpoint is signed by " + cp.key_id.to_string() +
                                                     ", a key the operator log does not know");
  if (!operator_.state.has_permission(cp.key_id, Permission::Commit)) {
    return fail(ErrorKind::BadSignature, "the checkpoint is signed by " + cp.key_id.to_string() +
                                             ", a key without the commit permission");
  }
  if (Result<std::monostate> ok = cp.verify(*key); !ok) return ok;
  if (cp.contents.log_length <= operator_.head_index) {
    return bad_proof("the checkpoint (length " + std::to_string(cp.contents.log_length) +
                     ") does not cover the operator log's head");
  }
  if (!checkpoint_) return std::monostate{};
  const Checkpoint& old = checkpoint_->contents;
  if (cp.contents.log_length < old.log_length) {
    return bad_proof("the registry went back from log length " + std::to_string(old.log_length) + " to " +
                     std::to_string(cp.contents.log_length) + " (a rollback)");
  }
  if (cp.contents.timestamp < old.timestamp) {
    return bad_proof("the checkpoint's time (" + std::to_string(cp.contents.timestamp) +
                     ") is before that of the checkpoint seen before (" + std::to_string(old.timestamp) + ")");
  }
  if (cp.contents.log_length == old.log_length) {
    if (!cp.contents.same_roots(old)) return bad_proof("the checkpoint of length " + std::to_string(old.log_length) +
                                                       " has other roots than the one seen before (a fork)");
    return std::monostate{};
  }
  Result<json> r = call("v1/proof/consistency", json{{"from", old.log_length}, {"to", cp.contents.log_length}});
  if (!r) return Unexpected{std::move(r).error()};
  std::optional<std::string> bytes = base64_decode(r->value("proof", ""));
  if (!bytes) return fail(ErrorKind::Malformed, "the consistency proof is not base64");
  Result<LogProofBundle> bundle = LogProofBundle::decode(*bytes);
  if (!bundle) return Unexpected{std::move(bundle).error()};
  if (bundle->log_length != cp.contents.log_length) return bad_proof("the consistency proof is for another length");
  return verify_consistency(*bundle, old.log_length, old.log_root, cp.contents.log_root);
}

Result<std::monostate> Client::verify_proofs(const SignedCheckpoint& cp, const std::vector<const Log*>& logs) {
  json leaves = json::array();
  for (const Log* log : logs) leaves.push_back(log->head_index);
  Result<json> r = call("v1/proof/inclusion", json{{"logLength", cp.contents.log_length}, {"leafs", leaves}});
  if (!r) return Unexpected{std::move(r).error()};
  std::optional<std::string> log_bytes = base64_decode(r->value("log", ""));
  std::optional<std::string> map_bytes = base64_decode(r->value("map", ""));
  if (!log_bytes || !map_bytes) return fail(ErrorKind::Malformed, "the inclusion proofs are not base64");
  Result<LogProofBundle> log_bundle = LogProofBundle::decode(*log_bytes);
  if (!log_bundle) return Unexpected{std::move(log_bundle).error()};
  Result<MapProofBundle> map_bundle = MapProofBundle::decode(*map_bytes);
  if (!map_bundle) return Unexpected{std::move(map_bundle).error()};
  if (log_bundle->log_length != cp.contents.log_length || map_bundle->proofs.size() != logs.size()) {
    return bad_proof("the inclusion proofs do not answer what was asked");
  }
  for (size_t i = 0; i < logs.size(); ++i) {
    const Log& log = *logs[i];
    Digest log_id = log.name.empty() ? operator_log_id() : package_log_id(log.name);
    const Digest& head = log.state.head()->digest;
    if (Result<std::monostate> ok = verify_inclusion(*log_bundle, log.head_index, {log_id, head}, cp.contents.log_root);
        !ok) {
      return ok;
    }
    if (Result<std::monostate> ok = verify_map_inclusion(map_bundle->proofs[i], log_id, head, cp.contents.map_root); !ok) {
      return ok;
    }
  }
  return std::monostate{};
}

}  // namespace plumb::warg
