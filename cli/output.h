// How the CLI talks to people and machines: diagnostics in the chosen
// format, colour only on a terminal that wants it.
#pragma once

#include <cstdio>
#include <string>

#include "plumb/diagnostics/diagnostic.h"
#include "plumb/diagnostics/render.h"
#include "plumb/diagnostics/source_map.h"

namespace plumb::cli {

enum class ColorChoice { Auto, Always, Never };

// Colour for `stream` under `choice`: Auto means a terminal, NO_COLOR unset
// and TERM not "dumb".
bool use_color(ColorChoice choice, FILE* stream);

// Writes every diagnostic of `diags` (in report order) to stderr.
// `continued` says earlier diagnostics were already written (for spacing).
void emit(const Diagnostics& diags, const SourceMap& sources, const RenderOptions& options, bool continued = false);

}  // namespace plumb::cli
