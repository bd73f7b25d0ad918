// The WebAssembly text reader: WAT to the bytes the reference writes, and
// its errors.
#include <doctest/doctest.h>

#include <string>

#include "plumb/wasm/wat_parser.h"

using namespace plumb;

namespace {

// The binary of WebAssembly text the test knows to be valid.
std::string wat_bytes(std::string_view text) {
  Expected<std::string> binary = wat_to_binary(text);
  REQUIRE_MESSAGE(binary, binary.error().message);
  return std::move(binary).value();
}

// The bytes of `package e:e; interface e {}` as the reference writes them
// (an interface export with the name byte 0x00).
const std::string kEmptyInterfaceWat(
    "\x00\x61\x73\x6d\x0d\x00\x01\x00"
    "\x07\x10\x01\x41\x02\x01\x42\x00\x04\x00\x05\x65\x3a\x65\x2f\x65\x05\x00"
    "\x0b\x07\x01\x00\x01\x65\x03\x00\x00",
    35);

std::string wat_error(const std::string& wat) {
  Expected<std::string> binary = wat_to_binary(wat);
  if (binary) return "";
  return std::to_string(binary.error().span.start) + ": " + binary.error().message;
}

}  // namespace

TEST_CASE("WebAssembly text becomes the reference's bytes") {
  // Inline instance types are hoisted into a type of their own, symbolic
  // names resolve to indices, `(type idx)` references are kept.
  CHECK(wat_bytes(R"(
    ;; line comment
    (; block (; nested ;) comment ;)
    (component
      (type $e (component (export "e:e/e" (instance))))
      (export "e" (type $e))))") == kEmptyInterfaceWat);
  CHECK(wat_bytes(R"((component
      (type (;0;) (component (type (;0;) (instance)) (export (;0;) "e:e/e" (instance (type 0)))))
      (export (;1;) "e" (type 0))))") == kEmptyInterfaceWat);
  // Custom sections keep their data; strings concatenate and take escapes.
  std::string with_custom = wat_bytes(R"((component (@custom "package-docs" "\01{" "}")))");
  CHECK(with_custom == std::string("\x00\x61\x73\x6d\x0d\x00\x01\x00\x00\x10\x0cpackage-docs\x01{}", 26));
}

TEST_CASE("WebAssembly text errors name the construct and its place") {
  CHECK(wat_error("(module)") == "1: core WebAssembly modules are not WIT packages (expected `(component ...)`)");
  CHECK(wat_error("(component (core module))") ==
        "12: `(core module ...)` is not supported: plumb reads WebAssembly text only as far as WIT packages need it");
  CHECK(wat_error("(component (canon lift))") ==
        "12: the component field `canon` is not supported: plumb reads WebAssembly text only as far as WIT "
        "packages need it");
  CHECK(wat_error("(component (type (resource (rep i32))))") ==
        "18: a resource definition (`(resource (rep ...))`, which belongs to concrete components) is not "
        "supported: plumb reads WebAssembly text only as far as WIT packages need it");
  CHECK(wat_error("(component (export \"x\" (type $nope)))") == "29: unknown type: failed to find name `$nope`");
  CHECK(wat_error("(component (type $t u8) (type $t u8))") == "24: duplicate type identifier `$t`");
  CHECK(wat_error("(component (type (list)))") == "22: expected a value type, found `)`");
  CHECK(wat_error("(component (type u8)") == "0: unbalanced parentheses: this `(` is not closed");
  CHECK(wat_error("(component \"unterminated)") == "11: unterminated string");
  // Names are strict UTF-8: an escaped surrogate or overlong is malformed.
  CHECK(wat_error(R"((component (type u8) (export "\ed\a0\80" (type 0))))") == "29: malformed UTF-8 encoding");
  CHECK(wat_error(R"((component (type u8) (export "\c0\af" (type 0))))") == "29: malformed UTF-8 encoding");
}

TEST_CASE("wat_to_binary returns its error, with code and span in the text") {
  Expected<std::string> module = wat_to_binary("(module)");
  REQUIRE_FALSE(module);
  CHECK(module.error().code == DiagCode::WatSyntax);
  CHECK(module.error().span == Span(1, 7));  // the `module` keyword
  Expected<std::string> unsupported = wat_to_binary("(component (core module))");
  REQUIRE_FALSE(unsupported);
  CHECK(unsupported.error().code == DiagCode::WatUnsupported);
  Expected<std::string> unknown = wat_to_binary("(component (export \"x\" (type $nope)))");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().code == DiagCode::WatUnknownName);
  CHECK(unknown.error().span == Span(29, 34));  // `$nope`
  // Text that is not UTF-8 has no extent to point at.
  Expected<std::string> not_utf8 = wat_to_binary("(component \xff)");
  REQUIRE_FALSE(not_utf8);
  CHECK(not_utf8.error().span == Span(0, 0));
  CHECK(not_utf8.error().message == "input is not valid UTF-8");
}
