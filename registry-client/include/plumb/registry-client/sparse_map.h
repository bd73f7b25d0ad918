// The registry map: a sparse Merkle tree of depth 256 from each log id to
// the id of its latest record, keyed by H(raw log id) with the most
// significant bit first (0 = left), with inclusion proofs in the wire form
// of MapProofBundle. Any correct sparse Merkle tree gives the reference's
// roots (it compresses subtrees; this one computes them from sorted keys).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plumb/registry-client/error.h"
#include "plumb/registry-client/hash.h"

namespace plumb::warg {

Digest map_leaf_hash(const Digest& record_id);  // H(0x00 ‖ WARG-MAP-LEAF-V0 ‖ ps(record id))
const Digest& empty_subtree(unsigned height);  // E(h); E(256) is the empty map's root

// One proof: sibling hashes from the deepest fork on the key's path up to
// the root's children (absent: an empty subtree).
struct MapProof {
  std::vector<std::optional<Digest>> hashes;
  // The root a map holding `log_id -> record_id` has, by this proof.
  Digest root(const Digest& log_id, const Digest& record_id) const;
};

struct MapProofBundle {
  std::vector<MapProof> proofs;
  std::string encode() const;
  static Result<MapProofBundle> decode(std::string_view bytes);
};

class SparseMap {
 public:
  void set(const Digest& log_id, const Digest& record_id);
  const Digest* get(const Digest& log_id) const;
  size_t size() const { return leaves_.size(); }
  Digest root() const;
  // The proof of `log_id`'s entry; nullopt if the map has none.
  std::optional<MapProof> prove(const Digest& log_id) const;

 private:
  struct Leaf {
    Digest log_id;
    Digest record_id;
    Digest value;  // map_leaf_hash(record_id)
  };
  using Leaves = std::map<Digest, Leaf>;  // by key path
  Digest subtree(Leaves::const_iterator begin, Leaves::const_iterator end, unsigned depth) const;
  Leaves leaves_;
  mutable std::optional<Digest> root_;  // cached until the next set
};

// Checks that the map of root `map_root` holds `log_id -> record_id`.
Result<std::monostate> verify_map_inclusion(const MapProof& proof, const Digest& log_id, const Digest& record_id,
                                            const Digest& map_root);

}  // namespace plumb::warg
