// Shared helpers for the unit tests: parse WIT held in a string, and turn
// diagnostics into "line:col: message" strings that read well in assertions.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "plumb/diagnostics/diagnostic.h"
#include "plumb/diagnostics/source_map.h"
#include "plumb/parser/parser.h"

namespace plumb::test {

struct Parsed {
  SourceMap sources;
  Diagnostics diags;
  std::unique_ptr<ParsedFile> file;

  const ast::File& ast() const { return file->ast(); }
  // "line:col: message" for each diagnostic, in order.
  std::vector<std::string> errors() const {
    std::vector<std::string> out;
    for (const Diagnostic& d : diags.all()) {
      if (!d.span.known()) {
        out.push_back(d.message);
        continue;
      }
      Location l = sources.locate(d.span.start);
      out.push_back(std::to_string(l.line) + ":" + std::to_string(l.column) + ": " + d.message);
    }
    return out;
  }
  std::string first_error() const {
    auto e = errors();
    return e.empty() ? std::string() : e.front();
  }
};

inline std::unique_ptr<Parsed> parse(std::string text, std::string path = "test.wit") {
  auto p = std::make_unique<Parsed>();
  FileId id = p->sources.add(std::move(path), std::move(text));
  p->file = parse_file(p->sources, id, p->diags);
  return p;
}

}  // namespace plumb::test
