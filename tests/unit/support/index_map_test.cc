// IndexMap: insertion order, lookups in small (scanned) and large (hashed)
// maps, and an index that is made ahead (reserve) or kept across clear().
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "plumb/support/index_map.h"

using namespace plumb;

namespace {

std::vector<std::string> names(size_t n) {
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i) out.push_back("name-" + std::to_string(i));
  return out;
}

// Every key is found at its position, a missing one is not, and a second
// insertion of a key keeps the first value.
void check_map(IndexMap<std::string_view, int>& m, const std::vector<std::string>& keys) {
  REQUIRE(m.size() == keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    CHECK(m.index_of(keys[i]) == static_cast<int64_t>(i));
    CHECK(m.at_index(i).first == keys[i]);
    auto [value, inserted] = m.try_insert(keys[i], -1);
    CHECK_FALSE(inserted);
    CHECK(*value == static_cast<int>(i));
  }
  CHECK(m.index_of("missing") == -1);
  CHECK(m.size() == keys.size());
}

}  // namespace

TEST_CASE("IndexMap keeps insertion order and finds keys, small or large") {
  for (size_t n : {0, 1, 7, 8, 9, 16, 100, 5000}) {
    std::vector<std::string> keys = names(n);
    IndexMap<std::string_view, int> m;
    for (size_t i = 0; i < n; ++i) CHECK(m.try_insert(keys[i], static_cast<int>(i)).second);
    check_map(m, keys);
  }
}

TEST_CASE("IndexMap with an index made ahead or kept across clear") {
  std::vector<std::string> keys = names(40);
  for (size_t reserve : {3, 9, 64, 1000}) {
    IndexMap<std::string_view, int> m;
    m.reserve(reserve);
    for (size_t n : {2, 8, 9, 40}) {
      m.clear();
      std::vector<std::string> some(keys.begin(), keys.begin() + static_cast<long>(n));
      for (size_t i = 0; i < n; ++i) CHECK(m.try_insert(some[i], static_cast<int>(i)).second);
      check_map(m, some);
    }
  }
}

TEST_CASE("IndexMap retain and insert_or_assign keep positions") {
  std::vector<std::string> keys = names(20);
  IndexMap<std::string_view, int> m;
  for (size_t i = 0; i < keys.size(); ++i) m.try_insert(keys[i], static_cast<int>(i));
  m.retain([](std::string_view, int& v) { return v % 2 == 0; });
  REQUIRE(m.size() == 10);
  for (size_t i = 0; i < m.size(); ++i) CHECK(m.index_of(keys[2 * i]) == static_cast<int64_t>(i));
  CHECK(m.index_of(keys[1]) == -1);
  CHECK(m.insert_or_assign(keys[4], 99));
  CHECK(*m.find(keys[4]) == 99);
  CHECK(m.index_of(keys[4]) == 2);
  CHECK_FALSE(m.insert_or_assign(keys[1], 1));
  CHECK(m.index_of(keys[1]) == 10);
}

TEST_CASE("IndexMap push_new appends new keys, small or large, with or without an index") {
  for (size_t n : {0, 5, 8, 9, 300}) {
    for (size_t reserve : {0, 20}) {
      std::vector<std::string> keys = names(n);
      IndexMap<std::string_view, int> m;
      m.reserve(reserve);
      for (size_t i = 0; i < n; ++i) m.push_new(keys[i], static_cast<int>(i));
      check_map(m, keys);
    }
  }
  // Mixed with try_insert: an index built by a lookup is kept up to date.
  std::vector<std::string> keys = names(30);
  IndexMap<std::string_view, int> m;
  for (size_t i = 0; i < 30; ++i) {
    if (i % 2 == 0) m.push_new(keys[i], static_cast<int>(i));
    else CHECK(m.try_insert(keys[i], static_cast<int>(i)).second);
  }
  check_map(m, keys);
}

TEST_CASE("NameEqual agrees with string equality at every length and every differing byte") {
  NameEqual eq;
  for (size_t n = 0; n <= 40; ++n) {
    std::string a(n, 'x');
    for (size_t i = 0; i < n; ++i) a[i] = static_cast<char>('a' + i % 26);
    std::string b = a;
    CHECK(eq(a, b));
    for (size_t i = 0; i < n; ++i) {
      std::string c = a;
      c[i] = '-';
      CHECK_MESSAGE(eq(a, c) == (a == c), n, " ", i);
    }
    CHECK_FALSE(eq(a, a + "y"));
    if (n > 0) {
      std::string rotated = a.substr(1) + a.front();
      CHECK(eq(a, rotated) == (a == rotated));
    }
  }
}
