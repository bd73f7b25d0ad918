// The registry log (crates/transparency's log in the reference): node
// hashes kept by in-order index, roots as the right fold of the balanced
// roots, and proofs as the walk from a node up to its balanced root and then
// across the other balanced roots.
#include "plumb/registry-client/merkle_log.h"

#include <algorithm>
#include <bit>

#include "proofs.pb.h"

namespace plumb::warg {

namespace {

constexpr std::string_view kLeafTag = "WARG-LOG-LEAF-V0";

// The walk of `index` at `length`: the siblings climbed past, then the
// balanced roots right of the one reached (rightmost first), then those
// left of it (nearest first).
struct Walk {
  std::vector<uint64_t> climb, lower, upper;
};

Walk walk_of(uint64_t index, uint64_t length) {
  Walk w;
  std::vector<uint64_t> roots = node::balanced_roots(length);
  auto is_root = [&](uint64_t i) { return std::find(roots.begin(), roots.end(), i) != roots.end(); };
  while (!is_root(index)) {
    w.climb.push_back(node::sibling(index));
    index = node::parent(index);
  }
  size_t at = std::find(roots.begin(), roots.end(), index) - roots.begin();
  for (size_t i = roots.size(); i-- > at + 1;) w.lower.push_back(roots[i]);
  for (size_t i = at; i-- > 0;) w.upper.push_back(roots[i]);
  return w;
}

// Evaluates the walk of `index` (whose hash is `start`) with the hashes
// `lookup` gives.
template <class Lookup>
Result<Digest> evaluate(uint64_t index, Digest start, uint64_t length, Lookup&& lookup) {
  Walk w = walk_of(index, length);
  Digest h = start;
  uint64_t at = index;
  for (uint64_t sib : w.climb) {
    const Digest* s = lookup(sib);
    if (!s) return fail(ErrorKind::BadProof, "the proof lacks the hash of node " + std::to_string(sib));
    h = sib < at ? branch_hash(*s, h) : branch_hash(h, *s);
    at = node::parent(at);
  }
  if (!w.lower.empty()) {
    const Digest* acc = lookup(w.lower.front());
    if (!acc) return fail(ErrorKind::BadProof, "the proof lacks the hash of node " + std::to_string(w.lower.front()));
    Digest folded = *acc;
    for (size_t i = 1; i < w.lower.size(); ++i) {
      const Digest* left = lookup(w.lower[i]);
      if (!left) return fail(ErrorKind::BadProof, "the proof lacks the hash of node " + std::to_string(w.lower[i]));
      folded = branch_hash(*left, folded);
    }
    h = branch_hash(h, folded);
  }
  for (uint64_t up : w.upper) {
    const Digest* left = lookup(up);
    if (!left) return fail(ErrorKind::BadProof, "the proof lacks the hash of node " + std::to_string(up));
    h = branch_hash(*left, h);
  }
  return h;
}

}  // namespace

Digest leaf_hash(const LogLeaf& leaf) {
  std::string data(1, '\0');
  data += kLeafTag;
  append_prefixed(data, leaf.log_id.to_string());
  append_prefixed(data, leaf.record_id.to_string());
  return Digest::of(data);
}

Digest empty_log_root() { return Digest::of(""); }

namespace node {

uint32_t height(uint64_t index) { return static_cast<uint32_t>(std::countr_one(index)); }

// A node is a left child when the bit above its trailing ones is 0.
static bool is_left(uint64_t index) { return ((index >> (height(index) + 1)) & 1) == 0; }

uint64_t parent(uint64_t index) {
  uint64_t step = uint64_t(1) << height(index);
  return is_left(index) ? index + step : index - step;
}

uint64_t sibling(uint64_t index) {
  uint64_t step = uint64_t(1) << (height(index) + 1);
  return is_left(index) ? index + step : index - step;
}

uint64_t left_child(uint64_t index) { return index - (uint64_t(1) << (height(index) - 1)); }
uint64_t right_child(uint64_t index) { return index + (uint64_t(1) << (height(index) - 1)); }

bool exists_at(uint64_t index, uint64_t length) {
  uint64_t rightmost = index + (uint64_t(1) << height(index)) - 1;
  return rightmost / 2 < length;
}

std::vector<uint64_t> balanced_roots(uint64_t length) {
  std::vector<uint64_t> out;
  uint64_t start = 0;  // the first leaf of the next subtree
  for (int bit = 63; bit >= 0; --bit) {
    uint64_t size = uint64_t(1) << bit;
    if (!(length & size)) continue;
    out.push_back(2 * start + size - 1);
    start += size;
  }
  return out;
}

}  // namespace node

void MerkleLog::push(const Digest& leaf) {
  uint64_t index = 2 * length_;
  nodes_.resize(index + 1);
  nodes_[index] = leaf;
  // Complete every subtree this leaf closes.
  while (!node::is_left(index)) {
    uint64_t p = node::parent(index);
    nodes_[p] = branch_hash(nodes_[node::sibling(index)], nodes_[index]);
    index = p;
  }
  ++length_;
}

Digest MerkleLog::root_at(uint64_t length) const {
  std::vector<uint64_t> roots = node::balanced_roots(length);
  if (roots.empty()) return empty_log_root();
  Digest acc = nodes_[roots.back()];
  for (size_t i = roots.size() - 1; i-- > 0;) acc = branch_hash(nodes_[roots[i]], acc);
  return acc;
}

void MerkleLog::add_walk(LogProofBundle& bundle, uint64_t index, uint64_t length) const {
  Walk w = walk_of(index, length);
  for (const auto* part : {&w.climb, &w.lower, &w.upper}) {
    for (uint64_t i : *part) bundle.hashes[static_cast<uint32_t>(i)] = nodes_[i];
  }
}

LogProofBundle MerkleLog::inclusion_proof(uint64_t length, const std::vector<uint64_t>& leaves) const {
  LogProofBundle bundle;
  bundle.log_length = static_cast<uint32_t>(length);
  for (uint64_t leaf : leaves) {
    bundle.included_indices.push_back(static_cast<uint32_t>(2 * leaf));
    add_walk(bundle, 2 * leaf, length);
  }
  return bundle;
}

LogProofBundle MerkleLog::consistency_proof(uint64_t old_length, uint64_t length) const {
  LogProofBundle bundle;
  bundle.log_length = static_cast<uint32_t>(length);
  bundle.consistent_lengths.push_back(static_cast<uint32_t>(old_length));
  for (uint64_t root : node::balanced_roots(old_length)) {
    bundle.hashes[static_cast<uint32_t>(root)] = nodes_[root];
    add_walk(bundle, root, length);
  }
  return bundle;
}

std::string LogProofBundle::encode() const {
  ::warg::transparency::LogProofBundle m;
  m.set_log_length(log_length);
  for (uint32_t l : consistent_lengths) m.add_consistent_lengths(l);
  for (uint32_t i : included_indices) m.add_included_indices(i);
  for (const auto& [index, hash] : hashes) {
    auto* e = m.add_hashes();
    e->set_index(index);
    e->set_hash(std::string(hash.raw()));
  }
  return m.SerializeAsString();
}

Result<LogProofBundle> LogProofBundle::decode(std::string_view bytes) {
  ::warg::transparency::LogProofBundle m;
  if (!m.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return fail(ErrorKind::Malformed, "the log proof is not a valid protobuf message");
  }
  LogProofBundle b;
  b.log_length = m.log_length();
  b.consistent_lengths.assign(m.consistent_lengths().begin(), m.consistent_lengths().end());
  b.included_indices.assign(m.included_indices().begin(), m.included_indices().end());
  for (const auto& e : m.hashes()) {
    if (e.hash().size() != 32) return fail(ErrorKind::Malformed, "a log proof hash is not 32 bytes");
    Digest d;
    std::copy(e.hash().begin(), e.hash().end(), d.bytes.begin());
    if (!b.hashes.emplace(e.index(), d).second) {
      return fail(ErrorKind::Malformed, "the log proof gives node " + std::to_string(e.index()) + " twice");
    }
  }
  return b;
}

Result<Digest> LogProofBundle::inclusion_root(uint64_t leaf_index, const Digest& leaf) const {
  if (leaf_index >= log_length) {
    return fail(ErrorKind::BadProof, "leaf " + std::to_string(leaf_index) + " is not in a log of length " +
                                         std::to_string(log_length));
  }
  auto lookup = [&](uint64_t i) -> const Digest* {
    auto it = hashes.find(static_cast<uint32_t>(i));
    return it == hashes.end() ? nullptr : &it->second;
  };
  return evaluate(2 * leaf_index, leaf, log_length, lookup);
}

Result<std::pair<Digest, Digest>> LogProofBundle::consistency_roots(uint64_t old_length) const {
  if (old_length == 0 || old_length > log_length) {
    return fail(ErrorKind::BadProof, "no consistency proof from length " + std::to_string(old_length) + " to " +
                                         std::to_string(log_length));
  }
  auto lookup = [&](uint64_t i) -> const Digest* {
    auto it = hashes.find(static_cast<uint32_t>(i));
    return it == hashes.end() ? nullptr : &it->second;
  };
  std::vector<uint64_t> roots = node::balanced_roots(old_length);
  std::optional<Digest> new_root;
  std::vector<Digest> old_hashes;
  for (uint64_t root : roots) {
    const Digest* h = lookup(root);
    if (!h) return fail(ErrorKind::BadProof, "the proof lacks the hash of node " + std::to_string(root));
    old_hashes.push_back(*h);
    Result<Digest> leads_to = evaluate(root, *h, log_length, lookup);
    if (!leads_to) return Unexpected{std::move(leads_to).error()};
    if (new_root && *new_root != *leads_to) {
      return fail(ErrorKind::BadProof, "the old log's subtrees lead to different new roots");
    }
    new_root = *leads_to;
  }
  Digest old_root = old_hashes.back();
  for (size_t i = old_hashes.size() - 1; i-- > 0;) old_root = branch_hash(old_hashes[i], old_root);
  return std::pair{old_root, *new_root};
}

Result<std::monostate> verify_inclusion(const LogProofBundle& bundle, uint64_t leaf_index, const LogLeaf& leaf,
                                        const Digest& root) {
  Result<Digest> found = bundle.inclusion_root(leaf_index, leaf_hash(leaf));
  if (!found) return Unexpected{std::move(found).error()};
  if (*found != root) {
    return fail(ErrorKind::BadProof, "the inclusion proof of registry index " + std::to_string(leaf_index) +
                                         " leads to root " + found->to_string() + ", not the checkpoint's " +
                                         root.to_string());
  }
  return std::monostate{};
}

Result<std::monostate> verify_consistency(const LogProofBundle& bundle, uint64_t old_length, const Digest& old_root,
                                          const Digest& new_root) {
  Result<std::pair<Digest, Digest>> roots = bundle.consistency_roots(old_length);
  if (!roots) return Unexpected{std::move(roots).error()};
  if (roots->first != old_root) {
    return fail(ErrorKind::BadProof, "the consistency proof gives old root " + roots->first.to_string() +
                                         ", not the one seen before, " + old_root.to_string());
  }
  if (roots->second != new_root) {
    return fail(ErrorKind::BadProof, "the consistency proof leads to root " + roots->second.to_string() +
                                         ", not the checkpoint's " + new_root.to_string());
  }
  return std::monostate{};
}

}  // namespace plumb::warg
