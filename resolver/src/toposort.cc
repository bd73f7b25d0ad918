#include "toposort.h"

#include <functional>
#include <queue>
#include <string>

#include "unresolved.h"

namespace plumb {

std::vector<uint32_t> toposort(std::string_view kind, const std::vector<uint32_t>& first,
                               const std::vector<TopoEdge>& edges) {
  const size_t n = first.size() - 1;
  std::vector<uint32_t> order;
  order.reserve(n);
  // When every dependency is listed before its dependent (the usual case),
  // taking the first ready node each time yields the listing order itself.
  bool backwards = true;
  for (uint32_t i = 0; i < n && backwards; ++i) {
    for (uint32_t e = first[i]; e < first[i + 1]; ++e) {
      if (edges[e].to >= i) {
        backwards = false;
        break;
      }
    }
  }
  if (backwards) {
    for (uint32_t i = 0; i < n; ++i) order.push_back(i);
    return order;
  }
  std::vector<uint32_t> remaining(n);
  std::vector<std::vector<uint32_t>> reverse(n);
  for (uint32_t i = 0; i < n; ++i) {
    remaining[i] = first[i + 1] - first[i];
    for (uint32_t e = first[i]; e < first[i + 1]; ++e) reverse[edges[e].to].push_back(i);
  }
  // A min-heap of indices: the ready node listed first comes out first.
  std::priority_queue<uint32_t, std::vector<uint32_t>, std::greater<>> ready;
  for (uint32_t i = 0; i < n; ++i) {
    if (remaining[i] == 0) ready.push(i);
  }
  while (!ready.empty()) {
    uint32_t i = ready.top();
    ready.pop();
    order.push_back(i);
    for (uint32_t j : reverse[i]) {
      if (--remaining[j] == 0) ready.push(j);
    }
  }
  if (order.size() == n) return order;
  // A cycle: report the first edge (in listing order) between unfinished nodes.
  for (uint32_t i = 0; i < n; ++i) {
    if (remaining[i] == 0) continue;
    for (uint32_t e = first[i]; e < first[i + 1]; ++e) {
      if (remaining[edges[e].to] == 0) continue;
      resolve_error(DiagCode::DependencyCycle, edges[e].id.span, std::string(kind) + " `" + std::string(edges[e].id.name) + "` depends on itself");
    }
  }
  resolve_error(DiagCode::DependencyCycle, Span(), "dependency cycle");
}

std::vector<std::string_view> toposort(std::string_view kind,
                                       const IndexMap<std::string_view, std::vector<ast::Id>>& deps) {
  std::vector<uint32_t> first;
  std::vector<TopoEdge> edges;
  first.reserve(deps.size() + 1);
  for (const auto& [name, ids] : deps) {
    first.push_back(static_cast<uint32_t>(edges.size()));
    for (const ast::Id& id : ids) {
      int64_t to = deps.index_of(id.name);
      if (to < 0) resolve_error(kind == "type" ? DiagCode::UnknownType : DiagCode::UnknownItem, id.span, std::string(kind) + " `" + std::string(id.name) + "` does not exist");
      edges.push_back(TopoEdge{static_cast<uint32_t>(to), id});
    }
  }
  first.push_back(static_cast<uint32_t>(edges.size()));
  std::vector<std::string_view> names;
  names.reserve(deps.size());
  for (uint32_t i : toposort(kind, first, edges)) names.push_back(deps.at_index(i).first);
  return names;
}

}  // namespace plumb
