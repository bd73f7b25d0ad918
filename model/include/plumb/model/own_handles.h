// Implicit `own` handles: wherever a type reference names a resource
// (directly or through `type a = r` aliases) the reference replaces it with
// an anonymous `own<...>` type, made once per referenced type. Linking a WIT
// package and merging a decoded one both do this.
#pragma once

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "plumb/model/model.h"

namespace plumb {

class OwnHandles {
 public:
  // `ty` (already mapped into `r`) replaced by its own handle if it names a
  // resource, creating the handle at the end of `r`'s types on first need.
  void apply(Resolve& r, Type& ty) {
    if (!ty.is_ref() || !names_resource(r, ty.id())) return;
    auto [it, inserted] = cache_.try_emplace(ty.id().index, TypeId());
    if (inserted) {
      TypeDef own;
      own.kind = TypeDefKind::Handle;
      own.handle = HandleKind::Own;
      own.set_resource(ty.id());
      r.types.push_back(std::move(own));
      it->second = TypeId(r.types.size() - 1);
    }
    ty.set_id(it->second);
  }

  // Whether apply(r, ty) would add a type to `r`.
  bool would_make(const Resolve& r, Type ty) {
    return ty.is_ref() && names_resource(r, ty.id()) && !cache_.count(ty.id().index);
  }

  // Records whether `id`, just added to `r`, names a resource (while it is
  // still in cache), for the references to it that follow.
  void note(const Resolve& r, TypeId id) {
    const TypeDef& def = r.type(id);
    if (def.kind == TypeDefKind::Alias && def.element().is_ref()) return;  // asked (and followed) on first need
    known(r, id) = def.kind == TypeDefKind::Resource ? kYes : kNo;
  }

  // The handle already made for `target`, or `made` (remembered as its handle).
  TypeId remember(uint32_t target, TypeId made) { return cache_.try_emplace(target, made).first->second; }

 private:
  // Whether `id` is a resource or an alias of one. Remembered per type: every
  // reference asks, and the answer would otherwise cost a read of a random
  // place of the type arena.
  bool names_resource(const Resolve& r, TypeId id) {
    if (known(r, id) != kUnknown) return known(r, id) == kYes;
    // Follow the aliases to a type that is not one (or whose answer is
    // known), then give every alias on the way that answer.
    TypeId cur = id;
    uint8_t answer = kNo;
    for (;;) {
      if (known(r, cur) != kUnknown) {
        answer = known(r, cur);
        break;
      }
      const TypeDef& def = r.type(cur);
      if (!(def.kind == TypeDefKind::Alias && def.element().is_ref())) {
        answer = def.kind == TypeDefKind::Resource ? kYes : kNo;
        break;
      }
      cur = def.element().id();
    }
    for (TypeId at = id; known_[at.index] == kUnknown; at = r.type(at).element().id()) {
      known_[at.index] = answer;
      if (at == cur) break;
    }
    return answer == kYes;
  }

  // The remembered answer for `id` (room is made as the Resolve grows).
  uint8_t& known(const Resolve& r, TypeId id) {
    if (known_.size() <= id.index) known_.resize(std::max<size_t>(r.types.size(), id.index + 1), kUnknown);
    return known_[id.index];
  }

  static constexpr uint8_t kUnknown = 2, kYes = 1, kNo = 0;
  std::unordered_map<uint32_t, TypeId> cache_;
  std::vector<uint8_t> known_;  // by type id of the Resolve
};

}  // namespace plumb
