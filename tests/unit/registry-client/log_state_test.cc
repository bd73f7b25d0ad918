// Each rule of the log state machines, with the reference's message, and a
// failed record leaving the state as it was.
#include <doctest/doctest.h>

#include "plumb/registry-client/log_state.h"

using namespace plumb::warg;

namespace {

struct Log {
  explicit Log(LogKind k) : kind(k), state(k) {}
  LogKind kind;
  LogState state;
  std::optional<Digest> head;
  Timestamp time{1700000000, 0};

  Entry init(const PrivateKey& k) {
    Entry e;
    e.kind = EntryKind::Init;
    e.key = k.public_key();
    return e;
  }
  Envelope envelope(const PrivateKey& k, std::vector<Entry> entries, std::optional<Digest> prev) {
    Record r;
    r.prev = prev;
    r.time = time;
    r.entries = std::move(entries);
    return sign_record(kind, encode_record(kind, r), k);
  }
  // Appends a record chained to the head; the error message, or "" if valid.
  std::string add(const PrivateKey& k, std::vector<Entry> entries) {
    Envelope e = envelope(k, std::move(entries), head);
    Result<Record> r = state.validate(e);
    if (!r) return r.error().message;
    head = record_id(kind, e.contents);
    return "";
  }
};

Entry release(const char* version) {
  Entry e;
  e.kind = EntryKind::Release;
  e.version = *plumb::parse_version(version);
  e.content = Digest::of(version);
  return e;
}

Entry yank(const char* version) {
  Entry e = release(version);
  e.kind = EntryKind::Yank;
  return e;
}

Entry grant(const PrivateKey& k, std::vector<Permission> perms) {
  Entry e;
  e.kind = EntryKind::Grant;
  e.key = k.public_key();
  e.permissions = std::move(perms);
  return e;
}

}  // namespace

TEST_CASE("package log rules") {
  PrivateKey alice = PrivateKey::generate(), bob = PrivateKey::generate();
  Log log{LogKind::Package};
  std::string bob_id = bob.public_key().id().to_string();

  // The signer's permission is checked before the init rule.
  CHECK(log.add(alice, {release("1.0.0")}) ==
        "the key with ID " + alice.public_key().id().to_string() + " did not have required permission release");
  CHECK(log.add(alice, {}) == "the initial record is empty and does not \"init\"");
  CHECK(log.add(alice, {log.init(bob)}) == "the Key ID used to sign this envelope is not known to this package log");
  REQUIRE(log.add(alice, {log.init(alice), release("1.0.0")}) == "");
  CHECK(log.add(alice, {log.init(alice)}) == "a second \"init\" entry was found");
  CHECK(log.add(alice, {release("1.0.0")}) == "an entry attempted to release version 1.0.0 which is already released");
  CHECK(log.add(alice, {yank("2.0.0")}) == "an entry attempted to yank version 2.0.0 which had not yet been released");
  CHECK(log.add(bob, {release("2.0.0")}) ==
        "the key with ID " + bob_id + " did not have required permission release");

  // Bob may release once granted; a failing later entry undoes the grant.
  CHECK(log.add(alice, {grant(bob, {Permission::Release}), yank("9.9.9")}) != "");
  CHECK_FALSE(log.state.has_permission(bob.public_key().id(), Permission::Release));
  CHECK(log.state.key(bob.public_key().id()) == nullptr);
  REQUIRE(log.add(alice, {grant(bob, {Permission::Release})}) == "");
  REQUIRE(log.add(bob, {release("2.0.0")}) == "");
  CHECK(log.add(bob, {yank("2.0.0")}) == "the key with ID " + bob_id + " did not have required permission yank");
  REQUIRE(log.add(alice, {yank("2.0.0")}) == "");
  CHECK(log.add(alice, {yank("2.0.0")}) == "an entry attempted to yank version 2.0.0 which is already yanked");
  CHECK(log.state.latest_release()->version.to_string() == "1.0.0");

  Entry revoke;
  revoke.kind = EntryKind::Revoke;
  revoke.key_id = bob.public_key().id();
  revoke.permissions = {Permission::Yank};
  CHECK(log.add(alice, {revoke}) ==
        "attempted to remove permission yank from key " + bob_id + " which did not have it");
}

TEST_CASE("links, versions, timestamps and signatures") {
  PrivateKey alice = PrivateKey::generate();
  Log log{LogKind::Package};
  Envelope first = log.envelope(alice, {log.init(alice)}, Digest::of("x"));
  CHECK(log.state.validate(first).error().message == "the first record contained a previous hash value");
  REQUIRE(log.add(alice, {log.init(alice)}) == "");

  Envelope unlinked = log.envelope(alice, {release("1.0.0")}, std::nullopt);
  CHECK(log.state.validate(unlinked).error().message == "non-initial record contained no previous hash");
  Envelope forked = log.envelope(alice, {release("1.0.0")}, Digest::of("another head"));
  CHECK(log.state.validate(forked).error().message == "previous record hash does not match");

  log.time.seconds -= 1;
  CHECK(log.add(alice, {release("1.0.0")}) == "record has lower timestamp than previous");
  log.time.seconds += 1;  // equal is allowed

  Envelope forged = log.envelope(alice, {release("1.0.0")}, log.head);
  forged.signature = alice.sign(kPackageRecordSignature, "something else");
  Result<Record> r = log.state.validate(forged);
  CHECK(r.error().kind == ErrorKind::BadSignature);
  CHECK(r.error().message == "unable to verify signature");
  CHECK(log.state.releases().empty());

  Envelope stranger = log.envelope(PrivateKey::generate(), {}, log.head);
  CHECK(log.state.validate(stranger).error().message ==
        "the Key ID used to sign this envelope is not known to this package log");

  Record v1;
  v1.prev = log.head;
  v1.version = 1;
  v1.time = log.time;
  Envelope versioned = sign_record(LogKind::Package, encode_record(LogKind::Package, v1), alice);
  CHECK(log.state.validate(versioned).error().message == "protocol version 1 not allowed");
  CHECK(log.add(alice, {release("1.0.0")}) == "");
}

TEST_CASE("operator log rules") {
  PrivateKey op = PrivateKey::generate();
  Log log{LogKind::Operator};
  Entry define;
  define.kind = EntryKind::DefineNamespace;
  define.ns = "wasi";
  REQUIRE(log.add(op, {log.init(op), define}) == "");
  CHECK(log.add(op, {define}) == "the namespace `wasi` is already defined and cannot be redefined");
  define.ns = "Bad-Name";
  CHECK(log.add(op, {define}) ==
        "the namespace `Bad-Name` is invalid; namespace must be a lowercased kebab case string");
  Entry import;
  import.kind = EntryKind::ImportNamespace;
  import.ns = "other";
  import.registry = "registry.example";
  REQUIRE(log.add(op, {import}) == "");
  CHECK(log.state.namespace_state("other")->imported);
  CHECK_FALSE(log.state.namespace_state("wasi")->imported);
  CHECK(log.state.has_permission(op.public_key().id(), Permission::Commit));
  CHECK(log.state.to_json()["namespaces"].dump() ==
        R"({"wasi":{"state":"defined"},"other":{"state":{"imported":{"registry":"registry.example"}}}})");
}

TEST_CASE("validate_all checks signatures in parallel and stops where validate would") {
  PrivateKey alice = PrivateKey::generate();
  std::vector<Envelope> records;
  std::optional<Digest> prev;
  for (int i = 0; i < 200; ++i) {
    Record r;
    r.prev = prev;
    r.time = Timestamp{1700000000, i};
    if (i == 0) {
      Entry init;
      init.kind = EntryKind::Init;
      init.key = alice.public_key();
      r.entries.push_back(init);
    }
    r.entries.push_back(release(("1.0." + std::to_string(i)).c_str()));
    records.push_back(sign_record(LogKind::Package, encode_record(LogKind::Package, r), alice));
    prev = record_id(LogKind::Package, records.back().contents);
  }
  size_t failed = 0;
  LogState all(LogKind::Package);
  REQUIRE(all.validate_all(records, failed));
  CHECK(all.releases().size() == 200);
  CHECK(all.head()->digest == *prev);

  std::vector<Envelope> forged = records;
  forged[150].signature = alice.sign(kPackageRecordSignature, "not this record");
  LogState some(LogKind::Package);
  Result<std::monostate> r = some.validate_all(forged, failed);
  REQUIRE_FALSE(r);
  CHECK(failed == 150);
  CHECK(r.error().message == "unable to verify signature");
  CHECK(some.releases().size() == 150);
  CHECK(some.head()->digest == record_id(LogKind::Package, records[149].contents));

  // A rule broken before a bad signature: the rule's error, at its place.
  std::vector<Envelope> both = forged;
  both[100] = both[99];
  LogState first(LogKind::Package);
  r = first.validate_all(both, failed);
  CHECK(failed == 100);
  CHECK(r.error().message == "previous record hash does not match");
  CHECK(first.releases().size() == 100);
}

TEST_CASE("replay_verified applies the rules of a saved log but not its signatures") {
  PrivateKey alice = PrivateKey::generate();
  Log log(LogKind::Package);
  std::vector<Envelope> records;
  for (int i = 0; i < 3; ++i) {
    std::vector<Entry> entries;
    if (i == 0) entries.push_back(log.init(alice));
    entries.push_back(release(("1.0." + std::to_string(i)).c_str()));
    records.push_back(log.envelope(alice, std::move(entries), log.head));
    log.head = record_id(LogKind::Package, records.back().contents);
  }
  // A signature is what the client checked when it fetched the record.
  records[1].signature = alice.sign(kPackageRecordSignature, "not this record");
  LogState replayed(LogKind::Package);
  REQUIRE(replayed.replay_verified(records));
  CHECK(replayed.releases().size() == 3);
  CHECK(replayed.head()->digest == *log.head);

  // A broken chain is refused, and the error names the rule.
  std::vector<Envelope> broken = records;
  broken[2] = broken[1];
  LogState refused(LogKind::Package);
  Result<std::monostate> r = refused.replay_verified(broken);
  REQUIRE_FALSE(r);
  CHECK(r.error().message == "previous record hash does not match");
}
