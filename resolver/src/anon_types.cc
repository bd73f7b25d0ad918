#include "anon_types.h"

#include <algorithm>

namespace plumb {
namespace {

// An anchor takes at most this many entries; more go to the hash table, so
// no lookup walks a long list.
constexpr uint32_t kMaxPerAnchor = 16;

uint64_t encode(Type t) {
  return t.kind() == Type::Ref ? (uint64_t{t.id().index} << 8) | uint64_t{Type::Ref} : uint64_t{t.kind()} + 1;
}

// The newest type `def` refers to, or UINT32_MAX.
uint32_t anchor_of(const TypeDef& d) {
  uint32_t anchor = UINT32_MAX;
  auto see = [&](Type t) {
    if (t.is_ref() && (anchor == UINT32_MAX || t.id().index > anchor)) anchor = t.id().index;
  };
  d.for_each_slot(see);
  for (const Member& m : d.members) see(m.type);
  return anchor;
}

bool same_members(const TypeDef& x, const TypeDef& y) {
  if (x.members.size() != y.members.size()) return false;
  for (size_t i = 0; i < x.members.size(); ++i) {
    if (!(x.members[i].type == y.members[i].type)) return false;
  }
  return true;
}

}  // namespace

AnonTypes::Key AnonTypes::key_of(const TypeDef& d) {
  Key k;
  const std::optional<Type> first = d.first_slot(), second = d.second_slot();
  k.shape = static_cast<uint64_t>(d.kind) | (static_cast<uint64_t>(d.handle) << 8) |
            (uint64_t{first.has_value()} << 16) | (uint64_t{second.has_value()} << 17) | (uint64_t{d.size} << 32);
  k.a = first ? encode(*first) : 0;
  k.b = second ? encode(*second) : 0;
  if (!d.members.empty()) {
    k.shape ^= uint64_t{d.members.size()} << 18;
    uint64_t h = 1469598103934665603ull;
    for (const Member& m : d.members) h = (h ^ encode(m.type)) * 1099511628211ull;
    k.b ^= h;
  }
  return k;
}

size_t AnonTypes::hash_of(const Key& k) {
  uint64_t h = (k.shape ^ 0x9E3779B97F4A7C15ull) * 0xBF58476D1CE4E5B9ull;
  h = (h ^ k.a ^ (h >> 31)) * 0x94D049BB133111EBull;
  h = (h ^ k.b ^ (h >> 29)) * 0xBF58476D1CE4E5B9ull;
  return static_cast<size_t>(h ^ (h >> 32));
}

bool AnonTypes::same(const Entry& e, const Key& key, const TypeDef& def, const std::vector<TypeDef>& types) {
  return e.key == key && (def.members.empty() || same_members(types[e.id], def));
}

TypeId AnonTypes::find_or_add(const TypeDef& def, const std::vector<TypeDef>& types, TypeId next) {
  const Key key = key_of(def);
  const uint32_t anchor = anchor_of(def);
  if (anchor == UINT32_MAX) return find_or_add_hashed(key, def, types, next);
  if (anchors_.size() <= anchor) anchors_.resize(std::max<size_t>(anchor + 1, types.size()));
  Anchor& a = anchors_[anchor];
  for (uint32_t i = a.newest; i != UINT32_MAX; i = entries_[i].next) {
    if (same(entries_[i], key, def, types)) return TypeId(entries_[i].id);
  }
  if (a.count >= kMaxPerAnchor) return find_or_add_hashed(key, def, types, next);
  entries_.push_back(Entry{key, next.index, a.newest});
  a.newest = static_cast<uint32_t>(entries_.size() - 1);
  ++a.count;
  return next;
}

TypeId AnonTypes::find_or_add_hashed(const Key& key, const TypeDef& def, const std::vector<TypeDef>& types,
                                     TypeId next) {
  const size_t mask = slots_.size() - 1;
  size_t i = hash_of(key) & mask;
  for (; slots_[i].id != UINT32_MAX; i = (i + 1) & mask) {
    if (same(slots_[i], key, def, types)) return TypeId(slots_[i].id);
  }
  slots_[i] = Entry{key, next.index, UINT32_MAX};
  if (++count_ * 2 > slots_.size()) grow();
  return next;
}

void AnonTypes::grow() {
  std::vector<Entry> old = std::move(slots_);
  slots_.assign(old.size() * 2, Entry{});
  const size_t mask = slots_.size() - 1;
  for (const Entry& e : old) {
    if (e.id == UINT32_MAX) continue;
    size_t j = hash_of(e.key) & mask;
    while (slots_[j].id != UINT32_MAX) j = (j + 1) & mask;
    slots_[j] = e;
  }
}

}  // namespace plumb
