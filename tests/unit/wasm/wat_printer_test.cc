// The WAT printer: a binary's text as wasmprinter (`wasm-tools print`)
// writes it.
#include "plumb/wasm/wat_printer.h"

#include <doctest/doctest.h>

#include <string>

#include "plumb/wasm/wat_parser.h"

using namespace plumb;

namespace {

std::string printed(const std::string& wat) {
  Expected<std::string> binary = wat_to_binary(wat);
  REQUIRE(binary);
  Expected<std::string> text = wasm::print_wat(*binary);
  REQUIRE(text);
  return *text;
}

}  // namespace

TEST_CASE("a component prints as wasmprinter prints it") {
  // Index comments per index space and scope; groups spanning lines close
  // on a line of their own; attributes of the 0x02 name form.
  const std::string wat = R"wat((component
  (type (;0;)
    (component
      (type (;0;)
        (instance
          (export (;0;) "r" (type (sub resource)))
          (type (;1;) (own 0))
          (type (;2;) (result 1 (error string)))
          (type (;3;) (func async (param "x" u32) (result 2)))
          (export (;0;) "f" (func (type 3)))
          (export (;4;) "t" (type (eq 1)))
          (type (;5;) (record (field "a" u8) (field "b" (;a comment;) 1)))
        )
      )
      (import "a:b/c@1.0.0" (versionsuffix "-rc") (instance (;0;) (type 0)))
      (alias export 0 "r" (type (;1;)))
      (type (;2;)
        (instance
          (alias outer 1 1 (type (;0;)))
          (export (;1;) "r" (type (eq 0)))
        )
      )
      (export (;1;) "x" (implements "a:b/c") (instance (type 2)))
    )
  )
  (export (;1;) "c" (type 0))
  (type (;2;)
    (component)
  )
  (@custom "package-docs" "\01{\22a\22:\22\5cn\22}\ff")
  (@producers
    (processed-by "plumb" "0.1.0")
  )
)
)wat";
  std::string want = wat;
  want.erase(want.find(" (;a comment;)"), 14);
  CHECK(printed(wat) == want);
}

TEST_CASE("names are quoted with \\u escapes, custom data with \\hh escapes") {
  CHECK(
      printed(
          R"wat((component (type (enum "\u{e9}" "a\u{22}\u{5c}\u{7f}" "\u{1f600}")) (@custom "x" "\00\7f\c3\a9 ")))wat") ==
      "(component\n"
      "  (type (;0;) (enum \"\\u{e9}\" \"a\\u{22}\\u{5c}\\u{7f}\" \"\\u{1f600}\"))\n"
      "  (@custom \"x\" \"\\00\\7f\\c3\\a9 \")\n"
      ")\n");
  CHECK(printed("(component)") == "(component)\n");
}

TEST_CASE("what the printer cannot show is an error") {
  // A core module section (id 1) is kept by id only.
  std::string binary("\0asm\x0d\x00\x01\x00\x01\x00", 10);
  Expected<std::string> text = wasm::print_wat(binary);
  REQUIRE_FALSE(text);
  CHECK(text.error().message.find("cannot print the core module section") == 0);
  CHECK_FALSE(wasm::print_wat("not wasm"));
}

TEST_CASE("a component-name section names the component's items") {
  // Names the component `c` and types 0 and 1 `t`: the second `t` repeats
  // the first, so it gets a made-up name. Inside a type, an outer alias
  // names the component and the type it takes.
  CHECK(printed(R"wat((component
    (type u8)
    (type u32)
    (type (instance (alias outer 1 1 (type (;0;)))))
    (@custom "component-name" "\00\02\01\63\01\08\03\02\00\01\74\01\01\74")))wat") ==
        "(component $c\n"
        "  (type $t (;0;) u8)\n"
        "  (type $\"#type1 t\" (@name \"t\") (;1;) u32)\n"
        "  (type (;2;)\n"
        "    (instance\n"
        "      (alias outer $c $\"#type1 t\" (type (;0;)))\n"
        "    )\n"
        "  )\n"
        ")\n");
}

TEST_CASE("a custom section wasmprinter cannot read prints as bytes after a comment") {
  // A producers section whose field name is not one of the three.
  std::string binary(
      "\0asm\x0d\x00\x01\x00\x00\x12\x09producers\x01\x05"
      "bogus\x00",
      28);
  Expected<std::string> text = wasm::print_wat(binary);
  REQUIRE(text);
  CHECK(*text ==
        "(component\n"
        "  ;; failed to parse custom section `producers`: invalid producers field name: `bogus` (at offset 0x15)\n"
        "  (@custom \"producers\" \"\\01\\05bogus\\00\")\n"
        ")\n");
}
