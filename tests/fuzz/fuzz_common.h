// Shared by the fuzz targets: every diagnostic a target produces is also
// rendered (human and JSON), so the renderers see the same hostile input.
#pragma once

#include "plumb/diagnostics/diagnostic.h"
#include "plumb/diagnostics/render.h"
#include "plumb/diagnostics/source_map.h"

namespace plumb::fuzz {

inline void render_all(const Diagnostics& diags, const SourceMap& sources) {
  for (const Diagnostic& d : diags.all()) {
    (void)render(d, sources, RenderOptions{MessageFormat::Human, true});
    (void)render(d, sources, RenderOptions{MessageFormat::Json, false});
  }
}

}  // namespace plumb::fuzz
