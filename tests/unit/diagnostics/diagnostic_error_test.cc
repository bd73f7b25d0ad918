// The one failure path: DiagnosticError carries a Diagnostic from where an
// error is found to where it is caught, with_context adding to its message.
#include "plumb/diagnostics/diagnostic_error.h"

#include <doctest/doctest.h>

#include <string>

#include "plumb/diagnostics/expected.h"

using namespace plumb;

namespace {

// What a library boundary does: run the work, return what it raised.
Expected<int> boundary(int value) {
  try {
    if (value < 0) raise_at(DiagCode::MalformedBinary, 4, 2, "negative");
    return with_context("while checking " + std::to_string(value), [&] {
      if (value == 0) raise(DiagCode::Internal, Span(), "zero");
      return value * 2;
    });
  } catch (DiagnosticError& e) {
    return Unexpected{std::move(e.diag)};
  }
}

}  // namespace

TEST_CASE("a raised diagnostic reaches the boundary whole") {
  Expected<int> ok = boundary(21);
  REQUIRE(ok);
  CHECK(*ok == 42);

  Expected<int> negative = boundary(-1);
  REQUIRE_FALSE(negative);
  CHECK(negative.error().code == DiagCode::MalformedBinary);
  CHECK(negative.error().span == Span(4, 6));
  CHECK(negative.error().message == "negative");

  Expected<int> zero = boundary(0);
  REQUIRE_FALSE(zero);
  CHECK(zero.error().message == "while checking 0: zero");
  CHECK_FALSE(zero.error().span.known());
}

TEST_CASE("follow-on errors are marked, and byte offsets are empty spans") {
  try {
    raise_follow_on();
  } catch (const DiagnosticError& e) {
    CHECK(e.follow_on);
    CHECK(e.more.empty());
  }
  try {
    raise_at_byte(DiagCode::MalformedBinary, 7, "bad byte");
  } catch (const DiagnosticError& e) {
    CHECK_FALSE(e.follow_on);
    CHECK(e.diag.span == Span(7, 7));
  }
}
