// The registry server on loopback (an ephemeral port, stopped by the test):
// publishing a package (init and release, content uploaded), fetching and
// validating its logs, verifying the checkpoint and the proofs a client
// checks, the reference's errors, and a restart that loses nothing.
#include <doctest/doctest.h>
#include <httplib.h>
#include <zstd.h>

#include <filesystem>
#include <thread>

#include "plumb/registry-client/checkpoint.h"
#include "plumb/registry-client/log_state.h"
#include "plumb/registry-client/merkle_log.h"
#include "plumb/registry-client/sparse_map.h"
#include "plumb/registry-server/server.h"

using namespace plumb;
using namespace plumb::warg;
using json = nlohmann::json;

namespace {

// A server on 127.0.0.1, serving from a thread until destroyed.
struct Running {
  std::unique_ptr<registry::Server> server;
  std::thread thread;
  explicit Running(const std::string& dir) {
    auto s = registry::Server::open({dir, "127.0.0.1", 0, {"test"}});
    REQUIRE_MESSAGE(s, s.error().message);
    server = std::move(s).value();
    thread = std::thread([this] { server->run(); });
  }
  ~Running() {
    server->stop();
    thread.join();
  }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", server->port());
    c.set_read_timeout(10, 0);
    return c;
  }
};

json post(httplib::Client& c, const std::string& path, const json& body, int expected) {
  auto res = c.Post(path.c_str(), body.dump(), "application/json");
  REQUIRE(res);
  CHECK_MESSAGE(res->status == expected, res->body);
  CHECK(res->get_header_value("Content-Type") == "application/json");
  return res->body.empty() ? json() : json::parse(res->body);
}

std::string str(const json& j) { return j.get<std::string>(); }
std::string b64(const json& j) { return *base64_decode(j.get<std::string>()); }

json get(httplib::Client& c, const std::string& path, int expected = 200) {
  auto res = c.Get(path.c_str());
  REQUIRE(res);
  CHECK_MESSAGE(res->status == expected, res->body);
  return json::parse(res->body);
}

json publish_body(const std::string& name, const Envelope& e) {
  return {{"packageName", name},
          {"record", {{"contentBytes", base64_encode(e.contents)}, {"keyId", e.key_id.to_string()}, {"signature", e.signature}}}};
}

Envelope release_record(const PrivateKey& key, std::optional<Digest> prev, const std::string& content, bool init) {
  Record r;
  r.prev = prev;
  r.time = Timestamp::now();
  if (init) {
    Entry e;
    e.kind = EntryKind::Init;
    e.key = key.public_key();
    r.entries.push_back(e);
  }
  Entry rel;
  rel.kind = EntryKind::Release;
  rel.version = *parse_version(prev ? "1.1.0" : "1.0.0");
  rel.content = Digest::of(content);
  r.entries.push_back(rel);
  return sign_record(LogKind::Package, encode_record(LogKind::Package, r), key);
}

std::string temp_dir() {
  std::string dir = (std::filesystem::temp_directory_path() / ("plumb-server-test-" + std::to_string(::getpid()))).string();
  std::filesystem::remove_all(dir);
  return dir;
}

}  // namespace

TEST_CASE("publish, fetch, verify and restart") {
  std::string dir = temp_dir();
  PrivateKey alice = PrivateKey::generate();
  const std::string name = "test:pkg", content = std::string("\0asm\x0d\0\x01\0", 8) + "snapshot";
  Digest log_id = package_log_id(name);
  std::string log_path = "/v1/package/" + log_id.to_string();
  json first_checkpoint;
  Digest record;
  {
    Running r(dir);
    httplib::Client c = r.client();
    first_checkpoint = get(c, "/v1/fetch/checkpoint");
    CHECK(first_checkpoint["contents"]["logLength"] == 1);

    Envelope e = release_record(alice, std::nullopt, content, true);
    record = record_id(LogKind::Package, e.contents);
    json p = post(c, log_path + "/record", publish_body(name, e), 202);
    CHECK(p["state"] == "sourcing");
    std::string upload = p["missingContent"][Digest::of(content).to_string()]["upload"][0]["url"];
    auto wrong = c.Post(("/" + upload).c_str(), content + "x", "application/octet-stream");
    CHECK(wrong->status == 400);
    auto up = c.Post(("/" + upload).c_str(), content, "application/octet-stream");
    CHECK(up->status == 201);
    json state = get(c, log_path + "/record/" + record.to_string());
    CHECK(state["state"] == "published");
    CHECK(state["registryIndex"] == 1);

    // The logs validate, and the checkpoint and proofs hold.
    json cp = get(c, "/v1/fetch/checkpoint");
    SignedCheckpoint checkpoint = *SignedCheckpoint::from_json(cp);
    CHECK(checkpoint.contents.log_length == 2);
    json logs = post(c, "/v1/fetch/logs", {{"logLength", 2}, {"packages", {{log_id.to_string(), nullptr}}}}, 200);
    LogState op(LogKind::Operator), pkg(LogKind::Package);
    for (const json& rec : logs["operator"]) {
      REQUIRE(op.validate(Envelope{b64(rec["contentBytes"]), *Digest::parse(str(rec["keyId"])), str(rec["signature"])}));
    }
    const json& pkg_records = logs["packages"][log_id.to_string()];
    REQUIRE(pkg_records.size() == 1);
    REQUIRE(pkg.validate(Envelope{b64(pkg_records[0]["contentBytes"]), alice.public_key().id(), str(pkg_records[0]["signature"])}));
    CHECK(pkg.releases().find("1.0.0")->content == Digest::of(content));
    REQUIRE(op.key(checkpoint.key_id));
    CHECK(checkpoint.verify(*op.key(checkpoint.key_id)));

    json proof = post(c, "/v1/proof/inclusion", {{"logLength", 2}, {"leafs", {0, 1}}}, 200);
    LogProofBundle log_bundle = *LogProofBundle::decode(b64(proof["log"]));
    MapProofBundle map_bundle = *MapProofBundle::decode(b64(proof["map"]));
    Digest op_head = op.head()->digest;
    CHECK(verify_inclusion(log_bundle, 0, {operator_log_id(), op_head}, checkpoint.contents.log_root));
    CHECK(verify_inclusion(log_bundle, 1, {log_id, record}, checkpoint.contents.log_root));
    CHECK(verify_map_inclusion(map_bundle.proofs[0], operator_log_id(), op_head, checkpoint.contents.map_root));
    CHECK(verify_map_inclusion(map_bundle.proofs[1], log_id, record, checkpoint.contents.map_root));
    json consistency = post(c, "/v1/proof/consistency", {{"from", 1}, {"to", 2}}, 200);
    Digest old_root = *Digest::parse(first_checkpoint["contents"]["logRoot"].get<std::string>());
    CHECK(verify_consistency(*LogProofBundle::decode(b64(consistency["proof"])), 1, old_root,
                             checkpoint.contents.log_root));

    // Content: compressed for a client that takes zstd, plain otherwise.
    json sources = get(c, "/v1/content/" + Digest::of(content).to_string());
    std::string url = sources["contentSources"][Digest::of(content).to_string()][0]["url"];
    std::string path = url.substr(url.find("/content/"));
    auto plain = c.Get(path.c_str());
    CHECK(plain->body == content);
    auto zstd = c.Get(path.c_str(), {{"Accept-Encoding", "zstd"}});
    CHECK(zstd->get_header_value("Content-Encoding") == "zstd");
    std::string out(content.size(), '\0');
    CHECK(ZSTD_decompress(out.data(), out.size(), zstd->body.data(), zstd->body.size()) == content.size());
    CHECK(out == content);
  }
  {
    // A restart: the same log, the same checkpoint length, more appends on top.
    Running r(dir);
    httplib::Client c = r.client();
    json cp = get(c, "/v1/fetch/checkpoint");
    CHECK(cp["contents"]["logLength"] == 2);
    CHECK(get(c, log_path + "/record/" + record.to_string())["state"] == "published");
    Envelope next = release_record(alice, record, "second", false);
    post(c, log_path + "/record", publish_body(name, next), 202);
    CHECK(get(c, "/v1/fetch/checkpoint")["contents"]["logLength"] == 2);  // still waiting for its content
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("the reference's errors") {
  std::string dir = temp_dir();
  Running r(dir);
  httplib::Client c = r.client();
  PrivateKey alice = PrivateKey::generate();
  Envelope e = release_record(alice, std::nullopt, "x", true);
  json other = post(c, "/v1/package/" + package_log_id("other:pkg").to_string() + "/record", publish_body("other:pkg", e), 404);
  CHECK(other == json{{"status", 404}, {"type", "namespace"}, {"id", "other"}});
  std::string path = "/v1/package/" + package_log_id("test:pkg").to_string() + "/record";
  CHECK(post(c, path, publish_body("test:other", e), 400)["message"].get<std::string>().find("is not that of log") !=
        std::string::npos);
  Envelope forged = e;
  forged.signature = alice.sign(kPackageRecordSignature, "else");
  CHECK(post(c, path, publish_body("test:pkg", forged), 401)["message"].get<std::string>().find("verification failed") !=
        std::string::npos);
  Envelope stranger = e;
  stranger.key_id = PrivateKey::generate().public_key().id();
  CHECK(post(c, path, publish_body("test:pkg", stranger), 401)["message"].get<std::string>().find("unknown key id") == 0);
  CHECK(post(c, "/v1/fetch/logs", {{"logLength", 7}}, 404) == json{{"status", 404}, {"type", "logLength"}, {"id", 7}});
  CHECK(post(c, "/v1/fetch/logs", {{"logLength", 1}, {"extra", 1}}, 422)["status"] == 422);
  auto wrong_type = c.Post("/v1/fetch/logs", "{}", "text/plain");
  CHECK(wrong_type->status == 415);
  CHECK(get(c, "/v1/nothing/here", 404) == json{{"status", 404}, {"message", "the requested resource was not found"}});
  std::filesystem::remove_all(dir);
}
