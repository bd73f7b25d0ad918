// The result type: a value or an error, never both.
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "plumb/support/expected.h"

using namespace plumb;

namespace {

BasicExpected<int, std::string> half(int n) {
  if (n % 2) return Unexpected{std::to_string(n) + " is odd"};
  return n / 2;
}

}  // namespace

TEST_CASE("an Expected holds a value or an error") {
  auto ok = half(8);
  REQUIRE(ok);
  CHECK(*ok == 4);
  auto odd = half(7);
  REQUIRE_FALSE(odd.has_value());
  CHECK(odd.error() == "7 is odd");
}

TEST_CASE("an Expected moves out what it holds") {
  BasicExpected<std::unique_ptr<int>, std::string> p(std::make_unique<int>(3));
  std::unique_ptr<int> taken = std::move(p).value();
  CHECK(*taken == 3);
  BasicExpected<std::unique_ptr<int>, std::string> e(Unexpected{std::string("none")});
  CHECK(std::move(e).error() == "none");
}
