#include "plumb/registry-client/hash.h"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <algorithm>
#include <stdexcept>

namespace plumb::warg {

namespace {

constexpr char kHexDigits[] = "0123456789abcdef";
constexpr std::string_view kSha256Prefix = "sha256:";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

}  // namespace

Digest Digest::of(std::string_view data) {
  Digest d;
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), d.bytes.data());
  return d;
}

Digest branch_hash(const Digest& left, const Digest& right) {
  unsigned char data[65];
  data[0] = 1;
  std::copy(left.bytes.begin(), left.bytes.end(), data + 1);
  std::copy(right.bytes.begin(), right.bytes.end(), data + 33);
  Digest d;
  SHA256(data, sizeof data, d.bytes.data());
  return d;
}

std::optional<Digest> Digest::parse(std::string_view text) {
  if (!text.starts_with(kSha256Prefix)) return std::nullopt;
  text.remove_prefix(kSha256Prefix.size());
  if (text.size() != 64) return std::nullopt;
  Digest d;
  for (size_t i = 0; i < 32; ++i) {
    int hi = hex_value(text[2 * i]);
    int lo = hex_value(text[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    d.bytes[i] = static_cast<uint8_t>(hi * 16 + lo);
  }
  return d;
}

std::string Digest::hex() const {
  std::string out(64, '0');
  for (size_t i = 0; i < 32; ++i) {
    out[2 * i] = kHexDigits[bytes[i] >> 4];
    out[2 * i + 1] = kHexDigits[bytes[i] & 15];
  }
  return out;
}

std::string Digest::to_string() const { return std::string(kSha256Prefix) + hex(); }

void Hasher::Free::operator()(evp_md_ctx_st* ctx) const { EVP_MD_CTX_free(ctx); }

Hasher::Hasher() : ctx_(EVP_MD_CTX_new()) {
  if (!ctx_ || EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr) != 1) throw std::bad_alloc();
}

void Hasher::update(std::string_view data) { EVP_DigestUpdate(ctx_.get(), data.data(), data.size()); }

Digest Hasher::finish() {
  Digest d;
  unsigned int size = 0;
  EVP_DigestFinal_ex(ctx_.get(), d.bytes.data(), &size);
  EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr);
  return d;
}

void append_leb128(std::string& out, uint64_t value) {
  do {
    uint8_t byte = value & 0x7f;
    value >>= 7;
    if (value != 0) byte |= 0x80;
    out.push_back(static_cast<char>(byte));
  } while (value != 0);
}

void append_prefixed(std::string& out, std::string_view text) {
  append_leb128(out, text.size());
  out += text;
}

std::string base64_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t v = uint32_t(uint8_t(bytes[i])) << 16 | uint32_t(uint8_t(bytes[i + 1])) << 8 | uint8_t(bytes[i + 2]);
    for (int shift = 18; shift >= 0; shift -= 6) out.push_back(kBase64[(v >> shift) & 63]);
  }
  size_t rest = bytes.size() - i;
  if (rest > 0) {
    uint32_t v = uint32_t(uint8_t(bytes[i])) << 16;
    if (rest == 2) v |= uint32_t(uint8_t(bytes[i + 1])) << 8;
    out.push_back(kBase64[(v >> 18) & 63]);
    out.push_back(kBase64[(v >> 12) & 63]);
    out.push_back(rest == 2 ? kBase64[(v >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  size_t padding = 0;
  if (!text.empty() && text.back() == '=') padding = text.size() >= 2 && text[text.size() - 2] == '=' ? 2 : 1;
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (size_t i = 0; i < text.size(); i += 4) {
    bool last = i + 4 == text.size();
    uint32_t v = 0;
    for (size_t j = 0; j < 4; ++j) {
      char c = text[i + j];
      int d = 0;
      if (c == '=' && last && j >= 4 - padding) {
        d = 0;
      } else if ((d = base64_value(c)) < 0) {
        return std::nullopt;
      }
      v = v << 6 | uint32_t(d);
    }
    out.push_back(static_cast<char>(v >> 16));
    if (!last || padding < 2) out.push_back(static_cast<char>(v >> 8 & 0xff));
    if (!last || padding < 1) out.push_back(static_cast<char>(v & 0xff));
    // Bits the padding hides must be zero: only one text per byte string.
    if (last && padding == 1 && (v & 0xff) != 0) return std::nullopt;
    if (last && padding == 2 && (v & 0xffff) != 0) return std::nullopt;
  }
  return out;
}

}  // namespace plumb::warg
