// Shared by the fuzz targets: every diagnostic a target produces is also
// rendered (human and JSON), so the renderers see the same hostile input.
#pragma once

#include <cstdlib>
#include <string>

#include "plumb/component/encode_package.h"
#include "plumb/diagnostics/diagnostic.h"
#include "plumb/diagnostics/render.h"
#include "plumb/diagnostics/source_map.h"
#include "plumb/model/print_wit.h"
#include "plumb/resolver/resolve.h"

namespace plumb::fuzz {

inline void render_all(const Diagnostics& diags, const SourceMap& sources) {
  for (const Diagnostic& d : diags.all()) {
    (void)render(d, sources, RenderOptions{MessageFormat::Human, true});
    (void)render(d, sources, RenderOptions{MessageFormat::Json, false});
  }
}

// A package that resolved: printed as WIT, and encoded; its snapshot must
// decode, and encoding the decoded package must give the same bytes (a
// finding aborts, so that libFuzzer keeps the input).
inline void snapshot_round_trip(const Resolve& r, PackageId main, const ResolveOptions& options) {
  (void)print_wit(r, main, nested_packages(r, main));
  SnapshotResult snapshot = encode_wit_package(r, main);
  if (!snapshot) return;  // empty packages and types: refused, with an error
  Diagnostics diags;
  ResolveResult decoded = resolve_text("snapshot.wasm", *snapshot, options, diags);
  if (!decoded.ok()) std::abort();
  SnapshotResult again = encode_wit_package(*decoded.resolve, *decoded.main);
  if (!again || *again != *snapshot) std::abort();
}

}  // namespace plumb::fuzz
