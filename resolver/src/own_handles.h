// Implicit `own` handles: wherever a type reference names a resource
// (directly or through `type a = r` aliases) the reference replaces it with
// an anonymous `own<...>` type, made once per referenced type. Linking a WIT
// package and merging a decoded one both do this.
#pragma once

#include <unordered_map>

#include "plumb/resolver/model.h"

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
      own.a = Type::ref(ty.id());
      own.has_a = true;
      r.types.push_back(std::move(own));
      it->second = TypeId(r.types.size() - 1);
    }
    ty.set_id(it->second);
  }

  // The handle already made for `target`, or `made` (remembered as its handle).
  TypeId remember(uint32_t target, TypeId made) { return cache_.try_emplace(target, made).first->second; }

 private:
  static bool names_resource(const Resolve& r, TypeId id) {
    for (;;) {
      const TypeDef& def = r.type(id);
      if (def.kind == TypeDefKind::Alias && def.a.is_ref()) {
        id = def.a.id();
        continue;
      }
      return def.kind == TypeDefKind::Resource;
    }
  }

  std::unordered_map<uint32_t, TypeId> cache_;
};

}  // namespace plumb
