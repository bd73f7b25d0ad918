// The reference's topological sort: among the nodes whose dependencies are
// all done, always take the one listed first. Cycles and unknown names are
// errors naming `kind` ("type", "interface or world").
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "plumb/diagnostics/diagnostic.h"
#include "plumb/parser/ast.h"
#include "plumb/support/index_map.h"

namespace plumb {

// `deps` maps each node to the names it depends on (with their spans).
// Returns the node names in visiting order, or throws DiagnosticError.
std::vector<std::string_view> toposort(std::string_view kind,
                                       const IndexMap<std::string_view, std::vector<ast::Id>>& deps);

// A dependency on node `to`, written as `id` (for errors).
struct TopoEdge {
  uint32_t to;
  ast::Id id;
};

// The same on nodes 0..n-1 (listing order) whose dependencies are known to
// exist: node i depends on edges[first[i]] .. edges[first[i + 1] - 1].
// Returns the node indices in visiting order, or throws DiagnosticError (a
// cycle).
std::vector<uint32_t> toposort(std::string_view kind, const std::vector<uint32_t>& first,
                               const std::vector<TopoEdge>& edges);

// The same, carrying on past a cycle: every node is in `order`, the sorted
// ones first (`sorted` of them), then those on or behind a cycle, in
// listing order; `cycle` is the reference's error for it, with a note that
// shows the cycle's path.
struct TopoOrder {
  std::vector<uint32_t> order;
  size_t sorted = 0;
  std::optional<Diagnostic> cycle;
};
TopoOrder toposort_all(std::string_view kind, const std::vector<uint32_t>& first, const std::vector<TopoEdge>& edges);

}  // namespace plumb
