#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "plumb/diagnostics/render.h"

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
  CHECK(out == "::error file=wit/types.wit,line=4,col=3,endLine=4,endColumn=7,title=plumb::50%25 done: a, b%0Anext%0Ahelp: close the `<`\n");
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
