// The registry log: node arithmetic as the reference's tables give it, roots
// equal to RFC 6962's, every inclusion and consistency proof verifying, and
// tampered proofs refused.
#include <doctest/doctest.h>

#include "plumb/registry-client/merkle_log.h"
#include "plumb/registry-client/records.h"

using namespace plumb::warg;

namespace {

// RFC 6962's Merkle tree hash of leaf hashes [begin, end).
Digest rfc6962_root(const std::vector<Digest>& leaves, size_t begin, size_t end) {
  if (end - begin == 1) return leaves[begin];
  size_t split = 1;
  while (split * 2 < end - begin) split *= 2;
  return branch_hash(rfc6962_root(leaves, begin, begin + split), rfc6962_root(leaves, begin + split, end));
}

LogLeaf leaf(size_t i) { return {Digest::of("log " + std::to_string(i % 3)), Digest::of("record " + std::to_string(i))}; }

}  // namespace

TEST_CASE("node indices") {
  using V = std::vector<uint64_t>;
  CHECK(node::balanced_roots(7) == V{3, 9, 12});
  CHECK(node::balanced_roots(3) == V{1, 4});
  CHECK(node::balanced_roots(6) == V{3, 9});
  CHECK(node::balanced_roots(0).empty());
  CHECK(node::height(7) == 3);
  CHECK(node::parent(0) == 1);
  CHECK(node::parent(2) == 1);
  CHECK(node::parent(1) == 3);
  CHECK(node::parent(5) == 3);
  CHECK(node::sibling(4) == 6);
  CHECK(node::sibling(9) == 13);
  CHECK(node::left_child(3) == 1);
  CHECK(node::right_child(3) == 5);
  CHECK(node::exists_at(3, 4));
  CHECK_FALSE(node::exists_at(3, 3));
}

TEST_CASE("the walks of the reference's proof tests") {
  MerkleLog log;
  for (size_t i = 0; i < 7; ++i) log.push(leaf_hash(leaf(i)));
  auto indices = [](const LogProofBundle& b) {
    std::vector<uint32_t> out;
    for (const auto& [i, h] : b.hashes) out.push_back(i);
    return out;
  };
  CHECK(indices(log.inclusion_proof(7, {3})) == std::vector<uint32_t>{1, 4, 9, 12});  // node 6 at length 7
  CHECK(indices(log.inclusion_proof(3, {2})) == std::vector<uint32_t>{1});           // node 4 at length 3
}

TEST_CASE("the root of the operator's first record alone") {
  MerkleLog log;
  Digest id = *Digest::parse("sha256:16ecafc12f77da3654f683244d82877a15963a67472583eef7b4e1bdacd8f0e8");
  log.push(leaf_hash({operator_log_id(), id}));
  CHECK(log.root().to_string() == "sha256:2753b4ac0a06b25d63201e1383e057d099b1b62f6975b717d41516760e3b5dff");
  CHECK(MerkleLog().root() == empty_log_root());
}

TEST_CASE("roots are RFC 6962's, and every proof holds") {
  MerkleLog log;
  std::vector<Digest> leaves;
  std::vector<Digest> roots{empty_log_root()};
  for (size_t n = 1; n <= 40; ++n) {
    leaves.push_back(leaf_hash(leaf(n - 1)));
    log.push(leaves.back());
    REQUIRE(log.root() == rfc6962_root(leaves, 0, n));
    roots.push_back(log.root());
  }
  for (uint64_t n = 1; n <= 40; ++n) {
    CAPTURE(n);
    for (uint64_t i = 0; i < n; ++i) {
      LogProofBundle b = *LogProofBundle::decode(log.inclusion_proof(n, {i}).encode());
      CHECK(verify_inclusion(b, i, leaf(i), roots[n]));
      CHECK_FALSE(verify_inclusion(b, i, leaf(i + 1), roots[n]));
    }
    for (uint64_t old = 1; old <= n; ++old) {
      LogProofBundle b = *LogProofBundle::decode(log.consistency_proof(old, n).encode());
      CHECK(verify_consistency(b, old, roots[old], roots[n]));
      if (old < n) CHECK_FALSE(verify_consistency(b, old, roots[old - 1], roots[n]));
    }
  }
}

TEST_CASE("tampered proofs are refused") {
  MerkleLog log;
  for (size_t i = 0; i < 25; ++i) log.push(leaf_hash(leaf(i)));
  LogProofBundle b = log.inclusion_proof(25, {7});
  REQUIRE(verify_inclusion(b, 7, leaf(7), log.root()));
  LogProofBundle changed = b;
  changed.hashes.begin()->second.bytes[0] ^= 1;
  CHECK(verify_inclusion(changed, 7, leaf(7), log.root()).error().kind == ErrorKind::BadProof);
  LogProofBundle missing = b;
  missing.hashes.erase(missing.hashes.begin());
  CHECK(verify_inclusion(missing, 7, leaf(7), log.root()).error().message.find("lacks the hash of node") !=
        std::string::npos);
  CHECK_FALSE(verify_inclusion(b, 30, leaf(7), log.root()));

  LogProofBundle c = log.consistency_proof(10, 25);
  Digest old_root = log.root_at(10);
  REQUIRE(verify_consistency(c, 10, old_root, log.root()));
  CHECK_FALSE(verify_consistency(c, 10, old_root, log.root_at(24)));
  c.hashes.rbegin()->second.bytes[5] ^= 0x80;
  CHECK_FALSE(verify_consistency(c, 10, old_root, log.root()));
  CHECK(LogProofBundle::decode("\x22\x02\x08").error().kind == ErrorKind::Malformed);
}
