// Resolving WIT held in memory (`plumb check -`), and the count of packages
// read that the summary line shows.
#include <doctest/doctest.h>

#include "plumb/resolver/resolve.h"

using namespace plumb;

TEST_CASE("resolve_text resolves one file held in memory") {
  Diagnostics diags;
  ResolveResult r = resolve_text("<stdin>", "package t:mem;\ninterface i {}\npackage t:inner {\n  interface n {}\n}\n", {},
                            diags);
  CHECK_FALSE(diags.has_errors());
  REQUIRE(r.ok());
  CHECK(r.resolve->package(*r.main).name.to_string() == "t:mem");
  CHECK(r.files == 1);
  CHECK(r.packages == 2);
}

TEST_CASE("resolve_text reports errors in the source it was given") {
  Diagnostics diags;
  ResolveResult r = resolve_text("<stdin>", "package t:mem;\ninterface i {\n  type t = strng;\n}\n", {}, diags);
  CHECK_FALSE(r.ok());
  REQUIRE(diags.error_count() == 1);
  const Diagnostic& d = diags.all().front();
  CHECK(d.code == DiagCode::UnknownType);
  CHECK(r.resolve->sources.file(r.resolve->sources.file_of(d.span.start)).path() == "<stdin>");
  // A package that failed is still a package read.
  CHECK(r.packages == 1);
}

TEST_CASE("resolve_text sees the feature gates of its source") {
  Diagnostics diags;
  ResolveResult r = resolve_text("<stdin>", "package t:mem;\n@unstable(feature = fast)\ninterface i {}\n", {}, diags);
  CHECK(r.ok());
  CHECK(r.resolve->gate_features.count("fast") == 1);
}
