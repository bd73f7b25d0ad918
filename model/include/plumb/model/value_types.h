// The one walk over the types a type definition holds as values, shared by
// the linker (WIT text) and the merge of decoded packages (binaries).
#pragma once

#include "plumb/model/model.h"

namespace plumb {

// Calls visit(type, span) on each type `ty` holds as a value, the types in
// which a reference to a resource becomes its `own` handle: members, and
// the elements of options, lists, results and the like. (A handle or an
// alias refers to its type itself.) A record field reports its own span.
template <class Def, class Visit>
void for_each_value_type(Def& ty, Span span, Visit&& visit) {
  switch (ty.kind) {
    case TypeDefKind::Record:
      for (auto& m : ty.members) visit(m.type, m.span);
      break;
    case TypeDefKind::Tuple:
    case TypeDefKind::Variant:
      for (auto& m : ty.members) {
        if (m.has_type) visit(m.type, span);
      }
      break;
    case TypeDefKind::Option:
    case TypeDefKind::List:
    case TypeDefKind::FixedList:
    case TypeDefKind::Future:
    case TypeDefKind::Stream:
    case TypeDefKind::Map:
    case TypeDefKind::Result:
      ty.for_each_slot([&](auto& t) { visit(t, span); });
      break;
    default:
      break;
  }
}

}  // namespace plumb
