// A large file is parsed in two halves on two threads; the result must be
// exactly what one sequential pass gives: the same tree, the same errors.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "plumb/parser/parser.h"

using namespace plumb;

namespace {

// Over a megabyte of varied WIT: attributes, docs, resources, worlds.
std::string big_wit(bool with_error) {
  std::string s = "/// A big package.\npackage demo:big@1.0.0;\n\n";
  for (int i = 0; s.size() < (3u << 19); ++i) {
    std::string n = std::to_string(i);
    s += "/// Interface " + n + ".\n@since(version = 1.0.0)\ninterface i" + n + " {\n";
    if (i > 0) s += "  use i" + std::to_string(i - 1) + ".{r" + std::to_string(i - 1) + "};\n";
    s += "  // a record\n  record r" + n + " { a: u32, b: list<string>, }\n";
    s += "  resource h" + n + " {\n    constructor(x: u32);\n    get: func() -> option<r" + n + ">;\n  }\n";
    s += "  fn" + n + ": func(x: r" + n + ") -> result<u64, string>;\n}\n\n";
    if (i % 50 == 0) s += "world w" + n + " {\n  import i" + n + ";\n  export run: func();\n}\n\n";
  }
  if (with_error) s.insert(s.size() * 5 / 6, "\ninterface broken { f: func(; }\n");
  return s;
}

// The shape of a tree, with spans: enough to tell two trees apart.
std::string describe_tree(const ast::File& f) {
  std::string out = f.header ? "header@" + std::to_string(f.header->span.start) + "\n" : "";
  for (const ast::Decl& d : f.decls) {
    if (auto i = std::get_if<const ast::Interface*>(&d)) {
      out += "interface " + std::string((*i)->name.name) + "@" + std::to_string((*i)->name.span.start) +
             " items=" + std::to_string((*i)->items.size()) + " docs=" + std::to_string((*i)->docs.comments().size()) +
             " attrs=" + std::to_string((*i)->attrs.size()) + "\n";
    } else if (auto w = std::get_if<const ast::World*>(&d)) {
      out += "world " + std::string((*w)->name.name) + "@" + std::to_string((*w)->name.span.start) +
             " items=" + std::to_string((*w)->items.size()) + "\n";
    } else {
      out += "other\n";
    }
  }
  return out;
}

struct Result {
  std::string tree;
  std::vector<std::string> errors;
};

Result parse(const std::string& text, bool parallel) {
  SourceMap sources;
  FileId id = sources.add("big.wit", text);
  Diagnostics diags;
  auto parsed = parse_file(sources, id, diags, ParseOptions{parallel});
  Result r{describe_tree(parsed->ast()), {}};
  for (const Diagnostic& d : diags.all()) r.errors.push_back(std::to_string(d.span.start) + ": " + d.message);
  return r;
}

}  // namespace

TEST_CASE("a large file parsed in two halves gives the sequential tree") {
  std::string text = big_wit(false);
  REQUIRE(text.size() > (1u << 20));
  Result split = parse(text, true);
  Result one_pass = parse(text, false);
  CHECK(split.errors.empty());
  CHECK(split.tree == one_pass.tree);
  CHECK(split.tree.find("world w0@") != std::string::npos);
}

TEST_CASE("with an error in the second half, errors and tree are the sequential ones") {
  std::string text = big_wit(true);
  Result split = parse(text, true);
  Result one_pass = parse(text, false);
  REQUIRE(!one_pass.errors.empty());
  CHECK(split.errors == one_pass.errors);
  CHECK(split.tree == one_pass.tree);
}

TEST_CASE("a `}` in a comment before a split candidate keeps the comment as docs") {
  // Every interface is preceded by a comment ending in `}`, so every place
  // that looks like a split point has its `}` inside a comment.
  std::string text = "package demo:x;\n";
  for (int i = 0; text.size() < (3u << 19); ++i) {
    text += "// Example: record r { }\ninterface i" + std::to_string(i) + " {\n  type t = u32;\n}\n";
  }
  Result split = parse(text, true);
  Result one_pass = parse(text, false);
  CHECK(split.errors.empty());
  CHECK(split.tree == one_pass.tree);
  CHECK(split.tree.find("docs=0") == std::string::npos);
}

TEST_CASE("a split point inside an unclosed body is rejected by the check") {
  // The middle of this file is inside one huge interface: any `interface`
  // that starts a line there is not top level.
  std::string text = "package demo:x;\ninterface outer {\n";
  while (text.size() < (3u << 19)) text += "  f" + std::to_string(text.size()) + ": func();\n}\ninterface x {}\n";
  Result split = parse(text, true);
  Result one_pass = parse(text, false);
  CHECK(split.errors == one_pass.errors);
  CHECK(split.tree == one_pass.tree);
}

TEST_CASE("a forbidden codepoint in either half is reported as one pass reports it") {
  // U+202E (a bidirectional override) in a comment near the start, and near
  // the end: each half looks for them in its own part only.
  for (size_t at : {size_t{200}, big_wit(false).size() * 9 / 10}) {
    std::string text = big_wit(false);
    size_t line = text.find('\n', at);
    text.insert(line, " // \xE2\x80\xAE");
    Result split = parse(text, true);
    Result one_pass = parse(text, false);
    REQUIRE(one_pass.errors.size() == 1);
    CHECK(one_pass.errors.front().find("bidirectional override codepoint") != std::string::npos);
    CHECK(split.errors == one_pass.errors);
    CHECK(split.tree == one_pass.tree);
  }
}
