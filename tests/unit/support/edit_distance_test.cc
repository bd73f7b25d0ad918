#include <doctest/doctest.h>

#include "plumb/support/edit_distance.h"

using namespace plumb;

TEST_CASE("edit_distance counts single-byte edits") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("abc", "") == 3);
  CHECK(edit_distance("record", "record") == 0);
  CHECK(edit_distance("recrod", "record") == 2);  // a swap is two edits
  CHECK(edit_distance("interfce", "interface") == 1);
  CHECK(edit_distance("strin", "string") == 1);
  CHECK(edit_distance("u23", "u32") == 2);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("kitten", "sitting") == edit_distance("sitting", "kitten"));
}

TEST_CASE("edit_distance is case-sensitive") {
  CHECK(edit_distance("Record", "record") == 1);
  CHECK(edit_distance("WORLD", "world") == 5);
}
