#include <doctest/doctest.h>

#include "plumb/support/semver.h"

using namespace plumb;

namespace {
Version v(const char* text) {
  auto parsed = parse_version(text);
  REQUIRE(parsed);
  return *parsed;
}
std::string err(const char* text) {
  BasicExpected<Version, std::string> parsed = parse_version(text);
  REQUIRE_FALSE(parsed);
  return parsed.error();
}
}  // namespace

TEST_CASE("versions parse strictly and print back") {
  CHECK(v("1.2.3").to_string() == "1.2.3");
  CHECK(v("0.2.0-rc-2023-11-10").pre == "rc-2023-11-10");
  CHECK(v("1.0.1-a+a").to_string() == "1.0.1-a+a");
  CHECK(v("1.0.0+build.5").build == "build.5");
  CHECK(v("18446744073709551615.18446744073709551615.18446744073709551615-rc.1+b").to_string() ==
        "18446744073709551615.18446744073709551615.18446744073709551615-rc.1+b");
  CHECK(v("10.0.7+meta").to_string() == "10.0.7+meta");
}

TEST_CASE("invalid versions get the semver crate's messages") {
  CHECK(err("01.0.0") == "invalid leading zero in major version number");
  CHECK(err("1.0") == "unexpected end of input while parsing minor version number");
  CHECK(err("1.0.0-01") == "invalid leading zero in pre-release identifier");
  CHECK(err("1.0.0-a..b") == "empty identifier segment in pre-release identifier");
  CHECK(err("1.0.0-") == "empty identifier segment in pre-release identifier");
  CHECK(err("1.0.0 x") == "unexpected character ' ' after patch version number");
  CHECK(err("99999999999999999999.0.0") == "value of major version number exceeds u64::MAX");
  CHECK(err("") == "empty string, expected a semver version");
}

TEST_CASE("ordering follows SemVer precedence, build metadata breaking ties") {
  CHECK(v("1.0.0-alpha") < v("1.0.0-alpha.1"));
  CHECK(v("1.0.0-alpha.1") < v("1.0.0-alpha.beta"));
  CHECK(v("1.0.0-beta.2") < v("1.0.0-beta.11"));
  CHECK(v("1.0.0-rc.1") < v("1.0.0"));
  CHECK(v("1.9.0") < v("1.10.0"));
  CHECK(v("1.0.0") < v("1.0.0+1"));
  CHECK(v("1.0.0+1") < v("1.0.0+01"));
  CHECK(v("1.0.0+9") < v("1.0.0+10"));
  CHECK(v("1.0.0+1") < v("1.0.0+a"));
  CHECK(v("2.0.0") == v("2.0.0"));
  CHECK_FALSE(v("2.0.0") == v("2.0.0+x"));
}
