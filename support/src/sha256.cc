// The low-level SHA-256 of libcrypto, not the EVP interface: EVP fetches
// the digest from a provider, and setting up providers costs a short-lived
// process (`plumb build` of a small package) a tenth of its time. The
// low-level functions are deprecated in OpenSSL 3 but kept, and compute
// the same digest with the same CPU-specific code.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "plumb/support/sha256.h"

#include <openssl/sha.h>

namespace plumb {

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256_CTX ctx;
  SHA256_Init(&ctx);
  SHA256_Update(&ctx, bytes.data(), bytes.size());
  SHA256_Final(digest, &ctx);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * SHA256_DIGEST_LENGTH);
  for (unsigned char b : digest) {
    out += kHex[b >> 4];
    out += kHex[b & 0xF];
  }
  return out;
}

}  // namespace plumb
