// The registry log: an append-only Merkle tree over every sequenced record
// (RFC 6962's shape), addressed by in-order node indices as the reference
// does (leaf i is node 2i; a node's height is the number of trailing one
// bits of its index), with the inclusion and consistency proofs the registry
// serves and the client checks.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "plumb/registry-client/error.h"
#include "plumb/registry-client/hash.h"

namespace plumb::warg {

// A leaf: which log got which record.
struct LogLeaf {
  Digest log_id;
  Digest record_id;
};
Digest leaf_hash(const LogLeaf& leaf);    // H(0x00 ‖ WARG-LOG-LEAF-V0 ‖ ...)
Digest empty_log_root();                  // H("")

// In-order node index arithmetic.
namespace node {
uint32_t height(uint64_t index);
uint64_t parent(uint64_t index);
uint64_t sibling(uint64_t index);
uint64_t left_child(uint64_t index);
uint64_t right_child(uint64_t index);
bool exists_at(uint64_t index, uint64_t length);
// The roots of the perfect subtrees a log of `length` leaves is made of,
// largest (leftmost) first.
std::vector<uint64_t> balanced_roots(uint64_t length);
}  // namespace node

// Proofs against one log length, in the wire form of LogProofBundle.
struct LogProofBundle {
  uint32_t log_length = 0;
  std::vector<uint32_t> consistent_lengths;
  std::vector<uint32_t> included_indices;  // node indices (2 × leaf index)
  std::map<uint32_t, Digest> hashes;       // every node the proofs need

  std::string encode() const;
  static Result<LogProofBundle> decode(std::string_view bytes);

  // The root of `log_length` that leaf `leaf_index` (with hash `leaf`)
  // gives through the bundle's hashes; an error if a node is missing.
  Result<Digest> inclusion_root(uint64_t leaf_index, const Digest& leaf) const;
  // For a consistency proof from `old_length`: the old root (the fold of its
  // balanced roots) and the new root they each lead to (all must agree).
  Result<std::pair<Digest, Digest>> consistency_roots(uint64_t old_length) const;
};

class MerkleLog {
 public:
  void push(const Digest& leaf);
  uint64_t length() const { return length_; }
  Digest root() const { return root_at(length_); }
  Digest root_at(uint64_t length) const;
  const Digest& hash(uint64_t node_index) const { return nodes_[node_index]; }

  // Proofs of leaves (by leaf index) at `length`, and of consistency from
  // `old_length` to `length`.
  LogProofBundle inclusion_proof(uint64_t length, const std::vector<uint64_t>& leaves) const;
  LogProofBundle consistency_proof(uint64_t old_length, uint64_t length) const;

 private:
  void add_walk(LogProofBundle& bundle, uint64_t index, uint64_t length) const;
  std::vector<Digest> nodes_;  // by in-order index; complete subtrees only
  uint64_t length_ = 0;
};

// Checks that record `leaf` is leaf `leaf_index` of the log whose root at
// the bundle's length is `root`.
Result<std::monostate> verify_inclusion(const LogProofBundle& bundle, uint64_t leaf_index, const LogLeaf& leaf,
                                        const Digest& root);
// Checks that the log of root `old_root` at `old_length` is a prefix of the
// one of root `new_root` at the bundle's length.
Result<std::monostate> verify_consistency(const LogProofBundle& bundle, uint64_t old_length, const Digest& old_root,
                                          const Digest& new_root);

}  // namespace plumb::warg
