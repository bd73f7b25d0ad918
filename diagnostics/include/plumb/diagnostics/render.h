// Turns diagnostics into text: for people (rustc-like, with source snippets),
// for machines (one JSON object per line, schemas/diagnostic.schema.json), and
// for GitHub Actions (workflow annotations).
#pragma once

#include <string>
#include <string_view>

#include "plumb/diagnostics/diagnostic.h"
#include "plumb/diagnostics/source_map.h"

namespace plumb {

enum class MessageFormat { Human, Json, Github };

struct RenderOptions {
  MessageFormat format = MessageFormat::Human;
  bool color = false;
};

// Parses "human", "json" or "github".
bool parse_message_format(std::string_view text, MessageFormat& out);

// The rendered text of one diagnostic, ending in a newline.
std::string render(const Diagnostic& d, const SourceMap& sources, const RenderOptions& options);


}  // namespace plumb
