#include "plumb/registry-client/checkpoint.h"

namespace plumb::warg {

namespace {

Unexpected<Error> malformed(std::string message) {
  return fail(ErrorKind::Malformed, "invalid checkpoint: " + std::move(message));
}

Result<Digest> digest_field(const nlohmann::json& j, const char* name) {
  if (!j.contains(name) || !j[name].is_string()) return malformed(std::string("missing `") + name + "`");
  std::optional<Digest> d = Digest::parse(j[name].get<std::string>());
  if (!d) return malformed(std::string("`") + name + "` is not a sha256 digest");
  return *d;
}

Result<uint64_t> number_field(const nlohmann::json& j, const char* name) {
  if (!j.contains(name) || !j[name].is_number_unsigned()) {
    return malformed(std::string("`") + name + "` is not an unsigned number");
  }
  return j[name].get<uint64_t>();
}

}  // namespace

std::string Checkpoint::signature_payload() const {
  std::string out = "WARG-TIMESTAMPED-CHECKPOINT-V0";
  append_leb128(out, log_length);
  append_prefixed(out, log_root.to_string());
  append_prefixed(out, map_root.to_string());
  append_leb128(out, timestamp);
  return out;
}

Digest Checkpoint::id() const {
  std::string out = "WARG-CHECKPOINT-V0";
  append_leb128(out, log_length);
  append_prefixed(out, log_root.to_string());
  append_prefixed(out, map_root.to_string());
  return Digest::of(out);
}

SignedCheckpoint SignedCheckpoint::sign(const Checkpoint& c, const PrivateKey& key) {
  return SignedCheckpoint{c, key.public_key().id(), key.sign(kCheckpointSignature, c.signature_payload())};
}

Result<std::monostate> SignedCheckpoint::verify(const PublicKey& key) const {
  if (key.id() != key_id) return fail(ErrorKind::BadSignature, "the checkpoint is signed by another key");
  Result<bool> ok = key.verify(kCheckpointSignature, contents.signature_payload(), signature);
  if (!ok) return Unexpected{std::move(ok).error()};
  if (!*ok) {
    return fail(ErrorKind::BadSignature, "the signature of the checkpoint of length " +
                                             std::to_string(contents.log_length) + " does not verify");
  }
  return std::monostate{};
}

nlohmann::json SignedCheckpoint::to_json() const {
  return {{"contents",
           {{"logRoot", contents.log_root.to_string()},
            {"logLength", contents.log_length},
            {"mapRoot", contents.map_root.to_string()},
            {"timestamp", contents.timestamp}}},
          {"keyId", key_id.to_string()},
          {"signature", signature}};
}

Result<SignedCheckpoint> SignedCheckpoint::from_json(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("contents") || !j["contents"].is_object()) return malformed("missing `contents`");
  const nlohmann::json& c = j["contents"];
  SignedCheckpoint out;
  Result<Digest> log_root = digest_field(c, "logRoot");
  Result<Digest> map_root = digest_field(c, "mapRoot");
  Result<uint64_t> length = number_field(c, "logLength");
  Result<uint64_t> time = number_field(c, "timestamp");
  Result<Digest> key_id = digest_field(j, "keyId");
  for (const Error* e : {log_root ? nullptr : &log_root.error(), map_root ? nullptr : &map_root.error(),
                         length ? nullptr : &length.error(), time ? nullptr : &time.error(),
                         key_id ? nullptr : &key_id.error()}) {
    if (e) return Unexpected{*e};
  }
  if (!j.contains("signature") || !j["signature"].is_string()) return malformed("missing `signature`");
  out.contents = Checkpoint{*log_root, *length, *map_root, *time};
  out.key_id = *key_id;
  out.signature = j["signature"].get<std::string>();
  return out;
}

}  // namespace plumb::warg
