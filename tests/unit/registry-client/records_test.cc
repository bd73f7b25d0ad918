// Ids, encodings and keys against the worked values of the protocol notes
// (../shared/docs/warg-protocol.md §2), which were checked against the
// reference's fixtures.
#include <doctest/doctest.h>

#include "plumb/registry-client/records.h"

using namespace plumb::warg;

namespace {

constexpr std::string_view kAlicePublic = "ecdsa-p256:A1OfZz5Y9Ny7VKPVwroCTQPAr9tmlI4U/UTYHZHA87AF";
constexpr std::string_view kAlicePrivate = "ecdsa-p256:I+UlDo0HxyBBFeelhPPWmD+LnklOpqZDkrFP5VduASk=";

std::string hex(std::string_view bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

PublicKey key(std::string_view text) {
  Result<PublicKey> k = PublicKey::parse(text);
  REQUIRE_MESSAGE(k, k.error().message);
  return *k;
}

}  // namespace

TEST_CASE("log ids, key ids and digests are the reference's") {
  CHECK(operator_log_id().to_string() == "sha256:0db9178aabc877b42f03a038bf453ee53f08e3c8c55fab916043428078596bfb");
  CHECK(package_log_id("example:foo").to_string() ==
        "sha256:7924b89167642b30597645d403d6b79edefdfaf32e9e22ef70704b732fae66fc");
  CHECK(package_log_id("test:meet").to_string() ==
        "sha256:2c1284109f544278e29c7a06e89bb5d665e24c30df0c57e1fc1c639fc5224a6c");
  CHECK(key(kAlicePublic).id().to_string() ==
        "sha256:d6d9b4cd077a829c0275233bf3843c8294e250dfcc82b8ea15745e92982a820d");
  Result<PrivateKey> alice = PrivateKey::parse(kAlicePrivate);
  REQUIRE(alice);
  CHECK(alice->public_key().text() == kAlicePublic);
  CHECK(alice->text() == kAlicePrivate);
  CHECK(Digest::of("The quick brown fox jumped over the lazy dog").to_string() ==
        "sha256:7d38b5cd25a2baf85ad3bb5b9311383e671a8a142eb302b324d4a5fba8748c69");
}

TEST_CASE("digests parse only as written") {
  std::string text = "sha256:7d38b5cd25a2baf85ad3bb5b9311383e671a8a142eb302b324d4a5fba8748c69";
  REQUIRE(Digest::parse(text));
  CHECK(Digest::parse(text)->to_string() == text);
  std::string upper = text;
  upper[7] = 'D';
  CHECK_FALSE(Digest::parse(upper));
  CHECK_FALSE(Digest::parse(text.substr(0, 70)));
  CHECK_FALSE(Digest::parse("sha512:" + text.substr(7)));
}

TEST_CASE("base64 decodes only canonical text") {
  CHECK(base64_encode("ab") == "YWI=");
  CHECK(base64_decode("YWI=") == std::optional<std::string>("ab"));
  CHECK(base64_decode("YWJj") == std::optional<std::string>("abc"));
  CHECK_FALSE(base64_decode("YWJ="));   // stray bits under the padding
  CHECK_FALSE(base64_decode("YWI"));    // missing padding
  CHECK_FALSE(base64_decode("YW I="));  // whitespace
  CHECK_FALSE(base64_decode("Y=I="));   // padding inside
}

TEST_CASE("a record encodes to the reference's bytes and id") {
  Record r;
  r.time = Timestamp{1671221120, 153436500};
  Entry init;
  init.kind = EntryKind::Init;
  init.key = key(kAlicePublic);
  Entry grant;
  grant.kind = EntryKind::Grant;
  grant.key = key("ecdsa-p256:A4yBQt9Im8xnO9Sr9PT7OrOUQP8Olijcq1dPwtdTpigm");
  grant.permissions = {Permission::Release};
  r.entries = {init, grant};
  std::string bytes = encode_record(LogKind::Package, r);
  CHECK(hex(bytes) ==
        "1a0b08809ff39c0610d482954922430a410a3765636473612d703235363a41314f665a7a3559394e7937564b505677726f43545150"
        "417239746d6c4934552f555459485a4841383741461206736861323536223e123c0a3765636473612d703235363a41347942517439"
        "496d38786e4f395372395054374f724f555150384f6c696a6371316450777464547069676d120101");
  CHECK(record_id(LogKind::Package, bytes).to_string() ==
        "sha256:c5c223c636afbdd1c346ebd47ac80d4b8ca4a29bc3bed8960d77858af02ea5fb");

  Result<Record> back = decode_record(LogKind::Package, bytes);
  REQUIRE(back);
  CHECK(encode_record(LogKind::Package, *back) == bytes);

  // The operator's init writes the algorithm first.
  r.entries[1].permissions = {Permission::Commit};
  std::string op = encode_record(LogKind::Operator, r);
  CHECK(hex(op).find("0a410a06736861323536123765") != std::string::npos);
  CHECK(record_id(LogKind::Operator, op).to_string() ==
        "sha256:16ecafc12f77da3654f683244d82877a15963a67472583eef7b4e1bdacd8f0e8");
}

TEST_CASE("records that do not decode say why") {
  CHECK(decode_record(LogKind::Package, "\xff").error().message == "the record is not a valid protobuf message");
  Record r;  // no time is written only when it is the default...
  std::string bytes = encode_record(LogKind::Package, r);
  CHECK(decode_record(LogKind::Package, bytes));  // ...and an epoch time is still present
  CHECK(decode_record(LogKind::Package, "").error().message == "empty or invalid timestamp in record");
  Result<std::string> json = record_bytes_from_json(
      LogKind::Package, R"({"time":"2022-12-16T20:05:20Z","entries":[{"grantFlat":{"key":"ecdsa-p256:AAAA"}}]})");
  REQUIRE_FALSE(json);
  CHECK(json.error().message.find("invalid public key `ecdsa-p256:AAAA`") == 0);
  json = record_bytes_from_json(LogKind::Package, R"({"time":"2022-12-16T20:05:20Z","entries":[{}]})");
  CHECK(json.error().message == "no content in entry");
}

TEST_CASE("signatures verify, and only for what was signed") {
  PrivateKey k = PrivateKey::generate();
  std::string sig = k.sign(kPackageRecordSignature, "payload");
  CHECK(k.public_key().verify(kPackageRecordSignature, "payload", sig).value());
  CHECK_FALSE(k.public_key().verify(kPackageRecordSignature, "payloaD", sig).value());
  CHECK_FALSE(k.public_key().verify(kOperatorRecordSignature, "payload", sig).value());
  CHECK_FALSE(PrivateKey::generate().public_key().verify(kPackageRecordSignature, "payload", sig).value());
  CHECK_FALSE(k.public_key().verify(kPackageRecordSignature, "payload", sig + "AA"));  // not strict DER
  CHECK(PrivateKey::parse(k.text())->public_key().text() == k.public_key().text());
  CHECK_FALSE(PrivateKey::parse("ecdsa-p256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));  // zero scalar
}
