// The set of a package's anonymous types (`list<u8>`, `option<r>`, tuples
// ...), by structure: two of them with the same structure are one type.
//
// Open addressing keyed by a compact structural key held in the slot itself:
// for every kind but tuples the key is the whole structure, so a lookup
// reads one slot and never the (large, cold) type arena. Tuples, whose
// members do not fit a key, are confirmed against the arena.
#pragma once

#include <cstdint>
#include <vector>

#include "plumb/resolver/model.h"

namespace plumb {

class AnonTypes {
 public:
  // The id of a type structurally equal to `def` in `types`, if one was
  // added; otherwise remembers `next` (the id `def` will get) and returns it.
  TypeId find_or_add(const TypeDef& def, const std::vector<TypeDef>& types, TypeId next);

 private:
  struct Key {
    uint64_t shape = 0;  // kind, handle, has_a/has_b, size; member count for tuples
    uint64_t a = 0, b = 0;  // the element types; a hash of the members for tuples
    friend bool operator==(const Key&, const Key&) = default;
  };
  struct Slot {
    Key key;
    uint32_t id = UINT32_MAX;
  };
  static Key key_of(const TypeDef& def);
  static size_t hash_of(const Key& key);
  void grow();

  std::vector<Slot> slots_ = std::vector<Slot>(64);
  size_t count_ = 0;
};

}  // namespace plumb
