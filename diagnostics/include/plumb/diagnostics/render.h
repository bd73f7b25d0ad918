// Turns diagnostics into text: for people (rustc-like, with source snippets),
// for machines (one JSON object per line, schemas/diagnostic.schema.json; one
// `file:line:col: error[CODE]: message` line; a SARIF 2.1.0 log, see
// sarif.h), and for GitHub Actions (workflow annotations).
#pragma once

#include <string>
#include <string_view>

#include "plumb/diagnostics/diagnostic.h"
#include "plumb/diagnostics/source_map.h"

namespace plumb {

// Human: rustc-like blocks with snippets; Short: one line per diagnostic
// (`file:line:col: error[E0301]: message`); Json: one JSON object per line;
// Github: workflow annotations; Sarif: one SARIF 2.1.0 document per run.
enum class MessageFormat { Human, Json, Github, Short, Sarif };

struct RenderOptions {
  MessageFormat format = MessageFormat::Human;
  bool color = false;
};

// Parses "human", "json", "github", "short" or "sarif".
bool parse_message_format(std::string_view text, MessageFormat& out);

// The rendered text of one diagnostic, ending in a newline. SARIF is a
// document for a whole run (SarifLog collects one); here it is a log of this
// one diagnostic.
std::string render(const Diagnostic& d, const SourceMap& sources, const RenderOptions& options);

}  // namespace plumb
