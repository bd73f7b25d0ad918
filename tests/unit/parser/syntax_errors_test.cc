// Syntax errors: the first error of a file is the reference's, at the
// reference's place; recovery then finds every other error.
#include <doctest/doctest.h>

#include "helpers.h"

using plumb::test::parse;

TEST_CASE("missing tokens are reported at the token found instead") {
  CHECK(parse("package a:b;\ninterface i {\n  type a = list<u32\n  type y = u32;\n}\n")->first_error() ==
        "4:3: expected '>', found keyword `type`");
  CHECK(parse("package a:b;\ninterface i {\n  type a = list<u32,>;\n}\n")->first_error() ==
        "3:21: expected fixed-length, found '>'");
  CHECK(parse("package a:b;\ninterface i {\n  f: func() -> ();\n}\n")->first_error() ==
        "3:16: expected a type, found '('");
  CHECK(parse("package a:b;\ninterface i {\n  f: func()")->first_error() ==
        "3:12: expected ';', found eof");
}

TEST_CASE("what the declaration level expects") {
  CHECK(parse("package a:b;\nrecord r {}\n")->first_error() ==
        "2:1: expected `world`, `interface` or `use`, found keyword `record`");
  CHECK(parse("package a:b;\ninterface i {\n  import x;\n}\n")->first_error() ==
        "3:3: expected `type`, `resource` or `func`, found keyword `import`");
  CHECK(parse("package a:b;\nworld w {\n  f: func();\n}\n")->first_error() ==
        "3:3: expected `import`, `export`, `include`, `use`, or type definition, found an identifier");
  CHECK(parse("package a:b;\ninterface i {\n  resource r {\n    async constructor();\n  }\n}\n")->first_error() ==
        "4:5: expected `constructor` or identifier, found keyword `async`");
  CHECK(parse("package a:b;\ninterface i {\n  resource r {\n    x: async static func();\n  }\n}\n")->first_error() ==
        "4:14: expected keyword `func`, found keyword `static`");
}

TEST_CASE("identifiers and keywords") {
  CHECK(parse("package a:b;\ninterface i {\n  type option = u32;\n}\n")->first_error() ==
        "3:8: expected an identifier or string, found keyword `option`");
  CHECK(parse("package a:b;\ninterface Bad {}\n")->first_error() ==
        "2:11: invalid character in identifier 'a'");
  CHECK(parse("package a:b;\ninterface % {}\n")->first_error() ==
        "2:11: identifiers must have characters between '-'s");
}

TEST_CASE("an identifier is checked whole, whatever its length and where it goes wrong") {
  // Lowercase ids are checked eight bytes at a time: a fault at any place
  // of ids up to 20 bytes long, a `--` across two of those words included.
  for (size_t length = 2; length <= 20; ++length) {
    const std::string good(length, 'x');
    CAPTURE(length);
    CHECK(parse("package a:b;\ninterface " + good + "1 {}\n")->errors().empty());
    for (size_t at = 1; at + 1 < length; ++at) {
      CAPTURE(at);
      for (std::string_view fault : {"_", "xA", "--", "\xC3\xA9"}) {
        std::string id = good;
        id.replace(at, fault.size() == 1 ? 1 : 0, fault);
        CHECK_FALSE(parse("package a:b;\ninterface " + id + " {}\n")->errors().empty());
      }
      std::string dashed = good;
      dashed[at] = '-';
      CHECK(parse("package a:b;\ninterface " + dashed + " {}\n")->errors().empty());
    }
  }
}

TEST_CASE("attributes") {
  CHECK(parse("package a:b;\n@since(feature = x)\ninterface i {}\n")->first_error() ==
        "2:8: expected `version`, found `feature`");
  CHECK(parse("package a:b;\n@bogus\ninterface i {}\n")->first_error() == "2:2: unknown attribute `bogus`");
  CHECK(parse("package a:b;\n@deprecated\ninterface i {}\n")->first_error() ==
        "3:1: expected '(', found keyword `interface`");
  CHECK(parse("package a:b;\n@since(version = 1.0)\ninterface i {}\n")->first_error() ==
        "2:21: expected '.', found ')'");
  CHECK(parse("package a:b;\n@since(version = 01.0.0)\ninterface i {}\n")->first_error() ==
        "2:18: invalid leading zero in major version number");
}

TEST_CASE("nesting limits and nested package rules") {
  std::string deep = "package a:b;\ninterface i {\n  type t = ";
  for (int i = 0; i < 101; ++i) deep += "list<";
  deep += "u8";
  for (int i = 0; i < 101; ++i) deep += ">";
  deep += ";\n}\n";
  CHECK(parse(deep)->first_error() == "3:512: type nesting too deep");
  CHECK(parse("package a:b;\npackage c:d;\n")->first_error() == "2:12: expected '{', found ';'");
  CHECK(parse("package a:b;\n@since(version = 1.0.0)\npackage c:d {}\n")->first_error() ==
        "3:1: cannot place attributes on nested packages");
}

TEST_CASE("lexical errors surface where the parser reaches them") {
  CHECK(parse("package a:b;\ninterface i {\n  f: func(a: $);\n}\n")->first_error() ==
        "3:14: unexpected character '$'");
  CHECK(parse("package a:b;\n/* open\ninterface i {}\n")->first_error() == "2:1: unterminated block comment");
  // A forbidden code point is always the first error, wherever it is.
  CHECK(parse("package a:b;\ninterface i {\n  x\n}\n// \u202e\n")->first_error().find(
            "5:4: Input contains bidirectional override codepoint") == 0);
}

TEST_CASE("recovery reports every error of a file once") {
  auto p = parse(R"(package demo:x;

interface types {
  type id = list<u32
  record point {
    x: f32,
    y f32,
  }
  get: func(p: point) -> u32;
  resource conn {
    send: func(data: list<u8>) -> result<_, string>
    close: func();
  }
}

world app {
  export run: func() -> ;
  import types;
}

interface after {
  type t = option<bool>;
  u: func(a: $);
}
)");
  CHECK(p->errors() == std::vector<std::string>{
                           "5:3: expected '>', found keyword `record`",
                           "7:7: expected ':', found keyword `f32`",
                           "12:5: expected ';', found an identifier",
                           "17:25: expected a type, found ';'",
                           "23:14: unexpected character '$'",
                       });
  // What parsed is kept: `get`, the resource, the import and `after`.
  REQUIRE(p->ast().decls.size() == 3);
}

TEST_CASE("an unclosed body resumes at the next top-level item") {
  auto p = parse("package a:b;\ninterface i {\n  record r {\n    x: u32,\n\ninterface j {\n  f: func(;\n}\n");
  CHECK(p->errors() == std::vector<std::string>{
                           "6:1: expected an identifier or string, found keyword `interface`",
                           "7:11: expected an identifier or string, found ';'",
                       });
}

TEST_CASE("hints accompany common mistakes") {
  auto missing_semi = parse("package a:b;\ninterface i {\n  f: func()\n  g: func();\n}\n");
  REQUIRE(missing_semi->diags.all().size() == 1);
  CHECK(missing_semi->diags.all()[0].help == std::vector<std::string>{"add `;` at the end of line 3"});
  auto keyword = parse("package a:b;\ninterface i {\n  type record = u8;\n}\n");
  CHECK(keyword->diags.all()[0].help ==
        std::vector<std::string>{"`record` is a keyword; write `%record` to use it as a name"});
  auto typo = parse("package a:b;\ninterface i {\n  f: fucn();\n}\n");
  CHECK(typo->diags.all()[0].help == std::vector<std::string>{"did you mean `func`?"});
}
