// The reference's topological sort: among the nodes whose dependencies are
// all done, always take the one listed first. Cycles and unknown names are
// errors naming `kind` ("type", "interface or world").
#pragma once

#include <string_view>
#include <vector>

#include "plumb/parser/ast.h"
#include "plumb/resolver/index_map.h"

namespace plumb {

// `deps` maps each node to the names it depends on (with their spans).
// Returns the node names in visiting order, or throws ResolveError.
std::vector<std::string_view> toposort(std::string_view kind,
                                       const IndexMap<std::string_view, std::vector<ast::Id>>& deps);

}  // namespace plumb
