// The order a snapshot lists an interface's functions in (the reference
// sorts them so, stably, before encoding): resource functions first, grouped
// by their resource's place among the interface's types, then the
// freestanding ones. The encoder sorts by it; the decoder, which reads
// functions in that order, uses it to put the source order back.
#pragma once

#include <unordered_map>
#include <vector>

#include "plumb/model/model.h"

namespace plumb {

// Each function's group (its resource's position among the types, or the
// number of types for a freestanding function), in the interface's order.
inline std::vector<size_t> function_groups(const Interface& iface) {
  std::unordered_map<uint32_t, size_t> position;  // resource TypeId -> its place among the types
  for (size_t i = 0; i < iface.types.size(); ++i) position.emplace(iface.types.at_index(i).second.index, i);
  std::vector<size_t> groups;
  groups.reserve(iface.functions.size());
  for (const auto& [name, f] : iface.functions) {
    auto found = f.has_resource() ? position.find(f.resource.index) : position.end();
    groups.push_back(found == position.end() ? iface.types.size() : found->second);
  }
  return groups;
}

}  // namespace plumb
