// SHA-256 digests as Warg writes them (`sha256:<64 lowercase hex>`), the
// prefix encoding its hashes and signatures cover, and strict base64.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX

namespace plumb::warg {

struct Digest {
  std::array<uint8_t, 32> bytes{};

  static Digest of(std::string_view data);
  // `sha256:` and exactly 64 lowercase hex digits (the reference rejects
  // uppercase; it does not check the length, plumb does).
  static std::optional<Digest> parse(std::string_view text);
  std::string to_string() const;  // sha256:<hex>
  std::string hex() const;
  std::string_view raw() const { return {reinterpret_cast<const char*>(bytes.data()), bytes.size()}; }

  friend auto operator<=>(const Digest&, const Digest&) = default;
};

struct DigestHash {
  size_t operator()(const Digest& d) const {
    size_t h;
    static_assert(sizeof h <= 32);
    __builtin_memcpy(&h, d.bytes.data(), sizeof h);
    return h;
  }
};

// An inner node of the registry's trees: H(0x01 ‖ left ‖ right).
Digest branch_hash(const Digest& left, const Digest& right);

// A running SHA-256, for content too large to hold (downloads, uploads).
class Hasher {
 public:
  Hasher();
  void update(std::string_view data);
  Digest finish();

 private:
  struct Free {
    void operator()(evp_md_ctx_st* ctx) const;
  };
  std::unique_ptr<evp_md_ctx_st, Free> ctx_;
};

// The prefix encoding: unsigned LEB128, and strings as LEB128(length) then
// their bytes.
void append_leb128(std::string& out, uint64_t value);
void append_prefixed(std::string& out, std::string_view text);

// Standard base64 with `=` padding. Decoding accepts only what encoding
// writes (no whitespace, no missing or extra padding, no stray bits).
std::string base64_encode(std::string_view bytes);
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace plumb::warg
