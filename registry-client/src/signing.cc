// ECDSA P-256 with OpenSSL 3's EVP interface. Keys are built from their raw
// parts (SEC1 point, scalar) with OSSL_PARAM, so no PEM or DER key files are
// involved; signatures are checked to be strict DER by re-encoding them.
#include "plumb/registry-client/signing.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/rand.h>

#include <cstring>
#include <stdexcept>
#include <vector>

namespace plumb::warg {

namespace {

constexpr std::string_view kAlgorithm = "ecdsa-p256:";

template <class T, void (*F)(T*)>
struct Deleter {
  void operator()(T* p) const { F(p); }
};
using Group = std::unique_ptr<EC_GROUP, Deleter<EC_GROUP, EC_GROUP_free>>;
using Point = std::unique_ptr<EC_POINT, Deleter<EC_POINT, EC_POINT_free>>;
using Bignum = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_clear_free>>;
using ParamBuild = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using Params = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM, OSSL_PARAM_free>>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using Sig = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG, ECDSA_SIG_free>>;

const EC_GROUP* p256() {
  static const Group group(EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1));
  return group.get();
}

std::string point_bytes(const EC_POINT* point, point_conversion_form_t form) {
  std::string out(form == POINT_CONVERSION_COMPRESSED ? 33 : 65, '\0');
  size_t n = EC_POINT_point2oct(p256(), point, form, reinterpret_cast<unsigned char*>(out.data()), out.size(), nullptr);
  out.resize(n);
  return out;
}

// An EVP_PKEY of the public point `sec1` (and the scalar, if any).
std::shared_ptr<evp_pkey_st> make_pkey(const std::string& sec1, const BIGNUM* scalar) {
  ParamBuild bld(OSSL_PARAM_BLD_new());
  OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0);
  OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, sec1.data(), sec1.size());
  if (scalar) OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, scalar);
  Params params(OSSL_PARAM_BLD_to_param(bld.get()));
  PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  EVP_PKEY* key = nullptr;
  if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &key, scalar ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    return nullptr;
  }
  return std::shared_ptr<evp_pkey_st>(key, EVP_PKEY_free);
}

std::string signed_message(std::string_view prefix, std::string_view payload) {
  std::string message;
  message.reserve(prefix.size() + 1 + payload.size());
  message += prefix;
  message += ':';
  message += payload;
  return message;
}

// The DER bytes of a signature's text, if they are strict DER of two
// integers (re-encoding them gives the same bytes).
std::optional<std::string> strict_der(std::string_view text) {
  if (!text.starts_with(kAlgorithm)) return std::nullopt;
  std::optional<std::string> der = base64_decode(text.substr(kAlgorithm.size()));
  if (!der) return std::nullopt;
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der->data());
  Sig sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der->size())));
  if (!sig || p != reinterpret_cast<const unsigned char*>(der->data()) + der->size()) return std::nullopt;
  unsigned char* again = nullptr;
  int n = i2d_ECDSA_SIG(sig.get(), &again);
  bool same = n == static_cast<int>(der->size()) && std::memcmp(der->data(), again, der->size()) == 0;
  OPENSSL_free(again);
  if (!same) return std::nullopt;
  return der;
}

}  // namespace

Result<PublicKey> PublicKey::parse(std::string_view text) {
  auto bad = [&](std::string why) {
    return fail(ErrorKind::Malformed, "invalid public key `" + std::string(text) + "`: " + why);
  };
  if (!text.starts_with(kAlgorithm)) return bad("expected the algorithm `ecdsa-p256:`");
  std::optional<std::string> sec1 = base64_decode(text.substr(kAlgorithm.size()));
  if (!sec1) return bad("not valid base64");
  Point point(EC_POINT_new(p256()));
  if (EC_POINT_oct2point(p256(), point.get(), reinterpret_cast<const unsigned char*>(sec1->data()), sec1->size(),
                         nullptr) != 1 ||
      EC_POINT_is_at_infinity(p256(), point.get())) {
    return bad("not a point of the P-256 curve");
  }
  PublicKey key;
  std::string compressed = point_bytes(point.get(), POINT_CONVERSION_COMPRESSED);
  key.key_ = make_pkey(compressed, nullptr);
  if (!key.key_) return bad("not a usable P-256 key");
  key.text_ = std::string(kAlgorithm) + base64_encode(compressed);
  key.id_ = Digest::of(key.text_);
  return key;
}

Result<bool> PublicKey::verify(std::string_view prefix, std::string_view payload, std::string_view signature) const {
  std::optional<std::string> der = strict_der(signature);
  if (!der) return fail(ErrorKind::Malformed, "invalid signature `" + std::string(signature) + "`");
  std::string message = signed_message(prefix, payload);
  MdCtx ctx(EVP_MD_CTX_new());
  if (EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_.get()) != 1) return false;
  int ok = EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(der->data()), der->size(),
                            reinterpret_cast<const unsigned char*>(message.data()), message.size());
  return ok == 1;
}

PrivateKey PrivateKey::generate() {
  // A scalar in [1, n-1], drawn by OpenSSL's generator.
  EVP_PKEY* raw = EVP_EC_gen("P-256");
  if (!raw) throw std::runtime_error("cannot generate a P-256 key");
  std::shared_ptr<evp_pkey_st> generated(raw, EVP_PKEY_free);
  BIGNUM* d = nullptr;
  EVP_PKEY_get_bn_param(raw, OSSL_PKEY_PARAM_PRIV_KEY, &d);
  Bignum scalar(d);
  std::string bytes(32, '\0');
  BN_bn2binpad(scalar.get(), reinterpret_cast<unsigned char*>(bytes.data()), 32);
  Result<PrivateKey> key = parse(std::string(kAlgorithm) + base64_encode(bytes));
  if (!key) throw std::runtime_error(key.error().message);
  return std::move(key).value();
}

Result<PrivateKey> PrivateKey::parse(std::string_view text) {
  auto bad = [](std::string why) { return fail(ErrorKind::Malformed, "invalid private key: " + why); };
  if (!text.starts_with(kAlgorithm)) return bad("expected the algorithm `ecdsa-p256:`");
  std::optional<std::string> bytes = base64_decode(text.substr(kAlgorithm.size()));
  if (!bytes || bytes->size() != 32) return bad("expected the base64 of a 32-byte scalar");
  Bignum scalar(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes->data()), 32, nullptr));
  const BIGNUM* order = EC_GROUP_get0_order(p256());
  if (BN_is_zero(scalar.get()) || BN_cmp(scalar.get(), order) >= 0) return bad("the scalar is out of range");
  Point point(EC_POINT_new(p256()));
  EC_POINT_mul(p256(), point.get(), scalar.get(), nullptr, nullptr, nullptr);
  std::string uncompressed = point_bytes(point.get(), POINT_CONVERSION_UNCOMPRESSED);
  PrivateKey key;
  key.key_ = make_pkey(uncompressed, scalar.get());
  if (!key.key_) return bad("not a usable P-256 key");
  Result<PublicKey> pub = PublicKey::parse(std::string(kAlgorithm) + base64_encode(uncompressed));
  if (!pub) return bad(pub.error().message);
  key.public_ = std::move(pub).value();
  key.scalar_ = std::move(*bytes);
  return key;
}

std::string PrivateKey::text() const { return std::string(kAlgorithm) + base64_encode(scalar_); }

std::string PrivateKey::sign(std::string_view prefix, std::string_view payload) const {
  std::string message = signed_message(prefix, payload);
  MdCtx ctx(EVP_MD_CTX_new());
  size_t size = 0;
  if (EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &size, reinterpret_cast<const unsigned char*>(message.data()),
                     message.size()) != 1) {
    throw std::runtime_error("cannot sign with a P-256 key");
  }
  std::string der(size, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(der.data()), &size,
                     reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1) {
    throw std::runtime_error("cannot sign with a P-256 key");
  }
  der.resize(size);
  return std::string(kAlgorithm) + base64_encode(der);
}

}  // namespace plumb::warg
