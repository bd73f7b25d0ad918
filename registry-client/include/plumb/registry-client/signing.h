// ECDSA P-256 keys and signatures (OpenSSL), in Warg's text forms:
//   public key   ecdsa-p256:<base64 of the 33-byte compressed SEC1 point>
//   private key  ecdsa-p256:<base64 of the 32-byte big-endian scalar>
//   signature    ecdsa-p256:<base64 of the strict DER SEQUENCE{r, s}>
//   key id       sha256:<hex of SHA-256 of the public key's text>
// A message is signed as `<PREFIX>:<payload>` with SHA-256.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "plumb/registry-client/error.h"
#include "plumb/registry-client/hash.h"

struct evp_pkey_st;  // OpenSSL's EVP_PKEY

namespace plumb::warg {

using KeyId = Digest;

// The domain-separation prefixes of what is signed.
inline constexpr std::string_view kPackageRecordSignature = "WARG-PACKAGE-RECORD-SIGNATURE-V0";
inline constexpr std::string_view kOperatorRecordSignature = "WARG-OPERATOR-RECORD-SIGNATURE-V0";
inline constexpr std::string_view kCheckpointSignature = "WARG-CHECKPOINT-SIGNATURE-V0";

class PublicKey {
 public:
  // Accepts the compressed or the uncompressed point (the text and the id
  // are always of the compressed one).
  static Result<PublicKey> parse(std::string_view text);
  const std::string& text() const { return text_; }
  const KeyId& id() const { return id_; }
  // Whether `signature` (its text form) signs `prefix:payload`.
  Result<bool> verify(std::string_view prefix, std::string_view payload, std::string_view signature) const;

 private:
  std::shared_ptr<evp_pkey_st> key_;
  std::string text_;
  KeyId id_;
  friend class PrivateKey;
};

class PrivateKey {
 public:
  static PrivateKey generate();
  static Result<PrivateKey> parse(std::string_view text);
  std::string text() const;
  const PublicKey& public_key() const { return public_; }
  // The text of a signature of `prefix:payload` (random nonces: a new
  // signature each time, each verifying).
  std::string sign(std::string_view prefix, std::string_view payload) const;

 private:
  std::shared_ptr<evp_pkey_st> key_;
  std::string scalar_;  // 32 bytes, big-endian
  PublicKey public_;
};

}  // namespace plumb::warg
