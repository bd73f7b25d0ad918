#include "toposort.h"

#include <algorithm>
#include <functional>
#include <queue>
#include <string>

#include "unresolved.h"

namespace plumb {

namespace {

// The names along a cycle through the edge `edges[through]` (leaving node
// `from`), among the nodes not sorted: "a -> b -> a".
std::string cycle_path(const std::vector<uint32_t>& first, const std::vector<TopoEdge>& edges,
                       const std::vector<uint32_t>& remaining, uint32_t from, uint32_t through) {
  const size_t n = first.size() - 1;
  // Breadth-first from the edge's target back to `from`.
  std::vector<uint32_t> came_by(n, UINT32_MAX);  // the edge that reached a node
  std::vector<uint32_t> queue{edges[through].to};
  came_by[edges[through].to] = through;
  for (size_t q = 0; q < queue.size() && came_by[from] == UINT32_MAX; ++q) {
    uint32_t i = queue[q];
    for (uint32_t e = first[i]; e < first[i + 1]; ++e) {
      uint32_t to = edges[e].to;
      if (remaining[to] == 0 || came_by[to] != UINT32_MAX) continue;
      came_by[to] = e;
      queue.push_back(to);
    }
  }
  // Walk back from `from` to the edge we started with, naming each edge.
  std::vector<std::string_view> names;
  for (uint32_t e = came_by[from]; e != UINT32_MAX; ) {
    names.push_back(edges[e].id.name);
    if (e == through) break;
    // The node this edge leaves: the one whose edge range holds it.
    uint32_t source = static_cast<uint32_t>(std::upper_bound(first.begin(), first.end(), e) - first.begin()) - 1;
    e = came_by[source];
    if (names.size() > n) break;  // (cannot happen: each node is reached once)
  }
  if (came_by[from] == UINT32_MAX) {
    // `from` only depends on a cycle: show the cycle it reaches, following
    // the first unfinished dependency of each node until one repeats
    // (every unfinished node has one).
    std::vector<std::pair<uint32_t, std::string_view>> walk{{edges[through].to, edges[through].id.name}};
    std::vector<int64_t> at(n, -1);
    at[edges[through].to] = 0;
    for (;;) {
      uint32_t cur = walk.back().first, next = UINT32_MAX;
      std::string_view name;
      for (uint32_t e = first[cur]; e < first[cur + 1] && next == UINT32_MAX; ++e) {
        if (remaining[edges[e].to] != 0) next = edges[e].to, name = edges[e].id.name;
      }
      if (next == UINT32_MAX) break;  // (cannot happen)
      walk.emplace_back(next, name);
      if (at[next] >= 0) {
        walk.erase(walk.begin(), walk.begin() + at[next]);
        break;
      }
      at[next] = static_cast<int64_t>(walk.size() - 1);
    }
    std::string path;
    for (const auto& [node, name] : walk) path += (path.empty() ? "`" : " -> `") + std::string(name) + "`";
    return path;
  }
  std::string path;
  for (auto it = names.rbegin(); it != names.rend(); ++it) path += "`" + std::string(*it) + "` -> ";
  path += "`" + std::string(edges[through].id.name) + "`";
  return path;
}

}  // namespace

TopoOrder toposort_all(std::string_view kind, const std::vector<uint32_t>& first, const std::vector<TopoEdge>& edges) {
  const size_t n = first.size() - 1;
  TopoOrder out;
  out.order.reserve(n);
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
    for (uint32_t i = 0; i < n; ++i) out.order.push_back(i);
    out.sorted = n;
    return out;
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
    out.order.push_back(i);
    for (uint32_t j : reverse[i]) {
      if (--remaining[j] == 0) ready.push(j);
    }
  }
  out.sorted = out.order.size();
  if (out.sorted == n) return out;
  for (uint32_t i = 0; i < n; ++i) {
    if (remaining[i] != 0) out.order.push_back(i);
  }
  // A cycle: report the first edge (in listing order) between unfinished nodes.
  for (uint32_t i = 0; i < n && !out.cycle; ++i) {
    if (remaining[i] == 0) continue;
    for (uint32_t e = first[i]; e < first[i + 1]; ++e) {
      if (remaining[edges[e].to] == 0) continue;
      Diagnostic d = Diagnostic::error(DiagCode::DependencyCycle, edges[e].id.span,
                                       std::string(kind) + " `" + std::string(edges[e].id.name) + "` depends on itself");
      d.with_note("the cycle: " + cycle_path(first, edges, remaining, i, e));
      out.cycle = std::move(d);
      break;
    }
  }
  if (!out.cycle) out.cycle = Diagnostic::error(DiagCode::DependencyCycle, Span(), "dependency cycle");
  return out;
}

std::vector<uint32_t> toposort(std::string_view kind, const std::vector<uint32_t>& first,
                               const std::vector<TopoEdge>& edges) {
  TopoOrder sorted = toposort_all(kind, first, edges);
  if (sorted.cycle) throw DiagnosticError{std::move(*sorted.cycle)};
  return std::move(sorted.order);
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
      if (to < 0)
        raise(kind == "type" ? DiagCode::UnknownType : DiagCode::UnknownItem, id.span,
              std::string(kind) + " `" + std::string(id.name) + "` does not exist");
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
