#include "anon_types.h"

namespace plumb {
namespace {

uint64_t encode(Type t) {
  return t.kind == Type::Ref ? (uint64_t{t.id.index} << 8) | uint64_t{Type::Ref} : uint64_t{t.kind} + 1;
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
  k.shape = static_cast<uint64_t>(d.kind) | (static_cast<uint64_t>(d.handle) << 8) | (uint64_t{d.has_a} << 16) |
            (uint64_t{d.has_b} << 17) | (uint64_t{d.size} << 32);
  k.a = d.has_a ? encode(d.a) : 0;
  k.b = d.has_b ? encode(d.b) : 0;
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

TypeId AnonTypes::find_or_add(const TypeDef& def, const std::vector<TypeDef>& types, TypeId next) {
  const Key key = key_of(def);
  const size_t mask = slots_.size() - 1;
  size_t i = hash_of(key) & mask;
  for (; slots_[i].id != UINT32_MAX; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.key == key && (def.members.empty() || same_members(types[s.id], def))) return TypeId(s.id);
  }
  slots_[i] = Slot{key, next.index};
  if (++count_ * 2 > slots_.size()) grow();
  return next;
}

void AnonTypes::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.size() * 2, Slot{});
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.id == UINT32_MAX) continue;
    size_t j = hash_of(s.key) & mask;
    while (slots_[j].id != UINT32_MAX) j = (j + 1) & mask;
    slots_[j] = s;
  }
}

}  // namespace plumb
