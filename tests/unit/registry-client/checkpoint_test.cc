// Checkpoints: the signed payload's layout, signatures, and the JSON form.
#include <doctest/doctest.h>

#include "plumb/registry-client/checkpoint.h"

using namespace plumb::warg;

TEST_CASE("a checkpoint's payload, signature and JSON") {
  Checkpoint c{Digest::of("log"), 300, Digest::of("map"), 1700000000};
  std::string payload = c.signature_payload();
  std::string expected = "WARG-TIMESTAMPED-CHECKPOINT-V0";
  expected += "\xac\x02";  // LEB128(300)
  expected += '\x47' + c.log_root.to_string() + '\x47' + c.map_root.to_string();
  expected += "\x80\xe2\xcf\xaa\x06";  // LEB128(1700000000)
  CHECK(payload == expected);

  PrivateKey op = PrivateKey::generate();
  SignedCheckpoint s = SignedCheckpoint::sign(c, op);
  CHECK(s.verify(op.public_key()));
  Result<SignedCheckpoint> back = SignedCheckpoint::from_json(nlohmann::json::parse(s.to_json().dump()));
  REQUIRE(back);
  CHECK(back->verify(op.public_key()));
  CHECK(back->contents.same_roots(c));

  SignedCheckpoint later = s;
  later.contents.timestamp += 1;  // the signature covers the time too
  CHECK(later.verify(op.public_key()).error().kind == ErrorKind::BadSignature);
  CHECK_FALSE(s.verify(PrivateKey::generate().public_key()));

  nlohmann::json bad = s.to_json();
  bad["contents"]["logLength"] = -1;
  CHECK(SignedCheckpoint::from_json(bad).error().message == "invalid checkpoint: `logLength` is not an unsigned number");
  bad = s.to_json();
  bad["contents"]["mapRoot"] = "sha256:00";
  CHECK(SignedCheckpoint::from_json(bad).error().message == "invalid checkpoint: `mapRoot` is not a sha256 digest");
}
