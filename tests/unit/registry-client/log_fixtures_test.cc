// The reference's log fixtures (../shared/spec/warg/fixtures): each input is a
// list of records in protobuf JSON with the private key that signs it; the
// records are chained (each `prev` is the id of the one before), signed,
// validated in order, and the final state (or the first error) must equal
// the expected output, key order included.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "plumb/registry-client/log_state.h"
#include "shared_dir.h"

using namespace plumb::warg;
using json = nlohmann::ordered_json;

namespace {

json read_json(const std::filesystem::path& path) {
  std::ifstream in(path);
  REQUIRE_MESSAGE(in, "cannot read " << path);
  std::stringstream s;
  s << in.rdbuf();
  return json::parse(s.str());
}

// Runs one fixture input: {"Valid": state} or {"Error": message}.
json run_log(LogKind log, const json& input) {
  LogState state(log);
  std::optional<Digest> last;
  for (const json& item : input) {
    json contents = item["contents"];
    if (last) contents["prev"] = last->to_string();
    Result<std::string> bytes = record_bytes_from_json(log, contents.dump());
    REQUIRE_MESSAGE(bytes, bytes.error().message);
    Result<PrivateKey> key = PrivateKey::parse(item["key"].get<std::string>());
    REQUIRE_MESSAGE(key, key.error().message);
    Envelope e = sign_record(log, *bytes, *key);
    last = record_id(log, e.contents);
    Result<Record> r = state.validate(e);
    if (!r) return json{{"Error", r.error().message}};
  }
  return json{{"Valid", state.to_json()}};
}

void check_fixtures(LogKind log, const char* folder) {
  std::optional<std::filesystem::path> shared = plumb::test::shared_dir();
  if (!shared) return;
  std::filesystem::path dir = *shared / "spec/warg/fixtures" / folder;
  int checked = 0;
  for (const char* name : {"minimal.json", "longer.json"}) {
    CAPTURE(name);
    json expected = read_json(dir / "output" / name);
    CHECK(run_log(log, read_json(dir / name)) == expected);
    ++checked;
  }
  CHECK(checked == 2);
}

}  // namespace

TEST_CASE("the package log fixtures validate to their expected state") {
  check_fixtures(LogKind::Package, "package-logs");
}

TEST_CASE("the operator log fixtures validate to their expected state") {
  check_fixtures(LogKind::Operator, "operator-logs");
}
