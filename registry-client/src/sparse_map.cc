// The registry map. Keys are sorted by path, so the keys under any node are
// a contiguous range and a subtree's hash is computed by splitting the range
// at the first key whose bit at that depth is 1.
#include "plumb/registry-client/sparse_map.h"

#include <algorithm>
#include <array>

#include "proofs.pb.h"

namespace plumb::warg {

namespace {

constexpr unsigned kDepth = 256;

bool bit(const Digest& path, unsigned i) { return (path.bytes[i / 8] >> (7 - i % 8)) & 1; }

Digest path_of(const Digest& log_id) { return Digest::of(log_id.raw()); }

}  // namespace

Digest map_leaf_hash(const Digest& record_id) {
  std::string data(1, '\0');
  data += "WARG-MAP-LEAF-V0";
  append_prefixed(data, record_id.to_string());
  return Digest::of(data);
}

const Digest& empty_subtree(unsigned height) {
  static const std::array<Digest, kDepth + 1> table = [] {
    std::array<Digest, kDepth + 1> t;
    t[0] = Digest::of(std::string(1, '\0'));
    for (unsigned h = 1; h <= kDepth; ++h) t[h] = branch_hash(t[h - 1], t[h - 1]);
    return t;
  }();
  return table[height];
}

void SparseMap::set(const Digest& log_id, const Digest& record_id) {
  leaves_[path_of(log_id)] = Leaf{log_id, record_id, map_leaf_hash(record_id)};
  root_.reset();
}

const Digest* SparseMap::get(const Digest& log_id) const {
  auto it = leaves_.find(path_of(log_id));
  return it == leaves_.end() ? nullptr : &it->second.record_id;
}

Digest SparseMap::subtree(Leaves::const_iterator begin, Leaves::const_iterator end, unsigned depth) const {
  if (begin == end) return empty_subtree(kDepth - depth);
  if (std::next(begin) == end) {
    // One key: its leaf hashed up with empty siblings.
    Digest h = begin->second.value;
    for (unsigned d = kDepth; d-- > depth;) {
      h = bit(begin->first, d) ? branch_hash(empty_subtree(kDepth - 1 - d), h)
                               : branch_hash(h, empty_subtree(kDepth - 1 - d));
    }
    return h;
  }
  auto split = std::partition_point(begin, end, [&](const auto& e) { return !bit(e.first, depth); });
  return branch_hash(subtree(begin, split, depth + 1), subtree(split, end, depth + 1));
}

Digest SparseMap::root() const {
  if (!root_) root_ = subtree(leaves_.begin(), leaves_.end(), 0);
  return *root_;
}

std::optional<MapProof> SparseMap::prove(const Digest& log_id) const {
  Digest path = path_of(log_id);
  if (!leaves_.contains(path)) return std::nullopt;
  // Siblings from the root down, while the key shares its range with others.
  std::vector<Digest> from_top;
  auto begin = leaves_.cbegin(), end = leaves_.cend();
  unsigned depth = 0;
  std::vector<Digest> siblings;
  unsigned deepest = 0;  // 1 + the depth of the deepest non-empty sibling
  while (std::next(begin) != end) {
    auto split = std::partition_point(begin, end, [&](const auto& e) { return !bit(e.first, depth); });
    bool right = bit(path, depth);
    auto sib_begin = right ? begin : split, sib_end = right ? split : end;
    siblings.push_back(subtree(sib_begin, sib_end, depth + 1));
    if (sib_begin != sib_end) deepest = depth + 1;
    if (right) {
      begin = split;
    } else {
      end = split;
    }
    ++depth;
  }
  MapProof proof;
  // Bottom-up, from the deepest fork to the root's children.
  for (unsigned d = deepest; d-- > 0;) proof.hashes.push_back(siblings[d]);
  return proof;
}

Digest MapProof::root(const Digest& log_id, const Digest& record_id) const {
  Digest path = path_of(log_id);
  Digest h = map_leaf_hash(record_id);
  size_t n = hashes.size();
  for (unsigned level = 0; level < kDepth; ++level) {
    Digest sib = empty_subtree(level);
    if (level >= kDepth - n) {
      const std::optional<Digest>& given = hashes[level - (kDepth - n)];
      if (given) sib = *given;
    }
    h = bit(path, kDepth - 1 - level) ? branch_hash(sib, h) : branch_hash(h, sib);
  }
  return h;
}

std::string MapProofBundle::encode() const {
  ::warg::transparency::MapProofBundle m;
  for (const MapProof& p : proofs) {
    auto* proof = m.add_proofs();
    for (const std::optional<Digest>& h : p.hashes) {
      auto* entry = proof->add_hashes();
      if (h) entry->set_hash(std::string(h->raw()));
    }
  }
  return m.SerializeAsString();
}

Result<MapProofBundle> MapProofBundle::decode(std::string_view bytes) {
  ::warg::transparency::MapProofBundle m;
  if (!m.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return fail(ErrorKind::Malformed, "the map proof is not a valid protobuf message");
  }
  MapProofBundle b;
  for (const auto& proof : m.proofs()) {
    if (proof.hashes_size() > static_cast<int>(kDepth)) {
      return fail(ErrorKind::Malformed, "a map proof has more than 256 hashes");
    }
    MapProof p;
    for (const auto& h : proof.hashes()) {
      if (!h.has_hash()) {
        p.hashes.emplace_back();
        continue;
      }
      if (h.hash().size() != 32) return fail(ErrorKind::Malformed, "a map proof hash is not 32 bytes");
      Digest d;
      std::copy(h.hash().begin(), h.hash().end(), d.bytes.begin());
      p.hashes.emplace_back(d);
    }
    b.proofs.push_back(std::move(p));
  }
  return b;
}

Result<std::monostate> verify_map_inclusion(const MapProof& proof, const Digest& log_id, const Digest& record_id,
                                            const Digest& map_root) {
  Digest found = proof.root(log_id, record_id);
  if (found != map_root) {
    return fail(ErrorKind::BadProof, "the map proof of log " + log_id.to_string() + " -> " + record_id.to_string() +
                                         " leads to root " + found.to_string() + ", not the checkpoint's " +
                                         map_root.to_string());
  }
  return std::monostate{};
}

}  // namespace plumb::warg
