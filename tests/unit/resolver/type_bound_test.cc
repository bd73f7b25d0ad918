// ParsedFile::type_bound: the resolver sizes its type arena from it, so it
// must be at least the number of types resolving the file makes (or the
// arena is copied as it fills), and not far more (memory reserved for
// nothing is address space taken for nothing).
#include <doctest/doctest.h>

#include <string>

#include "ast_resolver.h"
#include "plumb/parser/parser.h"

using namespace plumb;

namespace {

struct Counts {
  size_t bound = 0;
  size_t types = 0;  // of the package resolved on its own
};

Counts count_types(const std::string& text, bool parallel = false) {
  Resolve r;
  FileId file = r.sources.add("test.wit", text);
  Diagnostics diags;
  std::unique_ptr<ParsedFile> parsed = parse_file(r.sources, file, diags, ParseOptions{parallel});
  REQUIRE_FALSE(diags.has_errors());
  const ast::File& ast = parsed->ast();
  AstResolver resolver(r);
  resolver.push(ast.header, std::vector<ast::Decl>(ast.decls.begin(), ast.decls.end()));
  std::optional<UnresolvedPackage> pkg = resolver.resolve(diags);
  REQUIRE(pkg);
  return Counts{parsed->type_bound(), pkg->types.size()};
}

}  // namespace

TEST_CASE("the type bound covers every kind of type a file makes") {
  // Foreign and local `use`s (a placeholder and an alias each for the
  // foreign one), definitions, nested anonymous types, a method's `self`,
  // world types.
  Counts c = count_types(R"(package demo:bound;

interface base {
  use wasi:io/streams.{pipe, error as stream-error};
  record point { x: s32, y: s32 }
  resource file {
    constructor(p: point);
    read: func(n: u64) -> result<list<u8>, stream-error>;
    size: func() -> u64;
  }
  open: func(paths: list<tuple<string, option<point>>>) -> result<file, string>;
  watch: func(p: borrow<pipe>) -> stream<future<u32>>;
}

world w {
  use base.{point};
  type pair = tuple<point, point>;
  import get: func() -> map<string, list<pair>>;
}
)");
  INFO("types " << c.types << ", bound " << c.bound);
  CHECK(c.types >= 15);
  CHECK(c.bound >= c.types);
  CHECK(c.bound <= 2 * c.types);
}

TEST_CASE("the type bound of a file parsed in two halves is the sum of both") {
  std::string text = "package demo:big;\n\n";
  for (int i = 0; text.size() < (1u << 20) + 4096; ++i) {
    std::string n = std::to_string(i);
    text += "interface i" + n + " {\n";
    if (i > 0) text += "  use i" + std::to_string(i - 1) + ".{r" + std::to_string(i - 1) + "};\n";
    text += "  record r" + n + " { a: list<string>, b: option<u32> }\n  f: func(x: r" + n + ") -> result<u64, string>;\n}\n\n";
  }
  Counts split = count_types(text, true);
  Counts whole = count_types(text, false);
  CHECK(split.bound == whole.bound);
  CHECK(split.types == whole.types);
  CHECK(whole.bound >= whole.types);
}
