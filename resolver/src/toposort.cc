#include "toposort.h"

#include <functional>
#include <queue>
#include <string>

#include "unresolved.h"

namespace plumb {

std::vector<std::string_view> toposort(std::string_view kind,
                                       const IndexMap<std::string_view, std::vector<ast::Id>>& deps) {
  const size_t n = deps.size();
  // When every dependency is listed before its dependent (the usual case),
  // taking the first ready node each time yields the listing order itself.
  bool backwards = true;
  for (size_t i = 0; i < n && backwards; ++i) {
    for (const ast::Id& edge : deps.at_index(i).second) {
      int64_t j = deps.index_of(edge.name);
      if (j < 0 || static_cast<size_t>(j) >= i) {
        backwards = false;
        break;
      }
    }
  }
  if (backwards) {
    std::vector<std::string_view> order;
    order.reserve(n);
    for (const auto& [name, edges] : deps) order.push_back(name);
    return order;
  }
  std::vector<size_t> remaining(n);
  std::vector<std::vector<size_t>> reverse(n);
  for (size_t i = 0; i < n; ++i) {
    const auto& edges = deps.at_index(i).second;
    remaining[i] = edges.size();
    for (const ast::Id& edge : edges) {
      int64_t j = deps.index_of(edge.name);
      if (j < 0) resolve_error(edge.span, std::string(kind) + " `" + std::string(edge.name) + "` does not exist");
      reverse[static_cast<size_t>(j)].push_back(i);
    }
  }
  // A min-heap of indices: the ready node listed first comes out first.
  std::priority_queue<size_t, std::vector<size_t>, std::greater<>> ready;
  for (size_t i = 0; i < n; ++i) {
    if (remaining[i] == 0) ready.push(i);
  }
  std::vector<std::string_view> order;
  order.reserve(n);
  while (!ready.empty()) {
    size_t i = ready.top();
    ready.pop();
    order.push_back(deps.at_index(i).first);
    for (size_t j : reverse[i]) {
      if (--remaining[j] == 0) ready.push(j);
    }
  }
  if (order.size() == n) return order;
  // A cycle: report the first edge (in listing order) between unfinished nodes.
  for (size_t i = 0; i < n; ++i) {
    if (remaining[i] == 0) continue;
    for (const ast::Id& edge : deps.at_index(i).second) {
      if (remaining[static_cast<size_t>(deps.index_of(edge.name))] == 0) continue;
      resolve_error(edge.span, std::string(kind) + " `" + std::string(edge.name) + "` depends on itself");
    }
  }
  resolve_error(Span(), "dependency cycle");
}

}  // namespace plumb
