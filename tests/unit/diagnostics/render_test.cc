#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "plumb/diagnostics/render.h"
#include "plumb/diagnostics/sarif.h"

using namespace plumb;

namespace {
struct Fixture {
  SourceMap sources;
  FileId id = sources.add("wit/types.wit", "package a:b;\n\ninterface i {\n  type y = u32\n}\n");
  Diagnostic diag() {
    // `type` on line 4.
    uint32_t at = sources.file(id).base() + 30;
    Diagnostic d = Diagnostic::error(DiagCode::UnexpectedToken, Span(at, at + 4), "expected '>', found keyword `type`");
    d.with_help("close the `<`");
    return d;
  }
};
}  // namespace

TEST_CASE("human rendering matches the reference's layout") {
  Fixture f;
  std::string out = render(f.diag(), f.sources, {MessageFormat::Human, false});
  CHECK(out ==
        "error[E0201]: expected '>', found keyword `type`\n"
        "     --> wit/types.wit:4:3\n"
        "      |\n"
        "    4 |   type y = u32\n"
        "      |   ^---\n"
        "      = help: close the `<`\n");
}

TEST_CASE("colour codes only when asked") {
  Fixture f;
  CHECK(render(f.diag(), f.sources, {MessageFormat::Human, true}).find("\x1b[") != std::string::npos);
  CHECK(render(f.diag(), f.sources, {MessageFormat::Human, false}).find("\x1b[") == std::string::npos);
}

TEST_CASE("a diagnostic without a location is just its message") {
  SourceMap sources;
  CHECK(render(Diagnostic::error(DiagCode::UnexpectedToken, Span(), "no `package` header was found"), sources, {}) ==
        "error[E0201]: no `package` header was found\n");
}

TEST_CASE("JSON rendering: one object per line with a location") {
  Fixture f;
  std::string out = render(f.diag(), f.sources, {MessageFormat::Json, false});
  CHECK(out.back() == '\n');
  CHECK(out.find('\n') == out.size() - 1);
  auto j = nlohmann::json::parse(out);
  CHECK(j["severity"] == "error");
  CHECK(j["file"] == "wit/types.wit");
  CHECK(j["line"] == 4);
  CHECK(j["column"] == 3);
  CHECK(j["end_column"] == 7);
  CHECK(j["help"][0] == "close the `<`");
  CHECK(j["rendered"].get<std::string>().find("--> wit/types.wit:4:3") != std::string::npos);
}

TEST_CASE("GitHub annotations escape what the runner would misread") {
  Fixture f;
  Diagnostic d = f.diag();
  d.message = "50% done: a, b\nnext";
  std::string out = render(d, f.sources, {MessageFormat::Github, false});
  CHECK(out == "::error file=wit/types.wit,line=4,col=3,endLine=4,endColumn=7,title=plumb E0201::50%25 done: a, b%0Anext%0Ahelp: close the `<`\n");
}

TEST_CASE("very long lines show a window around the column") {
  SourceMap sources;
  std::string line = "interface " + std::string(600, 'a') + " x";
  FileId id = sources.add("long.wit", line + "\n");
  uint32_t at = sources.file(id).base() + static_cast<uint32_t>(line.size()) - 1;
  std::string out = render(Diagnostic::error(DiagCode::UnexpectedToken, Span(at, at + 1), "expected '{', found an identifier"), sources, {});
  CHECK(out.find("--> long.wit:1:612") != std::string::npos);
  CHECK(out.find("...") != std::string::npos);
  CHECK(out.size() < 400);
}

TEST_CASE("source map: line and column of global offsets across files") {
  SourceMap sources;
  FileId a = sources.add("a.wit", "ab\ncd\n");
  FileId b = sources.add("b.wit", "x\r\nyz");
  CHECK(sources.file_of(sources.file(b).base()) == b);
  Location l = sources.locate(sources.file(a).base() + 4);
  CHECK(l.file == a);
  CHECK(l.line == 2);
  CHECK(l.column == 2);
  Location eof = sources.locate(sources.file(b).base() + 5);  // the end-of-file slot
  CHECK(eof.file == b);
  CHECK(eof.line == 2);
  CHECK(eof.column == 3);
  CHECK(sources.file(b).line_text(0) == "x");
}

namespace {
// A file whose line 2 has non-ASCII characters before a duplicate name, and
// a diagnostic with a secondary label pointing at line 1.
struct UnicodeFixture {
  SourceMap sources;
  FileId id = sources.add("wit/ünï.wit", "record a {}\n/* ünï */ record a {}\n");
  uint32_t base = sources.file(id).base();
  Diagnostic diag() {
    // The second `a`: byte 12 starts line 2; "/* ünï */ record " is 19 bytes, 17 characters.
    Diagnostic d = Diagnostic::error(DiagCode::DuplicateName, Span(base + 31, base + 32), "`a` is defined more than once");
    d.label = "defined again here";
    d.with_label(Span(base + 7, base + 8), "first defined here");
    d.with_help("rename one of them");
    return d;
  }
};
}  // namespace

TEST_CASE("message formats are parsed by name") {
  MessageFormat f = MessageFormat::Human;
  CHECK(parse_message_format("short", f));
  CHECK(f == MessageFormat::Short);
  CHECK(parse_message_format("sarif", f));
  CHECK(f == MessageFormat::Sarif);
  CHECK_FALSE(parse_message_format("xml", f));
}

TEST_CASE("JSON rendering: columns in bytes and in characters, at every location") {
  UnicodeFixture f;
  auto j = nlohmann::json::parse(render(f.diag(), f.sources, {MessageFormat::Json, false}));
  CHECK(j["type"] == "diagnostic");
  CHECK(j["line"] == 2);
  CHECK(j["column"] == 20);
  CHECK(j["column_chars"] == 18);
  CHECK(j["end_column"] == 21);
  CHECK(j["end_column_chars"] == 19);
  CHECK(j["labels"][0]["column"] == 8);
  CHECK(j["labels"][0]["column_chars"] == 8);
  CHECK(j["labels"][0]["end_column_chars"] == 9);
}

TEST_CASE("JSON rendering: a file-level diagnostic names the file and no line") {
  auto j = nlohmann::json::parse(
      render(Diagnostic::file_error(DiagCode::PathNotFound, "deps/x", "failed to read path"), SourceMap(), {MessageFormat::Json, false}));
  CHECK(j["file"] == "deps/x");
  CHECK_FALSE(j.contains("line"));
  CHECK_FALSE(j.contains("column_chars"));
}

TEST_CASE("short rendering: one line, with as much location as there is") {
  Fixture f;
  CHECK(render(f.diag(), f.sources, {MessageFormat::Short, false}) ==
        "wit/types.wit:4:3: error[E0201]: expected '>', found keyword `type`\n");
  CHECK(render(Diagnostic::file_error(DiagCode::PathNotFound, "x.wit", "no such file"), SourceMap(), {MessageFormat::Short, false}) ==
        "x.wit: error[E0001]: no such file\n");
  Diagnostic bare = Diagnostic::error(DiagCode::Internal, Span(), "two\nlines");
  CHECK(render(bare, SourceMap(), {MessageFormat::Short, false}) == "error[" + std::string(code_text(DiagCode::Internal)) + "]: two lines\n");
}

TEST_CASE("GitHub annotations: labels become notices, file-level errors name the file") {
  UnicodeFixture f;
  std::string out = render(f.diag(), f.sources, {MessageFormat::Github, false});
  CHECK(out ==
        "::error file=wit/ünï.wit,line=2,col=20,endLine=2,endColumn=21,title=plumb E0302::`a` is defined more than once"
        "%0Ahelp: rename one of them\n"
        "::notice file=wit/ünï.wit,line=1,col=8,endLine=1,endColumn=9,title=plumb E0302::first defined here\n");
  CHECK(render(Diagnostic::file_error(DiagCode::InvalidUtf8, "a,b.wit", "not UTF-8"), SourceMap(), {MessageFormat::Github, false}) ==
        "::error file=a%2Cb.wit,title=plumb E0003::not UTF-8\n");
}

TEST_CASE("SARIF: rules in table order, results pointing at them, character columns") {
  UnicodeFixture f;
  SarifLog log;
  log.add(f.diag(), f.sources);
  log.add(Diagnostic::file_error(DiagCode::PathNotFound, "/abs/my dir", "failed to read path"), SourceMap());
  log.add(f.diag(), f.sources);
  std::string text = log.document();
  auto j = nlohmann::json::parse(text);
  CHECK(j["version"] == "2.1.0");
  CHECK(j["$schema"].get<std::string>().find("sarif-schema-2.1.0.json") != std::string::npos);
  const auto& run = j["runs"][0];
  CHECK(run["columnKind"] == "unicodeCodePoints");
  CHECK(run["tool"]["driver"]["name"] == "plumb");
  CHECK(!run["tool"]["driver"]["version"].get<std::string>().empty());
  const auto& rules = run["tool"]["driver"]["rules"];
  REQUIRE(rules.size() == 2);
  CHECK(rules[0]["id"] == "E0001");
  CHECK(rules[0]["shortDescription"]["text"] == std::string(diag_code_info(DiagCode::PathNotFound).summary));
  CHECK(rules[1]["id"] == "E0302");
  const auto& results = run["results"];
  REQUIRE(results.size() == 3);
  CHECK(results[0]["ruleId"] == "E0302");
  CHECK(results[0]["ruleIndex"] == 1);
  CHECK(results[1]["ruleIndex"] == 0);
  CHECK(results[0]["level"] == "error");
  CHECK(results[0]["message"]["text"] == "`a` is defined more than once\nhelp: rename one of them");
  const auto& primary = results[0]["locations"][0];
  CHECK(primary["message"]["text"] == "defined again here");
  CHECK(primary["physicalLocation"]["artifactLocation"]["uri"] == "wit/%C3%BCn%C3%AF.wit");
  CHECK(primary["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
  const auto& region = primary["physicalLocation"]["region"];
  CHECK(region["startLine"] == 2);
  CHECK(region["startColumn"] == 18);
  CHECK(region["endColumn"] == 19);
  CHECK(region["byteOffset"] == 31);
  CHECK(region["byteLength"] == 1);
  const auto& related = results[0]["relatedLocations"][0];
  CHECK(related["message"]["text"] == "first defined here");
  CHECK(related["physicalLocation"]["region"]["startLine"] == 1);
  const auto& file_level = results[1]["locations"][0]["physicalLocation"];
  CHECK(file_level["artifactLocation"]["uri"] == "file:///abs/my%20dir");
  CHECK_FALSE(file_level["artifactLocation"].contains("uriBaseId"));
  CHECK_FALSE(file_level.contains("region"));
  CHECK(log.document() == text);
}

TEST_CASE("human rendering: invalid UTF-8 in the line shows as U+FFFD, the caret still lines up") {
  SourceMap sources;
  // A lone continuation byte, a truncated three-byte sequence and 0xFF
  // before the bad token; each is one character on screen.
  FileId id = sources.add("bad.wit", std::string("a\x80" "b\xE2\x82" "c\xFF @\n"));
  uint32_t at = sources.file(id).base() + 8;  // the '@'
  std::string out = render(Diagnostic::error(DiagCode::InvalidCharacter, Span(at, at + 1), "invalid character"), sources, {});
  CHECK(out.find("    1 | a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD @\n") != std::string::npos);
  CHECK(out.find("      |        ^\n") != std::string::npos);
  CHECK(out.find("\x80") == std::string::npos);
  // A caret inside an ill-formed sequence still sits under its own byte.
  uint32_t mid = sources.file(id).base() + 4;  // the 0x82 after 0xE2
  std::string inside = render(Diagnostic::error(DiagCode::InvalidUtf8, Span(mid, mid + 1), "bad byte"), sources, {});
  CHECK(inside.find("      |     ^\n") != std::string::npos);
}

TEST_CASE("render() in SARIF is a whole log of the one diagnostic") {
  Fixture f;
  auto j = nlohmann::json::parse(render(f.diag(), f.sources, {MessageFormat::Sarif, false}));
  CHECK(j["version"] == "2.1.0");
  REQUIRE(j["runs"][0]["results"].size() == 1);
  CHECK(j["runs"][0]["results"][0]["ruleId"] == "E0201");
  CHECK(j["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 4);
}
