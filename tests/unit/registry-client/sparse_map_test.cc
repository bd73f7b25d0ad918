// The registry map: the notes' values, roots equal to a naive full-depth
// sparse Merkle tree, proofs that verify for what the map holds only.
#include <doctest/doctest.h>

#include <map>

#include "plumb/registry-client/records.h"
#include "plumb/registry-client/sparse_map.h"

using namespace plumb::warg;

namespace {

// Level by level from the leaves: each node's hash keyed by its path prefix
// (the path with the bits below it cleared), empty siblings as E(h).
Digest naive_root(const std::vector<std::pair<Digest, Digest>>& entries) {
  std::map<std::vector<bool>, Digest> level;
  for (const auto& [log_id, record_id] : entries) {
    Digest path = Digest::of(log_id.raw());
    std::vector<bool> bits;
    for (unsigned i = 0; i < 256; ++i) bits.push_back((path.bytes[i / 8] >> (7 - i % 8)) & 1);
    level[bits] = map_leaf_hash(record_id);
  }
  for (unsigned height = 0; height < 256; ++height) {
    std::map<std::vector<bool>, Digest> up;
    for (const auto& [prefix, hash] : level) {
      std::vector<bool> parent(prefix.begin(), prefix.end() - 1);
      if (up.count(parent)) continue;
      std::vector<bool> left = parent, right = parent;
      left.push_back(false);
      right.push_back(true);
      auto l = level.find(left), r = level.find(right);
      up[parent] = branch_hash(l == level.end() ? empty_subtree(height) : l->second,
                               r == level.end() ? empty_subtree(height) : r->second);
    }
    level = std::move(up);
  }
  return level.empty() ? empty_subtree(256) : level.begin()->second;
}

}  // namespace

TEST_CASE("the notes' empty subtrees and single-entry root") {
  CHECK(empty_subtree(0).hex().starts_with("6e340b9c"));
  CHECK(empty_subtree(0).hex().ends_with("a01d"));
  CHECK(empty_subtree(256).to_string() == "sha256:c6689f10812a0980976d9533d83875282166159567ec35155716c1413af53d6a");
  SparseMap map;
  CHECK(map.root() == empty_subtree(256));
  map.set(operator_log_id(), *Digest::parse("sha256:16ecafc12f77da3654f683244d82877a15963a67472583eef7b4e1bdacd8f0e8"));
  CHECK(map.root().to_string() == "sha256:ec8466bd299387d5926b8c0a0f18864255d86bd4ed1339cd10e79c309704d042");
}

TEST_CASE("roots equal a naive tree's and every entry proves") {
  SparseMap map;
  std::vector<std::pair<Digest, Digest>> entries;
  for (int i = 0; i < 40; ++i) {
    Digest log = Digest::of("log " + std::to_string(i));
    Digest record = Digest::of("record " + std::to_string(i));
    map.set(log, record);
    entries.emplace_back(log, record);
    if (i % 7 == 0) {
      // An update replaces the entry.
      Digest newer = Digest::of("newer " + std::to_string(i));
      map.set(log, newer);
      entries.back().second = newer;
    }
    REQUIRE(map.root() == naive_root(entries));
  }
  Digest root = map.root();
  for (const auto& [log, record] : entries) {
    std::optional<MapProof> proof = map.prove(log);
    REQUIRE(proof);
    MapProofBundle bundle{{*proof}};
    MapProofBundle back = *MapProofBundle::decode(bundle.encode());
    CHECK(verify_map_inclusion(back.proofs[0], log, record, root));
    CHECK_FALSE(verify_map_inclusion(back.proofs[0], log, Digest::of("stale"), root));
    CHECK(back.proofs[0].hashes.size() < 40);  // only down to the deepest fork
  }
  CHECK_FALSE(map.prove(Digest::of("absent")));
  // One entry alone proves with no hashes at all.
  SparseMap one;
  one.set(entries[0].first, entries[0].second);
  CHECK(one.prove(entries[0].first)->hashes.empty());
  CHECK(verify_map_inclusion(*one.prove(entries[0].first), entries[0].first, entries[0].second, one.root()));
}
