// The set of a package's anonymous types (`list<u8>`, `option<r>`, tuples
// ...), by structure: two of them with the same structure are one type.
//
// A type that refers to other types is filed under the newest of them (its
// anchor): `option<r>` and `list<r>` are looked for among the few types
// filed under `r`, which were made about when `r` was, so a lookup touches
// memory that is still in cache instead of a random slot of a table as
// large as the package. Types that refer to none (`list<string>`), and the
// overflow of an anchor with very many types, go to a hash table. Keys are
// held beside the ids, so only tuples (whose members do not fit a key) are
// confirmed against the type arena.
#pragma once

#include <cstdint>
#include <vector>

#include "plumb/model/model.h"

namespace plumb {

class AnonTypes {
 public:
  // The id of a type structurally equal to `def` in `types`, if one was
  // added; otherwise remembers `next` (the id `def` will get) and returns it.
  TypeId find_or_add(const TypeDef& def, const std::vector<TypeDef>& types, TypeId next);
  // Room for a package of up to `types` types.
  void reserve(size_t types) {
    anchors_.reserve(types);
    entries_.reserve(types);
  }

 private:
  struct Key {
    uint64_t shape = 0;     // kind, handle, which slots hold a type, size; member count for tuples
    uint64_t a = 0, b = 0;  // the element types; a hash of the members for tuples
    friend bool operator==(const Key&, const Key&) = default;
  };
  struct Entry {
    Key key;
    uint32_t id = UINT32_MAX;
    uint32_t next = UINT32_MAX;  // the next entry of the same anchor
  };
  static Key key_of(const TypeDef& def);
  static size_t hash_of(const Key& key);
  static bool same(const Entry& e, const Key& key, const TypeDef& def, const std::vector<TypeDef>& types);

  TypeId find_or_add_hashed(const Key& key, const TypeDef& def, const std::vector<TypeDef>& types, TypeId next);
  void grow();

  // Entries filed under anchors, in the order they were made.
  std::vector<Entry> entries_;
  // By anchor type id: its newest entry and how many it has.
  struct Anchor {
    uint32_t newest = UINT32_MAX;
    uint32_t count = 0;
  };
  std::vector<Anchor> anchors_;

  // The hash table: open addressing, at most half full.
  std::vector<Entry> slots_ = std::vector<Entry>(16);
  size_t count_ = 0;
};

}  // namespace plumb
